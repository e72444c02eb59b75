import { Spin } from 'antd';
import { useI18n } from '../i18n';

export default function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-live="polite" style={{ padding: 64, textAlign: 'center' }}>
      <Spin tip={t('common.loading')} size="large">
        <div style={{ minHeight: 48 }} />
      </Spin>
    </div>
  );
}
