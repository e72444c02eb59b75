// User-facing text of the provider console's smaller parts (Chinese first; English must have every key).
export const zhConsole = {
  'updateDue.title': '待更新的目录',
  'updateDue.lead': '以下已开放目录按更新频率将在 {days} 天内到期或已逾期，请及时上传新数据。',
  'updateDue.overdue': '已逾期',
  'updateDue.dueOn': '应于 {date} 前更新',
  'updateDue.upload': '上传新数据',
  'updateDue.none': '近 {days} 天内没有需要更新的目录',
};

export const enConsole: Record<keyof typeof zhConsole, string> = {
  'updateDue.title': 'Entries due for update',
  'updateDue.lead': 'By their update frequency these open entries are due within {days} days or overdue: upload new data.',
  'updateDue.overdue': 'Overdue',
  'updateDue.dueOn': 'Update due by {date}',
  'updateDue.upload': 'Upload new data',
  'updateDue.none': 'No entry is due for update in the next {days} days',
};
