// The document title (GB/T 37668 / WCAG 2.4.2: every page titled): "page - portal" from the
// route, or a page's own title set with useDocumentTitle (a dataset's name), and the portal's
// name alone on the home page.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { useSite } from './SiteContext';
import { siteName } from './site';

/** Path prefixes and the name of their pages (the longest match wins). */
const ROUTE_TITLES: [string, MessageKey][] = [
  ['/catalog', 'nav.catalog'],
  ['/datasets/', 'site.title.dataset'],
  ['/open-list', 'nav.openList'],
  ['/api-docs', 'nav.apiDocs'],
  ['/providers', 'nav.providers'],
  ['/orgs', 'nav.orgs'],
  ['/help', 'nav.help'],
  ['/licence', 'nav.licence'],
  ['/accessibility', 'a11y.title'],
  ['/industry', 'nav.industry'],
  ['/login', 'nav.login'],
  ['/register', 'nav.register'],
  ['/verify', 'nav.verify'],
  ['/profile', 'nav.profile'],
  ['/me', 'nav.userCentre'],
  ['/console/entries', 'nav.console'],
  ['/console/tasks', 'nav.tasks'],
  ['/console/cases/', 'nav.tasks'],
  ['/console/', 'authority.nav'],
];

function routeTitle(path: string): MessageKey | null {
  let best: [string, MessageKey] | null = null;
  for (const r of ROUTE_TITLES) {
    const [prefix] = r;
    const hit = path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
    if (hit && (!best || prefix.length > best[0].length)) best = r;
  }
  return best ? best[1] : null;
}

const OwnTitle = createContext<(title: string | null) => void>(() => undefined);

/** Keeps document.title in step with the route, the language and the page's own title. */
export function PageTitleProvider({ children }: { children: ReactNode }) {
  const { t, lang } = useI18n();
  const site = useSite();
  const { pathname } = useLocation();
  const [own, setOwn] = useState<{ path: string; title: string } | null>(null);
  const name = siteName(site, lang);
  const key = routeTitle(pathname);
  const page = own && own.path === pathname ? own.title : key ? t(key) : null;
  useEffect(() => {
    document.title = page ? `${page} - ${name}` : name;
  }, [page, name]);
  // Stable, and no new state for the same title: a page's effect may call it on every render.
  const setTitle = useCallback((title: string | null) => {
    const path = window.location.pathname;
    setOwn((prev) =>
      title ? (prev && prev.path === path && prev.title === title ? prev : { path, title }) : null,
    );
  }, []);
  return (
    <OwnTitle.Provider value={setTitle}>
      {children}
    </OwnTitle.Provider>
  );
}

/** A page names itself in the document title (e.g. the dataset's name once it is loaded). */
export function useDocumentTitle(title: string | null | undefined) {
  const set = useContext(OwnTitle);
  useEffect(() => {
    if (!title) return;
    set(title);
    return () => set(null);
  }, [title, set]);
}
