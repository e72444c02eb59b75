// User-facing text of the API documentation page (/api-docs).
export const zhApiDocs = {
  'apiDocs.title': "开放接口文档",
  'apiDocs.loadFailed': "无法读取接口说明",
  'apiDocs.start': "快速上手",
  'apiDocs.intro': "所有接口以 JSON 收发（数据查询也可返回 CSV）。下面的示例可直接复制到终端运行；每个数据集页面的「API」标签页给出该数据集的调用示例。",
  'apiDocs.auth': "认证：浏览器登录后使用会话 Cookie（写操作需带 X-CSRF-Token 请求头）；程序调用请在「用户中心 → 账号与密钥」创建密钥，放在 X-Api-Key 或 X-App-Token 请求头中。每个密钥有每秒请求数和每日调用次数上限，超出时返回 429 并在 Retry-After 中给出等待秒数。",
  'apiDocs.errors': "错误：返回 {\"error\":{\"code\":\"…\",\"message\":\"…\",\"field\":\"…\"}}，状态码 400（参数有误，field 指出哪一项）、401（未登录或密钥无效）、403（无权访问，或需登录、实名认证、同意开放许可协议）、404、409、413、429。查询语法错误另给出 position（出错位置）。",
  'apiDocs.compat': "兼容接口：Socrata（SODA）客户端使用 /resource/{目录编码}.json；CKAN 客户端使用 /api/3/action/…；DCAT-AP 采集器读取 /catalog.ttl 或 /catalog.jsonld。完整的 OpenAPI 3.1 描述：",
  'apiDocs.reference': "接口参考",
  'apiDocs.referenceLead': "下面列出平台的全部接口（由服务器的路由表生成），含参数、请求体、响应结构和所需权限。展开一个接口，点击“试一试”，填写参数后点击“执行”，即可在此页直接调用并查看答复；写操作需先登录。",
  'apiDocs.viewerLoading': "正在加载接口参考……",
  'apiDocs.viewerFailed': "无法加载接口参考",
};

export const enApiDocs: Record<keyof typeof zhApiDocs, string> = {
  'apiDocs.title': "Open API documentation",
  'apiDocs.loadFailed': "Could not read the API description",
  'apiDocs.start': "Getting started",
  'apiDocs.intro': "Every route speaks JSON (data queries can also answer CSV). Copy the samples below into a terminal; each dataset page has an \"API\" tab with calls for that dataset.",
  'apiDocs.auth': "Authentication: in the browser, the session cookie (writes need the X-CSRF-Token header); programs use an API key from My account → Account and keys in the X-Api-Key or X-App-Token header. Each key has a per-second rate and a daily quota; over a limit the answer is 429 with Retry-After.",
  'apiDocs.errors': "Errors: {\"error\":{\"code\":\"…\",\"message\":\"…\",\"field\":\"…\"}} with status 400 (bad input; field names it), 401 (not signed in or bad key), 403 (not allowed, or login / real-name verification / licence acceptance needed), 404, 409, 413, 429. Query errors also give the position.",
  'apiDocs.compat': "Compatible APIs: Socrata (SODA) clients use /resource/{code}.json; CKAN clients /api/3/action/…; DCAT-AP harvesters read /catalog.ttl or /catalog.jsonld. The full OpenAPI 3.1 description:",
  'apiDocs.reference': "API reference",
  'apiDocs.referenceLead': "Every route of the platform (generated from the server's route table) with its parameters, request body, answers and the permission it needs. Open a route, press “Try it out”, fill in the parameters and press “Execute” to call it from this page; changes need you to be signed in.",
  'apiDocs.viewerLoading': "Loading the API reference…",
  'apiDocs.viewerFailed': "Cannot load the API reference",
};
