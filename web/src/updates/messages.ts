// User-facing text of the "updates of published data" feature (Chinese first; English must
// have every key).
export const zhUpdates = {
  'updates.title': '发布此数据更新',
  'updates.loading': '正在判断此版本的发布方式…',
  'updates.direct': '直接发布更新',
  'updates.review': '提交更新审核',
  'updates.directLead': '第 {n} 版将替换已发布的第 {m} 版，无需审核，提交后公众立即看到新数据。',
  'updates.reviewLead': '第 {n} 版将替换已发布的第 {m} 版，须经主管部门审核；审核通过前公众仍看到第 {m} 版。',
  'updates.why': '原因',
  'updates.comment': '更新说明（可选）',
  'updates.commentPlaceholder': '如：十一月例行更新',
  'updates.incomplete': '提交前请先完善以下内容',
  'updates.publishedOk': '已直接发布第 {n} 版，记入目录历史',
  'updates.submittedOk': '已提交更新审核，待主管部门审核',
  'updates.viewCase': '查看办理事项',
  'updates.failed': '未能提交此数据更新',
  'action.publish_update': '直接发布更新',
  'updates.caseTitle': '数据更新',
  'updates.caseVersions': '版本',
  'updates.caseReplaces': '第 {n} 版替换已发布的第 {m} 版',
  'updates.casePath': '发布方式',
  'updates.caseBasis': '政策依据',
  'updates.policyDirect':
    '已发布目录的数据更新：新版本的数据字典和脱敏规则与已发布版本相同、一致性检查通过的，由提供方直接发布并记入目录历史；否则重新审核',
  'updates.policyReview': '已发布目录的数据更新：每个新版本都重新经本流程审核后发布',
};

export const enUpdates: Record<keyof typeof zhUpdates, string> = {
  'updates.title': 'Publish this data update',
  'updates.loading': 'Working out how this version is published…',
  'updates.direct': 'Publish update now',
  'updates.review': 'Submit update for review',
  'updates.directLead':
    'Version {n} replaces the published version {m} without review: the public sees the new data as soon as you submit.',
  'updates.reviewLead':
    'Version {n} replaces the published version {m} after the authority reviews it; until then the public sees version {m}.',
  'updates.why': 'Why',
  'updates.comment': 'Note (optional)',
  'updates.commentPlaceholder': 'e.g. routine update for November',
  'updates.incomplete': 'Complete these before submitting',
  'updates.publishedOk': 'Version {n} is published and recorded in the history',
  'updates.submittedOk': 'Submitted for review by the authority',
  'updates.viewCase': 'View the case',
  'updates.failed': 'Could not submit this update',
  'action.publish_update': 'Update published without review',
  'updates.caseTitle': 'Data update',
  'updates.caseVersions': 'Versions',
  'updates.caseReplaces': 'Version {n} replaces the published version {m}',
  'updates.casePath': 'Path',
  'updates.caseBasis': 'Policy basis',
  'updates.policyDirect':
    'Updates of published entries: a new version whose dictionary and desensitization rules equal the published version\'s, with a clean consistency report, is published by the provider at once and recorded in the history; otherwise it is reviewed',
  'updates.policyReview': 'Updates of published entries: every new version is reviewed through this procedure before it is published',
};
