// Desensitization rules of a catalog entry (MSK-2, MSK-4, MSK-5): per field the security
// grade and the masking rule, helped by the server's scan of the newest data version (kind
// of personal data, confidence, suggested rule and grade); for a field published unmasked, the
// recorded basis (consent or law, CLS-6); a before/after preview of the edited rules with a
// k-anonymity check over chosen quasi-identifiers; saving goes through the dictionary.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Empty,
  Input,
  InputNumber,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EyeOutlined, SaveOutlined, WarningFilled } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, catalogApi, reviewApi } from '../api';
import type { Entry, Field, MaskPreview, ScanItem, Version } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { useLoad } from '../useLoad';
import { formatCount, SECURITY_LEVELS } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import LinkButton from '../components/LinkButton';
import CellValue from '../components/CellValue';
import { OpenCaseNotice } from '../components/ReviewBits';
import { useAuth } from '../auth';
import { needsChangeRequest } from '../review';

const SENSITIVE = new Set(['L3', 'L4']);
const PREVIEW_LIMIT = 10;
const DEFAULT_K = 5;

/** Common rules, offered beside each rule input. */
const PRESETS: { rule: string; label: MessageKey }[] = [
  { rule: 'mask(keep_first=6,keep_last=4,char=*)', label: 'preset.maskId' },
  { rule: 'mask(keep_first=3,keep_last=4,char=*)', label: 'preset.maskMobile' },
  { rule: 'mask(keep_first=1,keep_last=0,char=*)', label: 'preset.maskName' },
  { rule: 'hash(alg=hmac-sm3)', label: 'preset.hashSm3' },
  { rule: 'hash(alg=hmac-sha256)', label: 'preset.hashSha256' },
  { rule: 'encrypt(alg=sm4)', label: 'preset.encrypt' },
  { rule: 'generalize(to=year)', label: 'preset.year' },
  { rule: 'generalize(to=year_month)', label: 'preset.yearMonth' },
  { rule: 'generalize(to=age_band)', label: 'preset.ageBand' },
  { rule: 'generalize(to=district)', label: 'preset.district' },
  { rule: 'generalize(to=range,step=10)', label: 'preset.range' },
  { rule: 'truncate(length=3)', label: 'preset.truncate' },
  { rule: 'suppress()', label: 'preset.suppress' },
  { rule: 'pseudonymize(kind=name)', label: 'preset.pseudoName' },
  { rule: 'noise(ratio=0.05)', label: 'preset.noise' },
];

interface Row {
  name: string;
  label: string;
  grade: string;
  rule: string;
  /** Basis for publishing the field unmasked (consent or law); "" for none. */
  basis: string;
}

const rowsOf = (fields: Field[] | undefined): Row[] =>
  (fields ?? []).map((f) => ({
    name: f.name,
    label: f.label || f.name,
    grade: f.security_grade || 'L1',
    rule: f.mask_rule ?? '',
    basis: f.consent_basis ?? '',
  }));

const isMissing = (r: Row) => SENSITIVE.has(r.grade) && r.rule.trim() === '';
/** Personal data detected in the column, and neither a rule nor a recorded basis (CLS-6). */
const isUnprotected = (r: Row, s: ScanItem | undefined) =>
  !!s?.kind && s.personal !== false && r.rule.trim() === '' && r.basis.trim() === '';
const GRADE_ORDER = ['L1', 'L2', 'L3', 'L4'];
const higherGrade = (a: string, b: string | undefined) =>
  b && GRADE_ORDER.indexOf(b) > GRADE_ORDER.indexOf(a) ? b : a;

