// The deployment's brand (GET /api/v1/site, issue 12 item 7): whose portal this is, whom to
// contact, its filing numbers and colours. The server writes the same JSON into index.html
// (<script id="kf-site" type="application/json">), so the first paint needs no request; the
// Vite dev server's index.html has none, and then it is fetched.
import { request } from '../api';

export interface SiteContact {
  bureau: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  hours: string | null;
}

export interface Site {
  name: string;
  name_en: string | null;
  short_name: string;
  region: { code: string; name: string } | null;
  url: string | null;
  logo_url: string | null;
  contact: SiteContact;
  icp: string | null;
  police_filing: string | null;
  site_code: string | null;
  /** The accessibility statement: the built-in page (/accessibility) or the deployment's own. */
  accessibility_url: string;
  notice: string | null;
  colors: { primary: string; header: string };
}

/** What the portal shows before the server has said anything (the server's defaults). */
export const NEUTRAL_SITE: Site = {
  name: '公共数据开放平台',
  name_en: null,
  short_name: '数据开放',
  region: null,
  url: null,
  logo_url: null,
  contact: { bureau: null, address: null, phone: null, email: null, hours: null },
  icp: null,
  police_filing: null,
  site_code: null,
  accessibility_url: '/accessibility',
  notice: null,
  colors: { primary: '#1f5fbf', header: '#001529' },
};

/** The brand the server embedded in the page, or null (development server, old server). */
export function embeddedSite(): Site | null {
  const el = typeof document === 'undefined' ? null : document.getElementById('kf-site');
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as Site;
  } catch {
    return null;
  }
}

export const siteApi = {
  get: () => request<Site>('GET', '/api/v1/site'),
};

/** The name to show in the active language: the English name when there is one. */
export function siteName(site: Site, lang: string): string {
  return lang === 'en' && site.name_en ? site.name_en : site.name;
}
