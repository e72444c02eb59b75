import { Button, Card, Descriptions, Space, Tag } from 'antd';
import { CheckCircleFilled, ExclamationCircleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import type { User } from '../api';
import { useI18n } from '../i18n';
import { formatTime } from '../format';

export default function AccountCard({ user }: { user: User }) {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const none = <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('common.none')}</span>;

  const realName = user.real_name_verified ? (
    <Tag color="success" icon={<CheckCircleFilled />} data-testid="real-name-status">
      {t('profile.verified')}
      {user.real_name_masked ? ` · ${user.real_name_masked}` : ''}
    </Tag>
  ) : (
    <Space>
      <Tag color="warning" icon={<ExclamationCircleOutlined />} data-testid="real-name-status">
        {t('profile.unverified')}
      </Tag>
      <Button size="small" type="link" onClick={() => navigate('/verify')}>
        {t('profile.goVerify')}
      </Button>
    </Space>
  );

  const licence = user.licence_version ? (
    <Space wrap>
      <Tag color="success" icon={<CheckCircleFilled />} data-testid="licence-status">
        {t('profile.licenceAccepted', {
          version: user.licence_version,
          time: user.licence_accepted_at ? formatTime(user.licence_accepted_at) : '—',
        })}
      </Tag>
      <Link to="/licence">{t('profile.licenceRead')}</Link>
    </Space>
  ) : (
    <Space wrap>
      <Tag color="warning" icon={<ExclamationCircleOutlined />} data-testid="licence-status">
        {t('profile.licenceNone')}
      </Tag>
      <Link to="/licence">{t('profile.licenceGo')}</Link>
    </Space>
  );

  const orgs = user.orgs.length ? (
    <Space direction="vertical" size={2}>
      {user.orgs.map((o) => (
        <span key={o.org_id}>
          {o.org_name}
          {o.is_cdo && <Tag style={{ marginLeft: 8 }}>{t('profile.cdo')}</Tag>}
          {o.is_commissioner && <Tag style={{ marginLeft: 8 }}>{t('profile.commissioner')}</Tag>}
        </span>
      ))}
    </Space>
  ) : (
    <span style={{ color: 'rgba(0,0,0,0.45)' }}>{t('profile.noOrgs')}</span>
  );

  return (
    <Card title={t('profile.account')}>
      <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} bordered size="middle">
        <Descriptions.Item label={t('profile.username')}>{user.username}</Descriptions.Item>
        <Descriptions.Item label={t('profile.realName')}>{realName}</Descriptions.Item>
        <Descriptions.Item label={t('profile.phone')}>{user.phone || none}</Descriptions.Item>
        <Descriptions.Item label={t('profile.email')}>{user.email || none}</Descriptions.Item>
        <Descriptions.Item label={t('profile.roles')}>
          {user.roles.length
            ? user.roles.map((r) => (
                <Tag key={r} color="blue">
                  {label('role', r)}
                </Tag>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.createdAt')}>{formatTime(user.created_at)}</Descriptions.Item>
        <Descriptions.Item label={t('profile.licence')}>{licence}</Descriptions.Item>
        <Descriptions.Item label={t('profile.orgs')} span={2}>
          {orgs}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
