// User-facing text about personal data found by the detectors (CLS-4, CLS-6, PUB-5): the masking
// page's consent basis and warnings, the reviewer's consistency report (Chinese first; English
// must have every key).
export const zhPrivacy = {
  'field.consentBasis': '公开依据',
  'privacy.basis': '不脱敏公开的依据',
  'privacy.basisLabel': '字段“{name}”不脱敏公开的依据',
  'privacy.basisPlaceholder': '仅在不脱敏公开时填写：本人授权同意的方式和时间，或要求公开的法律法规条款',
  'privacy.basisHelp':
    '数据中检测到个人信息的字段，须设置脱敏规则；确需公开原始值的，须先取得本人授权同意或有法律法规依据，并在此登记（审核人员可见）。',
  'privacy.detectedNeeds': '数据中检测到{kind}，须设置脱敏规则或登记公开依据',
  'privacy.detectedCount':
    '数据中检测到个人信息的 {n} 个字段既没有脱敏规则，也没有登记公开依据，提交审核时会被拒绝：{names}',
  'privacy.suggestedGrade': '建议级别 {grade}',
  'privacy.share': '抽样中 {p}% 的值',
  'privacy.useSuggestion': '采用建议（规则与级别）',
  'privacy.colPublished': '发布后检测',
  'privacy.rawOut': '原始{kind}将被公开',
  'privacy.basisOut': '按登记的依据公开{kind}',
  'privacy.maskedOk': '已脱敏（原始数据含{kind}）',
  'privacy.noneFound': '未检测到个人信息',
  'privacy.rawOutSummary': '以下字段的原始个人信息将随数据公开：{names}',
  'privacy.extraOut': '目录之外的列含个人信息，将不经脱敏公开：{names}',
  'privacy.sampled': '个人信息检测读取了 {n} 行（前 1000 行及其后均匀抽取的行）。',
  'privacy.unflagged': '数据中检测到个人信息，但目录未标注“含个人信息”。',
  'privacy.basisShown': '依据：{basis}',
  'privacy.contradiction':
    '“含个人信息”“安全级别”“开放属性”相互矛盾：含个人信息的目录不能同时定为 L1 级且无条件开放。请提高安全级别或改为有条件开放。',
};

export const enPrivacy: Record<keyof typeof zhPrivacy, string> = {
  'field.consentBasis': 'Basis for publication',
  'privacy.basis': 'Basis for publishing unmasked',
  'privacy.basisLabel': 'Basis for publishing field “{name}” unmasked',
  'privacy.basisPlaceholder':
    'Only when published unmasked: how and when the persons consented, or the provision of law that orders publication',
  'privacy.basisHelp':
    'Fields in which personal data is detected need a masking rule; to publish the raw values you need the persons’ consent or a legal basis, recorded here (reviewers see it).',
  'privacy.detectedNeeds': '{kind} detected in the data: set a masking rule or record a basis',
  'privacy.detectedCount':
    '{n} fields with personal data detected have neither a masking rule nor a recorded basis; submission will be refused: {names}',
  'privacy.suggestedGrade': 'Suggested grade {grade}',
  'privacy.share': '{p}% of sampled values',
  'privacy.useSuggestion': 'Use suggestion (rule and grade)',
  'privacy.colPublished': 'Detected after masking',
  'privacy.rawOut': 'Raw {kind} would be published',
  'privacy.basisOut': '{kind} published on the recorded basis',
  'privacy.maskedOk': 'Masked (raw data holds {kind})',
  'privacy.noneFound': 'No personal data detected',
  'privacy.rawOutSummary': 'Raw personal data of these fields would be published: {names}',
  'privacy.extraOut': 'Columns outside the catalog hold personal data and would be published unmasked: {names}',
  'privacy.sampled': 'Personal data detection read {n} rows (the first 1,000 and a spread of the rest).',
  'privacy.unflagged': 'Personal data was detected, but the entry is not flagged “contains personal data”.',
  'privacy.basisShown': 'Basis: {basis}',
  'privacy.contradiction':
    '“Contains personal data”, “security grade” and “open attribute” contradict each other: an entry with personal data cannot be graded L1 and opened unconditionally. Raise the grade or make it conditional.',
};
