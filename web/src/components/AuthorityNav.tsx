// The authority console's sections (主管部门控制台) and the header every one of its pages shows:
// a title, a lead and a row of links to the other sections (wrapping onto more lines on a phone).
import type { ReactNode } from 'react';
import { Menu, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CopyOutlined,
  DatabaseOutlined,
  FileProtectOutlined,
  FormOutlined,
  HomeOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { ActivePolicy } from '../i18n';
import { hasRole } from '../catalog';
import { applyPolicyOf } from '../apply/policy';
import type { MessageKey } from '../messages';
import '../pages/authority.css';

/** Who may use the authority console. */
export const AUTHORITY_ROLES = ['authority', 'admin'];

export interface Section {
  path: string;
  title: MessageKey;
  lead: MessageKey;
  icon: ReactNode;
  /** Only administrators (the server refuses others). */
  adminOnly?: boolean;
  /** Only where the policy profile has it (e.g. user grades); hidden until the profile is known. */
  when?: (policy: ActivePolicy) => boolean;
}

/** Conditional data (web/src/apply/): only where this server takes applications. */
const takesApplications = (p: ActivePolicy) => applyPolicyOf(p).available;

export const SECTIONS: Section[] = [
  { path: '/console/tasks', title: 'authority.sec.tasks', lead: 'authority.sec.tasksLead', icon: <AuditOutlined /> },
  { path: '/console/catalog', title: 'authority.sec.catalog', lead: 'authority.sec.catalogLead', icon: <DatabaseOutlined /> },
  { path: '/console/duplicates', title: 'authority.sec.duplicates', lead: 'authority.sec.duplicatesLead', icon: <CopyOutlined /> },
  { path: '/console/open-lists', title: 'authority.sec.openLists', lead: 'authority.sec.openListsLead', icon: <OrderedListOutlined /> },
  { path: '/console/orgs', title: 'authority.sec.orgs', lead: 'authority.sec.orgsLead', icon: <ApartmentOutlined /> },
  { path: '/console/users', title: 'authority.sec.users', lead: 'authority.sec.usersLead', icon: <TeamOutlined />, adminOnly: true },
  { path: '/console/calendar', title: 'authority.sec.calendar', lead: 'authority.sec.calendarLead', icon: <CalendarOutlined /> },
  { path: '/console/policy', title: 'authority.sec.policy', lead: 'authority.sec.policyLead', icon: <FileProtectOutlined /> },
  {
    path: '/console/applications',
    title: 'authority.sec.applications',
    lead: 'authority.sec.applicationsLead',
    icon: <FormOutlined />,
    when: takesApplications,
  },
  { path: '/grants', title: 'authority.sec.grants', lead: 'authority.sec.grantsLead', icon: <SafetyCertificateOutlined />, when: takesApplications },
  {
    path: '/console/dishonest-lists',
    title: 'authority.sec.dishonest',
    lead: 'authority.sec.dishonestLead',
    icon: <StopOutlined />,
    when: takesApplications,
  },
  {
    path: '/console/user-grades',
    title: 'authority.sec.grades',
    lead: 'authority.sec.gradesLead',
    icon: <StarOutlined />,
    when: (p) => applyPolicyOf(p).grades !== null,
  },
];

/** The sections this user may open. */
export function useSections(): Section[] {
  const { user } = useAuth();
  const { policy } = useI18n();
  const admin = hasRole(user, 'admin');
  return SECTIONS.filter((s) => (admin || !s.adminOnly) && (!s.when || (!!policy && s.when(policy))));
}

interface Props {
  title: string;
  lead?: ReactNode;
  /** Buttons beside the title. */
  extra?: ReactNode;
}

export default function AuthorityHeader({ title, lead, extra }: Props) {
  const { t } = useI18n();
  const location = useLocation();
  const sections = useSections();
  const items = [
    { key: '/console/admin', icon: <HomeOutlined />, label: <Link to="/console/admin">{t('authority.home')}</Link> },
    ...sections.map((s) => ({ key: s.path, icon: s.icon, label: <Link to={s.path}>{t(s.title)}</Link> })),
  ];
  const selected = items.map((i) => i.key).filter((k) => location.pathname.startsWith(k));
  return (
    <div className="authority-header">
      <nav aria-label={t('authority.navLabel')}>
        {/* No "…" overflow menu (its hidden items stay focusable: axe aria-hidden-focus); the
            sections wrap onto more lines instead. */}
        <Menu mode="horizontal" selectedKeys={selected} items={items} className="authority-nav" disabledOverflow />
      </nav>
      <div className="authority-title-row">
        <Typography.Title level={1} className="authority-title">
          {title}
        </Typography.Title>
        {extra ? <div className="authority-extra">{extra}</div> : null}
      </div>
      {lead ? (
        <Typography.Paragraph type="secondary" className="authority-lead">
          {lead}
        </Typography.Paragraph>
      ) : null}
    </div>
  );
}
