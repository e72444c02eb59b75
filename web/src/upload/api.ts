// API calls of "upload in one go" (issue 12 item 4): adopt the proposed dictionary and import the
// file the proposal was made from, without a second upload.
import { request } from '../api';
import type { Field, Job, UploadMode } from '../api';

/** A note on the proposal: the one bad value of a date column, by row (never its content). */
export interface InferenceNote {
  column: string;
  row: number;
  message: string;
}

const seg = (s: string | number) => encodeURIComponent(String(s));

export const oneGoApi = {
  /** Saves `fields` as the entry's dictionary and imports the kept file as a new job (202). */
  adopt(jobId: number | string, input: { fields: Field[]; reason: string; mode: UploadMode }) {
    return request<Job>('POST', `/api/v1/jobs/${seg(jobId)}/adopt`, input);
  },
};
