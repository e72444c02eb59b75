// /console/users: user administration (用户管理, administrators): the accounts with their roles,
// organisations and state; add an account; change its roles and organisations; disable it (it can
// no longer log in, its sessions end and its API keys stop working) or enable it again.
import { useCallback, useMemo, useState } from 'react';
import { App, Button, Checkbox, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';
import type { Org } from '../api';
import { authorityApi } from '../authorityApi';
import type { AdminUser, MembershipInput, NewUser } from '../authorityApi';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { showOnField } from '../errors';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import AuthorityHeader from '../components/AuthorityNav';

const ROLES = ['admin', 'authority', 'provider', 'user', 'sharer'];
const ROLE_COLORS: Record<string, string> = { admin: 'red', authority: 'volcano', provider: 'blue', sharer: 'cyan' };

function useRoleOptions() {
  const { label } = useI18n();
  return ROLES.map((r) => ({ value: r, label: label('role', r) }));
}

/** Organisations of a user, each with its two duties (首席数据官, 数据专员). */
function MembershipEditor({ orgs, value = [], onChange = () => undefined }: {
  orgs: Org[];
  /** Given by the caller, or by Form.Item when inside a form. */
  value?: MembershipInput[];
  onChange?: (v: MembershipInput[]) => void;
}) {
  const { t } = useI18n();
  const names = useMemo(() => new Map(orgs.map((o) => [o.id, o.name])), [orgs]);
  const setOrgs = (ids: number[]) =>
    onChange(ids.map((id) => value.find((m) => m.org_id === id) ?? { org_id: id, is_cdo: false, is_commissioner: false }));
  const flip = (id: number, key: 'is_cdo' | 'is_commissioner', on: boolean) =>
    onChange(value.map((m) => (m.org_id === id ? { ...m, [key]: on } : m)));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        mode="multiple"
        showSearch
        optionFilterProp="label"
        aria-label={t('authority.users.orgs')}
        placeholder={t('authority.users.noOrg')}
        value={value.map((m) => m.org_id)}
        onChange={setOrgs}
        options={orgs.map((o) => ({ value: o.id, label: o.name }))}
        data-testid="user-orgs"
      />
      {value.map((m) => (
        <Space key={m.org_id} wrap size="small">
          <Typography.Text>{names.get(m.org_id) ?? `#${m.org_id}`}：</Typography.Text>
          <Checkbox checked={m.is_cdo} onChange={(e) => flip(m.org_id, 'is_cdo', e.target.checked)}>
            {t('authority.users.cdo')}
          </Checkbox>
          <Checkbox checked={m.is_commissioner} onChange={(e) => flip(m.org_id, 'is_commissioner', e.target.checked)}>
            {t('authority.users.commissioner')}
          </Checkbox>
        </Space>
      ))}
    </Space>
  );
}

interface CreateValues {
  username: string;
  password: string;
  phone?: string;
  email?: string;
  roles: string[];
  orgs: MembershipInput[];
}

