import { Typography } from 'antd';
import { useI18n } from '../i18n';

/** One data cell as tables show it: null in grey words, objects as JSON, the rest as text. */
export default function CellValue({ value }: { value: unknown }) {
  const { t } = useI18n();
  if (value === null || value === undefined) {
    return <Typography.Text type="secondary">{t('preview.null')}</Typography.Text>;
  }
  return <>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</>;
}
