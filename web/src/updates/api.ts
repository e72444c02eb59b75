// API calls of the "updates of published data" feature (issue 12 item 3).
import { request } from '../api';
import type { Case } from '../api';

/** How a new version of a published entry reaches the public (GET …/versions/{id}/update-path). */
export interface UpdatePath {
  /** direct: the provider publishes it at once; review: the authority reviews it first. */
  path: 'direct' | 'review';
  /** 直接发布更新 | 提交更新审核 */
  label: string;
  /** Why (names fields and counts, never data values). */
  reasons: string[];
  /** The article of the policy profile the setting follows. */
  basis: string;
  version: { id: number; number: number };
  replaces: { id: number; number: number };
  /** The completeness check: while false, submitting is refused with these problems. */
  complete: boolean;
  problems: { field: string; message: string }[];
}

const seg = (s: string | number) => encodeURIComponent(String(s));

export const updatesApi = {
  path(code: string, versionId: number) {
    return request<UpdatePath>('GET', `/api/v1/entries/${seg(code)}/versions/${seg(versionId)}/update-path`);
  },
  submit(code: string, input: { version_id: number; comment?: string }) {
    return request<Case>('POST', `/api/v1/entries/${seg(code)}/updates`, input);
  },
};