/** The field a server error names: "fields.id_number.mask_rule", "fields[2].mask_rule" or 「标签」. */
function erredField(err: unknown, rows: Row[]): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const m = /^\/?fields(?:\[([^\]]+)\]|\.([^.]+))(?:\.\w+)?$/.exec(err.field ?? '');
  const inner = m?.[1] ?? m?.[2];
  if (inner !== undefined) {
    if (/^\d+$/.test(inner)) return rows[Number(inner)]?.name;
    return rows.find((r) => r.name === inner)?.name;
  }
  const quoted = /「([^」]+)」/.exec(err.message)?.[1];
  return quoted ? rows.find((r) => r.name === quoted || r.label === quoted)?.name : undefined;
}

export default function MaskingPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const loadEntry = useCallback(() => catalogApi.getEntry(code), [code]);
  const entry = useLoad(loadEntry, code);
  const loadVersions = useCallback(() => catalogApi.versions(code).then((r) => r.items), [code]);
  const versions = useLoad(loadVersions, code);

  if (entry.error instanceof ApiError && entry.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('dataset.notFound')}
        subTitle={code}
        extra={
          <LinkButton to="/console/entries" primary>
            {t('console.title')}
          </LinkButton>
        }
      />
    );
  }
  if (entry.error) return <ErrorAlert error={entry.error} onRetry={entry.reload} />;
  if (!entry.data || entry.data.code !== code || versions.loading) return <PageLoading />;
  // Newest first: the version to scan and preview.
  const version = versions.data?.[0];
  return (
    <Masking
      key={`${code}@${entry.data.revision}`}
      entry={entry.data}
      version={version}
      versionsError={versions.error}
      onSaved={entry.reload}
    />
  );
}

