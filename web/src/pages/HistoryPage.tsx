import { useCallback, useEffect, useState } from 'react';
import { Breadcrumb, Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DiffOutlined } from '@ant-design/icons';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { catalogApi } from '../api';
import type { Change, HistoryItem } from '../api';
import { useI18n } from '../i18n';
import { useAuth } from '../auth';
import type { LabelPrefix } from '../i18n';
import type { MessageKey } from '../messages';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import { FIELD_ATTR_LABELS, hasRole, historyValue, parseFieldPath, showValue } from '../catalog';
import ErrorAlert from '../components/ErrorAlert';

/** Entry attributes by the message that names them. */
const ATTRS: Record<string, MessageKey> = {
  code: 'entry.code',
  name: 'entry.name',
  summary: 'entry.summary',
  provider_id: 'entry.provider',
  department: 'entry.department',
  domain: 'entry.domain',
  keywords: 'entry.keywords',
  region_code: 'entry.regionCode',
  formats: 'entry.formats',
  data_type: 'entry.dataType',
  update_frequency: 'entry.updateFrequency',
  open_attribute: 'entry.openAttribute',
  open_conditions: 'entry.openConditions',
  legal_basis: 'entry.legalBasis',
  share_attribute: 'entry.shareAttribute',
  share_conditions: 'entry.shareConditions',
  security_level: 'entry.securityLevel',
  usage_requirements: 'entry.usageRequirements',
  source_system: 'entry.sourceSystem',
  contact: 'entry.contact',
  database_group: 'entry.databaseGroup',
  contains_personal_data: 'entry.containsPersonalData',
  state: 'entry.state',
  fields: 'dataset.dictionary',
  published_version_id: 'history.publishedVersion',
};


/** Attributes whose values are enumerations, by the family of their labels. */
const ENUM_ATTRS: Record<string, LabelPrefix> = {
  type: 'fieldType',
  check: 'check',
  security_grade: 'security',
  security_level: 'security',
  open_attribute: 'open',
  share_attribute: 'share',
  update_frequency: 'freq',
  data_type: 'dataType',
  state: 'state',
};

function ChangesTable({ changes, testId }: { changes: Change[]; testId?: string }) {
  const { t, label } = useI18n();
  const pathLabel = (path: string) => {
    const at = parseFieldPath(path);
    if (at) {
      const attr = at.key && FIELD_ATTR_LABELS[at.key] ? t(FIELD_ATTR_LABELS[at.key]) : (at.key ?? '');
      return (
        at.name !== undefined
          ? t('history.fieldNamed', { name: at.name, attr })
          : t('history.fieldPath', { n: (at.index ?? 0) + 1, attr })
      ).trim();
    }
    const k = ATTRS[path];
    return k ? t(k) : path;
  };
  const empty = <Typography.Text type="secondary">{t('history.emptyValue')}</Typography.Text>;
  const yesNo = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  /** A value in words: enumerations by their label, booleans as yes/no, lists joined. */
  const words = (attr: string, v: unknown): string => {
    if (typeof v === 'boolean') return yesNo(v);
    if (Array.isArray(v)) return v.map((x) => words(attr, x)).join('、');
    if (typeof v === 'string' && v && ENUM_ATTRS[attr]) return label(ENUM_ATTRS[attr], v);
    if (typeof v === 'string' && attr === 'database_group' && v) {
      return v.startsWith('thematic:')
        ? t('dbGroup.thematicNamed', { name: v.slice('thematic:'.length) })
        : label('dbGroup', v);
    }
    return showValue(v);
  };
  const value = (path: string, raw: unknown, cls: string) => {
    const v = historyValue(raw);
    // A whole dictionary field reads best as its label, name and type.
    if (v && typeof v === 'object' && !Array.isArray(v) && 'name' in v && 'type' in v) {
      const f = v as { name: string; label?: string; type: string };
      return (
        <span className={cls} title={JSON.stringify(v, null, 1)}>
          {f.label && f.label !== f.name
            ? t('common.withCode', { name: f.label, code: f.name })
            : f.name}{' '}
          · {label('fieldType', f.type)}
        </span>
      );
    }
    const at = parseFieldPath(path);
    const s = words(at ? (at.key ?? '') : path, v);
    return s ? <span className={`${cls} diff-value`}>{s}</span> : empty;
  };
  const columns: ColumnsType<Change & { _i: number }> = [
    {
      title: t('history.path'),
      dataIndex: 'path',
      key: 'path',
      width: 220,
      render: (p: string) => (
        <span>
          {pathLabel(p)}
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('history.before'),
      dataIndex: 'before',
      key: 'before',
      render: (v: unknown, c) => value(c.path, v, 'diff-before'),
    },
    {
      title: t('history.after'),
      dataIndex: 'after',
      key: 'after',
      render: (v: unknown, c) => value(c.path, v, 'diff-after'),
    },
  ];
  return (
    <div data-testid={testId}>
      <Table<Change & { _i: number }>
        rowKey="_i"
        size="small"
        columns={columns}
        dataSource={changes.map((c, i) => ({ ...c, _i: i }))}
        pagination={changes.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('history.noChanges')} /> }}
      />
    </div>
  );
}

