// /console/admin: the landing page of the authority console (主管部门控制台), one card per section.
import { Card, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import AuthorityHeader, { useSections } from '../components/AuthorityNav';

export default function AuthorityHomePage() {
  const { t } = useI18n();
  const sections = useSections();
  return (
    <>
      <AuthorityHeader title={t('authority.title')} lead={t('authority.lead')} />
      <ul className="authority-cards" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {sections.map((s) => (
          <li key={s.path}>
            <Link to={s.path} className="authority-card" data-testid={`authority-card-${s.path.split('/').pop()}`}>
              <Card hoverable style={{ height: '100%' }}>
                <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0 }}>
                  <span aria-hidden="true" style={{ marginRight: 8 }}>
                    {s.icon}
                  </span>
                  {t(s.title)}
                </Typography.Title>
                <Typography.Text type="secondary">{t(s.lead)}</Typography.Text>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
