// The pages of conditional data draw "danger" (refuse, return, suspend, errors) in a red that
// meets 4.5:1 on white (antd's #ff4d4f has 3.3:1; axe color-contrast), inheriting the rest of the
// app's theme.
import type { ReactNode } from 'react';
import { ConfigProvider } from 'antd';

const THEME = { token: { colorError: '#cf1322' } };

export default function ApplyTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={THEME}>{children}</ConfigProvider>;
}
