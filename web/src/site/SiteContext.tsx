// The brand for every component: useSite() answers the embedded brand at once, or the neutral
// platform's until GET /api/v1/site answers (development server only).
import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { NEUTRAL_SITE, embeddedSite, siteApi } from './site';
import type { Site } from './site';

const SiteContext = createContext<Site>(NEUTRAL_SITE);

export function SiteProvider({ children }: { children: ReactNode }) {
  const [site, setSite] = useState<Site>(() => embeddedSite() ?? NEUTRAL_SITE);
  useEffect(() => {
    if (embeddedSite()) return;
    let live = true;
    siteApi.get().then(
      (s) => live && setSite(s),
      () => undefined, // An old server without the route: the neutral name stays.
    );
    return () => {
      live = false;
    };
  }, []);
  return <SiteContext.Provider value={site}>{children}</SiteContext.Provider>;
}

export function useSite(): Site {
  return useContext(SiteContext);
}
