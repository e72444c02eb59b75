import dayjs from 'dayjs';

/** A server timestamp (ISO 8601) in the reader's local time, or '' if there is none. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}
