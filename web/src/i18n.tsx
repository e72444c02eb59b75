import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { en, zh } from './messages';
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

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** The text for key, with {name} placeholders filled from vars. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** A label for an enumerated value such as kind.provider; the raw value if unknown. */
  label: (prefix: LabelPrefix, value: string) => string;
}

function readStoredLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
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

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = dictionaries[lang]['app.name'];
  }, [lang]);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    const t = (key: MessageKey, vars?: Vars) => format(dict[key] ?? key, vars);
    const label = (prefix: LabelPrefix, v: string) => {
      const key = `${prefix}.${v}` as MessageKey;
      return key in dict ? dict[key] : v;
    };
    return { lang, setLang, t, label };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
