// The footer every government portal carries (issue 12 item 7): the bureau that runs it and how
// to reach it, the filing numbers, the accessibility statement, and the portal's other pages.
// Only what the deployment configured is shown ([brand] in the server's configuration).
import { Layout } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n';
import { useSite } from './SiteContext';
import { siteName } from './site';

/** A link to a page of this app, or to another site when the address is absolute. */
function SiteLink({ to, children, testId }: { to: string; children: string; testId?: string }) {
  return /^https?:\/\//.test(to) ? (
    <a href={to} data-testid={testId}>
      {children}
    </a>
  ) : (
    <Link to={to} data-testid={testId}>
      {children}
    </Link>
  );
}

export default function SiteFooter() {
  const { t, lang } = useI18n();
  const site = useSite();
  const c = site.contact;
  const name = siteName(site, lang);
  return (
    <Layout.Footer className="site-footer" data-testid="site-footer">
      <div className="site-footer-inner">
        <section aria-labelledby="footer-about" className="site-footer-about">
          <h2 id="footer-about" className="site-footer-name" data-testid="footer-name">
            {name}
          </h2>
          <p className="site-footer-tagline">{t('site.footer.tagline')}</p>
          {site.notice && (
            <p className="site-footer-notice" data-testid="footer-notice">
              {site.notice}
            </p>
          )}
        </section>
        <section aria-label={t('site.footer.label')} className="site-footer-contact">
          {c.bureau && <p data-testid="footer-bureau">{t('site.footer.sponsor', { bureau: c.bureau })}</p>}
          {c.address && <p>{t('site.footer.address', { address: c.address })}</p>}
          {c.phone && (
            <p data-testid="footer-phone">
              {t('site.footer.phone', { phone: c.phone })}
              {c.hours && t('site.footer.hours', { hours: c.hours })}
            </p>
          )}
          {c.email && (
            <p>
              {t('site.footer.email')}
              <a href={`mailto:${c.email}`}>{c.email}</a>
            </p>
          )}
          <p className="site-footer-filings">
            {site.icp && (
              <span data-testid="footer-icp">
                {t('site.footer.icp')}
                <a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">
                  {site.icp}
                </a>
              </span>
            )}
            {site.police_filing && (
              <span>
                {t('site.footer.police')}
                <a href="https://beian.mps.gov.cn/" rel="noopener noreferrer">
                  {site.police_filing}
                </a>
              </span>
            )}
            {site.site_code && <span>{t('site.footer.siteCode', { code: site.site_code })}</span>}
          </p>
        </section>
        <nav aria-label={t('site.footer.links')} className="site-footer-links">
          <SiteLink to={site.accessibility_url} testId="footer-a11y">
            {t('site.footer.a11y')}
          </SiteLink>
          <Link to="/licence" data-testid="footer-licence">
            {t('nav.licence')}
          </Link>
          <Link to="/help" data-testid="footer-help">
            {t('nav.help')}
          </Link>
          <Link to="/industry">{t('nav.industry')}</Link>
          <Link to="/open-list">{t('nav.openList')}</Link>
        </nav>
      </div>
    </Layout.Footer>
  );
}
