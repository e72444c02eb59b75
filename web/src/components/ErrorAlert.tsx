import { Alert, Button } from 'antd';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';

interface Props {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** An error in words, announced to screen readers (role="alert" comes from antd). */
export default function ErrorAlert({ error, title, onRetry }: Props) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <Alert
      data-testid="api-error"
      type="error"
      showIcon
      message={title ?? t('error.title')}
      description={errorMessage(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
