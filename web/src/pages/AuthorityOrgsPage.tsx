// /console/orgs: organisations (组织机构管理) — the list with filters, and a form to add one
// (POST /api/v1/orgs: authority and administrators; the region code is checked against GB/T 2260).
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Empty, Form, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import type { Org } from '../api';
import { authorityApi } from '../authorityApi';
import type { NewOrg } from '../authorityApi';
import { useI18n } from '../i18n';
import { showOnField } from '../errors';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import AuthorityHeader from '../components/AuthorityNav';

export const ORG_KINDS = ['authority', 'provider', 'enterprise', 'institution', 'other'];
export const ORG_LEVELS = ['province', 'city', 'county'];
const KIND_COLORS: Record<string, string> = { authority: 'red', provider: 'blue', enterprise: 'purple', institution: 'cyan' };

type OrgRow = Org & { created_at?: string };

interface FormValues {
  name: string;
  kind: string;
  level: string;
  region_code: string;
  parent_id?: number;
}

function CreateOrgModal({ open, orgs, onClose, onCreated }: {
  open: boolean;
  orgs: Org[];
  onClose: () => void;
  onCreated: (o: Org) => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const input: NewOrg = { name: v.name.trim(), kind: v.kind, level: v.level, region_code: v.region_code.trim() };
      if (v.parent_id) input.parent_id = v.parent_id;
      const created = await authorityApi.createOrg(input);
      form.resetFields();
      onCreated(created);
    } catch (err) {
      // A field the server names gets the message beside it; others go above the form.
      if (!showOnField(form, err, ['name', 'kind', 'level', 'region_code', 'parent_id'], t)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('authority.orgs.create')}
      onCancel={onClose}
      okText={t('authority.orgs.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnClose
      okButtonProps={{ 'data-testid': 'org-create-ok' }}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ kind: 'provider', level: 'city' }}>
        <Form.Item name="name" label={t('authority.orgs.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('authority.orgs.name') }) }]}>
          <Input maxLength={100} data-testid="org-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('authority.orgs.kind')} rules={[{ required: true }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: label('kind', k) }))} data-testid="org-kind" />
        </Form.Item>
        <Form.Item name="level" label={t('authority.orgs.level')} rules={[{ required: true }]}>
          <Select options={ORG_LEVELS.map((k) => ({ value: k, label: label('level', k) }))} data-testid="org-level" />
        </Form.Item>
        <Form.Item
          name="region_code"
          label={t('authority.orgs.region')}
          extra={t('authority.orgs.regionHint')}
          rules={[
            { required: true, message: t('common.required', { field: t('authority.orgs.region') }) },
            { pattern: /^\d{6}$/, message: t('authority.orgs.regionFormat') },
          ]}
        >
          <Input inputMode="numeric" maxLength={6} data-testid="org-region" />
        </Form.Item>
        <Form.Item name="parent_id" label={t('authority.orgs.parent')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('authority.orgs.noParent')}
            options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function AuthorityOrgsPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => authorityApi.listOrgs().then((r) => r.items as OrgRow[]), []);
  const { data, error, loading, reload } = useLoad(load);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('kind') ?? '';
  const [creating, setCreating] = useState(false);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const byId = useMemo(() => new Map((data ?? []).map((o) => [o.id, o])), [data]);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (data ?? []).filter(
      (o) =>
        (!kind || o.kind === kind) &&
        (!needle || o.name.toLowerCase().includes(needle) || o.region_name.includes(needle) || o.region_code.includes(needle)),
    );
  }, [data, q, kind]);

  const columns: ColumnsType<OrgRow> = [
    { title: t('authority.orgs.name'), dataIndex: 'name', key: 'name', sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN') },
    {
      title: t('authority.orgs.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: string) => <Tag color={KIND_COLORS[k]}>{label('kind', k)}</Tag>,
    },
    { title: t('authority.orgs.level'), dataIndex: 'level', key: 'level', render: (l: string) => label('level', l) },
    {
      title: t('authority.orgs.region'),
      key: 'region',
      render: (_: unknown, o) => (
        <span>
          {o.region_name} <Typography.Text type="secondary">{o.region_code}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('authority.orgs.parent'),
      key: 'parent',
      render: (_: unknown, o) => (o.parent_id ? byId.get(o.parent_id)?.name ?? `#${o.parent_id}` : '—'),
    },
    {
      title: t('authority.orgs.created'),
      dataIndex: 'created_at',
      key: 'created_at',
      responsive: ['md'],
      render: (v?: string) => formatTime(v),
    },
  ];

  return (
    <>
      <AuthorityHeader
        title={t('authority.sec.orgs')}
        lead={t('authority.orgs.lead')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-create">
            {t('authority.orgs.create')}
          </Button>
        }
      />
      <div className="authority-toolbar" role="search">
        <Input.Search
          className="grow"
          allowClear
          aria-label={t('authority.orgs.search')}
          placeholder={t('authority.orgs.search')}
          defaultValue={q}
          onSearch={(v) => set('q', v)}
          onChange={(e) => set('q', e.target.value)}
        />
        <Select
          aria-label={t('authority.orgs.kind')}
          style={{ minWidth: 160 }}
          value={kind}
          onChange={(v) => set('kind', v)}
          options={[{ value: '', label: t('authority.orgs.allKinds') }, ...ORG_KINDS.map((k) => ({ value: k, label: label('kind', k) }))]}
        />
        <Typography.Text type="secondary" aria-live="polite">
          {data ? t('authority.orgs.count', { n: rows.length }) : ''}
        </Typography.Text>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<OrgRow>
        rowKey="id"
        data-testid="orgs-table"
        loading={loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={data && data.length ? t('authority.noMatch') : t('authority.orgs.empty')} /> }}
      />
      <CreateOrgModal
        open={creating}
        orgs={data ?? []}
        onClose={() => setCreating(false)}
        onCreated={(o) => {
          setCreating(false);
          void message.success(t('authority.orgs.createdOk', { name: o.name }));
          reload();
        }}
      />
    </>
  );
}