function CreateUserModal({ open, orgs, onClose, onCreated }: {
  open: boolean;
  orgs: Org[];
  onClose: () => void;
  onCreated: (u: AdminUser) => void;
}) {
  const { t } = useI18n();
  const roleOptions = useRoleOptions();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (v: CreateValues) => {
    setBusy(true);
    setError(undefined);
    try {
      const input: NewUser = { username: v.username.trim(), password: v.password, roles: v.roles };
      if (v.phone?.trim()) input.phone = v.phone.trim();
      if (v.email?.trim()) input.email = v.email.trim();
      const [first, ...more] = v.orgs ?? [];
      if (first) Object.assign(input, first);
      let user = await authorityApi.createUser(input);
      // POST /users takes one organisation; further ones are added by a change.
      if (more.length) user = await authorityApi.updateUser(user.id, { orgs: v.orgs });
      form.resetFields();
      onCreated(user);
    } catch (err) {
      if (!showOnField(form, err, ['username', 'password', 'phone', 'email', 'roles'], t)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('authority.users.create')}
      onCancel={onClose}
      okText={t('authority.users.createOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnClose
      okButtonProps={{ 'data-testid': 'user-create-ok' }}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ roles: ['provider'], orgs: [] }}>
        <Form.Item
          name="username"
          label={t('authority.users.username')}
          extra={t('authority.users.usernameHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('authority.users.username') }) }]}
        >
          <Input autoComplete="off" maxLength={64} data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('authority.users.password')}
          extra={t('authority.users.passwordHint')}
          rules={[{ required: true, message: t('common.required', { field: t('authority.users.password') }) }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="phone" label={t('authority.users.phone')}>
          <Input inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('authority.users.email')}>
          <Input type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="roles" label={t('authority.users.roles')} rules={[{ required: true, type: 'array', min: 1, message: t('authority.users.oneRole') }]}>
          <Checkbox.Group options={roleOptions} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="orgs" label={t('authority.users.orgs')}>
          <MembershipEditor orgs={orgs} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function EditUserModal({ user, orgs, self, onClose, onSaved }: {
  user: AdminUser | null;
  orgs: Org[];
  self: boolean;
  onClose: () => void;
  onSaved: (u: AdminUser) => void;
}) {
  const { t } = useI18n();
  const roleOptions = useRoleOptions();
  const [roles, setRoles] = useState<string[]>([]);
  const [members, setMembers] = useState<MembershipInput[]>([]);
  const [disabled, setDisabled] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [shownFor, setShownFor] = useState<number | null>(null);

  // Fill the form each time a user is opened.
  if (user && shownFor !== user.id) {
    setShownFor(user.id);
    setRoles(user.roles);
    setMembers(user.orgs.map((m) => ({ org_id: m.org_id, is_cdo: m.is_cdo, is_commissioner: m.is_commissioner })));
    setDisabled(user.disabled);
    setError(undefined);
  }

  const save = async () => {
    if (!user) return;
    if (!roles.length) {
      setError(new ApiError(400, 'invalid_argument', t('authority.users.oneRole')));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onSaved(await authorityApi.updateUser(user.id, { roles, orgs: members, disabled }));
      setShownFor(null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('authority.users.editTitle', { name: user.username }) : ''}
      onCancel={() => {
        setShownFor(null);
        onClose();
      }}
      okText={t('authority.users.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void save()}
      okButtonProps={{ 'data-testid': 'user-save' }}
    >
      <ErrorAlert error={error} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, fontWeight: 600, marginBottom: 8 }}>{t('authority.users.roles')}</legend>
          <Checkbox.Group
            options={roleOptions}
            value={roles}
            onChange={(v) => setRoles(v as string[])}
            data-testid="edit-roles"
          />
          {self && (
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              {t('authority.users.selfHint')}
            </Typography.Paragraph>
          )}
        </fieldset>
        <div>
          <Typography.Text strong>{t('authority.users.orgs')}</Typography.Text>
          <MembershipEditor orgs={orgs} value={members} onChange={setMembers} />
        </div>
        <Space>
          <Switch
            id="user-disabled"
            checked={disabled}
            onChange={setDisabled}
            data-testid="edit-disabled"
            aria-describedby="user-disabled-hint"
          />
          <label htmlFor="user-disabled">{t('authority.users.disabled')}</label>
        </Space>
        <Typography.Text type="secondary" id="user-disabled-hint">
          {t('authority.users.disabledHint')}
        </Typography.Text>
      </Space>
    </Modal>
  );
}

export default function AuthorityUsersPage() {
  const { t, label } = useI18n();
  const { user: me } = useAuth();
  const { message } = App.useApp();
  const loadUsers = useCallback(() => authorityApi.listUsers().then((r) => r.items), []);
  const users = useLoad(loadUsers);
  const loadOrgs = useCallback(() => authorityApi.listOrgs().then((r) => r.items), []);
  const orgs = useLoad(loadOrgs);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const role = params.get('role') ?? '';
  const status = params.get('status') ?? '';
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AdminUser | null>(null);

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (users.data ?? []).filter(
      (u) =>
        (!role || u.roles.includes(role)) &&
        (!status || (status === 'disabled') === u.disabled) &&
        (!needle ||
          u.username.toLowerCase().includes(needle) ||
          u.orgs.some((m) => m.org_name.toLowerCase().includes(needle))),
    );
  }, [users.data, q, role, status]);

  const columns: ColumnsType<AdminUser> = [
    {
      title: t('authority.users.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: (a, b) => a.username.localeCompare(b.username),
      render: (n: string) => <Typography.Text strong>{n}</Typography.Text>,
    },
    {
      title: t('authority.users.roles'),
      key: 'roles',
      render: (_: unknown, u) => (
        <Space size={[0, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r} color={ROLE_COLORS[r]}>
              {label('role', r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('authority.users.orgs'),
      key: 'orgs',
      render: (_: unknown, u) =>
        u.orgs.length ? (
          <Space direction="vertical" size={0}>
            {u.orgs.map((m) => (
              <span key={m.org_id}>
                {m.org_name}
                {m.is_cdo ? <Tag style={{ marginLeft: 4 }}>{t('authority.users.cdo')}</Tag> : null}
                {m.is_commissioner ? <Tag style={{ marginLeft: 4 }}>{t('authority.users.commissioner')}</Tag> : null}
              </span>
            ))}
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: t('authority.users.status'),
      key: 'status',
      render: (_: unknown, u) =>
        u.disabled ? (
          <Tag color="red">{t('authority.users.statusDisabled')}</Tag>
        ) : (
          <Tag color="green">{t('authority.users.statusActive')}</Tag>
        ),
    },
    {
      title: t('authority.users.verified'),
      key: 'verified',
      responsive: ['md'],
      render: (_: unknown, u) => (u.real_name_verified ? u.real_name_masked ?? t('authority.yes') : t('authority.no')),
    },
    {
      title: t('authority.users.created'),
      dataIndex: 'created_at',
      key: 'created_at',
      responsive: ['lg'],
      render: (v: string) => formatTime(v),
    },
    {
      title: t('authority.actions'),
      key: 'actions',
      render: (_: unknown, u) => (
        <Button size="small" onClick={() => setEditing(u)} aria-label={t('authority.users.editTitle', { name: u.username })}>
          {t('authority.users.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <AuthorityHeader
        title={t('authority.sec.users')}
        lead={t('authority.users.lead')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-create">
            {t('authority.users.create')}
          </Button>
        }
      />
      <div className="authority-toolbar" role="search">
        <Input.Search
          className="grow"
          allowClear
          aria-label={t('authority.users.search')}
          placeholder={t('authority.users.search')}
          defaultValue={q}
          onSearch={(v) => set('q', v)}
          onChange={(e) => set('q', e.target.value)}
        />
        <Select
          aria-label={t('authority.users.roles')}
          style={{ minWidth: 150 }}
          value={role}
          onChange={(v) => set('role', v)}
          options={[{ value: '', label: t('authority.users.allRoles') }, ...ROLES.map((r) => ({ value: r, label: label('role', r) }))]}
        />
        <Select
          aria-label={t('authority.users.status')}
          style={{ minWidth: 130 }}
          value={status}
          onChange={(v) => set('status', v)}
          options={[
            { value: '', label: t('authority.users.allStatus') },
            { value: 'active', label: t('authority.users.statusActive') },
            { value: 'disabled', label: t('authority.users.statusDisabled') },
          ]}
        />
        <Typography.Text type="secondary" aria-live="polite">
          {users.data ? t('authority.users.count', { n: rows.length }) : ''}
        </Typography.Text>
      </div>
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <ErrorAlert error={orgs.error} onRetry={orgs.reload} />
      <Table<AdminUser>
        rowKey="id"
        data-testid="users-table"
        loading={users.loading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={users.data && users.data.length ? t('authority.noMatch') : t('authority.users.empty')} /> }}
      />
      <CreateUserModal
        open={creating}
        orgs={orgs.data ?? []}
        onClose={() => setCreating(false)}
        onCreated={(u) => {
          setCreating(false);
          void message.success(t('authority.users.createdOk', { name: u.username }));
          users.reload();
        }}
      />
      <EditUserModal
        user={editing}
        orgs={orgs.data ?? []}
        self={!!editing && editing.id === me?.id}
        onClose={() => setEditing(null)}
        onSaved={(u) => {
          setEditing(null);
          void message.success(t('authority.users.savedOk', { name: u.username }));
          users.reload();
        }}
      />
    </>
  );
}
