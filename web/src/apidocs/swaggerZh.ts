// Chinese for Swagger UI's own words (issue 12 item 6). The viewer has no translations, so the
// page translates the fixed English labels it renders — buttons, headings, table heads — as they
// appear. Texts from our OpenAPI description are Chinese already; schema type names (string,
// integer …) and HTTP terms stay as they are.
const TEXT: Record<string, string> = {
  'Try it out': '试一试',
  Cancel: '取消',
  Execute: '执行',
  Clear: '清除',
  Reset: '重置',
  Parameters: '参数',
  'No parameters': '无参数',
  Name: '名称',
  Description: '说明',
  'Request body': '请求体',
  Responses: '响应',
  Response: '响应',
  Code: '状态码',
  Links: '链接',
  'No links': '无链接',
  'Example Value': '示例值',
  Example: '示例',
  Examples: '示例',
  Schema: '结构',
  Schemas: '数据结构',
  'Server response': '服务器的答复',
  'Response body': '响应体',
  'Response headers': '响应头',
  'Request URL': '请求地址',
  'Request duration': '请求耗时',
  Curl: 'curl 命令',
  Download: '下载',
  Details: '详情',
  'Media type': '媒体类型',
  'Controls Accept header.': '决定 Accept 请求头。',
  'Response content type': '响应内容类型',
  'Parameter content type': '参数内容类型',
  Undocumented: '未说明',
  required: '必填',
  'Loading...': '加载中……',
  Authorize: '认证',
  'Available authorizations': '可用的认证方式',
  Close: '关闭',
  Logout: '退出',
  Servers: '服务器',
  'Send empty value': '发送空值',
  'Expand all': '全部展开',
  'Collapse all': '全部收起',
  'Value:': '值：',
  'Default value': '默认值',
  Deprecated: '已弃用',
  Extensions: '扩展属性',
  'Filter by tag': '按标签筛选',
  'Add item': '添加一项',
  'Add string item': '添加一项',
  'Add integer item': '添加一项',
  'Choose a file': '选择文件',
  'Failed to fetch.': '请求失败。',
  'Possible Reasons:': '可能的原因：',
  'Network Failure': '网络故障',
  'Invalid JSON': 'JSON 格式不正确',
};

const ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'value'] as const;

function translateText(node: Node): void {
  const text = node.nodeValue;
  if (!text) return;
  const key = text.trim();
  const zh = TEXT[key];
  if (zh) node.nodeValue = text.replace(key, zh);
}

function translateElement(el: Element): void {
  for (const a of ATTRIBUTES) {
    const v = el.getAttribute(a);
    // Only buttons carry a translatable value; an input's value is what the user typed.
    if (a === 'value' && el.tagName !== 'BUTTON') continue;
    const zh = v ? TEXT[v.trim()] : undefined;
    if (zh) el.setAttribute(a, zh);
  }
}

function translateTree(root: Node): void {
  if (root.nodeType === Node.TEXT_NODE) {
    translateText(root);
    return;
  }
  if (!(root instanceof Element)) return;
  translateElement(root);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) translateText(n);
    else translateElement(n as Element);
  }
}

/**
 * Translates Swagger UI's labels under `root` now and whenever it renders more (opening an
 * operation, trying it out, an answer arriving). Returns the function that stops it.
 */
export function localizeSwagger(root: HTMLElement): () => void {
  translateTree(root);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') translateText(r.target);
      else if (r.type === 'attributes') translateElement(r.target as Element);
      else r.addedNodes.forEach(translateTree);
    }
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...ATTRIBUTES],
  });
  return () => observer.disconnect();
}
