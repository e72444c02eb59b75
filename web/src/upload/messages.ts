// User-facing text of "upload in one go" (Chinese first; English must have every key).
export const zhOneGo = {
  'oneGo.title': '核对推断的数据字典，采用并导入',
  'oneGo.lead':
    '平台根据文件内容推断出以下字段（手机号、编码按文本保存，文本长度已留余量）。可直接修改字段名称、类型、长度等，然后点“采用并导入”：字典保存后，平台用刚才上传的文件导入，无需再次上传。',
  'oneGo.notes': '推断时发现的问题',
  'oneGo.reason': '修改原因',
  'oneGo.mode': '导入方式',
  'oneGo.adopt': '采用并导入',
  'oneGo.failed': '未能采用字典并导入',
  'oneGo.fixErrors': '请先更正字典中标出的问题',
  'oneGo.keptFor': '上传的文件保留 24 小时，过期后需重新上传。',
};

export const enOneGo: Record<keyof typeof zhOneGo, string> = {
  'oneGo.title': 'Check the proposed dictionary, adopt it and import',
  'oneGo.lead':
    'The platform proposed these fields from the file (phone numbers and codes stay text; text lengths have headroom). Edit names, types and lengths as needed, then choose "Adopt and import": the dictionary is saved and the file you just uploaded is imported, with no second upload.',
  'oneGo.notes': 'Found while inferring',
  'oneGo.reason': 'Reason for the change',
  'oneGo.mode': 'Import mode',
  'oneGo.adopt': 'Adopt and import',
  'oneGo.failed': 'Could not adopt the dictionary and import',
  'oneGo.fixErrors': 'Fix the problems marked in the dictionary first',
  'oneGo.keptFor': 'The uploaded file is kept for 24 hours; after that, upload it again.',
};
