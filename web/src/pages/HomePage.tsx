import { Button, Card, Col, Input, Row, Space, Typography } from 'antd';
import { ApiOutlined, SafetyCertificateOutlined, ShareAltOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import PortalOverview from '../components/PortalOverview';
import PolicyDeadlines from '../components/PolicyDeadlines';
import { useSite } from '../site/SiteContext';
import { siteName } from '../site/site';

const cards: { icon: JSX.Element; title: MessageKey; text: MessageKey }[] = [
  { icon: <ApiOutlined />, title: 'home.card.open', text: 'home.card.openText' },
  { icon: <ShareAltOutlined />, title: 'home.card.share', text: 'home.card.shareText' },
  { icon: <SafetyCertificateOutlined />, title: 'home.card.safe', text: 'home.card.safeText' },
];

export default function HomePage() {
  const { t, lang } = useI18n();
  const site = useSite();
  const { user } = useAuth();
  const navigate = useNavigate();
  return (
    <>
      <section style={{ padding: '32px 0' }}>
        <Typography.Title level={1} style={{ fontSize: 32 }}>
          {siteName(site, lang)}
        </Typography.Title>
        <Typography.Paragraph style={{ fontSize: 16, maxWidth: 720 }}>
          {t('home.lead')}
        </Typography.Paragraph>
        <div role="search" style={{ maxWidth: 720, marginBottom: 16 }}>
          <Input.Search
            size="large"
            enterButton={t('catalog.searchButton')}
            aria-label={t('catalog.searchLabel')}
            placeholder={t('catalog.searchPlaceholder')}
            data-testid="home-search"
            onSearch={(v) => {
              const q = v.trim();
              navigate(q ? `/catalog?q=${encodeURIComponent(q)}` : '/catalog');
            }}
          />
        </div>
        <Space wrap>
          <Button type="primary" size="large" onClick={() => navigate('/catalog')}>
            {t('home.browseCatalog')}
          </Button>
          <Button size="large" onClick={() => navigate('/orgs')}>
            {t('home.browseOrgs')}
          </Button>
          {user ? (
            <Button size="large" onClick={() => navigate('/me')}>
              {t('home.toProfile')}
            </Button>
          ) : (
            <Button size="large" onClick={() => navigate('/register')}>
              {t('home.getStarted')}
            </Button>
          )}
        </Space>
      </section>
      {/* Search first, then the catalog: counters, topics, featured datasets, charts. */}
      <PortalOverview />
      <Row gutter={[16, 16]} style={{ marginTop: 32 }}>
        {cards.map((c) => (
          <Col key={c.title} xs={24} md={8}>
            <Card
              title={
                <Space>
                  {c.icon}
                  {t(c.title)}
                </Space>
              }
            >
              {t(c.text)}
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('deadlines.title')} style={{ marginTop: 16 }} data-testid="home-deadlines">
        <PolicyDeadlines />
      </Card>
    </>
  );
}
