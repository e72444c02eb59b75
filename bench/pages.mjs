// Measures cold page loads in Chromium for bench/pages.sh (which starts the servers and sets
// KAIFANG_URL, NGINX_URL, STATIC_URL, STATIC_DIR, OUT_DIR). Each load: a fresh browser context
// (empty cache), then from the Performance API: time to first byte, first contentful paint,
// largest contentful paint, when the page's content is there ("ready": its marker element is in
// the page), and what crossed the wire once the network is idle (bytes, requests, of which
// JavaScript). Prints medians as a Markdown table; exit 3 when a kaifang page is over budget.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = createRequire(path.join(here, '..', 'web', 'package.json'))('playwright-core');

const runs = Number(process.env.BENCH_RUNS ?? 5);
const budget = Number(process.env.BENCH_BUDGET_MS ?? 1500);
const env = (k) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set: run bench/pages.sh`);
  return v;
};
const kaifang = env('KAIFANG_URL');
const targets = { kaifang, nginx: env('NGINX_URL'), static: env('STATIC_URL') };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function json(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

// A published unconditional dataset with rows (the one the browser tests use too).
const open = await json(`${kaifang}/api/v1/catalog?open=unconditional&size=20&sort=downloads`);
const dataset = open.items.find((e) => (e.row_count ?? 0) > 10) ?? open.items[0];
const pages = [
  { name: 'home', path: '/', ready: '[data-testid="counter-entries"] .ant-statistic-content-value' },
  { name: 'catalog', path: '/catalog', ready: 'a[href^="/datasets/"]' },
  { name: 'dataset', path: `/datasets/${encodeURIComponent(dataset.code)}`, ready: '[data-testid="preview"] tbody tr.ant-table-row' },
  { name: 'providers', path: '/providers', ready: 'a[href^="/providers/"]' },
  { name: 'login', path: '/login', ready: 'input[type="password"]' },
  { name: 'api-docs', path: '/api-docs', ready: 'main h1' },
  { name: 'accessibility', path: '/accessibility', ready: '[data-testid="a11y-feedback"]' },
];

// The static reference: the home page as kaifang renders it, saved without its scripts.
async function snapshotHome() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${kaifang}/`);
  await page.waitForSelector(pages[0].ready);
  await page.waitForLoadState('networkidle');
  const logo = await (await fetch(`${kaifang}/api/v1/site/logo`)).text();
  writeFileSync(path.join(env('STATIC_DIR'), 'logo.svg'), logo);
  const html = await page.evaluate(() => {
    document.querySelectorAll('script, link[rel="modulepreload"]').forEach((el) => el.remove());
    document.querySelectorAll('img[src^="/api/v1/site/logo"]').forEach((img) => img.setAttribute('src', '/logo.svg'));
    document.querySelectorAll('link[rel="icon"]').forEach((el) => el.setAttribute('href', '/logo.svg'));
    return `<!doctype html>\n${document.documentElement.outerHTML}`;
  });
  writeFileSync(path.join(env('STATIC_DIR'), 'index.html'), html);
  await context.close();
}

async function load(base, p) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await page.goto(base + p.path, { waitUntil: 'commit' });
    const ready = await (
      await page.waitForFunction(
        (sel) => (document.querySelector(sel) ? performance.now() : 0),
        p.ready,
        { timeout: 30_000, polling: 'raf' },
      )
    ).jsonValue();
    await page.waitForLoadState('networkidle');
    const m = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const nav = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
          let lcp = null;
          const po = new PerformanceObserver((list) => {
            for (const e of list.getEntries()) lcp = e.startTime;
          });
          po.observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => {
            po.disconnect();
            const js = resources.filter((r) => /\.m?js(\?|$)/.test(r.name));
            resolve({
              ttfb: nav.responseStart,
              fcp,
              lcp,
              bytes: nav.transferSize + resources.reduce((s, r) => s + r.transferSize, 0),
              requests: 1 + resources.length,
              jsBytes: js.reduce((s, r) => s + r.transferSize, 0),
              jsDecoded: js.reduce((s, r) => s + r.decodedBodySize, 0),
            });
          }, 50);
        }),
    );
    return { ...m, ready };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const v = xs.filter((x) => x != null).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
};
const ms = (x) => (x == null ? '—' : `${Math.round(x)}`);
const kb = (x) => (x == null ? '—' : (x / 1024).toFixed(1));

await snapshotHome();
const all = [];
const rows = [];
let over = [];
for (const p of pages) {
  for (const [target, base] of Object.entries(targets)) {
    if (target === 'static' && p.name !== 'home') continue;
    const loads = [];
    // One warm-up load (server caches, the OS's file cache), then the measured cold loads.
    await load(base, p);
    for (let i = 0; i < runs; i++) loads.push(await load(base, p));
    all.push({ page: p.name, target, loads });
    const med = (k) => median(loads.map((l) => l[k]));
    const row = {
      page: p.name,
      target,
      ttfb: med('ttfb'),
      fcp: med('fcp'),
      lcp: med('lcp'),
      ready: med('ready'),
      bytes: med('bytes'),
      requests: med('requests'),
      jsBytes: med('jsBytes'),
      jsDecoded: med('jsDecoded'),
    };
    rows.push(row);
    if (target === 'kaifang' && (row.ready > budget || (row.lcp ?? 0) > budget)) over.push(p.name);
    process.stderr.write(`${p.name} ${target}: ready ${ms(row.ready)} ms, LCP ${ms(row.lcp)} ms\n`);
  }
}
await browser.close();
writeFileSync(path.join(env('OUT_DIR'), 'loads.json'), JSON.stringify({ dataset: dataset.code, all }, null, 1));

console.log(`Cold loads in Chromium at 1366×768, median of ${runs} (ms; KB transferred; JS KB compressed / decoded).`);
console.log(`Budget: content there and LCP within ${budget} ms. Dataset page: ${dataset.code}.\n`);
console.log('| page | served by | TTFB | FCP | LCP | content there | transferred KB | requests | JS KB (wire / decoded) | within budget |');
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows) {
  const ok = r.target !== 'kaifang' ? '' : r.ready <= budget && (r.lcp ?? 0) <= budget ? 'yes' : '**no**';
  console.log(
    `| ${r.page} | ${r.target} | ${ms(r.ttfb)} | ${ms(r.fcp)} | ${ms(r.lcp)} | ${ms(r.ready)} | ${kb(r.bytes)} | ${r.requests} | ${kb(r.jsBytes)} / ${kb(r.jsDecoded)} | ${ok} |`,
  );
}
if (over.length) {
  console.log(`\nOver budget: ${over.join(', ')}`);
  process.exit(3);
}
