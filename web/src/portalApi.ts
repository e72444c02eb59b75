// Public portal: data-providing departments (organisations joined with the catalog's provider
// facet) and the rows the dataset map draws. Built on the clients of api.ts only.
import { api, catalogApi, dataApi } from './api';
import type { CatalogPage, Org, Preview, RowsPage } from './api';

/** Kinds of organisation that provide data even before they have published any. */
const PROVIDING_KINDS = new Set(['provider', 'institution']);

export interface Provider extends Org {
  /** Published datasets in the open catalog (the search's provider facet). */
  datasets: number;
  /** Some deployments describe their organisations; the demo's do not. */
  description?: string | null;
}

export interface ProviderList {
  items: Provider[];
  /** Published datasets in all (the catalog's total). */
  total: number;
}

/** The provider facet of a catalog search without other filters: counts per provider id. */
async function datasetCounts(): Promise<{ counts: Map<number, number>; total: number }> {
  const page = await catalogApi.search({ size: 1 });
  const counts = new Map<number, number>();
  for (const v of page.facets.provider ?? []) counts.set(Number(v.value), v.count);
  return { counts, total: page.total };
}

export const portalApi = {
  /**
   * Every data-providing department: providers and public institutions, and any other
   * organisation that has published data (an enterprise through the industry entry).
   * Most datasets first, then by name.
   */
  async providers(): Promise<ProviderList> {
    const [orgs, { counts, total }] = await Promise.all([api.listOrgs(), datasetCounts()]);
    const items = orgs.items
      .filter((o) => PROVIDING_KINDS.has(o.kind) || (counts.get(o.id) ?? 0) > 0)
      .map((o) => ({ ...o, datasets: counts.get(o.id) ?? 0 }))
      .sort((a, b) => b.datasets - a.datasets || a.name.localeCompare(b.name, 'zh-CN'));
    return { items, total };
  },

  /** One organisation (404 when there is none) with its parent's name when it has one. */
  async provider(id: number): Promise<{ org: Provider; parent: Org | null }> {
    const org = (await api.getOrg(id)) as Provider;
    const parent = org.parent_id ? await api.getOrg(org.parent_id).catch(() => null) : null;
    return { org, parent };
  },

  /** The published datasets of one provider, newest first, paged by the catalog search. */
  datasets(id: number, page: number, size: number, q?: string): Promise<CatalogPage> {
    return catalogApi.search({ provider: String(id), page, size, q, sort: q ? 'relevance' : 'updated' });
  },

  /** The first rows of the published data (the data API), or of a chosen version (staff). */
  previewRows(code: string, limit: number, version?: number): Promise<RowsPage | Preview> {
    return version ? catalogApi.preview(code, limit, version) : dataApi.rows(code, { $limit: limit });
  },
};
