import { useCallback, useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CloudUploadOutlined, EditOutlined, HistoryOutlined, SafetyOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, catalogApi } from '../api';
import type { Entry, Version } from '../api';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import { useDocumentTitle } from '../site/PageTitle';
import { canManage, canSeeVersions, formatCount, formatDate, hasRole } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';
import PageLoading from '../components/PageLoading';
import DictionaryTable from '../components/DictionaryTable';
import PreviewTable from '../components/PreviewTable';
import LinkButton from '../components/LinkButton';
import { OpenTag, SectorTag, SecurityTag, StateTag, VersionStateTag } from '../components/EntryTags';
import DataSection from '../components/DataSection';
import FollowButtons from '../components/FollowButtons';
import MapCard from '../components/MapCard';
import { ChangeRequestModal, OpenCaseNotice, SubmitReviewModal } from '../components/ReviewBits';
import UpdatePanel from '../updates/UpdatePanel';
import { MyApplicationNotice } from '../apply/DatasetApply';
import SampleCard from '../sample/SampleCard';

const PREVIEW_ROWS = 20;

/** The state changes that need a reason, by their words. */
const STATE_ACTIONS: Record<'suspend' | 'withdraw' | 'restore', Record<'title' | 'ok' | 'done', MessageKey>> = {
  suspend: { title: 'dataset.suspendTitle', ok: 'dataset.suspend', done: 'dataset.suspendedOk' },
  withdraw: { title: 'dataset.withdrawTitle', ok: 'dataset.withdraw', done: 'dataset.withdrawnOk' },
  restore: { title: 'dataset.restoreTitle', ok: 'dataset.restore', done: 'dataset.restoredOk' },
};

export default function DatasetPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const { user } = useAuth();
  const loadEntry = useCallback(() => catalogApi.getEntry(code), [code]);
  const entry = useLoad(loadEntry, code);

  if (entry.error instanceof ApiError && entry.error.status === 404) {
    return (
      <Result
        status="404"
        title={t('dataset.notFound')}
        subTitle={code}
        extra={
          <LinkButton to="/catalog" primary>
            {t('catalog.backToCatalog')}
          </LinkButton>
        }
      />
    );
  }
  if (!entry.data || entry.data.code !== code) {
    return entry.error ? <ErrorAlert error={entry.error} onRetry={entry.reload} /> : <PageLoading />;
  }
  return <Dataset entry={entry.data} reload={entry.reload} user={user} />;
}

