import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Progress,
  Radio,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, catalogApi, MAX_UPLOAD_BYTES, uploadData } from '../api';
import type { Entry, Job, RowError, UploadHandle, UploadMode, Version } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import { formatBytes, formatCount, hasRole } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import DictionaryTable from '../components/DictionaryTable';
import { VersionStateTag } from '../components/EntryTags';
import ProposalCard from '../upload/ProposalCard';
import UpdatePanel from '../updates/UpdatePanel';

const POLL_MS = 500;
const ACCEPT = '.csv,.tsv,.txt,.xlsx,.json,.ndjson,.jsonl';
// "proposed": the entry had no dictionary; the server read the file, proposed one, stored nothing.
const TERMINAL = new Set(['succeeded', 'rejected', 'failed', 'proposed']);

const DELIMITERS: Record<string, string> = {
  ',': 'comma',
  '\t': 'tab',
  '\\t': 'tab',
  tab: 'tab',
  ';': 'semicolon',
  '|': 'pipe',
  comma: 'comma',
  semicolon: 'semicolon',
  pipe: 'pipe',
};

export default function UploadPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const load = useCallback(() => catalogApi.getEntry(code), [code]);
  const entry = useLoad(load, code);
  if (entry.error instanceof ApiError && entry.error.status === 404) {
    return <Alert type="error" showIcon message={t('dataset.notFound')} description={code} />;
  }
  if (!entry.data || entry.data.code !== code) {
    return entry.error ? <ErrorAlert error={entry.error} onRetry={entry.reload} /> : <PageLoading />;
  }
  return <Uploader entry={entry.data} reloadEntry={entry.reload} />;
}

type Phase = 'choose' | 'uploading' | 'processing' | 'done';

