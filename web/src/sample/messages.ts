// The sample of a conditional entry on the dataset page (ACC-3).
export const zhSample = {
  'sample.title': '数据样例',
  'sample.lead': '样例供了解数据内容和格式：实名认证用户无需申请即可查看和下载。',
  'sample.generated': '由已发布数据脱敏后生成，键字段和敏感字段已替换为假名',
  'sample.uploaded': '数据提供单位提供的样例',
  'sample.download': '下载样例（CSV）',
  'sample.login': '登录并完成实名认证后可以查看样例。',
  'sample.verify': '完成实名认证后可以查看样例。',
  'sample.toLogin': '登录',
  'sample.toVerify': '去实名认证',
  'sample.rows': '共 {n} 行',
};

export const enSample: Record<keyof typeof zhSample, string> = {
  'sample.title': 'Sample',
  'sample.lead': 'The sample shows what the data holds and how it is laid out: real-name verified users can view and download it without applying.',
  'sample.generated': 'Made from the published data after desensitization; keys and sensitive fields are pseudonyms',
  'sample.uploaded': 'A sample provided by the data provider',
  'sample.download': 'Download the sample (CSV)',
  'sample.login': 'Sign in and verify your real name to see the sample.',
  'sample.verify': 'Verify your real name to see the sample.',
  'sample.toLogin': 'Sign in',
  'sample.toVerify': 'Verify',
  'sample.rows': '{n} rows',
};
