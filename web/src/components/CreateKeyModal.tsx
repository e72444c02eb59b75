import { useState } from 'react';
import { Form, Input, Modal } from 'antd';
import { api } from '../api';
import type { NewApiKey } from '../api';
import { useI18n } from '../i18n';
import ErrorAlert from './ErrorAlert';

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (key: NewApiKey) => void;
}

export default function CreateKeyModal({ open, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    let name: string;
    try {
      name = (await form.validateFields()).name.trim();
    } catch {
      return; // The form shows what is missing.
    }
    setBusy(true);
    setError(undefined);
    try {
      const key = await api.createApiKey(name);
      form.resetFields();
      onCreated(key);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('keys.createTitle')}
      okText={t('keys.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => {
        setError(undefined);
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={error} title={t('keys.createFailed')} />
      <Form form={form} name="create-key" layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label={t('keys.name')}
          name="name"
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('keys.name') }) },
            { max: 64 },
          ]}
        >
          <Input placeholder={t('keys.namePlaceholder')} autoFocus maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