function Uploader({ entry, reloadEntry }: { entry: Entry; reloadEntry: () => void }) {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const jobParam = params.get('job');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState('');
  const [mode, setMode] = useState<UploadMode>('reject');
  const [phase, setPhase] = useState<Phase>(jobParam ? 'processing' : 'choose');
  const [sent, setSent] = useState({ loaded: 0, total: 0 });
  const [job, setJob] = useState<Job | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [pollError, setPollError] = useState<unknown>(undefined);
  const [pollTick, setPollTick] = useState(0);
  const handle = useRef<UploadHandle | null>(null);
  // Whether the entry had a dictionary when the upload started (the report offers one if not).
  const [hadDictionary, setHadDictionary] = useState((entry.fields ?? []).length > 0);

  const isXlsx = !!file && /\.xlsx$/i.test(file.name);
  const tooBig = !!file && file.size > MAX_UPLOAD_BYTES;

  // Polls the ingest job every 500 ms until it ends.
  useEffect(() => {
    if (!jobParam || phase === 'choose' || phase === 'uploading') return;
    let live = true;
    let timer: number | undefined;
    const poll = async () => {
      try {
        const j = await catalogApi.getJob(jobParam);
        if (!live) return;
        setJob(j);
        setPollError(undefined);
        if (TERMINAL.has(j.state)) {
          setPhase('done');
          return;
        }
        setPhase('processing');
        timer = window.setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (live) setPollError(err);
      }
    };
    void poll();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // phase is read only to decide whether to start; polling stops on its own when done.
  }, [jobParam, pollTick]);

  // Leaving while the file is still being sent would cancel it: ask first.
  useEffect(() => {
    if (phase !== 'uploading') return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [phase]);

  useEffect(() => () => handle.current?.abort(), []);

  const start = async () => {
    if (!file || tooBig) return;
    setError(undefined);
    setJob(undefined);
    setHadDictionary((entry.fields ?? []).length > 0);
    setSent({ loaded: 0, total: file.size });
    setPhase('uploading');
    const h = uploadData(entry.code, file, {
      mode,
      filename: file.name,
      sheet: isXlsx ? sheet : undefined,
      onProgress: (loaded, total) => setSent({ loaded, total }),
    });
    handle.current = h;
    try {
      const queued = await h.done;
      setJob(queued);
      setPhase(TERMINAL.has(queued.state) ? 'done' : 'processing');
      const next = new URLSearchParams(params);
      next.set('job', String(queued.id));
      setParams(next, { replace: true });
    } catch (err) {
      setPhase('choose');
      if (!(err instanceof ApiError && err.code === 'aborted')) setError(err);
    } finally {
      handle.current = null;
    }
  };

  const reset = () => {
    setFile(null);
    setJob(undefined);
    setError(undefined);
    setPollError(undefined);
    setPhase('choose');
    const next = new URLSearchParams(params);
    next.delete('job');
    setParams(next, { replace: true });
    reloadEntry();
  };

  // "采用并导入": the dictionary is saved and the kept file imported as a new job, polled as usual.
  const imported = (next: Job) => {
    setJob(next);
    setHadDictionary(true);
    setPhase(TERMINAL.has(next.state) ? 'done' : 'processing');
    const q = new URLSearchParams(params);
    q.set('job', String(next.id));
    setParams(q, { replace: true });
    reloadEntry();
  };

  const uploadPct = sent.total > 0 ? Math.min(100, (sent.loaded / sent.total) * 100) : 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/console/entries">{t('console.title')}</Link> },
          { title: <Link to={`/datasets/${encodeURIComponent(entry.code)}`}>{entry.name}</Link> },
          { title: t('upload.crumb') },
        ]}
      />
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('upload.title', { name: entry.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {(entry.fields ?? []).length > 0
            ? t('upload.leadWithDictionary', { n: entry.fields?.length ?? 0 })
            : t('upload.leadNoDictionary')}
        </Typography.Paragraph>
      </div>

      {phase === 'choose' && (
        <Card title={<h2 className="card-heading">{t('upload.choose')}</h2>}>
          <ErrorAlert error={error} title={t('upload.failed')} />
          <Form layout="vertical" name="upload" onFinish={() => void start()}>
            <Form.Item
              label={t('upload.file')}
              htmlFor="upload-file"
              required
              validateStatus={tooBig ? 'error' : undefined}
              help={tooBig ? t('upload.tooBig', { size: formatBytes(MAX_UPLOAD_BYTES) }) : undefined}
              extra={t('upload.fileHelp')}
            >
              <Upload.Dragger
                id="upload-file"
                accept={ACCEPT}
                multiple={false}
                maxCount={1}
                fileList={
                  file
                    ? [
                        {
                          uid: 'chosen',
                          name: t('common.withCode', { name: file.name, code: formatBytes(file.size) }),
                          status: 'done',
                        },
                      ]
                    : []
                }
                beforeUpload={(f) => {
                  setFile(f);
                  setError(undefined);
                  return false;
                }}
                onRemove={() => {
                  setFile(null);
                  return true;
                }}
                data-testid="file-input"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{t('upload.drop')}</p>
                <p className="ant-upload-hint">{t('upload.formats')}</p>
              </Upload.Dragger>
            </Form.Item>
            <Form.Item
              label={t('upload.sheet')}
              htmlFor="upload-sheet"
              extra={isXlsx ? t('upload.sheetHelp') : t('upload.sheetOnlyXlsx')}
            >
              <Input
                id="upload-sheet"
                value={sheet}
                onChange={(e) => setSheet(e.target.value)}
                disabled={!isXlsx}
                placeholder={t('upload.sheetPlaceholder')}
                style={{ maxWidth: 320 }}
              />
            </Form.Item>
            <Form.Item label={t('upload.mode')} required>
              <Radio.Group
                value={mode}
                onChange={(e) => setMode(e.target.value as UploadMode)}
                aria-label={t('upload.mode')}
              >
                <Space direction="vertical">
                  <Radio value="reject">
                    {t('mode.reject')}
                    <Typography.Text type="secondary"> — {t('upload.rejectHelp')}</Typography.Text>
                  </Radio>
                  <Radio value="quarantine">
                    {t('mode.quarantine')}
                    <Typography.Text type="secondary"> — {t('upload.quarantineHelp')}</Typography.Text>
                  </Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!file || tooBig}>
              {t('upload.start')}
            </Button>
          </Form>
        </Card>
      )}

      {phase === 'uploading' && (
        <Card title={<h2 className="card-heading">{t('upload.sending')}</h2>}>
          <Progress
            percent={Math.floor(uploadPct)}
            status="active"
            aria-label={t('upload.sending')}
            data-testid="upload-progress"
          />
          <Space wrap style={{ marginTop: 8 }}>
            <Typography.Text aria-live="polite">
              {t('upload.sentBytes', { sent: formatBytes(sent.loaded), total: formatBytes(sent.total) })}
            </Typography.Text>
            <Button onClick={() => handle.current?.abort()}>{t('upload.cancel')}</Button>
          </Space>
        </Card>
      )}

      {(phase === 'processing' || (phase === 'done' && job)) && (
        <JobView
          entry={entry}
          job={job}
          pollError={pollError}
          onRetryPoll={() => {
            setPollError(undefined);
            setPollTick((n) => n + 1);
          }}
          hadDictionary={hadDictionary}
          onAdopted={reloadEntry}
          onImported={imported}
          onAgain={reset}
          onReupload={file && !tooBig ? () => void start() : undefined}
        />
      )}
    </Space>
  );
}

