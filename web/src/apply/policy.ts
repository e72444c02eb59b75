// What the active policy profile (GET /api/v1/policy, read once by i18n.tsx) says about
// conditional data: whether applications are taken at all, which channels may be granted, whether
// users are graded, and the stages of the procedure. The UI offers only what the profile allows
// (the server refuses the rest anyway).
import { useEffect, useState } from 'react';
import type { ActivePolicy } from '../i18n';
import { useI18n } from '../i18n';
import { holdersPublishedOnce } from './api';
import type { Channel } from './api';

export interface UserGrades {
  /** Lowest first (Lishui: A, AA, AAA). */
  levels: string[];
  /** The lowest grade that may apply. */
  apply: string;
  sandbox?: string;
}

type Procedure = ActivePolicy['procedures'][number];

export interface ApplyPolicy {
  /** The profile has the procedure and this server runs it. */
  available: boolean;
  /** Download may be granted for conditional data (Zhejiang art. 20: no). */
  downloadable: boolean;
  sandbox: boolean;
  /** User grades, where the profile grades users. */
  grades: UserGrades | null;
  /** The procedure's stages and deadlines (working days), for the wizard's first step. */
  procedure: Procedure | null;
  /** Known once the profile has arrived. */
  loaded: boolean;
}

export const PROCEDURE = 'conditional_application';

export function applyPolicyOf(policy: ActivePolicy | null): ApplyPolicy {
  const flags = policy?.flags ?? {};
  const procedure = policy?.procedures.find((p) => p.key === PROCEDURE) ?? null;
  const raw = (policy as (ActivePolicy & { user_grades?: UserGrades | null }) | null)?.user_grades;
  return {
    available: !!procedure && procedure.enabled && procedure.available !== false,
    // Absent flags keep the platform's defaults (download and sandbox may be granted).
    downloadable: flags.conditional_downloadable !== false,
    sandbox: flags.sandbox !== false,
    grades: flags.user_grades && raw && raw.levels?.length ? raw : null,
    procedure,
    loaded: !!policy,
  };
}

export function useApplyPolicy(): ApplyPolicy {
  const { policy } = useI18n();
  return applyPolicyOf(policy);
}

/**
 * The channels an application may ask for, in the order offered: the data API, and file downloads
 * where the profile allows them for conditional data. Not the sandbox, even where the profile
 * names one: this server has no sandbox to read data through yet, so a grant of it could not be
 * used (the server would accept the request).
 */
export function allowedChannels(p: ApplyPolicy): Channel[] {
  return ['api', ...(p.downloadable ? (['download'] as Channel[]) : [])];
}

/** Whether the public list of grant holders answers (200) here; false while unknown or 503. */
export function useHoldersPublished(): boolean {
  const [published, setPublished] = useState(false);
  useEffect(() => {
    let live = true;
    void holdersPublishedOnce().then((v) => live && setPublished(v));
    return () => {
      live = false;
    };
  }, []);
  return published;
}
