// User-facing text of the portal pages (Chinese first; English must have every key).
// Help texts: one message per paragraph; a "\n" separates the items of a list.
export const zhPortal = {
  'portal.title': '公共数据开放平台',

  'nav.providers': '数据提供单位',
  'nav.help': '帮助',

  // Provider pages (/providers, /providers/:id).
  'providers.title': '数据提供单位',
  'providers.lead': '已在平台发布数据目录的政务部门、公共服务机构和其他单位，以及各单位已发布的数据集数量（含有条件开放和不予开放的目录）。点击单位名称查看它的数据集。',
  'providers.search': '按单位名称或区划筛选',
  'providers.summary': '共 {n} 个单位，已发布数据集 {total} 个，其中{openLabel} {open} 个',
  'providers.name': '单位名称',
  'providers.kind': '类型',
  'providers.region': '行政区划',
  'providers.datasetsCol': '开放数据集',
  'providers.datasets': '{n} 个数据集',
  'providers.openPart': '（{openLabel} {n} 个）',
  'providers.empty': '没有符合条件的数据提供单位',
  'providers.loadFailed': '无法读取数据提供单位',
  'providers.orgsLink': '全部组织机构（含主管部门和企业）',
  'providers.notFound': '没有这个单位',
  'providers.back': '返回数据提供单位',
  'providers.level': '层级',
  'providers.parent': '上级单位',
  'providers.description': '简介',
  'providers.datasetList': '已发布的数据集',
  'providers.datasetCount': '共 {n} 个',
  'providers.searchDatasets': '在本单位的数据集中检索',
  'providers.noDatasets': '该单位暂无已发布的数据集',
  'providers.noMatch': '没有符合检索条件的数据集',
  'providers.inCatalog': '在数据目录中按本单位筛选',
  'providers.updated': '更新于 {date}',
  'providers.rows': '{n} 行',
  'providers.datasetsLabel': '{name} 的数据集',

  // The dataset map.
  'map.title': '数据地图',
  'map.lead': '前 {n} 行数据中有坐标的点共 {points} 个（经度取自“{lng}”，纬度取自“{lat}”）。',
  'map.leadAll': '共 {total} 行数据，地图画出前 {n} 行中有坐标的 {points} 个点（经度取自“{lng}”，纬度取自“{lat}”）。',
  'map.leadFiltered': '按表格的搜索和筛选条件共 {total} 行，地图画出其中前 {n} 行中有坐标的 {points} 个点（经度取自“{lng}”，纬度取自“{lat}”）。',
  'map.noneFiltered': '符合表格搜索和筛选条件的 {total} 行中没有有效的经纬度坐标。',
  'map.aria': '数据地图：{points} 个点',
  'map.none': '前 {n} 行数据中没有有效的经纬度坐标。',
  'map.grid': '底图为经纬度网格，按实际比例绘制，不含行政区划边界（离线绘制，不加载外部地图）。',
  'map.restricted': '该数据集不提供数据预览，因此不显示地图。',
  'map.loadFailed': '无法读取地图数据',
  'map.lng': '经度',
  'map.lat': '纬度',
  'map.row': '第 {n} 行',
  'map.series': '数据点',
  'map.listSummary': '以列表查看这些点',

  // Help (/help, /help/:role).
  'help.title': '帮助',
  'help.lead': '按你的身份选择：公众、企业和开发者、数据提供部门、大数据局。每一节说明能做什么、在哪个页面做、要注意什么。',
  'help.roles': '按身份查看帮助',
  'help.role.citizen': '公众',
  'help.role.developer': '企业/开发者',
  'help.role.provider': '数据提供部门',
  'help.role.authority': '大数据局',
  'help.goTo': '相关页面：',
  'help.link.dcat': 'DCAT-AP 目录（JSON-LD）',
  'help.link.newEntry': '新建目录',
  'help.link.openLists': '年度开放清单管理',
  'help.docs': '更详细的说明见部署包中的用户指南、数据提供方指南和接口文档（docs/ 目录）。',

  'help.citizen.lead': '不需要注册即可浏览目录、预览数据；下载是否需要登录、实名认证由本平台的下载规则决定。',
  'help.citizen.find.title': '查找数据',
  'help.citizen.find.body':
    '在「数据目录」输入关键词（如“公交”“学校”）检索，支持两个字的中文词。\n按提供单位、领域、开放属性、格式、更新频率和行政区划筛选，筛选条件保存在网址中，可收藏或分享。\n在「数据提供单位」查看每个部门开放了哪些数据集。',
  'help.citizen.use.title': '预览、图表和地图',
  'help.citizen.use.body':
    '数据集页面列出目录信息和数据字典（每个字段的含义、类型和单位）。\n「数据预览」可按列筛选、排序和全文检索；「图表」按某一列分组统计。\n含经度、纬度字段的数据集还显示前 20 行数据的位置地图。',
  'help.citizen.download.title': '下载与开放许可',
  'help.citizen.download.body':
    '无条件开放的数据可下载 CSV（可选适合 Excel 的带 BOM 版本）、XLSX 和 JSON。\n平台可能要求先注册、完成实名认证并同意《公共数据开放许可协议》；不满足时只能查看前 20 行，页面会说明还缺什么。\n使用数据时请注明来源：数据提供单位、平台名称、数据集名称和获取日期。\n含个人信息的数据在发布时已经脱敏，你看到和下载的都是脱敏后的数据。',
  'help.citizen.conditional.title': '有条件开放和开放清单',
  'help.citizen.conditional.body':
    '有条件开放的数据不向公众提供预览和下载；数据集页面列出开放条件和数据提供单位，需要使用时请联系该单位（本平台不受理在线申请）。\n不予开放的数据只公布目录。\n「开放清单」公布当年拟开放的目录和开放计划（责任单位、完成时间）。',
  'help.citizen.account.title': '账号与实名认证',
  'help.citizen.account.body':
    '用户名 3–32 个字符；密码至少 8 位，含大写字母、小写字母、数字、符号中的至少三类。\n连续 5 次输错密码，账号锁定 15 分钟；30 分钟无操作自动退出。\n实名认证校验身份证号码的出生日期和校验位，平台只保存号码的加密摘要和脱敏后的姓名。',

  'help.developer.lead': '企业和开发者可以用接口批量获取数据，既有平台自己的数据接口，也兼容 Socrata（SODA）、CKAN 和 DCAT-AP 的常用客户端。',
  'help.developer.keys.title': 'API 密钥',
  'help.developer.keys.body':
    '登录后在「用户中心 → 账号与密钥」创建密钥，每个账号最多 20 个有效密钥。\n密钥只在创建时显示一次，请立即复制保存；列表中只显示名称和前缀。\n调用时放在请求头 X-Api-Key 中（Socrata 客户端的 X-App-Token 同样有效）；密钥代表你本人，下载规则同样适用。\n不再使用或可能泄露的密钥请立即「吊销」。',
  'help.developer.api.title': '数据接口',
  'help.developer.api.body':
    'GET /api/v1/datasets/{目录编码}/rows 查询已发布的数据，支持 $select、$where、$order、$group、$having、$limit（默认 1,000，最多 50,000）、$offset 和 $q。\nGET /api/v1/datasets/{目录编码}/download?format=csv|json|xlsx 下载整个版本。\n「API 文档」页面列出每个接口，并提供 OpenAPI 3.1 文档（/api/openapi.json）；数据集页面的「API」标签给出可直接复制的调用示例。',
  'help.developer.compat.title': 'SODA、CKAN、DCAT-AP 兼容',
  'help.developer.compat.body':
    'Socrata：GET /resource/{目录编码}.json 或 .csv，支持相同的 $ 参数，可直接使用 soda-js 等客户端。\nCKAN：/api/3/action/package_search、package_show、organization_list、datastore_search 等，返回 CKAN 的格式，ckanapi 可直接使用。\nDCAT-AP：/catalog.jsonld 和 /catalog.ttl 提供整个目录，便于数据目录之间的汇聚。',
  'help.developer.quota.title': '配额与限流',
  'help.developer.quota.body':
    '每个密钥有每秒请求数限制和每日调用次数上限（默认配置为每秒 20 次、每天 10,000 次，北京时间零点重置），按 IP 地址另有限流。\n超出时返回 HTTP 429，Retry-After 头给出需要等待的秒数；请按此等待后重试。\n「用户中心 → 账号与密钥」可查看每个密钥按日、按数据集的调用次数、行数和字节数。',
  'help.developer.industry.title': '开放本单位的数据',
  'help.developer.industry.body':
    '企业、高校、科研机构在平台登记并加入本单位后，可在「行业数据开放」提交申请。\n主管部门审核通过后，你可以像政务部门一样编目、上传和提交审核；企业和其他非公共机构的数据标为「社会数据」，事业单位的数据属于公共数据。',

  'help.provider.lead': '数据提供部门负责本单位目录的编制、数据的上传和脱敏，并提交大数据局审核后发布。这些功能在「我的目录」控制台中，需要本单位数据专员的账号。',
  'help.provider.catalog.title': '编制目录',
  'help.provider.catalog.body':
    '在「我的目录」新建目录：名称、摘要、领域、关键词、行政区划、格式、更新频率、开放属性、共享属性和安全级别。\n有条件开放和不予开放的目录必须填写法律依据；目录编码按“区划-部门-序号”编排。\n一数一源：同一数据只由一个部门提供；字典包含其他单位目录全部主键数据项的目录，会出现在主管部门的“一数一源”检查中。',
  'help.provider.dictionary.title': '数据字典',
  'help.provider.dictionary.body':
    '为每个字段填写名称、中文标签、类型（文本、整数、小数、布尔、日期、日期时间）、长度、是否可空和是否主键。\n可设允许值、格式（正则表达式）、取值范围和身份证号、统一社会信用代码校验，上传时逐行检查。\n坐标字段请命名为经度、纬度（longitude、latitude），数据集页面会据此显示地图。',
  'help.provider.upload.title': '上传数据',
  'help.provider.upload.body':
    '支持 CSV（自动识别编码和分隔符）、XLSX 和 JSON，单个文件最大 2 GB，上传时显示进度。\n可选择“有错误即整批拒绝”或“隔离错误行”；错误行可下载为 CSV 修改后重新上传。\n每次上传成为一个不可变的版本；请按目录的更新频率按时上传，主管部门能看到即将到期和已逾期的目录。',
  'help.provider.masking.title': '脱敏',
  'help.provider.masking.body':
    '在「脱敏规则」页面扫描一个版本，平台识别身份证号、手机号、姓名等个人信息并建议规则（遮盖、哈希、加密、泛化等）。\n安全级别为 L3、L4 的字段必须设脱敏规则，否则不能发布。\n保存前可预览脱敏前后的对比和 k-匿名检查结果；发布时生成脱敏副本，公众看到的只有脱敏后的数据。',
  'help.provider.submit.title': '提交发布审核',
  'help.provider.submit.body':
    '在数据集页面点「提交发布审核」并选择版本；平台先检查完整性，不通过时逐项列出要补的内容。\n通过后进入大数据局的规范性审核；被退回时在「待办」和消息中查看原因，修改后重新提交。\n已发布的目录不能直接修改或删除，需提交变更申请，由大数据局同意并备案；本平台执行的期限见「以工作日计算的期限」和下方列表。',

  'help.authority.lead': '大数据局（公共数据主管部门）审核各部门的发布和目录变更，监督期限，管理已开放的数据，并编制年度开放清单。',
  'help.authority.review.title': '审核事项',
  'help.authority.review.body':
    '「待办」列出分派给你的事项，逾期的排在最前，未读消息在顶栏铃铛上提示。\n发布审核页面附一致性报告：每个字典字段是否在数据中、类型是否一致、行数、脱敏字段是否确已脱敏。\n可以通过、退回（须写明原因）或驳回；每一轮都有记录，可追溯。',
  'help.authority.deadlines.title': '以工作日计算的期限',
  'help.authority.deadlines.body':
    '每个环节的期限按国家工作日历（含节假日和调休）从环节开始之日起计算，由本平台执行的政策配置决定（见下方列表）；文件未规定期限的审核环节按部署配置的默认期限。\n到期前发送提醒，逾期后标记并上报主管部门。',
  'help.authority.state.title': '暂停、恢复和撤销',
  'help.authority.state.body':
    '在数据集页面可「暂停开放」（如发现数据有误或存在安全风险）、「恢复开放」或「撤销目录」，均须填写原因，记入变更历史。\n暂停和撤销后，该数据集不再出现在数据目录的检索结果中。\n也可直接发布某个版本；发布时按字典中的规则生成脱敏副本。',
  'help.authority.openlist.title': '年度开放清单',
  'deadlines.title': '办理时限',
  'deadlines.lead': '本平台执行「{name}」政策配置（依据：{source}）。期限按工作日（含调休）计算：',
  'deadlines.wd': '{n} 个工作日',
  'deadlines.cycles': '{n} 个更新周期',
  'deadlines.immediate': '即时',
  'deadlines.rounds': '按轮次办理，每轮 {dates} 前',
  'deadlines.stage': '{procedure} · {stage}（{assignee}）：{deadline}',
  'deadlines.legalProof': '；不予提供的须附法律法规证明材料',
  'deadlines.catalogUpdate': '法律法规修订或职能变更后，提供单位 {n} 个工作日内更新目录',
  'deadlines.openListDue': '年度开放清单每年 {month} 月 {day} 日前公布',
  'deadlines.reminder': '到期前 {n} 个工作日发送提醒',
  'deadlines.appPublish': '获取{label}数据后 {n} 个月内发布利用成果',
  'deadlines.usageReport': '获取{label}数据后每 {n} 个月提交一次利用情况报告',
  'deadlines.loading': '正在读取政策配置…',
  'help.authority.openlist.body':
    '在「年度开放清单管理」选择年度，从公共数据目录编制开放清单和开放计划，然后提交审核。\n审核通过即在「开放清单」页面公布；政策配置规定了发布截止日期的，见「以工作日计算的期限」下方的列表。\n「数据提供单位」页面显示各部门已开放的数据集数量，便于督促。',
};

