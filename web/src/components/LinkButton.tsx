import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface Props {
  to: string;
  icon?: ReactNode;
  primary?: boolean;
  small?: boolean;
  children: ReactNode;
}

/** A real link (opens in a new tab, one tab stop) that looks like an antd button. */
export default function LinkButton({ to, icon, primary, small, children }: Props) {
  const cls = ['link-button', primary ? 'primary' : '', small ? 'small' : ''].filter(Boolean).join(' ');
  return (
    <Link to={to} className={cls}>
      {icon}
      <span>{children}</span>
    </Link>
  );
}