function Dataset({
  entry: e,
  reload,
  user,
}: {
  entry: Entry;
  reload: () => void;
  user: ReturnType<typeof useAuth>['user'];
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  useDocumentTitle(e.name);
  const [params, setParams] = useSearchParams();
  const manage = canManage(user, e);
  const staff = canSeeVersions(user, e);
  // Publishing and changing the state is for the administrator and the authority (the server's rule).
  const admin = hasRole(user, 'admin', 'authority');
  const [acting, setActing] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<'suspend' | 'withdraw' | 'restore' | null>(null);
  const [reviewModal, setReviewModal] = useState<'submit' | 'change' | null>(null);
  // Review cases are started by the provider's staff and handled by the authority.
  const submits = manage && hasRole(user, 'provider');
  const seesCases = submits || hasRole(user, 'authority', 'admin');

  // Everyone sees the published version; staff see every version (the server decides).
  const loadVersions = useCallback(
    () => catalogApi.versions(e.code).then((r) => r.items),
    [e.code, staff],
  );
  const versions = useLoad(loadVersions, `${e.code}@${e.revision}:${staff}`);
  // A version uploaded after the published one: the provider's update to take to the public.
  const publishedNumber = versions.data?.find((v) => v.state === 'published')?.number ?? 0;
  const pendingUpdate = (versions.data ?? [])
    .filter((v) => v.state === 'ready' && v.number > publishedNumber)
    .sort((a, b) => b.number - a.number)[0];
  const versionParam = Number(params.get('version')) || undefined;
  const previewVersion = staff ? versionParam : undefined;
  // The first rows of a chosen version (staff); the published data goes through the data API.
  const loadPreview = useCallback(
    () =>
      previewVersion
        ? catalogApi.preview(e.code, PREVIEW_ROWS, previewVersion)
        : Promise.resolve(undefined),
    [e.code, previewVersion],
  );
  const preview = useLoad(loadPreview, `${e.code}@${e.revision}#${previewVersion ?? ''}`);

  /** Runs an action; true when it worked (the page reloads), false when it failed (said so). */
  const act = async (what: string, run: () => Promise<unknown>, done: string) => {
    setActing(what);
    try {
      await run();
      void message.success(done);
      reload();
      versions.reload();
      preview.reload();
      return true;
    } catch (err) {
      void message.error(errorMessage(err, t));
      return false;
    } finally {
      setActing(null);
    }
  };

  const none = <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  const text = (v: string | null | undefined) => (v ? v : none);
  const dbGroup = (g: string) => {
    if (!g) return none;
    if (g.startsWith('thematic:')) return t('dbGroup.thematicNamed', { name: g.slice('thematic:'.length) });
    return label('dbGroup', g);
  };

  const meta: DescriptionsProps['items'] = [
    { key: 'code', label: t('entry.code'), children: <Typography.Text copyable>{e.code}</Typography.Text> },
    { key: 'name', label: t('entry.name'), children: e.name },
    {
      key: 'provider',
      label: t('entry.provider'),
      children: <Link to={`/providers/${e.provider_id}`}>{e.provider_name}</Link>,
    },
    { key: 'department', label: t('entry.department'), children: text(e.department) },
    { key: 'domain', label: t('entry.domain'), children: text(e.domain) },
    {
      key: 'keywords',
      label: t('entry.keywords'),
      children: e.keywords?.length ? e.keywords.map((k) => <Tag key={k}>{k}</Tag>) : none,
    },
    {
      key: 'region',
      label: t('entry.region'),
      children:
        e.region_name && e.region_code
          ? t('common.withCode', { name: e.region_name, code: e.region_code })
          : text(e.region_name || e.region_code),
    },
    {
      key: 'formats',
      label: t('entry.formats'),
      children: e.formats?.length ? e.formats.map((f) => <Tag key={f}>{f.toUpperCase()}</Tag>) : none,
    },
    { key: 'data_type', label: t('entry.dataType'), children: label('dataType', e.data_type) },
    { key: 'freq', label: t('entry.updateFrequency'), children: label('freq', e.update_frequency) },
    { key: 'open', label: t('entry.openAttribute'), children: <OpenTag value={e.open_attribute} /> },
    { key: 'open_conditions', label: t('entry.openConditions'), children: text(e.open_conditions) },
    { key: 'legal_basis', label: t('entry.legalBasis'), children: text(e.legal_basis) },
    { key: 'share', label: t('entry.shareAttribute'), children: label('share', e.share_attribute) },
    { key: 'share_conditions', label: t('entry.shareConditions'), children: text(e.share_conditions) },
    { key: 'security', label: t('entry.securityLevel'), children: <SecurityTag value={e.security_level} /> },
    {
      key: 'personal',
      label: t('entry.containsPersonalData'),
      children: e.contains_personal_data ? t('common.yes') : t('common.no'),
    },
    { key: 'db', label: t('entry.databaseGroup'), children: dbGroup(e.database_group) },
    { key: 'usage', label: t('entry.usageRequirements'), children: text(e.usage_requirements) },
    { key: 'source', label: t('entry.sourceSystem'), children: text(e.source_system) },
    { key: 'contact', label: t('entry.contact'), children: text(e.contact) },
    { key: 'state', label: t('entry.state'), children: <StateTag value={e.state} /> },
    { key: 'revision', label: t('entry.revision'), children: e.revision },
    { key: 'created', label: t('entry.createdAt'), children: formatTime(e.created_at) },
    { key: 'updated', label: t('entry.updatedAt'), children: formatTime(e.updated_at) },
    {
      key: 'published',
      label: t('entry.publishedAt'),
      children: e.published_at ? formatTime(e.published_at) : none,
    },
    {
      key: 'due',
      label: t('entry.nextUpdateDue'),
      children: e.next_update_due ? formatDate(e.next_update_due) : none,
    },
    {
      key: 'rows',
      label: t('entry.rowCount'),
      children: e.row_count === null || e.row_count === undefined ? none : formatCount(e.row_count),
    },
    { key: 'downloads', label: t('entry.downloads'), children: formatCount(e.downloads ?? 0) },
  ];

  const versionColumns: ColumnsType<Version> = [
    { title: t('version.number'), dataIndex: 'number', key: 'number', render: (n: number) => `v${n}` },
    { title: t('version.rows'), dataIndex: 'row_count', key: 'rows', align: 'right', render: formatCount },
    {
      title: t('version.rejected'),
      dataIndex: 'rejected_count',
      key: 'rejected',
      align: 'right',
      render: formatCount,
    },
    { title: t('version.format'), dataIndex: 'format', key: 'format', render: (v: string) => v?.toUpperCase() },
    { title: t('version.encoding'), dataIndex: 'encoding', key: 'encoding' },
    // The file's hash and the uploader are the provider's working details: staff only (the
    // server sends them to nobody else).
    ...(staff
      ? [
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            key: 'sha256',
            render: (v: string | undefined) =>
              v ? (
                <Typography.Text code copyable={{ text: v }} title={v}>
                  {v.slice(0, 12)}
                </Typography.Text>
              ) : (
                ''
              ),
          },
        ]
      : []),
    { title: t('version.createdAt'), dataIndex: 'created_at', key: 'created', render: formatTime },
    ...(staff ? [{ title: t('version.createdBy'), dataIndex: 'created_by', key: 'by' }] : []),
    {
      title: t('version.state'),
      dataIndex: 'state',
      key: 'state',
      render: (s: string, v: Version) => (
        <Space size={4}>
          <VersionStateTag value={s} />
          {v.desensitized && <Tag color="green">{t('version.desensitized')}</Tag>}
        </Space>
      ),
    },
    ...(staff
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, v: Version) => (
              <Space size="small" wrap>
                <Button
                  size="small"
                  onClick={() => {
                    const next = new URLSearchParams(params);
                    next.set('version', String(v.id));
                    setParams(next, { replace: true });
                    document.getElementById('preview')?.scrollIntoView({ block: 'start' });
                  }}
                >
                  {t('version.preview')}
                </Button>
                {admin && v.state !== 'published' && (
                  <Button
                    size="small"
                    type="primary"
                    loading={acting === `version-${v.id}`}
                    onClick={() =>
                      void act(
                        `version-${v.id}`,
                        () => catalogApi.publishVersion(e.code, v.id),
                        t('version.published', { n: v.number }),
                      )
                    }
                  >
                    {t('version.publish')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  // Everyone sees the published version; older ones are for the provider and the authority.
  const versionsHidden =
    versions.error instanceof ApiError && (versions.error.status === 401 || versions.error.status === 403);
  const previewMissing = preview.error instanceof ApiError && preview.error.status === 404;
  const chosen = versions.data?.find((v) => v.id === previewVersion);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: <Link to="/catalog">{t('catalog.title')}</Link> },
          { title: e.name },
        ]}
      />
      <div>
        <Space wrap align="center" size="small">
          <Typography.Title level={1} style={{ fontSize: 28, margin: 0 }}>
            {e.name}
          </Typography.Title>
          <OpenTag value={e.open_attribute} />
          <SectorTag nonGovernment={e.non_government} />
          {e.state !== 'published' && <StateTag value={e.state} />}
        </Space>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {e.code} · {e.provider_name}
          {e.updated_at && ` · ${t('dataset.updatedOn', { date: formatDate(e.updated_at) })}`}
        </Typography.Paragraph>
        {e.summary && (
          <Typography.Paragraph style={{ marginTop: 12, maxWidth: 880 }}>{e.summary}</Typography.Paragraph>
        )}
        {user && e.state === 'published' && <FollowButtons key={e.code} code={e.code} />}
        {(manage || admin) && (
          <Space wrap data-testid="staff-actions">
            {manage && (
              <>
                <LinkButton to={`/console/entries/${encodeURIComponent(e.code)}/edit`} icon={<EditOutlined />}>
                  {t('dataset.edit')}
                </LinkButton>
                <LinkButton
                  to={`/console/entries/${encodeURIComponent(e.code)}/upload`}
                  icon={<CloudUploadOutlined />}
                >
                  {t('dataset.upload')}
                </LinkButton>
                <LinkButton
                  to={`/console/entries/${encodeURIComponent(e.code)}/history`}
                  icon={<HistoryOutlined />}
                >
                  {t('dataset.history')}
                </LinkButton>
                <LinkButton
                  to={`/console/entries/${encodeURIComponent(e.code)}/masking`}
                  icon={<SafetyOutlined />}
                >
                  {t('dataset.masking')}
                </LinkButton>
              </>
            )}
            {submits && (e.state === 'draft' || e.state === 'submitted') && (
              <Button type="primary" onClick={() => setReviewModal('submit')} data-testid="submit-review">
                {t('review.submit')}
              </Button>
            )}
            {submits && e.state === 'published' && (
              <Button onClick={() => setReviewModal('change')}>{t('review.changeRequest')}</Button>
            )}
            {admin && e.state !== 'published' && e.state !== 'suspended' && e.state !== 'withdrawn' && (
              <Button
                type="primary"
                loading={acting === 'publish'}
                onClick={() =>
                  void act('publish', () => catalogApi.publishEntry(e.code), t('dataset.publishedOk'))
                }
              >
                {t('dataset.publish')}
              </Button>
            )}
            {/* The provider's own staff may suspend at once (Zhejiang art. 35; Shandong art. 16). */}
            {(admin || submits) && e.state === 'published' && (
              <Button onClick={() => setReasonFor('suspend')} data-testid="suspend-entry">
                {t('dataset.suspend')}
              </Button>
            )}
            {admin && e.state === 'suspended' && (
              <Button type="primary" onClick={() => setReasonFor('restore')}>
                {t('dataset.restore')}
              </Button>
            )}
            {admin && e.state !== 'withdrawn' && (
              <Button danger onClick={() => setReasonFor('withdraw')}>
                {t('dataset.withdraw')}
              </Button>
            )}
          </Space>
        )}
        {seesCases && (
          <div style={{ marginTop: 12 }}>
            <OpenCaseNotice code={e.code} reloadKey={String(e.revision)} />
          </div>
        )}
        {/* Conditional data: the caller's own application or grant (web/src/apply/). */}
        {e.open_attribute === 'conditional' && e.state === 'published' && <MyApplicationNotice entry={e} />}
        {e.open_attribute === 'conditional' && e.state === 'published' && <SampleCard entry={e} />}
      </div>
      {submits && e.state === 'published' && pendingUpdate && (
        <UpdatePanel
          key={pendingUpdate.id}
          code={e.code}
          versionId={pendingUpdate.id}
          onDone={() => {
            reload();
            versions.reload();
          }}
        />
      )}
      {submits && (
        <>
          <SubmitReviewModal entry={e} open={reviewModal === 'submit'} onClose={() => setReviewModal(null)} />
          <ChangeRequestModal entry={e} open={reviewModal === 'change'} onClose={() => setReviewModal(null)} />
        </>
      )}

      <Card title={<h2 className="card-heading">{t('dataset.metadata')}</h2>}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={meta}
          data-testid="metadata"
        />
      </Card>

      <Card
        title={<h2 className="card-heading">{t('dataset.dictionary')}</h2>}
        extra={
          <Typography.Text type="secondary">
            {t('dataset.fieldCount', { n: e.fields?.length ?? 0 })}
          </Typography.Text>
        }
      >
        <DictionaryTable fields={e.fields ?? []} />
      </Card>

      <Card title={<h2 className="card-heading">{t('dataset.versions')}</h2>}>
        {versionsHidden ? (
          <Typography.Text type="secondary">{t('dataset.versionsHidden')}</Typography.Text>
        ) : (
          <>
            <ErrorAlert error={versions.error} onRetry={versions.reload} />
            <div data-testid="versions">
              <Table<Version>
                rowKey="id"
                size="small"
                loading={versions.loading}
                columns={versionColumns}
                dataSource={versions.data ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: <Empty description={t('dataset.noVersions')} /> }}
              />
            </div>
          </>
        )}
      </Card>

      <Card
        id="preview"
        // 数据预览 only for a version the staff preview; the published data's section is 数据 (it
        // may hold a table, charts, a map, downloads — or say that the data is not open).
        title={<h2 className="card-heading">{t(previewVersion ? 'dataset.preview' : 'dataset.data')}</h2>}
        extra={
          staff && versions.data && versions.data.length > 0 ? (
            <Space>
              <label htmlFor="preview-version">{t('dataset.previewVersion')}</label>
              <Select
                id="preview-version"
                style={{ minWidth: 180 }}
                value={previewVersion ?? 0}
                onChange={(v: number) => {
                  const next = new URLSearchParams(params);
                  if (v) next.set('version', String(v));
                  else next.delete('version');
                  setParams(next, { replace: true });
                }}
                options={[
                  { value: 0, label: t('dataset.previewPublished') },
                  ...versions.data.map((v) => ({
                    value: v.id,
                    label: `v${v.number} · ${label('versionState', v.state)}`,
                  })),
                ]}
              />
            </Space>
          ) : undefined
        }
      >
        {previewVersion ? (
          <>
            <Typography.Paragraph type="secondary">
              {chosen
                ? t('data.versionPreviewNote', { n: PREVIEW_ROWS, v: chosen.number })
                : t('dataset.previewLead', { n: PREVIEW_ROWS })}
            </Typography.Paragraph>
            {!previewMissing && <ErrorAlert error={preview.error} onRetry={preview.reload} />}
            {!preview.error || previewMissing ? (
              <PreviewTable
                preview={previewMissing ? undefined : preview.data}
                fields={e.fields}
                loading={preview.loading}
                emptyText={t('dataset.noData')}
              />
            ) : null}
          </>
        ) : e.published_version_id ? (
          <DataSection entry={e} />
        ) : (
          // Nothing published yet (a draft): no data to ask the data API for.
          <Empty description={t('dataset.noData')} data-testid="data-none" />
        )}
      </Card>

      {/* Published data has its map in the data views (the 地图 tab, following the table's filter). */}
      {previewVersion && <MapCard entry={e} version={previewVersion} />}

      <ReasonModal
        open={reasonFor !== null}
        title={reasonFor ? t(STATE_ACTIONS[reasonFor].title) : ''}
        okText={reasonFor ? t(STATE_ACTIONS[reasonFor].ok) : ''}
        danger={reasonFor !== 'restore'}
        busy={acting !== null && acting === reasonFor}
        onCancel={() => setReasonFor(null)}
        onOk={(reason) => {
          const what = reasonFor;
          if (!what) return;
          const run = {
            suspend: () => catalogApi.suspendEntry(e.code, reason),
            withdraw: () => catalogApi.withdrawEntry(e.code, reason),
            restore: () => catalogApi.restoreEntry(e.code, reason),
          }[what];
          void act(what, run, t(STATE_ACTIONS[what].done)).then((ok) => ok && setReasonFor(null));
        }}
      />
    </Space>
  );
}

function ReasonModal({
  open,
  title,
  okText,
  danger,
  busy,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  danger: boolean;
  busy: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    try {
      const v = await form.validateFields();
      onOk(v.reason.trim());
    } catch {
      // The form shows what is missing.
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="reason" preserve={false}>
        <Form.Item
          label={t('entry.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('entry.reasonRequired') }]}
        >
          <Input.TextArea rows={3} autoFocus maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
