import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { en, zh } from './messages';
import { setRequestLanguage } from './api';
import type { MessageKey } from './messages';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'kaifang.lang';
const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

type Vars = Record<string, string | number>;

/** Families of enumerated values with a message per value: `${prefix}.${value}`. */
export type LabelPrefix =
  | 'kind'
  | 'level'
  | 'role'
  | 'freq'
  | 'open'
  | 'share'
  | 'state'
  | 'dataType'
  | 'fieldType'
  | 'check'
  | 'security'
  | 'versionState'
  | 'jobState'
  | 'mode'
  | 'action'
  | 'dbGroup'
  | 'delimiter'
  | 'sort'
  | 'pii'
  | 'caseType'
  | 'caseState'
  | 'inboxKind'
  | 'assignee'
  | 'changeKind'
  | 'caseAction';

/** The part of the active policy profile (GET /api/v1/policy) that shapes what people read. */
export interface ActivePolicy {
  key: string;
  name: string;
  source: string;
  /** unconditional | conditional | not_open → the profile's name (受限开放 under lishui). */
  labels: Record<string, string>;
  /** unconditional | conditional | not_shared → the profile's name. */
  share_labels: Record<string, string>;
  reminder_lead_wd: number;
  open_list_due: string | null;
  app_publish_months: number;
  usage_report_months?: number;
  reevaluate_months?: number;
  catalog_update_wd?: number;
  flags: Record<string, boolean>;
  procedures: {
    key: string;
    label: string;
    enabled: boolean;
    /** Whether this server runs the procedure (its flow exists); absent from older servers. */
    available?: boolean;
    deadline_wd: number;
    basis: string;
    stages: {
      key: string;
      label: string;
      assignee: string;
      assignee_label: string;
      deadline_wd: number;
      deadline_cycles: number;
      immediate: boolean;
      optional: boolean;
      rounds: string[];
      basis: string;
      reject_needs_legal_basis?: boolean;
    }[];
  }[];
}

/** The names the messages are written with (the Shandong / Weifang names), by label family and code. */
const DEFAULT_NAMES: { family: 'labels' | 'share_labels'; code: string; zh: string }[] = [
  { family: 'labels', code: 'unconditional', zh: '无条件开放' },
  { family: 'labels', code: 'conditional', zh: '有条件开放' },
  { family: 'labels', code: 'not_open', zh: '不予开放' },
  { family: 'share_labels', code: 'unconditional', zh: '无条件共享' },
  { family: 'share_labels', code: 'conditional', zh: '有条件共享' },
  { family: 'share_labels', code: 'not_shared', zh: '不予共享' },
];

/** English names of the other names the shipped profiles use (Zhejiang: 受限开放 / 禁止开放). */
const ENGLISH_NAMES: Record<string, string> = {
  受限开放: 'Restricted',
  禁止开放: 'Prohibited',
};
const ENGLISH_KEYS: Record<string, MessageKey> = {
  'labels.unconditional': 'open.unconditional' as MessageKey,
  'labels.conditional': 'open.conditional' as MessageKey,
  'labels.not_open': 'open.not_open' as MessageKey,
  'share_labels.unconditional': 'share.unconditional' as MessageKey,
  'share_labels.conditional': 'share.conditional' as MessageKey,
  'share_labels.not_shared': 'share.none' as MessageKey,
};

/**
 * The dictionaries with the active profile's names: every Chinese message written with a default
 * name (有条件开放 …) says the profile's (受限开放 …) instead, so labels, help and home pages never
 * show another jurisdiction's names; English labels follow where the profile's name is known.
 */
function withProfileNames(policy: ActivePolicy | null): Record<Lang, Record<MessageKey, string>> {
  if (!policy) return dictionaries;
  const swaps: [string, string][] = [];
  const enOverrides: Partial<Record<MessageKey, string>> = {};
  for (const d of DEFAULT_NAMES) {
    const name = policy[d.family]?.[d.code];
    if (!name || name === d.zh) continue;
    swaps.push([d.zh, name]);
    const english = ENGLISH_NAMES[name];
    if (english) enOverrides[ENGLISH_KEYS[`${d.family}.${d.code}`]] = english;
  }
  if (swaps.length === 0) return dictionaries;
  const zhOut = {} as Record<MessageKey, string>;
  for (const [k, v] of Object.entries(zh) as [MessageKey, string][]) {
    let text = v;
    for (const [from, to] of swaps) text = text.split(from).join(to);
    zhOut[k] = text;
  }
  return { zh: zhOut, en: { ...en, ...enOverrides } };
}

interface I18n {
  /** The active policy profile, loaded once from GET /api/v1/policy; null until it arrives. */
  policy: ActivePolicy | null;
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The text for key, with {name} placeholders filled from vars. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** A label for an enumerated value such as kind.provider; the raw value if unknown. */
  label: (prefix: LabelPrefix, value: string) => string;
}

function readStoredLang(): Lang {
  let lang: Lang = 'zh';
  try {
    lang = window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    // Storage disabled: Chinese, the default.
  }
  // Requests made before the first render's effects already ask for the UI's language.
  setRequestLanguage(lang);
  return lang;
}

function format(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (all, name: string) =>
    name in vars ? String(vars[name]) : all,
  );
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readStoredLang);
  const [policy, setPolicy] = useState<ActivePolicy | null>(null);

  // The profile's names and deadlines, once per page load (public route, no login needed).
  useEffect(() => {
    let live = true;
    fetch('/api/v1/policy', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<ActivePolicy>) : null))
      .then((p) => {
        if (live && p) setPolicy(p);
      })
      .catch(() => {
        // Offline or an old server: the default names stay.
      });
    return () => {
      live = false;
    };
  }, []);
  const dicts = useMemo(() => withProfileNames(policy), [policy]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }, []);

  // The document title is the portal's (site/PageTitle.tsx).
  useEffect(() => {
    setRequestLanguage(lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dicts[lang];
    const t = (key: MessageKey, vars?: Vars) => format(dict[key] ?? key, vars);
    const label = (prefix: LabelPrefix, v: string) => {
      const key = `${prefix}.${v}` as MessageKey;
      return key in dict ? dict[key] : v;
    };
    return { policy, lang, setLang, t, label };
  }, [lang, setLang, dicts, policy]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
