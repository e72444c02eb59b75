// Public portal: the data providers of the catalog (GET /api/v1/providers), one organisation's
// page, and the rows the dataset map draws. Built on the client of api.ts only.
import { api, catalogApi, dataApi, request } from './api';
import type { CatalogPage, Org, Preview, RowsPage } from './api';

/** A data provider of the public catalog (GET /api/v1/providers). */
export interface ProviderSummary {
  id: number;
  name: string;
  kind: string;
  region_code: string;
  region_name: string;
  /** Published entries in the catalog: the search's provider facet and the provider's page. */
  datasets: number;
  /** Of which open without conditions (the home page's "开放数据集"). */
  open_datasets: number;
}

export interface ProviderList {
  items: ProviderSummary[];
  /** Providers in all: the home page's counter. */
  total: number;
  /** Published entries in all (the catalog's total) and of them open without conditions. */
  datasets: number;
  open_datasets: number;
}

export interface Provider extends Org {
  /** Some deployments describe their organisations; the demo's do not. */
  description?: string | null;
}

export const portalApi = {
  /**
   * The data providers of the public catalog — organisations with at least one published entry —
   * with their counts, most datasets first. The server's one definition, shared with the home
   * page's counter and the search facets.
   */
  providers(): Promise<ProviderList> {
    return request<ProviderList>('GET', '/api/v1/providers');
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
