// Upload in one go: the dictionary the platform proposed from an upload, editable, and
// "采用并导入", which saves it and imports the kept file as a new job.
import { useState } from 'react';
import { Alert, Button, Card, Input, Radio, Space, Typography } from 'antd';
import type { Job, UploadMode } from '../api';
import { useI18n } from '../i18n';
import ErrorAlert from '../components/ErrorAlert';
import DictionaryEditor, { focusDictError, fromRows, toRows, validateRows } from '../components/DictionaryEditor';
import type { DictErrors, DictRow } from '../components/DictionaryEditor';
import { oneGoApi } from './api';

interface Props {
  job: Job;
  /** The new import job, once the dictionary is saved and the kept file queued. */
  onImported: (next: Job) => void;
}

export default function ProposalCard({ job, onImported }: Props) {
  const { t, label } = useI18n();
  const [rows, setRows] = useState<DictRow[]>(() => toRows(job.proposed_fields ?? []));
  const [errors, setErrors] = useState<DictErrors>({});
  const [reason, setReason] = useState(t('upload.adoptReasonDefault'));
  const [mode, setMode] = useState<UploadMode>(job.report?.mode === 'quarantine' ? 'quarantine' : 'reject');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const notes = job.report?.inference_notes ?? [];

  const adopt = async () => {
    const found = validateRows(rows, t);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      focusDictError(first);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const next = await oneGoApi.adopt(job.id, { fields: fromRows(rows), reason: reason.trim(), mode });
      onImported(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="card-heading">{t('oneGo.title')}</h2>} data-testid="proposed-dictionary">
      <Typography.Paragraph type="secondary">{t('oneGo.lead')}</Typography.Paragraph>
      {notes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('oneGo.notes')}
          data-testid="inference-notes"
          description={
            <ul style={{ margin: 0 }}>
              {notes.map((n) => (
                <li key={`${n.column}:${n.row}`}>{n.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <div data-testid="proposed-fields">
        <DictionaryEditor
          value={rows}
          onChange={(r) => {
            setRows(r);
            if (Object.keys(errors).length) setErrors({});
          }}
          errors={errors}
          disabled={busy}
        />
      </div>
      {Object.keys(errors).length > 0 && (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('oneGo.fixErrors')} />
      )}
      <ErrorAlert error={error} title={t('oneGo.failed')} />
      <Space wrap align="end" style={{ marginTop: 12 }}>
        <div>
          <label htmlFor="adopt-reason" style={{ display: 'block', marginBottom: 4 }}>
            {t('oneGo.reason')}
          </label>
          <Input
            id="adopt-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ width: 320, maxWidth: '100%' }}
            status={reason.trim() ? undefined : 'error'}
          />
        </div>
        <div>
          <div style={{ marginBottom: 4 }} id="adopt-mode-label">
            {t('oneGo.mode')}
          </div>
          <Radio.Group
            value={mode}
            onChange={(e) => setMode(e.target.value as UploadMode)}
            aria-labelledby="adopt-mode-label"
          >
            <Radio value="reject">{label('mode', 'reject')}</Radio>
            <Radio value="quarantine">{label('mode', 'quarantine')}</Radio>
          </Radio.Group>
        </div>
        <Button
          type="primary"
          loading={busy}
          disabled={!reason.trim() || rows.length === 0}
          onClick={() => void adopt()}
          data-testid="adopt-import"
        >
          {t('oneGo.adopt')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('oneGo.keptFor')}
      </Typography.Paragraph>
    </Card>
  );
}
