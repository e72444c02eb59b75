// Shared bits of the review workflows (issue 6): who is staff, the countdown in working days,
// and a signal that the inbox changed (the top bar's unread badge listens for it).
import type { Case, CompletenessProblem, User } from './api';
import { hasRole } from './catalog';
import type { MessageKey } from './messages';

/** Who has review tasks: provider staff, the authority and the administrator. */
export const STAFF_ROLES = ['provider', 'authority', 'admin'];

export function isStaff(user: User | null | undefined): boolean {
  return hasRole(user, ...STAFF_ROLES);
}

/**
 * Must a change of this entry go through a change request? Published entries, for anyone
 * but the administrator (the server answers 409 change_request_required to the others).
 */
export function needsChangeRequest(user: User | null | undefined, state: string | undefined): boolean {
  return state === 'published' && !hasRole(user, 'admin');
}

export const CASE_STATE_COLORS: Record<string, string> = {
  open: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export const INBOX_COLORS: Record<string, string> = {
  assigned: 'blue',
  reminder: 'gold',
  overdue: 'red',
  escalated: 'volcano',
  returned: 'orange',
  approved: 'green',
};

/** A case still running (someone has to act on it). */
export function isLive(c: Pick<Case, 'state'>): boolean {
  return c.state === 'open' || c.state === 'returned' || c.state === 'waiting';
}

export function isOverdue(c: Pick<Case, 'overdue' | 'working_days_left'>): boolean {
  return c.overdue || (c.working_days_left !== null && c.working_days_left < 0);
}

/** Overdue first, then the soonest due, then those without a deadline; newest last. */
export function sortCases<T extends Case>(items: T[]): T[] {
  const rank = (c: Case) => (isOverdue(c) ? 0 : c.working_days_left !== null ? 1 : 2);
  return [...items].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.working_days_left ?? 0) - (b.working_days_left ?? 0) ||
      (a.due_date ?? '').localeCompare(b.due_date ?? '') ||
      a.id - b.id,
  );
}

/** The countdown in words: the message and its variables, and whether it is late. */
export function countdown(
  c: Pick<Case, 'working_days_left' | 'overdue' | 'due_date'>,
): { key: MessageKey; n?: number; late: boolean } | null {
  const n = c.working_days_left;
  if (n === null || n === undefined) return c.overdue ? { key: 'due.overdueShort', late: true } : null;
  if (n < 0) return { key: 'due.overdue', n: -n, late: true };
  if (c.overdue) return { key: 'due.overdueShort', late: true };
  if (n === 0) return { key: 'due.today', late: false };
  return { key: 'due.left', n, late: false };
}

const INBOX_EVENT = 'kaifang:inbox';

/** Tells the top bar to count the unread messages again. */
export function notifyInboxChanged(): void {
  window.dispatchEvent(new Event(INBOX_EVENT));
}

export function onInboxChanged(fn: () => void): () => void {
  window.addEventListener(INBOX_EVENT, fn);
  return () => window.removeEventListener(INBOX_EVENT, fn);
}

/** Where to fix a completeness problem, by the field the server names. */
export function fixLink(
  code: string,
  p: CompletenessProblem,
): { to: string; label: MessageKey } {
  const base = `/console/entries/${encodeURIComponent(code)}`;
  const f = p.field ?? '';
  if (f === 'version_id' || f.startsWith('version')) return { to: `${base}/upload`, label: 'review.fixUpload' };
  if (/mask_rule|security_grade/.test(f)) return { to: `${base}/masking`, label: 'review.fixMasking' };
  if (f === 'fields' || f.startsWith('fields')) return { to: `${base}/edit#dictionary`, label: 'review.fixDictionary' };
  return { to: `${base}/edit`, label: 'review.fixEntry' };
}