function JobView({
  entry,
  job,
  pollError,
  onRetryPoll,
  hadDictionary,
  onAdopted,
  onImported,
  onAgain,
  onReupload,
}: {
  entry: Entry;
  job: Job | undefined;
  pollError: unknown;
  onRetryPoll: () => void;
  hadDictionary: boolean;
  onAdopted: () => void;
  onImported: (next: Job) => void;
  onAgain: () => void;
  onReupload?: () => void;
}) {
  const { t, label } = useI18n();
  const done = !!job && TERMINAL.has(job.state);
  const pct = job
    ? Math.max(
        0,
        Math.min(
          100,
          job.percent ??
            (job.total_bytes && job.bytes_read ? (job.bytes_read / job.total_bytes) * 100 : 0),
        ),
      )
    : 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<h2 className="card-heading">{t('upload.ingest')}</h2>} data-testid="ingest">
        <ErrorAlert error={pollError} title={t('upload.pollFailed')} onRetry={onRetryPoll} />
        {!job ? (
          pollError ? (
            <Button onClick={onAgain}>{t('upload.again')}</Button>
          ) : (
            <PageLoading />
          )
        ) : (
          <>
            <Progress
              percent={done && job.state !== 'failed' && job.state !== 'rejected' ? 100 : Math.floor(pct)}
              status={
                job.state === 'failed' || job.state === 'rejected'
                  ? 'exception'
                  : done
                    ? 'success'
                    : 'active'
              }
              aria-label={t('upload.ingest')}
              data-testid="ingest-progress"
            />
            <Typography.Paragraph className="upload-stats" aria-live="polite" style={{ marginTop: 8 }}>
              {done || !job.total_bytes
                ? t('upload.jobLineDone', {
                    state: label('jobState', job.state),
                    rows: formatCount(job.rows_read),
                  })
                : t('upload.jobLine', {
                    state: label('jobState', job.state),
                    rows: formatCount(job.rows_read),
                    speed: formatCount(Math.round(job.rows_per_s ?? 0)),
                    bytes: formatBytes(job.bytes_read ?? 0),
                    total: formatBytes(job.total_bytes),
                  })}
            </Typography.Paragraph>
            {job.state === 'succeeded' && (
              <Alert
                type={job.rejected > 0 ? 'warning' : 'success'}
                showIcon
                message={
                  job.rejected > 0
                    ? t('upload.doneQuarantine', { n: formatCount(job.rejected) })
                    : t('upload.done')
                }
                data-testid="job-outcome"
              />
            )}
            {job.state === 'rejected' && (
              <Alert
                type="error"
                showIcon
                message={t('upload.rejectedTitle')}
                description={job.message || t('upload.rejectedText', { n: formatCount(job.rejected) })}
                data-testid="job-outcome"
              />
            )}
            {job.state === 'proposed' && (
              <Alert
                type="info"
                showIcon
                message={t('upload.proposedTitle')}
                description={job.message || t('upload.proposedText')}
                data-testid="job-outcome"
              />
            )}
            {job.state === 'failed' && (
              <Alert
                type="error"
                showIcon
                message={t('upload.failedTitle')}
                description={job.message || t('upload.failedText')}
                data-testid="job-outcome"
                action={<Button onClick={onAgain}>{t('upload.again')}</Button>}
              />
            )}
          </>
        )}
      </Card>
      {done && job && (job.state !== 'failed' || job.report?.rows_read !== undefined) && (
        <Report
          entry={entry}
          job={job}
          hadDictionary={hadDictionary}
          onAdopted={onAdopted}
          onImported={onImported}
          onAgain={onAgain}
          onReupload={onReupload}
        />
      )}
    </Space>
  );
}

