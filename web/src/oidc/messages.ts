// Sign-in through the external identity provider ([oidc] on the server).
export const zhOidc = {
  'oidc.or': '或',
  'oidc.button': '使用{label}登录',
  'oidc.hint': '通过{label}登录的账号自动完成实名认证（平台给出姓名和身份证号码时）。',
  'oidc.failed': '统一身份认证登录未成功',
};

export const enOidc: Record<keyof typeof zhOidc, string> = {
  'oidc.or': 'or',
  'oidc.button': 'Sign in with {label}',
  'oidc.hint': 'Accounts signed in through {label} are real-name verified when it provides the name and identity number.',
  'oidc.failed': 'Sign-in through the identity platform did not succeed',
};