function Masking({
  entry,
  version,
  versionsError,
  onSaved,
}: {
  entry: Entry;
  version: Version | undefined;
  versionsError: unknown;
  onSaved: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const navigate = useNavigate();
  // A published entry's rules change through a change request the authority reviews.
  const viaRequest = needsChangeRequest(user, entry.state);
  const initial = useMemo(() => rowsOf(entry.fields), [entry.fields]);
  const [rows, setRows] = useState<Row[]>(initial);
  const [qi, setQi] = useState<string[]>([]);
  const [k, setK] = useState<number>(DEFAULT_K);
  const [preview, setPreview] = useState<MaskPreview | undefined>(undefined);
  const [previewQi, setPreviewQi] = useState<string[]>([]);
  const [previewError, setPreviewError] = useState<unknown>(undefined);
  const [previewing, setPreviewing] = useState(false);
  const [reason, setReason] = useState(() => t('masking.reasonDefault'));
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const loadScan = useCallback(
    () =>
      version ? catalogApi.scanVersion(entry.code, version.id).then((r) => r.items) : Promise.resolve([]),
    [entry.code, version],
  );
  const scan = useLoad(loadScan, `${entry.code}#${version?.id ?? ''}`);
  const scanOf = useMemo(() => {
    const m = new Map<string, ScanItem>();
    for (const s of scan.data ?? []) m.set(s.column, s);
    return m;
  }, [scan.data]);

  const dirty = rows.some(
    (r, i) =>
      r.grade !== initial[i]?.grade ||
      r.rule.trim() !== initial[i]?.rule.trim() ||
      r.basis.trim() !== initial[i]?.basis.trim(),
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const labelOf = (name: string) => rows.find((r) => r.name === name)?.label ?? name;
  const columnsInData = new Set(version?.columns ?? rows.map((r) => r.name));
  const missing = rows.filter(isMissing);
  const unprotected = rows.filter((r) => isUnprotected(r, scanOf.get(r.name)));

  const setRow = (name: string, patch: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.name === name ? { ...r, ...patch } : r)));
    if (fieldErrors[name]) {
      setFieldErrors((e) => {
        const { [name]: _gone, ...rest } = e;
        return rest;
      });
    }
  };

  const runPreview = async () => {
    if (!version) return;
    setPreviewing(true);
    setPreviewError(undefined);
    const rules: Record<string, string> = {};
    for (const r of rows) if (columnsInData.has(r.name)) rules[r.name] = r.rule.trim();
    const chosen = qi.filter((c) => columnsInData.has(c));
    try {
      const out = await catalogApi.maskPreview(entry.code, {
        version_id: version.id,
        rules,
        quasi_identifiers: chosen.length ? chosen : undefined,
        k: chosen.length ? k : undefined,
        limit: PREVIEW_LIMIT,
      });
      setPreview(out);
      setPreviewQi(chosen);
      window.setTimeout(
        () => document.getElementById('mask-preview')?.scrollIntoView({ block: 'start', behavior: 'smooth' }),
        0,
      );
    } catch (err) {
      setPreviewError(err);
      const at = erredField(err, rows);
      if (at) setFieldErrors({ [at]: errorMessage(err, t) });
    } finally {
      setPreviewing(false);
    }
  };

  const save = async () => {
    setSaveError(undefined);
    if (!dirty) {
      void message.info(t('entryForm.nothingChanged'));
      return;
    }
    if (!reason.trim()) {
      setSaveError(new ApiError(400, 'invalid_argument', t('entry.reasonRequired'), 'reason'));
      return;
    }
    const byName = new Map(rows.map((r) => [r.name, r]));
    // Every other attribute of every field as it was: PUT replaces the dictionary.
    const fields = (entry.fields ?? []).map((f) => {
      const r = byName.get(f.name);
      return r ? { ...f, security_grade: r.grade, mask_rule: r.rule.trim(), consent_basis: r.basis.trim() } : f;
    });
    setSaving(true);
    try {
      if (viaRequest) {
        const c = await reviewApi.changeRequest(entry.code, {
          kind: 'modify',
          entry: { ...entry, fields },
          reason: reason.trim(),
        });
        void message.success(t('review.changeSubmitted'));
        navigate(`/console/cases/${c.id}`);
        return;
      }
      await catalogApi.putDictionary(entry.code, fields, reason.trim());
      void message.success(t('masking.saved'));
      onSaved();
    } catch (err) {
      setSaveError(err);
      const at = erredField(err, rows);
      if (at) {
        setFieldErrors({ [at]: errorMessage(err, t) });
        window.setTimeout(() => document.getElementById(`rule-${at}`)?.focus(), 0);
      }
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<Row> = [
    {
      title: t('masking.field'),
      key: 'field',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.label}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
            {r.name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('masking.grade'),
      key: 'grade',
      render: (_, r) => (
        <Select
          aria-label={t('masking.gradeLabel', { name: r.label })}
          value={r.grade}
          style={{ width: 200 }}
          popupMatchSelectWidth={false}
          onChange={(v: string) => setRow(r.name, { grade: v })}
          options={SECURITY_LEVELS.map((g) => ({ value: g, label: label('security', g) }))}
          data-testid={`grade-${r.name}`}
        />
      ),
    },
    {
      title: t('masking.kind'),
      key: 'kind',
      render: (_, r) => {
        if (!version) return <Typography.Text type="secondary">—</Typography.Text>;
        if (scan.loading) return <Spin size="small" />;
        const s = scanOf.get(r.name);
        return (
          <span data-testid={`kind-${r.name}`}>
            {s?.kind ? (
              <Space direction="vertical" size={0}>
                <Tag color="purple">{label('pii', s.kind)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('masking.confidence', { p: Math.round((s.confidence ?? 0) * 100) })}
                  {s.share !== undefined && ` · ${t('privacy.share', { p: Math.round(s.share * 100) })}`}
                </Typography.Text>
                {s.suggested_grade && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`suggested-grade-${r.name}`}>
                    {t('privacy.suggestedGrade', { grade: s.suggested_grade })}
                  </Typography.Text>
                )}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('masking.kindNone')}</Typography.Text>
            )}
          </span>
        );
      },
    },
    {
      title: t('masking.rule'),
      key: 'rule',
      render: (_, r) => {
        const s = scanOf.get(r.name);
        const suggested = s?.suggested_rule ?? '';
        const problem = fieldErrors[r.name];
        const miss = isMissing(r);
        const open = isUnprotected(r, s);
        const suggestedGrade = s?.suggested_grade ?? '';
        const options = [
          ...(suggested && !PRESETS.some((p) => p.rule === suggested)
            ? [{ value: suggested, label: `${t('preset.suggested')} · ${suggested}` }]
            : []),
          ...PRESETS.map((p) => ({
            value: p.rule,
            label: `${t(p.label)}${p.rule === suggested ? `（${t('preset.suggested')}）` : ''} · ${p.rule}`,
          })),
        ];
        return (
          <Space direction="vertical" size={4}>
            <Space.Compact>
              <Input
                id={`rule-${r.name}`}
                aria-label={t('masking.ruleLabel', { name: r.label })}
                value={r.rule}
                placeholder={t('masking.rulePlaceholder')}
                spellCheck={false}
                status={problem || miss || open ? 'error' : undefined}
                onChange={(e) => setRow(r.name, { rule: e.target.value })}
                style={{ fontFamily: 'monospace', width: 320 }}
                data-testid={`rule-${r.name}`}
              />
              <Select
                aria-label={t('masking.presetLabel', { name: r.label })}
                placeholder={t('masking.presets')}
                value={null}
                style={{ width: 120 }}
                popupMatchSelectWidth={380}
                onChange={(v: string) => setRow(r.name, { rule: v })}
                options={options}
              />
            </Space.Compact>
            {suggested && (suggested !== r.rule.trim() || higherGrade(r.grade, suggestedGrade) !== r.grade) && (
              <Space size={4} wrap>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('masking.suggestion', { rule: suggested })}
                </Typography.Text>
                <Button
                  size="small"
                  type="link"
                  onClick={() => setRow(r.name, { rule: suggested, grade: higherGrade(r.grade, suggestedGrade) })}
                  data-testid={`suggest-${r.name}`}
                >
                  {suggestedGrade ? t('privacy.useSuggestion') : t('masking.useSuggestion')}
                </Button>
              </Space>
            )}
            {miss && (
              <Typography.Text type="danger" data-testid={`missing-${r.name}`}>
                <WarningFilled /> {t('masking.missing')}
              </Typography.Text>
            )}
            {open && !miss && (
              <Typography.Text type="danger" data-testid={`unprotected-${r.name}`}>
                <WarningFilled /> {t('privacy.detectedNeeds', { kind: label('pii', String(s?.kind)) })}
              </Typography.Text>
            )}
            {problem && (
              <Typography.Text type="danger" role="alert">
                {problem}
              </Typography.Text>
            )}
          </Space>
        );
      },
    },
    {
      title: t('privacy.basis'),
      key: 'basis',
      render: (_, r) => (
        <Input.TextArea
          aria-label={t('privacy.basisLabel', { name: r.label })}
          value={r.basis}
          placeholder={t('privacy.basisPlaceholder')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={300}
          onChange={(e) => setRow(r.name, { basis: e.target.value })}
          style={{ width: 260 }}
          data-testid={`basis-${r.name}`}
        />
      ),
    },
  ];

  const qiOptions = rows
    .filter((r) => columnsInData.has(r.name))
    .map((r) => ({ value: r.name, label: r.label !== r.name ? `${r.label}（${r.name}）` : r.name }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/console/entries">{t('console.title')}</Link> },
          { title: <Link to={`/datasets/${encodeURIComponent(entry.code)}`}>{entry.name}</Link> },
          { title: t('masking.crumb') },
        ]}
      />
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('masking.title', { name: entry.name })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ maxWidth: 900 }}>
          {t('masking.lead')}
        </Typography.Paragraph>
        <OpenCaseNotice code={entry.code} />
        <Space wrap style={{ marginTop: 8 }}>
          <LinkButton to={`/console/entries/${encodeURIComponent(entry.code)}/edit`} small>
            {t('dataset.edit')}
          </LinkButton>
          <LinkButton to={`/datasets/${encodeURIComponent(entry.code)}`} small>
            {entry.code}
          </LinkButton>
        </Space>
      </div>

      <Card
        title={<h2 className="card-heading">{t('masking.crumb')}</h2>}
        extra={
          version ? (
            <Space size={4} wrap data-testid="masking-version">
              <Typography.Text type="secondary">
                {t('masking.version', {
                  n: version.number,
                  rows: formatCount(version.row_count),
                  state: label('versionState', version.state),
                })}
              </Typography.Text>
              {version.desensitized && <Tag color="green">{t('version.desensitized')}</Tag>}
            </Space>
          ) : undefined
        }
      >
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {versionsError ? <ErrorAlert error={versionsError} /> : null}
          {!version && !versionsError && <Alert type="info" showIcon message={t('masking.noVersion')} />}
          {scan.error ? <ErrorAlert error={scan.error} title={t('masking.scanFailed')} onRetry={scan.reload} /> : null}
          {unprotected.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="masking-unprotected"
              message={t('privacy.detectedCount', {
                n: unprotected.length,
                names: unprotected.map((r) => r.label).join('、'),
              })}
            />
          )}
          {missing.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="masking-missing"
              message={t('masking.missingCount', {
                n: missing.length,
                names: missing.map((r) => r.label).join('、'),
              })}
            />
          )}
          {rows.length === 0 ? (
            <Empty description={t('masking.noFields')} />
          ) : (
            <div data-testid="masking-fields">
              <Table<Row>
                rowKey="name"
                size="small"
                columns={columns}
                dataSource={rows}
                pagination={false}
                scroll={{ x: 'max-content' }}
                rowClassName={(r) =>
                  isMissing(r) || isUnprotected(r, scanOf.get(r.name)) ? 'masking-row-missing' : ''
                }
              />
            </div>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('masking.syntax')}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('privacy.basisHelp')}
          </Typography.Paragraph>
        </Space>
      </Card>

      {version && rows.length > 0 && (
        <Card title={<h2 className="card-heading">{t('masking.kTitle')}</h2>}>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap align="end">
              <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                <span>{t('masking.qi')}</span>
                <Select
                  mode="multiple"
                  allowClear
                  aria-label={t('masking.qi')}
                  placeholder={t('masking.qiPlaceholder')}
                  style={{ minWidth: 320 }}
                  value={qi}
                  onChange={(v: string[]) => setQi(v)}
                  options={qiOptions}
                  optionFilterProp="label"
                  data-testid="masking-qi"
                />
              </label>
              <label style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
                <span>{t('masking.k')}</span>
                <InputNumber
                  aria-label={t('masking.k')}
                  min={2}
                  max={1000}
                  precision={0}
                  value={k}
                  onChange={(v) => setK(typeof v === 'number' ? v : DEFAULT_K)}
                  data-testid="masking-k"
                />
              </label>
              <Button
                type="primary"
                icon={<EyeOutlined />}
                loading={previewing}
                onClick={() => void runPreview()}
                data-testid="masking-preview"
              >
                {t('masking.preview')}
              </Button>
            </Space>
            <Typography.Text type="secondary">{t('masking.qiHelp')}</Typography.Text>
          </Space>
        </Card>
      )}

      {version && rows.length > 0 && (
        <Card
          id="mask-preview"
          style={{ scrollMarginTop: 16 }}
          title={<h2 className="card-heading">{t('masking.previewTitle')}</h2>}
        >
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <ErrorAlert error={previewError} title={t('masking.previewFailed')} />
            {preview ? (
              <PreviewResult
                preview={preview}
                qi={previewQi}
                labelOf={labelOf}
                versionNumber={version.number}
              />
            ) : (
              !previewError && <Typography.Text type="secondary">{t('masking.previewHint')}</Typography.Text>
            )}
          </Space>
        </Card>
      )}

      {rows.length > 0 && (
        <Card>
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <ErrorAlert error={saveError} title={t('masking.saveFailed')} />
            {viaRequest && (
              <Alert type="info" showIcon message={t('review.maskingNotice')} data-testid="masking-change-notice" />
            )}
            <label style={{ display: 'flex', flexDirection: 'column', gap: 4, maxWidth: 560 }}>
              <span>{t('masking.reason')}</span>
              <Input
                aria-label={t('masking.reason')}
                value={reason}
                maxLength={500}
                onChange={(e) => setReason(e.target.value)}
                data-testid="masking-reason"
              />
            </label>
            <Space wrap>
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={saving}
                onClick={() => void save()}
                data-testid="masking-save"
              >
                {t('masking.save')}
              </Button>
              {dirty && <Tag color="orange">{t('masking.unsaved')}</Tag>}
            </Space>
            <Typography.Text type="secondary">{t('masking.publishNote')}</Typography.Text>
          </Space>
        </Card>
      )}
    </Space>
  );
}

