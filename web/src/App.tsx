import { lazy, Suspense, useMemo } from 'react';
import { App as AntApp, ConfigProvider, Layout } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useI18n } from './i18n';
import TopBar from './components/TopBar';
import PageLoading from './components/PageLoading';
import RequireAuth from './components/RequireAuth';
import RequireRole from './components/RequireRole';
import SiteFooter from './site/SiteFooter';
import { PageTitleProvider } from './site/PageTitle';
import { useSite } from './site/SiteContext';
import ApplyTheme from './apply/theme';

const HomePage = lazy(() => import('./pages/HomePage'));
const LoginPage = lazy(() => import('./pages/LoginPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const OrgsPage = lazy(() => import('./pages/OrgsPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const CatalogPage = lazy(() => import('./pages/CatalogPage'));
const DatasetPage = lazy(() => import('./pages/DatasetPage'));
const ConsoleEntriesPage = lazy(() => import('./pages/ConsoleEntriesPage'));
const EntryEditPage = lazy(() => import('./pages/EntryEditPage'));
const UploadPage = lazy(() => import('./pages/UploadPage'));
const HistoryPage = lazy(() => import('./pages/HistoryPage'));
const LicencePage = lazy(() => import('./pages/LicencePage'));
const MaskingPage = lazy(() => import('./pages/MaskingPage'));
const TasksPage = lazy(() => import('./pages/TasksPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const OpenListPage = lazy(() => import('./pages/OpenListPage'));
const ApiDocsPage = lazy(() => import('./apidocs/ApiDocsPage'));
const IndustryPage = lazy(() => import('./pages/IndustryPage'));
const OpenListsConsolePage = lazy(() => import('./pages/OpenListsConsolePage'));
const UserCentrePage = lazy(() => import('./pages/UserCentrePage'));
const AuthorityHomePage = lazy(() => import('./pages/AuthorityHomePage'));
const AuthorityOrgsPage = lazy(() => import('./pages/AuthorityOrgsPage'));
const AuthorityUsersPage = lazy(() => import('./pages/AuthorityUsersPage'));
const AuthorityCatalogPage = lazy(() => import('./pages/AuthorityCatalogPage'));
const DuplicatesPage = lazy(() => import('./pages/DuplicatesPage'));
const CalendarConsolePage = lazy(() => import('./pages/CalendarConsolePage'));
const PolicyConsolePage = lazy(() => import('./pages/PolicyConsolePage'));
const ProvidersPage = lazy(() => import('./pages/ProvidersPage'));
const ProviderPage = lazy(() => import('./pages/ProviderPage'));
const HelpPage = lazy(() => import('./pages/HelpPage'));
const AccessibilityPage = lazy(() => import('./site/AccessibilityPage'));
// Conditional data (issue 13): web/src/apply/.
const ApplyWizardPage = lazy(() => import('./apply/ApplyWizardPage'));
const ApplicationsPage = lazy(() => import('./apply/ApplicationsPage'));
const ApplicationPage = lazy(() => import('./apply/ApplicationPage'));
const GrantsPage = lazy(() => import('./apply/GrantsPage'));
const GrantPage = lazy(() => import('./apply/GrantsPage').then((m) => ({ default: m.GrantPage })));
const HoldersPage = lazy(() => import('./apply/HoldersPage'));
const GradesPage = lazy(() => import('./apply/GradesPage'));
const MyGradePage = lazy(() => import('./apply/MyGradePage'));
const DishonestListsPage = lazy(() => import('./apply/DishonestListsPage'));
const GradingPage = lazy(() => import('./apply/GradingPage'));
const ReevaluationsPage = lazy(() => import('./apply/ReevaluationsPage'));

/** Who may use the provider console (我的目录). */
const CONSOLE_ROLES = ['provider', 'admin'];
/** Who has review tasks (待办): provider staff, the authority and the administrator. */
const REVIEW_ROLES = ['provider', 'authority', 'admin'];
/** Who may use the authority console (主管部门控制台); user administration is for admin only. */
const AUTHORITY_ROLES = ['authority', 'admin'];

// People who asked their system for less motion get no animations (dialogs, menus, tabs).
const reducedMotion =
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
// The deployment's primary colour ([brand.colors], at least 4.5:1 on white: the server checks).
// Links take it too (antd draws them in its own blue otherwise, 4.1:1 on white), and the
// secondary greys are darkened from antd's 45 % black (3.4:1) to 62 % (at least 5.5:1 on the
// page's light greys), so that every text meets WCAG's 4.5:1 (GB/T 37668; axe test in e2e).
const A11Y_GREY = 'rgba(0, 0, 0, 0.62)';
const themeOf = (primary: string) => ({
  token: {
    colorPrimary: primary,
    colorLink: primary,
    colorInfo: primary,
    colorTextTertiary: A11Y_GREY,
    colorTextDescription: A11Y_GREY,
    borderRadius: 6,
    motion: !reducedMotion,
  },
});
// antd would write "登录" as "登 录" in buttons; screen readers and tests want the word.
const button = { autoInsertSpace: false };

export default function App() {
  const { lang, t } = useI18n();
  const site = useSite();
  const theme = useMemo(() => themeOf(site.colors.primary), [site.colors.primary]);
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');

  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={theme} button={button}>
      <AntApp>
        <PageTitleProvider>
        <Layout style={{ minHeight: '100vh' }}>
          <a className="skip-link" href="#main">
            {t('nav.skip')}
          </a>
          <TopBar />
          <Layout.Content id="main" tabIndex={-1} className="page">
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/" element={<HomePage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/register" element={<RegisterPage />} />
                <Route path="/orgs" element={<OrgsPage />} />
                <Route path="/licence" element={<LicencePage />} />
                <Route path="/open-list" element={<OpenListPage />} />
                <Route path="/api-docs" element={<ApiDocsPage />} />
                <Route path="/providers" element={<ProvidersPage />} />
                <Route path="/providers/:id" element={<ProviderPage />} />
                <Route path="/help" element={<HelpPage />} />
                <Route path="/help/:role" element={<HelpPage />} />
                <Route path="/accessibility" element={<AccessibilityPage />} />
                <Route
                  path="/industry"
                  element={
                    <RequireAuth>
                      <IndustryPage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/verify"
                  element={
                    <RequireAuth>
                      <VerifyPage />
                    </RequireAuth>
                  }
                />
                {/* One user centre: the former 个人中心 is its 账号与密钥 tab. */}
                <Route path="/profile" element={<Navigate to="/me/account" replace />} />
                {['/me', '/me/:tab'].map((path) => (
                  <Route
                    key={path}
                    path={path}
                    element={
                      <RequireAuth>
                        <UserCentrePage />
                      </RequireAuth>
                    }
                  />
                ))}
                <Route path="/catalog" element={<CatalogPage />} />
                <Route path="/datasets/:code" element={<DatasetPage />} />
                <Route
                  path="/console/entries"
                  element={
                    <RequireRole roles={CONSOLE_ROLES}>
                      <ConsoleEntriesPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/entries/new"
                  element={
                    <RequireRole roles={CONSOLE_ROLES}>
                      <EntryEditPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/entries/:code/edit"
                  element={
                    <RequireRole roles={CONSOLE_ROLES}>
                      <EntryEditPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/entries/:code/upload"
                  element={
                    <RequireRole roles={CONSOLE_ROLES}>
                      <UploadPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/entries/:code/history"
                  element={
                    <RequireRole roles={REVIEW_ROLES}>
                      <HistoryPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/entries/:code/masking"
                  element={
                    <RequireRole roles={CONSOLE_ROLES}>
                      <MaskingPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/tasks"
                  element={
                    <RequireRole roles={REVIEW_ROLES}>
                      <TasksPage />
                    </RequireRole>
                  }
                />
                <Route
                  path="/console/cases/:id"
                  element={
                    // Every party of a case may open it (an applicant answers a return here); the
                    // server shows a case only to its parties.
                    <RequireAuth>
                      <CasePage />
                    </RequireAuth>
                  }
                />
                <Route
                  path="/console/open-lists"
                  element={
                    <RequireRole roles={REVIEW_ROLES}>
                      <OpenListsConsolePage />
                    </RequireRole>
                  }
                />
                <Route path="/console/admin" element={<RequireRole roles={AUTHORITY_ROLES}><AuthorityHomePage /></RequireRole>} />
                <Route path="/console/orgs" element={<RequireRole roles={AUTHORITY_ROLES}><AuthorityOrgsPage /></RequireRole>} />
                <Route path="/console/users" element={<RequireRole roles={['admin']}><AuthorityUsersPage /></RequireRole>} />
                <Route path="/console/catalog" element={<RequireRole roles={AUTHORITY_ROLES}><AuthorityCatalogPage /></RequireRole>} />
                <Route path="/console/duplicates" element={<RequireRole roles={AUTHORITY_ROLES}><DuplicatesPage /></RequireRole>} />
                <Route path="/console/calendar" element={<RequireRole roles={AUTHORITY_ROLES}><CalendarConsolePage /></RequireRole>} />
                <Route path="/console/policy" element={<RequireRole roles={AUTHORITY_ROLES}><PolicyConsolePage /></RequireRole>} />
                {/* Conditional data (issue 13): applications, grants, the public lists, the authority's lists. */}
                <Route path="/apply/:code" element={<RequireAuth><ApplyTheme><ApplyWizardPage /></ApplyTheme></RequireAuth>} />
                <Route path="/me/applications" element={<RequireAuth><ApplyTheme><ApplicationsPage /></ApplyTheme></RequireAuth>} />
                <Route path="/console/applications" element={<RequireRole roles={REVIEW_ROLES}><ApplyTheme><ApplicationsPage staff /></ApplyTheme></RequireRole>} />
                <Route path="/applications/:id" element={<RequireAuth><ApplyTheme><ApplicationPage /></ApplyTheme></RequireAuth>} />
                <Route path="/grants" element={<RequireAuth><ApplyTheme><GrantsPage /></ApplyTheme></RequireAuth>} />
                <Route path="/grants/:id" element={<RequireAuth><ApplyTheme><GrantPage /></ApplyTheme></RequireAuth>} />
                <Route path="/grant-holders" element={<ApplyTheme><HoldersPage /></ApplyTheme>} />
                <Route path="/user-grades" element={<ApplyTheme><GradesPage /></ApplyTheme>} />
                <Route path="/me/grade" element={<RequireAuth><ApplyTheme><MyGradePage /></ApplyTheme></RequireAuth>} />
                <Route path="/console/dishonest-lists" element={<RequireRole roles={AUTHORITY_ROLES}><ApplyTheme><DishonestListsPage /></ApplyTheme></RequireRole>} />
                <Route path="/console/reevaluations" element={<RequireRole roles={REVIEW_ROLES}><ApplyTheme><ReevaluationsPage /></ApplyTheme></RequireRole>} />
                <Route path="/console/user-grades" element={<RequireRole roles={AUTHORITY_ROLES}><ApplyTheme><GradingPage /></ApplyTheme></RequireRole>} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </Layout.Content>
          <SiteFooter />
        </Layout>
        </PageTitleProvider>
      </AntApp>
    </ConfigProvider>
  );
}
