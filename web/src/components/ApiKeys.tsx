import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Popconfirm, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../api';
import type { ApiKey, NewApiKey } from '../api';
import { useI18n } from '../i18n';
import { errorMessage } from '../errors';
import { formatTime } from '../format';
import { useLoad } from '../useLoad';
import ErrorAlert from './ErrorAlert';
import CreateKeyModal from './CreateKeyModal';
import NewKeyModal from './NewKeyModal';

export default function ApiKeys() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback(() => api.listApiKeys().then((r) => r.items), []);
  const { data, error, loading, reload } = useLoad(load);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<NewApiKey | null>(null);
  const [revoking, setRevoking] = useState<number | null>(null);

  const revoke = async (key: ApiKey) => {
    setRevoking(key.id);
    try {
      await api.revokeApiKey(key.id);
      void message.success(t('keys.revokedOk'));
      reload();
    } catch (err) {
      void message.error(errorMessage(err, t));
    } finally {
      setRevoking(null);
    }
  };

  const columns: ColumnsType<ApiKey> = [
    { title: t('keys.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('keys.prefix'),
      dataIndex: 'prefix',
      key: 'prefix',
      render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
    },
    { title: t('keys.createdAt'), dataIndex: 'created_at', key: 'created_at', render: formatTime },
    {
      title: t('keys.lastUsedAt'),
      dataIndex: 'last_used_at',
      key: 'last_used_at',
      render: (v: string | null) => (v ? formatTime(v) : t('common.never')),
    },
    {
      title: t('keys.status'),
      dataIndex: 'revoked',
      key: 'revoked',
      render: (r: boolean) =>
        r ? <Tag>{t('keys.revoked')}</Tag> : <Tag color="success">{t('keys.active')}</Tag>,
    },
    {
      title: t('keys.actions'),
      key: 'actions',
      render: (_, key) =>
        key.revoked ? null : (
          <Popconfirm
            title={t('keys.revokeConfirm', { name: key.name })}
            okText={t('keys.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke(key)}
          >
            <Button danger size="small" loading={revoking === key.id}>
              {t('keys.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('keys.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('keys.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('keys.lead')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      <div data-testid="api-key-table">
      <Table<ApiKey>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('keys.empty')} /> }}
      />
      </div>
      <CreateKeyModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(k) => {
          setCreating(false);
          setCreated(k);
          reload();
        }}
      />
      <NewKeyModal created={created} onClose={() => setCreated(null)} />
    </Card>
  );
}
