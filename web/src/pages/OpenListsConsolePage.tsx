// The authority console for the annual open list (CAT-5): compile a year from the catalog,
// look at a version's list and plan, send a draft for review. The approval happens on the
// review case page (/console/cases/:id); an approved list becomes the public one at /open-list.
import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Input, InputNumber, Space, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { hasRole } from '../catalog';
import { useLoad } from '../useLoad';
import ErrorAlert from '../components/ErrorAlert';
import { ListStateTag, OpenListItemsTable, OpenPlanTable, openListApi } from './OpenListPage';
import type { OpenList } from './OpenListPage';

function ListDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const load = useCallback(() => openListApi.get(id), [id]);
  const { data, error, reload } = useLoad(load, String(id));
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const mayAct = hasRole(user, 'authority', 'admin');

  const submit = async () => {
    setBusy(true);
    try {
      const c = await openListApi.submit(id, comment);
      void message.success(t('openList.submitted', { id: c.id }));
      setComment('');
      reload();
      onChanged();
    } catch (err) {
      void message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data) return null;
  return (
    <Card
      data-testid="openlist-detail"
      title={
        <Space>
          <h2 style={{ fontSize: 18, margin: 0 }}>{t('openList.versionTitle', { year: data.year, version: data.version })}</h2>
          <ListStateTag state={data.state} />
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('openList.compiledBy', { name: data.compiled_by ?? '', at: formatTime(data.compiled_at) })} ·{' '}
          {t('openList.dueDate')}：{data.due_date}
        </Typography.Text>
        {data.case_id ? (
          <Link to={`/console/cases/${data.case_id}`} data-testid="openlist-case-link">
            {t('openList.caseLink', { id: data.case_id })}
          </Link>
        ) : null}
        {data.state === 'draft' && mayAct && (
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input
              aria-label={t('openList.submitComment')}
              placeholder={t('openList.submitComment')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="openlist-submit">
              {t('openList.submit')}
            </Button>
          </Space.Compact>
        )}
        <Tabs
          items={[
            {
              key: 'items',
              label: t('openList.listTab', { n: data.counts.items }),
              children: <OpenListItemsTable items={data.items ?? []} />,
            },
            {
              key: 'plan',
              label: t('openList.planTab', { n: data.counts.planned }),
              children: <OpenPlanTable plan={data.plan ?? []} />,
            },
          ]}
        />
      </Space>
    </Card>
  );
}

export default function OpenListsConsolePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const { message } = App.useApp();
  const load = useCallback(() => openListApi.list().then((r) => r.items), []);
  const { data, error, loading, reload } = useLoad(load);
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [selected, setSelected] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const mayCompile = hasRole(user, 'authority', 'admin');

  const compile = async () => {
    setBusy(true);
    try {
      const l = await openListApi.compile(year);
      void message.success(t('openList.compiled', { year: l.year, version: l.version }));
      setSelected(l.id);
      reload();
    } catch (err) {
      void message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('openList.consoleTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('openList.consoleLead')} <Link to="/open-list">{t('openList.publicLink')}</Link>
        </Typography.Paragraph>
      </div>
      {mayCompile && (
        <Card>
          <Space wrap>
            <label htmlFor="openlist-year">{t('openList.year')}</label>
            <InputNumber
              id="openlist-year"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => v && setYear(v)}
              data-testid="openlist-year"
            />
            <Button type="primary" loading={busy} onClick={() => void compile()} data-testid="openlist-compile">
              {t('openList.compile')}
            </Button>
            <Typography.Text type="secondary">{t('openList.compileHint')}</Typography.Text>
          </Space>
        </Card>
      )}
      <ErrorAlert error={error} onRetry={reload} />
      <Table<OpenList>
        rowKey="id"
        loading={loading}
        data-testid="openlist-versions"
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('openList.noVersions')} /> }}
        columns={[
          { title: t('openList.year'), dataIndex: 'year' },
          { title: t('openList.version'), dataIndex: 'version' },
          { title: t('openList.statusCol'), dataIndex: 'state', render: (s: string) => <ListStateTag state={s} /> },
          { title: t('openList.countItems'), render: (_: unknown, l) => l.counts.items },
          { title: t('openList.countPlanned'), render: (_: unknown, l) => l.counts.planned },
          { title: t('openList.compiledAt'), dataIndex: 'compiled_at', render: (v: string) => formatTime(v) },
          {
            title: t('openList.case'),
            dataIndex: 'case_id',
            render: (id: number | null) => (id ? <Link to={`/console/cases/${id}`}>{t('openList.caseLink', { id })}</Link> : '—'),
          },
          {
            title: t('openList.actions'),
            render: (_: unknown, l) => (
              <Button size="small" onClick={() => setSelected(l.id)} aria-pressed={selected === l.id}>
                {t('openList.view')}
              </Button>
            ),
          },
        ]}
      />
      {selected !== undefined && <ListDetail id={selected} onChanged={reload} />}
    </Space>
  );
}