export default function HistoryPage() {
  const { code = '' } = useParams();
  const { t, label } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const loadEntry = useCallback(() => catalogApi.getEntry(code), [code]);
  const entry = useLoad(loadEntry, code);
  const loadHistory = useCallback(
    () => catalogApi.history(code).then((r) => [...r.items].sort((a, b) => b.revision - a.revision)),
    [code],
  );
  const history = useLoad(loadHistory, code);

  const items = history.data ?? [];
  // Without a choice in the address, show the last change against the one before it.
  const from = Number(params.get('from')) || (items.length >= 2 ? items[1].revision : undefined);
  const to = Number(params.get('to')) || (items.length >= 2 ? items[0].revision : undefined);
  const [pickFrom, setPickFrom] = useState<number | undefined>(from);
  const [pickTo, setPickTo] = useState<number | undefined>(to);
  useEffect(() => {
    setPickFrom(from);
    setPickTo(to);
  }, [from, to]);

  const loadDiff = useCallback(
    () => (from && to ? catalogApi.diff(code, from, to) : Promise.resolve(undefined)),
    [code, from, to],
  );
  const diff = useLoad(loadDiff, `${code}:${from}:${to}`);

  const compare = (a: number | undefined, b: number | undefined) => {
    if (!a || !b) return;
    const next = new URLSearchParams(params);
    next.set('from', String(Math.min(a, b)));
    next.set('to', String(Math.max(a, b)));
    setParams(next);
    window.setTimeout(() => document.getElementById('diff')?.scrollIntoView({ block: 'start' }), 0);
  };

  const columns: ColumnsType<HistoryItem> = [
    {
      title: t('history.revision'),
      dataIndex: 'revision',
      key: 'revision',
      width: 80,
      render: (r: number) => `#${r}`,
    },
    { title: t('history.at'), dataIndex: 'at', key: 'at', render: formatTime },
    { title: t('history.actor'), dataIndex: 'actor', key: 'actor' },
    {
      title: t('history.action'),
      dataIndex: 'action',
      key: 'action',
      render: (a: string) => label('action', a),
    },
    {
      title: t('history.reason'),
      dataIndex: 'reason',
      key: 'reason',
      render: (r: string) =>
        r ? (
          // Long reasons (a direct update says why it needed no review) wrap instead of widening the table.
          <span style={{ display: 'inline-block', minWidth: 160, maxWidth: 480, whiteSpace: 'normal' }}>{r}</span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('history.changes'),
      key: 'changes',
      render: (_, h) => t('history.changeCount', { n: h.changes?.length ?? 0 }),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, h) => {
        const i = items.findIndex((x) => x.revision === h.revision);
        const prev = items[i + 1];
        return prev ? (
          <Button size="small" icon={<DiffOutlined />} onClick={() => compare(prev.revision, h.revision)}>
            {t('history.comparePrev')}
          </Button>
        ) : null;
      },
    },
  ];

  const revOptions = items.map((h) => ({
    value: h.revision,
    label: `#${h.revision} · ${formatTime(h.at)} · ${label('action', h.action)}`,
  }));
  const name = entry.data?.code === code ? entry.data.name : code;
  // The authority comes here from 全部目录 of its console; providers from 我的目录.
  const fromAuthority = !hasRole(user, 'provider', 'admin');
  const listCrumb = fromAuthority ? (
    <Link to="/console/catalog">{t('authority.sec.catalog')}</Link>
  ) : (
    <Link to="/console/entries">{t('console.title')}</Link>
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: listCrumb },
          { title: <Link to={`/datasets/${encodeURIComponent(code)}`}>{name}</Link> },
          { title: t('history.crumb') },
        ]}
      />
      <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
        {t('history.title', { name })}
      </Typography.Title>
      <ErrorAlert error={history.error} onRetry={history.reload} />
      <Card title={<h2 className="card-heading">{t('history.list')}</h2>}>
        <div data-testid="history">
          <Table<HistoryItem>
            rowKey="revision"
            size="middle"
            loading={history.loading}
            columns={columns}
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            scroll={{ x: 'max-content' }}
            expandable={{
              rowExpandable: (h) => (h.changes?.length ?? 0) > 0,
              expandedRowRender: (h) => <ChangesTable changes={h.changes ?? []} />,
            }}
            locale={{ emptyText: <Empty description={t('history.empty')} /> }}
          />
        </div>
      </Card>
      <Card
        id="diff"
        title={<h2 className="card-heading">{t('history.diff')}</h2>}
        style={{ scrollMarginTop: 16 }}
      >
        <Space wrap align="end" style={{ display: 'flex', marginBottom: 16 }}>
          <div>
            <label htmlFor="diff-from" style={{ display: 'block', marginBottom: 4 }}>
              {t('history.from')}
            </label>
            <Select
              id="diff-from"
              style={{ width: 300, maxWidth: '80vw' }}
              value={pickFrom}
              onChange={setPickFrom}
              options={revOptions}
              placeholder={t('history.pick')}
            />
          </div>
          <div>
            <label htmlFor="diff-to" style={{ display: 'block', marginBottom: 4 }}>
              {t('history.to')}
            </label>
            <Select
              id="diff-to"
              style={{ width: 300, maxWidth: '80vw' }}
              value={pickTo}
              onChange={setPickTo}
              options={revOptions}
              placeholder={t('history.pick')}
            />
          </div>
          <Button
            type="primary"
            icon={<DiffOutlined />}
            disabled={!pickFrom || !pickTo || pickFrom === pickTo}
            onClick={() => compare(pickFrom, pickTo)}
          >
            {t('history.compare')}
          </Button>
        </Space>
        <ErrorAlert error={diff.error} onRetry={diff.reload} />
        {from && to ? (
          diff.data ? (
            <>
              <Typography.Paragraph type="secondary">
                {t('history.diffLead', { from: diff.data.from ?? from, to: diff.data.to ?? to })}
              </Typography.Paragraph>
              <ChangesTable changes={diff.data.changes ?? []} testId="diff-table" />
            </>
          ) : diff.loading ? (
            <Typography.Paragraph type="secondary">{t('common.loading')}</Typography.Paragraph>
          ) : null
        ) : (
          <Typography.Paragraph type="secondary">{t('history.diffHint')}</Typography.Paragraph>
        )}
      </Card>
    </Space>
  );
}
