import { ApiError } from './api';
import type { MessageKey } from './messages';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Words for an error: the server's own message when it sent one, else a generic text. */
export function errorMessage(err: unknown, t: T): string {
  if (err instanceof ApiError) {
    if (err.message) return err.message;
    switch (err.status) {
      case 0:
        return t('error.network');
      case 401:
        return t('error.unauthorized');
      case 403:
        return t('error.forbidden');
      case 404:
        return t('error.notFound');
      case 429:
        return t('error.tooMany');
      default:
        return t('error.generic', { status: err.status });
    }
  }
  if (err instanceof Error && err.message) return err.message;
  return t('error.generic', { status: '?' });
}

/** A form that can show an error beside a field (antd's FormInstance has this). */
interface FieldForm {
  setFields(fields: { name: never; errors: string[] }[]): void;
}

/**
 * Puts a server error beside the form field it names, when that is one of `fields`; returns
 * false (nothing shown) otherwise, so the caller shows it above the form.
 */
export function showOnField(form: FieldForm, err: unknown, fields: readonly string[], t: T): boolean {
  if (!(err instanceof ApiError) || !err.field || !fields.includes(err.field)) return false;
  form.setFields([{ name: err.field as never, errors: [errorMessage(err, t)] }]);
  return true;
}