export const enPortal: Record<keyof typeof zhPortal, string> = {
  'portal.title': 'Open government data portal',

  'nav.providers': 'Data providers',
  'nav.help': 'Help',

  'providers.title': 'Data providers',
  'providers.lead': 'The government departments, public institutions and other organisations that publish data on the platform, and how many datasets each has published (including conditional and not-open entries). Choose a name to see its datasets.',
  'providers.search': 'Filter by name or region',
  'providers.summary': '{n} organisations, {total} published datasets, {open} of them {openLabel}',
  'providers.name': 'Name',
  'providers.kind': 'Kind',
  'providers.region': 'Region',
  'providers.datasetsCol': 'Open datasets',
  'providers.datasets': '{n} datasets',
  'providers.openPart': '({n} {openLabel})',
  'providers.empty': 'No data provider matches',
  'providers.loadFailed': 'Could not read the data providers',
  'providers.orgsLink': 'All organisations (with authorities and enterprises)',
  'providers.notFound': 'No such organisation',
  'providers.back': 'Back to the data providers',
  'providers.level': 'Level',
  'providers.parent': 'Parent organisation',
  'providers.description': 'Description',
  'providers.datasetList': 'Published datasets',
  'providers.datasetCount': '{n} in all',
  'providers.searchDatasets': 'Search this provider’s datasets',
  'providers.noDatasets': 'This organisation has not published any datasets yet',
  'providers.noMatch': 'No dataset matches the search',
  'providers.inCatalog': 'Filter the catalog by this provider',
  'providers.updated': 'Updated {date}',
  'providers.rows': '{n} rows',
  'providers.datasetsLabel': 'Datasets of {name}',

  'map.title': 'Map',
  'map.lead': '{points} points with coordinates in the first {n} rows (longitude from “{lng}”, latitude from “{lat}”).',
  'map.leadAll': '{total} rows; the map draws the {points} points with coordinates among the first {n} (longitude from “{lng}”, latitude from “{lat}”).',
  'map.leadFiltered': '{total} rows match the table’s search and filters; the map draws the {points} points with coordinates among the first {n} of them (longitude from “{lng}”, latitude from “{lat}”).',
  'map.noneFiltered': 'None of the {total} rows that match the table’s search and filters has valid coordinates.',
  'map.aria': 'Data map: {points} points',
  'map.none': 'The first {n} rows have no valid coordinates.',
  'map.grid': 'Drawn on a longitude/latitude grid at true scale, without administrative boundaries (drawn offline; no outside map is loaded).',
  'map.restricted': 'This dataset offers no preview, so there is no map.',
  'map.loadFailed': 'Could not read the map data',
  'map.lng': 'Longitude',
  'map.lat': 'Latitude',
  'map.row': 'Row {n}',
  'map.series': 'Points',
  'map.listSummary': 'See these points as a list',

  'help.title': 'Help',
  'help.lead': 'Choose who you are: the public, companies and developers, data-providing departments, or the big data bureau. Each part says what you can do, on which page, and what to look out for.',
  'help.roles': 'Help by role',
  'help.role.citizen': 'The public',
  'help.role.developer': 'Companies / developers',
  'help.role.provider': 'Data providers',
  'help.role.authority': 'Big data bureau',
  'help.goTo': 'Related pages:',
  'help.link.dcat': 'DCAT-AP catalog (JSON-LD)',
  'help.link.newEntry': 'New entry',
  'help.link.openLists': 'Annual open lists',
  'help.docs': 'More detail is in the user guide, the provider guide and the API reference shipped with the platform (the docs/ folder).',

  'help.citizen.lead': 'You can browse the catalog and preview data without an account; whether downloads need signing in or real-name verification depends on this platform’s download rule.',
  'help.citizen.find.title': 'Finding data',
  'help.citizen.find.body':
    'Search the Catalog with a word (such as “bus” or “school”; two-character Chinese words work).\nFilter by provider, domain, open attribute, format, update frequency and region; the filters stay in the address, so you can bookmark or share them.\nThe Data providers page shows which datasets each department has opened.',
  'help.citizen.use.title': 'Preview, charts and maps',
  'help.citizen.use.body':
    'A dataset page lists the catalog details and the data dictionary (what each field means, its type and unit).\nThe data preview filters, sorts and searches by column; Charts count rows grouped by a column.\nDatasets with longitude and latitude fields also show a map of the first 20 rows.',
  'help.citizen.download.title': 'Downloads and the licence',
  'help.citizen.download.body':
    'Unconditionally open data downloads as CSV (optionally with a BOM for Excel), XLSX and JSON.\nThe platform may ask you to register, verify your real name and accept the open-data licence first; until then you see the first 20 rows, and the page says what is missing.\nWhen you use the data, cite the provider, the platform, the dataset and the date you obtained it.\nPersonal data is desensitized at publication: what you see and download is the masked copy.',
  'help.citizen.conditional.title': 'Conditional data and the open list',
  'help.citizen.conditional.body':
    'Conditionally open data has no public preview or download; its page lists the conditions and the provider, whom to contact if you need it (this platform takes no online applications).\nData that is not open is listed in the catalog only.\nThe Open list page publishes the year’s list of data to be opened and the plan (responsible department, deadline).',
  'help.citizen.account.title': 'Account and real-name verification',
  'help.citizen.account.body':
    'Usernames have 3–32 characters; passwords at least 8 characters from three of: upper case, lower case, digits, symbols.\nFive wrong passwords in a row lock the account for 15 minutes; 30 minutes without activity sign you out.\nReal-name verification checks the birth date and check digit of the identity number; the platform keeps only a keyed hash of it and the masked name.',

  'help.developer.lead': 'Companies and developers can fetch data in bulk through APIs: the platform’s own data API, and compatibility with common Socrata (SODA), CKAN and DCAT-AP clients.',
  'help.developer.keys.title': 'API keys',
  'help.developer.keys.body':
    'Signed in, create keys under My account → Account and keys; each account may have up to 20 active keys.\nA key is shown once, when it is created: copy it at once. The list shows only names and prefixes.\nSend it in the X-Api-Key header (X-App-Token from Socrata clients works too); a key acts as you, and the download rule applies to it.\nRevoke keys you no longer use or that may have leaked.',
  'help.developer.api.title': 'Data API',
  'help.developer.api.body':
    'GET /api/v1/datasets/{code}/rows queries the published data with $select, $where, $order, $group, $having, $limit (default 1,000, at most 50,000), $offset and $q.\nGET /api/v1/datasets/{code}/download?format=csv|json|xlsx downloads the whole version.\nThe API docs page lists every route, with an OpenAPI 3.1 document (/api/openapi.json); a dataset’s API tab has samples ready to copy.',
  'help.developer.compat.title': 'SODA, CKAN and DCAT-AP compatibility',
  'help.developer.compat.body':
    'Socrata: GET /resource/{code}.json or .csv with the same $ parameters; clients such as soda-js work as they are.\nCKAN: /api/3/action/package_search, package_show, organization_list, datastore_search and more, in CKAN’s envelopes; ckanapi works as it is.\nDCAT-AP: /catalog.jsonld and /catalog.ttl describe the whole catalog for harvesting by other catalogs.',
  'help.developer.quota.title': 'Quotas and rate limits',
  'help.developer.quota.body':
    'Each key has a per-second limit and a daily quota (20 per second and 10,000 a day by default, reset at midnight China time); each client address has its own rate limit too.\nOver a limit you get HTTP 429 with a Retry-After header giving the seconds to wait; wait that long and retry.\nMy account → Account and keys shows each key’s calls, rows and bytes per day and dataset.',
  'help.developer.industry.title': 'Opening your organisation’s data',
  'help.developer.industry.body':
    'Enterprises, universities and research institutes registered on the platform can apply on the Industry data page.\nOnce the authority approves, you catalog, upload and submit for review as departments do; data of enterprises and other non-public bodies is marked social data, data of public institutions is public data.',

  'help.provider.lead': 'Data-providing departments catalog their data, upload and desensitize it, and submit it to the big data bureau for review before publication. This is done in the My catalog console, with the account of the department’s data commissioner.',
  'help.provider.catalog.title': 'Cataloguing',
  'help.provider.catalog.body':
    'In My catalog, create an entry: name, summary, domain, keywords, region, formats, update frequency, open and share attributes, security level.\nConditionally open and not-open entries need a legal basis; codes follow “region-department-number”.\nOne data, one source: each dataset is provided by one department only; an entry whose dictionary holds all the key fields of another department’s entry appears in the authority’s duplicate check.',
  'help.provider.dictionary.title': 'Data dictionary',
  'help.provider.dictionary.body':
    'For each field give a name, a Chinese label, a type (text, integer, decimal, boolean, date, date-time), length, whether it may be empty and whether it is a key.\nAllowed values, a pattern (regular expression), a range and identity-number or credit-code checks are enforced row by row at upload.\nName coordinate fields longitude and latitude (经度, 纬度): the dataset page then shows a map.',
  'help.provider.upload.title': 'Uploading data',
  'help.provider.upload.body':
    'CSV (encoding and delimiter detected), XLSX and JSON, up to 2 GB per file, with upload progress.\nChoose to reject the whole file on errors or to quarantine the bad rows; download the bad rows as CSV, fix and upload again.\nEach upload becomes an immutable version; upload on time for the entry’s update frequency: the authority sees entries that are due soon or overdue.',
  'help.provider.masking.title': 'Desensitization',
  'help.provider.masking.body':
    'On the Masking page, scan a version: the platform detects identity numbers, phone numbers, names and other personal data and suggests rules (mask, hash, encrypt, generalize…).\nFields of security level L3 or L4 must have a rule, or the entry cannot be published.\nPreview the data before and after and the k-anonymity check before saving; publication writes a desensitized copy, and the public sees only that.',
  'help.provider.submit.title': 'Submitting for review',
  'help.provider.submit.body':
    'On the dataset page choose Submit for review and a version; a completeness check runs first and lists anything missing.\nThen the big data bureau reviews it; if it is returned, the reason is in Tasks and your messages: fix and resubmit.\nPublished entries cannot be edited or deleted directly: file a change request, which the bureau approves and records; the deadlines this platform applies are listed under Deadlines in working days.',

  'help.authority.lead': 'The big data bureau (the public-data authority) reviews departments’ publications and catalog changes, watches deadlines, manages what is open and compiles the annual open list.',
  'help.authority.review.title': 'Reviews',
  'help.authority.review.body':
    'Tasks lists the cases assigned to you, overdue ones first; the bell in the top bar shows unread messages.\nA publication review comes with a consistency report: whether each dictionary field is in the data, whether types match, row counts, and whether masked fields really are masked.\nApprove, return (with a reason) or reject; every round is recorded.',
  'help.authority.deadlines.title': 'Deadlines in working days',
  'help.authority.deadlines.body':
    'Each stage’s deadline counts working days on the national calendar (holidays and swapped working days included) from the day the stage starts, as the active policy profile sets (listed below); review stages the documents give no deadline get the deployment’s default.\nReminders go out before a deadline; overdue cases are flagged and escalated.',
  'help.authority.state.title': 'Suspend, restore and withdraw',
  'help.authority.state.body':
    'On a dataset page, Suspend (for example when data is wrong or a risk is found), Restore or Withdraw the entry; each needs a reason and is recorded in the history.\nSuspended and withdrawn datasets no longer appear in the catalog’s search results.\nYou can also publish a version directly; publication writes the desensitized copy from the dictionary’s rules.',
  'help.authority.openlist.title': 'Annual open list',
  'deadlines.title': 'Deadlines',
  'deadlines.lead': 'This platform applies the policy profile “{name}” (based on: {source}). Deadlines count working days (swapped working days included):',
  'deadlines.wd': '{n} working days',
  'deadlines.cycles': '{n} update cycles',
  'deadlines.immediate': 'at once',
  'deadlines.rounds': 'in rounds, each due by {dates}',
  'deadlines.stage': '{procedure} · {stage} ({assignee}): {deadline}',
  'deadlines.legalProof': '; a refusal must come with the legal grounds',
  'deadlines.catalogUpdate': 'After a change of the law or of its duties, a provider updates its catalog within {n} working days',
  'deadlines.openListDue': 'The annual open list is published by {month}-{day} each year',
  'deadlines.reminder': 'Reminders go out {n} working days before a deadline',
  'deadlines.appPublish': 'Applications built on {label} data are published within {n} months',
  'deadlines.usageReport': 'Holders of {label} data report their use every {n} months',
  'deadlines.loading': 'Reading the policy profile…',
  'help.authority.openlist.body':
    'Under Annual open lists choose the year, compile the open list and plan from the catalog, and send it for review.\nOnce approved it is published on the Open list page; where the profile sets a date by which it is due, the list under Deadlines in working days shows it.\nThe Data providers page shows how many datasets each department has opened, for follow-up.',
};
