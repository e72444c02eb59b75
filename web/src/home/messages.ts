// User-facing text of the home page's sections and their empty states (Chinese first; English
// must have every key). An empty state says what will appear there, never that nothing exists.
export const zhHome = {
  'home.searchHeading': '检索数据',
  'home.topicsEmpty': '数据集开放后，这里按领域列出各主题的数据集。',
  'home.newestEmpty': '数据集开放后，这里列出最近更新的数据集。',
  'home.mostUsedEmpty': '开放数据集被下载后，这里列出下载最多的数据集。',
  'home.chartsTitle': '开放数据统计',
  'home.chartsEmpty': '数据集开放后，这里以图表显示各领域、各单位的数据集数量和每月更新情况。',
  'home.featured': '精选数据集',
};

export const enHome: Record<keyof typeof zhHome, string> = {
  'home.searchHeading': 'Search the data',
  'home.topicsEmpty': 'Once datasets are open, their topics (domains) are listed here.',
  'home.newestEmpty': 'Once datasets are open, the most recently updated ones are listed here.',
  'home.mostUsedEmpty': 'Once open datasets are downloaded, the most downloaded ones are listed here.',
  'home.chartsTitle': 'Open data in figures',
  'home.chartsEmpty': 'Once datasets are open, charts here show datasets by domain and provider and the updates of each month.',
  'home.featured': 'Featured datasets',
};
