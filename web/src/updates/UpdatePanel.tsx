// The provider's way to the public for a new version of a published entry: the path the policy
// profile gives it ("直接发布更新" or "提交更新审核"), why, and the button that takes it.
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Input, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ApiError, reviewApi } from '../api';
import type { Case } from '../api';
import { useI18n } from '../i18n';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import { updatesApi } from './api';

interface Props {
  code: string;
  versionId: number;
  /** After the update was published or submitted (the caller reloads what it shows). */
  onDone?: (c: Case) => void;
}

/** Nothing for an entry that is not published yet (its first publication is submitted for review). */
export default function UpdatePanel({ code, versionId, onDone }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => updatesApi.path(code, versionId), [code, versionId]);
  const path = useLoad(load, `${code}/${versionId}`);
  // While a publication case of the entry is open, the case page is where it goes on.
  const loadOpen = useCallback(
    () => reviewApi.cases({ entry: code, open: true, type: 'publication' }).then((r) => r.items),
    [code],
  );
  const open = useLoad(loadOpen, `${code}/${versionId}`);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<Case | undefined>(undefined);

  if (path.error instanceof ApiError && (path.error.code === 'not_published' || path.error.status === 409)) {
    return null;
  }
  if (!done && open.data && open.data.length > 0) return null;
  if (!path.data) {
    return path.error ? <ErrorAlert error={path.error} onRetry={path.reload} /> : <PageLoading />;
  }
  const p = path.data;
  const direct = p.path === 'direct';

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const c = await updatesApi.submit(code, { version_id: versionId, comment: comment.trim() || undefined });
      setDone(c);
      void message.success(
        c.state === 'approved' ? t('updates.publishedOk', { n: p.version.number }) : t('updates.submittedOk'),
      );
      onDone?.(c);
    } catch (err) {
      setError(err);
      path.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={<h2 className="card-heading">{t('updates.title')}</h2>}
      data-testid="update-path"
      data-path={p.path}
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          data-testid="update-done"
          message={
            done.state === 'approved' ? t('updates.publishedOk', { n: p.version.number }) : t('updates.submittedOk')
          }
          action={<Link to={`/console/cases/${done.id}`}>{t('updates.viewCase')}</Link>}
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type={direct ? 'success' : 'info'}
            showIcon
            message={
              <strong data-testid="update-path-label">{direct ? t('updates.direct') : t('updates.review')}</strong>
            }
            description={
              <>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {t(direct ? 'updates.directLead' : 'updates.reviewLead', {
                    n: p.version.number,
                    m: p.replaces.number,
                  })}
                </Typography.Paragraph>
                <Typography.Text type="secondary">{t('updates.why')}</Typography.Text>
                <ul style={{ margin: '4px 0' }} data-testid="update-reasons">
                  {p.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </>
            }
          />
          {!p.complete && (
            <Alert
              type="warning"
              showIcon
              message={t('updates.incomplete')}
              description={
                <ul style={{ margin: 0 }}>
                  {p.problems.map((x) => (
                    <li key={`${x.field}:${x.message}`}>{x.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          <ErrorAlert error={error} title={t('updates.failed')} />
          <div>
            <label htmlFor={`update-comment-${versionId}`} style={{ display: 'block', marginBottom: 4 }}>
              {t('updates.comment')}
            </label>
            <Input
              id={`update-comment-${versionId}`}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t('updates.commentPlaceholder')}
              style={{ maxWidth: 420 }}
              maxLength={200}
            />
          </div>
          <Button
            type="primary"
            loading={busy}
            disabled={!p.complete}
            onClick={() => void submit()}
            data-testid="update-submit"
          >
            {direct ? t('updates.direct') : t('updates.review')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
