// API calls of the user centre (/me): download history, favourites, subscriptions, and whether
// the signed-in user follows a dataset. The inbox is reviewApi.inbox / markRead in api.ts.
import { request } from './api';

/** A dataset the user follows (favourite or subscription). */
export interface FollowedEntry {
  code: string;
  name: string;
  provider_name: string;
  /** The entry's state now: only published ones can be opened. */
  state: string;
  available: boolean;
  since: string;
  data_updated_at: string | null;
}

/** One download of a published version; no data values. */
export interface DownloadRecord {
  id: number;
  entry_code: string;
  entry_name: string;
  version_id: number;
  version_number: number | null;
  format: string;
  rows: number;
  at: string;
}

export interface DownloadPage {
  items: DownloadRecord[];
  total: number;
  page: number;
  size: number;
}

export interface FollowState {
  favourite: boolean;
  subscribed: boolean;
}

export type FollowKind = 'favourites' | 'subscriptions';

const seg = (s: string) => encodeURIComponent(s);

export const usercentreApi = {
  downloads(page = 1, size = 20) {
    return request<DownloadPage>('GET', `/api/v1/me/downloads?page=${page}&size=${size}`);
  },
  followed(kind: FollowKind) {
    return request<{ items: FollowedEntry[] }>('GET', `/api/v1/me/${kind}`);
  },
  follow(kind: FollowKind, code: string) {
    return request<FollowedEntry>('PUT', `/api/v1/me/${kind}/${seg(code)}`);
  },
  unfollow(kind: FollowKind, code: string) {
    return request<void>('DELETE', `/api/v1/me/${kind}/${seg(code)}`);
  },
  followState(code: string) {
    return request<FollowState>('GET', `/api/v1/me/follow/${seg(code)}`);
  },
};
