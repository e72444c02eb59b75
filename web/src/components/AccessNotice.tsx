// Why the caller may not download (ACC-1), in words, with the link that fixes it:
// log in, verify the real name, or read and accept the open-data licence — each coming back to
// this page afterwards (?next=).
import { Alert } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { ACCESS_CODES } from '../api';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { loginPath, safeNext } from '../returnTo';

const TARGET: Record<string, string> = {
  login_required: '/login',
  verification_required: '/verify',
  licence_required: '/licence',
};

export function isAccessCode(code: string | undefined | null): boolean {
  return !!code && ACCESS_CODES.includes(code);
}

/** The link that lifts the restriction named by code (an ACCESS_CODES value). */
export function AccessAction({ code }: { code: string }) {
  const { t } = useI18n();
  const location = useLocation();
  const target = TARGET[code];
  if (!target) return null;
  const here = location.pathname + location.search;
  const back = safeNext(here);
  const to =
    target === '/login' ? loginPath(here) : back ? `${target}?next=${encodeURIComponent(back)}` : target;
  return (
    <Link
      to={to}
      data-testid="access-action"
      className="link-button small primary"
    >
      {t(`access.action.${code}` as MessageKey)}
    </Link>
  );
}

interface Props {
  code: string;
  /** The server's message; otherwise the words for code. */
  message?: string;
  /** Shown after the message: only the first n rows can be previewed. */
  previewRows?: number;
  title?: string;
  type?: 'warning' | 'info';
}

export default function AccessNotice({ code, message, previewRows, title, type = 'warning' }: Props) {
  const { t } = useI18n();
  const words = message || (isAccessCode(code) ? t(`access.${code}` as MessageKey) : t('error.forbidden'));
  const more = previewRows && !message ? ` ${t('access.previewOnly', { n: previewRows })}` : '';
  return (
    <Alert
      type={type}
      showIcon
      data-testid="access-notice"
      message={title ?? t('access.title')}
      description={
        <span>
          {words}
          {more}
        </span>
      }
      action={<AccessAction code={code} />}
    />
  );
}