type Cells = Record<string, unknown> & { __row: number };

function PreviewResult({
  preview,
  qi,
  labelOf,
  versionNumber,
}: {
  preview: MaskPreview;
  qi: string[];
  labelOf: (name: string) => string;
  versionNumber: number;
}) {
  const { t } = useI18n();
  const toRows = (cells: unknown[][]): Cells[] =>
    cells.map((row, i) => {
      const o: Cells = { __row: i };
      preview.columns.forEach((c, j) => {
        o[c] = row[j];
      });
      return o;
    });
  const before = toRows(preview.before);
  const after = toRows(preview.after);
  const columns = (changed: boolean): ColumnsType<Cells> =>
    preview.columns.map((c) => ({
      key: c,
      dataIndex: c,
      title: (
        <span>
          {labelOf(c)}
          {changed && preview.rules[c] && (
            <>
              <br />
              <Typography.Text type="secondary" code style={{ fontSize: 11, fontWeight: 'normal' }}>
                {preview.rules[c]}
              </Typography.Text>
            </>
          )}
        </span>
      ),
      render: (v: unknown, r: Cells): ReactNode => {
        const differs = changed && before[r.__row] && before[r.__row][c] !== v;
        return differs ? (
          <mark className="masked-cell">
            <CellValue value={v} />
          </mark>
        ) : (
          <CellValue value={v} />
        );
      },
    }));
  const ka = preview.k_anonymity;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {ka ? (
        <Alert
          type={ka.satisfied ? 'success' : 'warning'}
          showIcon
          data-testid="k-result"
          message={t('masking.kResult', {
            qi: qi.map(labelOf).join('、') || '—',
            classes: formatCount(ka.classes),
            smallest: formatCount(ka.smallest_class),
            k: ka.k,
            below: formatCount(ka.rows_below_k),
            verdict: t(ka.satisfied ? 'masking.kOk' : 'masking.kBad'),
          })}
        />
      ) : (
        <Alert type="info" showIcon message={t('masking.kNone')} data-testid="k-result" />
      )}
      <Typography.Text type="secondary">
        {t('masking.previewLead', { n: versionNumber, rows: before.length })}
      </Typography.Text>
      <section aria-labelledby="mask-before-title">
        <Typography.Title level={3} style={{ fontSize: 16 }} id="mask-before-title">
          {t('masking.before')}
        </Typography.Title>
        <div data-testid="mask-before">
          <Table<Cells>
            rowKey="__row"
            size="small"
            columns={columns(false)}
            dataSource={before}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </div>
      </section>
      <section aria-labelledby="mask-after-title">
        <Typography.Title level={3} style={{ fontSize: 16 }} id="mask-after-title">
          {t('masking.after')}
        </Typography.Title>
        <div data-testid="mask-after">
          <Table<Cells>
            rowKey="__row"
            size="small"
            columns={columns(true)}
            dataSource={after}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </div>
      </section>
    </Space>
  );
}
