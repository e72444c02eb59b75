// The API documentation (issue 12 item 6): /api-docs renders the server's OpenAPI description
// with Swagger UI, in Chinese, every operation listed, and a "try it" call of a public data route
// returns rows; the viewer is loaded on that page only. Each dataset's API tab gives curl,
// Python (requests, pandas), JavaScript (fetch) and R samples with that dataset's URLs, and they
// work: the JavaScript runs in the page, the Python one under python3 when requests is
// installed, the URLs of the others are fetched.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { baseUrl, launchBrowser, newPage, skipWithoutServer as skip, snap } from './browser.mjs';

const CODE = '370700-JT-0001';
const run = promisify(execFile);

const noErrors = (problems) =>
  assert.deepEqual(
    problems.filter((p) => !p.includes('Failed to load resource')),
    [],
  );

/** The first double-quoted string literal in `text` that is an absolute URL of this server. */
function urlIn(text) {
  for (const m of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const s = JSON.parse(`"${m[1]}"`);
    if (s.startsWith(baseUrl)) return s;
  }
  return null;
}

describe('API documentation', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('Swagger UI lists every operation and a "try it" call returns rows', { timeout: 180_000 }, async () => {
    const spec = await (await fetch(`${baseUrl}/api/openapi.json`)).json();
    const operations = Object.values(spec.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const { context, page, problems } = await newPage(browser);
    // Which scripts each page loads: the viewer must not be in the home page's.
    const scripts = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.url());
    });
    try {
      await page.goto('/');
      await page.getByRole('link', { name: 'API 文档' }).first().waitFor();
      await page.waitForLoadState('networkidle');
      const homeScripts = new Set(scripts);
      for (const url of homeScripts) {
        const body = await (await fetch(url)).text();
        assert.ok(!body.includes('swagger-ui'), `the home page does not load the viewer (${url})`);
      }

      await page.getByRole('link', { name: 'API 文档' }).first().click();
      await page.waitForURL(/\/api-docs$/);
      await page.getByRole('heading', { level: 1, name: '开放接口文档' }).waitFor();
      const reference = page.getByTestId('api-reference');
      await reference.locator('.opblock').first().waitFor({ timeout: 60_000 });
      const viewerScripts = scripts.filter((u) => !homeScripts.has(u));
      let viewerFound = false;
      for (const url of viewerScripts) viewerFound ||= (await (await fetch(url)).text()).includes('swagger-ui');
      assert.ok(viewerFound, `the viewer is loaded on /api-docs from our own build (${viewerScripts.join(', ')})`);
      assert.ok(
        scripts.every((u) => u.startsWith(baseUrl)),
        'every script comes from this server (no CDN)',
      );
      // Every route and method of the description is an operation on the page. From 150 tags and
      // operations on, Swagger UI renders only the part of the list near the viewport (a virtual
      // list), so walk the page from top to bottom and collect each operation as it appears.
      const expected = new Set(
        Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
      );
      assert.equal(expected.size, operations);
      const seen = await page.evaluate(async () => {
        const found = new Set();
        const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const collect = () => {
          for (const block of document.querySelectorAll('[data-testid="api-reference"] .opblock')) {
            const method = block.querySelector('.opblock-summary-method')?.textContent?.trim();
            const path = block.querySelector('.opblock-summary-path')?.getAttribute('data-path');
            if (method && path) found.add(`${method} ${path}`);
          }
        };
        window.scrollTo(0, 0);
        await frame();
        for (let last = -1, still = 0; still < 5; ) {
          collect();
          window.scrollBy(0, Math.max(200, Math.floor(window.innerHeight / 2)));
          await frame();
          if (window.scrollY === last) still += 1;
          else still = 0;
          last = window.scrollY;
        }
        collect();
        window.scrollTo(0, 0);
        await frame();
        return [...found];
      });
      const missing = [...expected].filter((k) => !seen.includes(k));
      const extra = seen.filter((k) => !expected.has(k));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'the page lists exactly the operations of the description');
      await snap(page, 'api-docs');

      // Try the rows route of a public dataset.
      const op = reference.locator('#operations-data-get_api_v1_datasets_code_rows');
      await op.locator('.opblock-summary').first().click();
      await op.getByRole('button', { name: '试一试' }).click();
      const code = op.locator('tr[data-param-name="code"] input');
      await code.fill(CODE);
      const limit = op.locator('tr[data-param-name="$limit"] input');
      await limit.fill('3');
      await op.getByRole('button', { name: '执行' }).click();
      const live = op.locator('.live-responses-table .response');
      await live.first().waitFor({ timeout: 30_000 });
      assert.equal((await live.first().locator('.response-col_status').innerText()).trim(), '200');
      const body = await op.locator('.live-responses-table .response-col_description pre').first().innerText();
      const answer = JSON.parse(body);
      assert.equal(answer.rows.length, 3, 'three rows came back');
      assert.ok(answer.columns.length > 0);
      await op.getByText('服务器的答复').waitFor();
      await op.getByText('请求地址').waitFor();
      const requestUrl = await op.locator('.request-url pre').innerText();
      assert.ok(requestUrl.includes(`/api/v1/datasets/${CODE}/rows`), requestUrl);
      await snap(page, 'api-docs-try-it');
      noErrors(problems);
    } finally {
      await context.close();
    }
  });

  test('a dataset API tab gives working curl, Python, pandas, JavaScript and R samples', { timeout: 120_000 }, async () => {
    const entry = await (await fetch(`${baseUrl}/api/v1/entries/${CODE}`)).json();
    const rowsUrl = `${baseUrl}/api/v1/datasets/${CODE}/rows`;
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto(`/datasets/${CODE}?tab=api`);
      const panel = page.getByTestId('api-samples');
      await panel.waitFor();
      const text = async (key) => {
        const pre = page.getByTestId(`api-sample-${key}`);
        await pre.waitFor();
        return pre.innerText();
      };
      // Wait for the sample value of the key column to be filled in.
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="api-sample-native"]')?.textContent?.includes('$where='),
      );
      const curl = await text('native');
      const python = await text('python');
      const pandas = await text('pandas');
      const javascript = await text('javascript');
      const r = await text('r');
      for (const [name, sample] of Object.entries({ curl, python, pandas, javascript, r })) {
        assert.ok(sample.includes(`/api/v1/datasets/${CODE}/rows`), `${name} calls this dataset's rows`);
        assert.ok(sample.includes(baseUrl), `${name} has this deployment's address`);
      }
      assert.match(curl, /^curl -G /);
      assert.match(python, /^import requests/);
      assert.match(pandas, /pd\.read_csv\(/);
      assert.match(javascript, /await fetch\(url\)/);
      assert.match(r, /fromJSON\(url\)/);
      for (const title of ['Python（requests）', 'Python（pandas）', 'JavaScript（fetch）', 'R（jsonlite）']) {
        await panel.getByRole('heading', { name: title }).waitFor();
      }

      // JavaScript: run it in the page, as a visitor would in the console.
      const js = await page.evaluate(async (code) => {
        const lines = [];
        const log = console.log;
        console.log = (...args) => lines.push(args);
        try {
          await new Function(`return (async () => {\n${code}\n})();`)();
        } finally {
          console.log = log;
        }
        const [total, columns, rows] = lines[0];
        return { total, columns: columns.length, rows: rows.length };
      }, javascript);
      assert.ok(js.rows >= 1 && js.columns >= 1 && js.total >= js.rows, JSON.stringify(js));

      // Python with requests, when this machine has it; otherwise its URL and parameters.
      const hasRequests = await run('python3', ['-c', 'import requests'])
        .then(() => true)
        .catch(() => false);
      if (hasRequests) {
        const { stdout } = await run('python3', ['-c', python], { timeout: 60_000 });
        const first = stdout.split('\n')[0];
        assert.match(first, /^\d+ 行$/, stdout.slice(0, 200));
        assert.ok(stdout.split('\n').filter((l) => l.startsWith('{')).length >= 1, 'rows were printed');
      } else {
        assert.equal(urlIn(python), rowsUrl);
      }

      // pandas and R: the URLs they read answer with this dataset's rows.
      const csvUrl = urlIn(pandas);
      assert.ok(csvUrl?.startsWith(`${rowsUrl}.csv?`), csvUrl);
      const csv = await (await fetch(csvUrl)).text();
      const header = csv.split(/\r?\n/)[0].split(',');
      assert.ok(entry.fields.some((f) => header.includes(f.name)), `CSV header ${header}`);
      assert.ok(csv.split(/\r?\n/).filter(Boolean).length >= 2, 'the CSV has rows');
      const jsonUrl = urlIn(r);
      assert.ok(jsonUrl?.startsWith(`${rowsUrl}?`), jsonUrl);
      const fromR = await (await fetch(jsonUrl)).json();
      assert.ok(fromR.rows.length >= 1);
      assert.equal(new URL(jsonUrl).searchParams.get('$limit'), '100');
      await snap(page, 'dataset-api-samples');
      noErrors(problems);
    } finally {
      await context.close();
    }
  });
});
