import { App, Alert, Button, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { NewApiKey } from '../api';
import { useI18n } from '../i18n';
import { copyText } from '../clipboard';

/** Shows a freshly created key, the only time the server ever returns it. */
export default function NewKeyModal({ created, onClose }: { created: NewApiKey | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  const copy = async () => {
    if (!created) return;
    if (await copyText(created.key)) void message.success(t('keys.copied'));
    else void message.error(t('keys.copyFailed'));
  };

  return (
    <Modal
      open={created !== null}
      title={t('keys.shownOnceTitle')}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={[
        <Button key="copy" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-key">
          {t('keys.copy')}
        </Button>,
        <Button key="ok" type="primary" onClick={onClose}>
          {t('keys.saved')}
        </Button>,
      ]}
    >
      {created && (
        <>
          <Alert type="warning" showIcon message={t('keys.shownOnce', { name: created.name })} />
          <Typography.Paragraph style={{ marginTop: 16 }}>
            <code className="api-key-value" data-testid="new-api-key">
              {created.key}
            </code>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