function Report({
  entry,
  job,
  hadDictionary,
  onAdopted,
  onImported,
  onAgain,
  onReupload,
}: {
  entry: Entry;
  job: Job;
  hadDictionary: boolean;
  onAdopted: () => void;
  onImported: (next: Job) => void;
  onAgain: () => void;
  onReupload?: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  // The server lets the authority publish as well as the administrator.
  const canPublish = hasRole(user, 'admin', 'authority');
  const proposed = job.state === 'proposed';
  const r = job.report;
  const read = r?.rows_read ?? job.rows_read;
  const accepted = r?.accepted ?? job.accepted;
  const rejected = r?.rejected ?? job.rejected;
  const adds = accepted + rejected === read;
  const errors = r?.errors ?? [];
  const [reason, setReason] = useState(t('upload.adoptReasonDefault'));
  const [adopting, setAdopting] = useState(false);
  const [adopted, setAdopted] = useState(false);
  const [adoptError, setAdoptError] = useState<unknown>(undefined);
  const [publishing, setPublishing] = useState(false);

  const loadVersions = useCallback(
    () => (job.version_id ? catalogApi.versions(entry.code).then((v) => v.items) : Promise.resolve([])),
    [entry.code, job.version_id],
  );
  const versions = useLoad(loadVersions, String(job.version_id ?? ''));
  const version: Version | undefined = versions.data?.find((v) => v.id === job.version_id);

  const adopt = async () => {
    if (!job.proposed_fields) return;
    setAdopting(true);
    setAdoptError(undefined);
    try {
      await catalogApi.putDictionary(entry.code, job.proposed_fields, reason.trim());
      setAdopted(true);
      void message.success(t('upload.adoptedOk'));
      onAdopted();
    } catch (err) {
      setAdoptError(err);
    } finally {
      setAdopting(false);
    }
  };

  const publish = async () => {
    if (!job.version_id) return;
    setPublishing(true);
    try {
      await catalogApi.publishVersion(entry.code, job.version_id);
      void message.success(t('version.published', { n: version?.number ?? '' }));
      versions.reload();
    } catch (err) {
      void message.error(errorMessage(err, t));
    } finally {
      setPublishing(false);
    }
  };

  const delimiter = r?.delimiter ?? '';
  const delimiterName = DELIMITERS[delimiter]
    ? label('delimiter', DELIMITERS[delimiter])
    : delimiter;

  const errorColumns: ColumnsType<RowError & { _i: number }> = [
    { title: t('upload.errRow'), dataIndex: 'row', key: 'row', width: 100, align: 'right' },
    {
      title: t('upload.errColumn'),
      dataIndex: 'column',
      key: 'column',
      width: 180,
      render: (c: string) => (c ? <Typography.Text code>{c}</Typography.Text> : '—'),
    },
    { title: t('upload.errReason'), dataIndex: 'reason', key: 'reason' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={<h2 className="card-heading">{t('upload.report')}</h2>}
        data-testid="ingest-report"
        extra={<Button onClick={onAgain}>{t('upload.again')}</Button>}
      >
        {proposed ? (
          <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
            <Statistic title={t('upload.rowsRead')} value={read} />
            <Alert type="info" showIcon message={t('upload.proposedNothingStored')} data-testid="report-sum" />
          </Space>
        ) : (
          <>
            <Row gutter={[16, 16]} className="upload-stats">
              <Col xs={8}>
                <Statistic title={t('upload.rowsRead')} value={read} />
              </Col>
              <Col xs={8}>
                <Statistic title={t('upload.accepted')} value={accepted} valueStyle={{ color: '#389e0d' }} />
              </Col>
              <Col xs={8}>
                <Statistic
                  title={t('upload.rejected')}
                  value={rejected}
                  valueStyle={{ color: rejected > 0 ? '#cf1322' : undefined }}
                />
              </Col>
            </Row>
            <Alert
              style={{ margin: '16px 0' }}
              type={adds ? 'info' : 'error'}
              showIcon
              data-testid="report-sum"
              message={t(adds ? 'upload.sumOk' : 'upload.sumBad', {
                a: formatCount(accepted),
                r: formatCount(rejected),
                n: formatCount(read),
              })}
            />
          </>
        )}
        {r && (
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'format', label: t('version.format'), children: (r.format || '').toUpperCase() || '—' },
              { key: 'encoding', label: t('version.encoding'), children: r.encoding || '—' },
              { key: 'delimiter', label: t('upload.delimiter'), children: delimiterName || '—' },
              { key: 'sheet', label: t('upload.sheet'), children: r.sheet || '—' },
              { key: 'mode', label: t('upload.mode'), children: label('mode', r.mode) },
              {
                key: 'sha',
                label: 'SHA-256',
                children: r.sha256 ? (
                  <Typography.Text code copyable={{ text: r.sha256 }} title={r.sha256}>
                    {r.sha256.slice(0, 16)}…
                  </Typography.Text>
                ) : (
                  '—'
                ),
              },
            ]}
          />
        )}
        {rejected > 0 && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 16 }}>
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
                {t('upload.errors')}
              </Typography.Title>
              <a href={catalogApi.rejectedCsvUrl(job.id)} download data-testid="rejected-csv">
                <DownloadOutlined /> {t('upload.downloadRejected')}
              </a>
            </Space>
            {errors.length < rejected && errors.length > 0 && (
              <Typography.Text type="secondary">
                {t('upload.errorsFirst', { n: formatCount(errors.length), total: formatCount(rejected) })}
              </Typography.Text>
            )}
            <div data-testid="error-table">
              <Table<RowError & { _i: number }>
                rowKey="_i"
                size="small"
                columns={errorColumns}
                dataSource={errors.map((e, i) => ({ ...e, _i: i }))}
                pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('upload.noErrorDetails')} /> }}
              />
            </div>
          </Space>
        )}
      </Card>

      {job.proposed_fields && !hadDictionary && job.adoptable && (
        <ProposalCard key={String(job.id)} job={job} onImported={onImported} />
      )}

      {job.proposed_fields && !hadDictionary && !job.adoptable && (
        <Card
          title={<h2 className="card-heading">{t('upload.proposed')}</h2>}
          data-testid="proposed-dictionary"
        >
          <Typography.Paragraph type="secondary">{t('upload.proposedLead')}</Typography.Paragraph>
          <DictionaryTable fields={job.proposed_fields} testId="proposed-fields" />
          <ErrorAlert error={adoptError} title={t('upload.adoptFailed')} />
          {adopted ? (
            <Alert
              type="success"
              showIcon
              message={t('upload.adoptedOk')}
              description={proposed ? t('upload.adoptedNext') : undefined}
              style={{ marginTop: 12 }}
              action={
                proposed ? (
                  <Button type="primary" onClick={onReupload ?? onAgain}>
                    {onReupload ? t('upload.reupload') : t('upload.again')}
                  </Button>
                ) : undefined
              }
            />
          ) : (
            <Space wrap align="end" style={{ marginTop: 12 }}>
              <div>
                <label htmlFor="adopt-reason" style={{ display: 'block', marginBottom: 4 }}>
                  {t('entry.reason')}
                </label>
                <Input
                  id="adopt-reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  style={{ width: 320, maxWidth: '100%' }}
                  status={reason.trim() ? undefined : 'error'}
                />
              </div>
              <Button
                type="primary"
                loading={adopting}
                disabled={!reason.trim()}
                onClick={() => void adopt()}
              >
                {t('upload.adopt')}
              </Button>
            </Space>
          )}
        </Card>
      )}

      {job.version_id !== null && job.version_id !== undefined && (
        <Card title={<h2 className="card-heading">{t('upload.version')}</h2>} data-testid="new-version">
          <ErrorAlert error={versions.error} onRetry={versions.reload} />
          {version ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Descriptions
                size="small"
                bordered
                column={{ xs: 1, sm: 2, lg: 4 }}
                items={[
                  { key: 'n', label: t('version.number'), children: `v${version.number}` },
                  { key: 'rows', label: t('version.rows'), children: formatCount(version.row_count) },
                  {
                    key: 'state',
                    label: t('version.state'),
                    children: <VersionStateTag value={version.state} />,
                  },
                  { key: 'created', label: t('version.createdAt'), children: formatTime(version.created_at) },
                ]}
              />
              <Space wrap>
                {canPublish && version.state !== 'published' && (
                  <Button type="primary" loading={publishing} onClick={() => void publish()}>
                    {t('version.publish')}
                  </Button>
                )}
                <Link to={`/datasets/${encodeURIComponent(entry.code)}?version=${version.id}#preview`}>
                  {t('upload.viewVersion')}
                </Link>
              </Space>
              {!canPublish && version.state !== 'published' && entry.state !== 'published' && (
                <Typography.Text type="secondary">{t('upload.publishByAdmin')}</Typography.Text>
              )}
            </Space>
          ) : versions.loading ? (
            <PageLoading />
          ) : (
            <Typography.Text>{t('upload.versionId', { id: job.version_id })}</Typography.Text>
          )}
        </Card>
      )}

      {/* A new version of a published entry: the provider's path to the public (policy profile). */}
      {!canPublish && entry.state === 'published' && version?.state === 'ready' && (
        <UpdatePanel code={entry.code} versionId={version.id} onDone={() => versions.reload()} />
      )}
    </Space>
  );
}
