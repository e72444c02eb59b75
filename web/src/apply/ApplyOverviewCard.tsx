// The user centre's card for conditional data: my applications and my grants.
import { Card, Space, Typography } from 'antd';
import { useI18n } from '../i18n';
import LinkButton from '../components/LinkButton';
import { useApplyPolicy } from './policy';

export default function ApplyOverviewCard() {
  const { t } = useI18n();
  const policy = useApplyPolicy();
  if (!policy.available) return null;
  return (
    <Card title={t('apply.uc.title')} size="small" style={{ height: '100%' }} data-testid="uc-applications">
      <Typography.Paragraph>{t('apply.uc.text')}</Typography.Paragraph>
      <Space wrap>
        <LinkButton to="/me/applications" small>
          {t('apply.list.title')}
        </LinkButton>
        <LinkButton to="/grants" small>
          {t('grant.list.title')}
        </LinkButton>
      </Space>
    </Card>
  );
}
