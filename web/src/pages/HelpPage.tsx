// 帮助: one tab per role (公众, 企业/开发者, 数据提供部门, 大数据局), each at its own address
// (/help/citizen …) so that a section can be bookmarked and linked to.
import { Card, Space, Tabs, Typography } from 'antd';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import PolicyDeadlines from '../components/PolicyDeadlines';

type Role = 'citizen' | 'developer' | 'provider' | 'authority';
const ROLES: Role[] = ['citizen', 'developer', 'provider', 'authority'];

interface PageLink {
  to: string;
  label: MessageKey;
  /** A server route (API, OpenAPI, DCAT) rather than a page of this app. */
  external?: boolean;
}

interface Section {
  key: string;
  links: PageLink[];
  /** Shows the active profile's deadlines (all, or of these procedures) under the text. */
  deadlines?: true | string[];
}

/** The sections of each role; their texts are help.<role>.<section>.title / .body. */
const SECTIONS: Record<Role, Section[]> = {
  citizen: [
    {
      key: 'find',
      links: [
        { to: '/catalog', label: 'nav.catalog' },
        { to: '/providers', label: 'nav.providers' },
      ],
    },
    { key: 'use', links: [{ to: '/catalog', label: 'nav.catalog' }] },
    {
      key: 'download',
      links: [
        { to: '/licence', label: 'nav.licence' },
        { to: '/register', label: 'nav.register' },
      ],
    },
    {
      key: 'conditional',
      links: [{ to: '/open-list', label: 'nav.openList' }],
      deadlines: ['conditional_application', 'user_grading', 'demand', 'objection', 'consultation', 'open_list'],
    },
    {
      key: 'account',
      links: [
        { to: '/register', label: 'nav.register' },
        { to: '/verify', label: 'nav.verify' },
      ],
    },
  ],
  developer: [
    { key: 'keys', links: [{ to: '/me/account', label: 'nav.profile' }] },
    { key: 'api', links: [{ to: '/api-docs', label: 'nav.apiDocs' }] },
    {
      key: 'compat',
      links: [
        { to: '/api-docs', label: 'nav.apiDocs' },
        { to: '/catalog.jsonld', label: 'help.link.dcat', external: true },
      ],
    },
    { key: 'quota', links: [{ to: '/me/account', label: 'nav.profile' }] },
    { key: 'industry', links: [{ to: '/industry', label: 'nav.industry' }] },
  ],
  provider: [
    { key: 'catalog', links: [{ to: '/console/entries', label: 'nav.console' }] },
    { key: 'dictionary', links: [{ to: '/console/entries/new', label: 'help.link.newEntry' }] },
    { key: 'upload', links: [{ to: '/console/entries', label: 'nav.console' }] },
    { key: 'masking', links: [{ to: '/console/entries', label: 'nav.console' }] },
    {
      key: 'submit',
      links: [{ to: '/console/tasks', label: 'nav.tasks' }],
      deadlines: ['publication', 'catalog_change'],
    },
  ],
  authority: [
    { key: 'review', links: [{ to: '/console/tasks', label: 'nav.tasks' }] },
    { key: 'deadlines', links: [{ to: '/console/tasks', label: 'nav.tasks' }], deadlines: true },
    { key: 'state', links: [{ to: '/catalog', label: 'nav.catalog' }] },
    {
      key: 'openlist',
      links: [
        { to: '/console/open-lists', label: 'help.link.openLists' },
        { to: '/open-list', label: 'nav.openList' },
        { to: '/providers', label: 'nav.providers' },
      ],
    },
  ],
};

export default function HelpPage() {
  const { role } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (role !== undefined && !ROLES.includes(role as Role)) return <Navigate to="/help" replace />;
  const active: Role = (role as Role | undefined) ?? 'citizen';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={1} style={{ fontSize: 28, marginTop: 0 }}>
          {t('help.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, maxWidth: 880 }}>
          {t('help.lead')}
        </Typography.Paragraph>
      </div>
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/help/${key}`)}
        aria-label={t('help.roles')}
        items={ROLES.map((r) => ({
          key: r,
          label: <span data-testid={`help-tab-${r}`}>{t(`help.role.${r}` as MessageKey)}</span>,
          children: <RoleHelp role={r} />,
        }))}
      />
      <Typography.Paragraph type="secondary">{t('help.docs')}</Typography.Paragraph>
    </Space>
  );
}

function RoleHelp({ role }: { role: Role }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`help-${role}`} data-testid={`help-${role}`}>
      <Typography.Title level={2} id={`help-${role}`} style={{ fontSize: 22 }}>
        {t(`help.role.${role}` as MessageKey)}
      </Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 880 }}>{t(`help.${role}.lead` as MessageKey)}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {SECTIONS[role].map((s) => {
          const id = `help-${role}-${s.key}`;
          const items = t(`help.${role}.${s.key}.body` as MessageKey).split('\n');
          return (
            <Card
              key={s.key}
              size="small"
              id={id}
              title={<h3 className="card-heading" style={{ margin: 0, fontSize: 16 }}>{t(`help.${role}.${s.key}.title` as MessageKey)}</h3>}
            >
              <ul style={{ paddingInlineStart: 20, margin: 0, maxWidth: 880, overflowWrap: 'anywhere' }}>
                {items.map((text) => (
                  <li key={text} style={{ marginBottom: 6 }}>
                    {text}
                  </li>
                ))}
              </ul>
              {s.deadlines && (
                <div style={{ marginTop: 8, maxWidth: 880 }}>
                  <PolicyDeadlines only={s.deadlines === true ? undefined : s.deadlines} />
                </div>
              )}
              {s.links.length > 0 && (
                <nav aria-label={t(`help.${role}.${s.key}.title` as MessageKey)} style={{ marginTop: 8 }}>
                  <Space wrap size={[16, 4]}>
                    <Typography.Text type="secondary">{t('help.goTo')}</Typography.Text>
                    {s.links.map((l) =>
                      l.external ? (
                        <a key={l.to} href={l.to}>
                          {t(l.label)}
                        </a>
                      ) : (
                        <Link key={l.to} to={l.to}>
                          {t(l.label)}
                        </Link>
                      ),
                    )}
                  </Space>
                </nav>
              )}
            </Card>
          );
        })}
      </Space>
    </section>
  );
}
