// The dataset page's data views against a real `kaifang serve` with the demo city (at most
// 2,000 rows per entry): the table preview driven by the data API (filter, sort), a chart,
// the ready-to-copy API sample and a CSV download.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  baseUrl,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

async function getJson(path) {
  const res = await fetch(`${baseUrl}${path}`);
  assert.equal(res.status, 200, `GET ${path}: HTTP ${res.status}`);
  return res.json();
}

const rowsPath = (code, params) =>
  `/api/v1/datasets/${encodeURIComponent(code)}/rows?${new URLSearchParams(params)}`;

describe('dataset data views', { skip }, () => {
  let browser;
  let code;
  let columns;
  let total;
  let filter; // { column, value, count }
  let sortColumn;

  before(async () => {
    // A bus-line dataset of the demo city, found the way a user would: searching 公交.
    const catalog = await getJson(`/api/v1/catalog?${new URLSearchParams({ q: '公交', size: '20' })}`);
    const entry =
      catalog.items.find((e) => e.code === '370700-JT-0001') ??
      catalog.items.find((e) => e.open_attribute === 'unconditional' && e.row_count > 1);
    assert.ok(entry, 'the demo city has an open bus dataset with data');
    code = entry.code;
    const first = await getJson(rowsPath(code, { $limit: '1' }));
    columns = first.columns;
    total = first.total;
    assert.ok(total > 1, `${code} has rows (${total})`);
    // A text column and a value that narrows the rows, but not to nothing.
    for (const c of columns.filter((c) => c.type === 'text')) {
      const value = first.rows[0][c.name];
      if (value === null || value === undefined || value === '') continue;
      const { total: n } = await getJson(rowsPath(code, { [c.name]: String(value), $limit: '0' }));
      if (n > 0 && n < total) {
        filter = { column: c.name, value: String(value), count: n };
        break;
      }
    }
    assert.ok(filter, 'a column value that narrows the rows');
    sortColumn = (columns.find((c) => c.type === 'integer' || c.type === 'decimal') ?? columns[0]).name;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('filter, sort, chart, API sample and CSV download', { timeout: 180_000 }, async () => {
    const { context, page, problems } = await newPage(browser, { acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    try {
      await page.goto(`/datasets/${encodeURIComponent(code)}`);
      const preview = page.getByTestId('preview');
      await preview.locator('tbody tr.ant-table-row').first().waitFor();
      const shown = page.getByTestId('data-total');
      await shown.getByText(`共 ${total.toLocaleString('en-US')} 行`).waitFor();

      // Filter: column = value, through the filter form; the count shown drops.
      await page.getByTestId('data-filter-column').click();
      await page.keyboard.type(filter.column);
      await page.keyboard.press('Enter');
      await page.getByTestId('data-filter-eq').fill(filter.value);
      await page.getByTestId('data-filter-add').click();
      await page.waitForURL((u) => u.searchParams.get(`eq.${filter.column}`) === filter.value);
      await shown.getByText(`符合条件 ${filter.count.toLocaleString('en-US')} 行`).waitFor();
      assert.notEqual(filter.count, total);
      await page.getByTestId('data-filters').getByText(filter.value).waitFor();

      // Sort by clicking a column header: ascending, then descending; the address follows.
      const header = preview.locator('thead th').filter({ hasText: sortColumn }).first();
      await header.click();
      await page.waitForURL((u) => u.searchParams.get('sort') === sortColumn);
      await header.click();
      await page.waitForURL((u) => u.searchParams.get('sort') === `-${sortColumn}`);
      await page.getByTestId('data-sort').getByText('降序').waitFor();
      const expected = await getJson(
        rowsPath(code, {
          [filter.column]: filter.value,
          $order: `\`${sortColumn}\` DESC`,
          $limit: '1',
        }),
      );
      const colIndex = columns.findIndex((c) => c.name === sortColumn);
      const top = String(expected.rows[0][sortColumn]);
      const matches = await (async () => {
        for (let i = 0; i < 50; i++) {
          const cells = await preview.locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts();
          if (Number(cells[colIndex]) === Number(top) || cells[colIndex] === top) return true;
          await page.waitForTimeout(200);
        }
        return false;
      })();
      assert.ok(matches, `the first row has the largest ${sortColumn} (${top})`);
      await snap(page, 'data-table');

      // A chart: the ECharts SVG appears.
      await page.getByRole('tab', { name: '图表' }).click();
      await page.waitForURL((u) => u.searchParams.get('tab') === 'chart');
      await page.getByTestId('chart-bar').locator('svg').first().waitFor();
      await page.getByTestId('chart-bar').locator('svg path').first().waitFor({ state: 'attached' });
      await snap(page, 'data-chart');

      // The API tab: a curl sample of the native rows endpoint, copied to the clipboard.
      await page.getByRole('tab', { name: 'API' }).click();
      const sample = page.getByTestId('api-sample-native');
      await sample.waitFor();
      const sampleText = await sample.innerText();
      assert.match(sampleText, /\/api\/v1\/datasets\//);
      assert.match(sampleText, /^curl /);
      await page.getByTestId('api-copy-native').click();
      await page.getByText('已复制到剪贴板').first().waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
      if (copied !== null) assert.match(copied, /\/api\/v1\/datasets\//);
      await page.getByTestId('api-sample-soda').getByText(`/resource/`).waitFor();

      // Downloads: the CSV starts with the header line.
      await page.getByRole('tab', { name: '下载' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-csv').click(),
      ]);
      const file = await download.path();
      const csv = await readFile(file, 'utf8');
      const headerLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
      assert.equal(headerLine, columns.map((c) => c.name).join(','), 'the CSV starts with its header');
      assert.ok(csv.split(/\r?\n/).filter(Boolean).length >= 2, 'and has rows');

      // English for the new views.
      await page.getByTestId('lang-switch').click();
      await page.getByRole('tab', { name: 'Download' }).waitFor();
      await page.getByTestId('lang-switch').click();

      const crashes = problems.filter((p) => p.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    } catch (err) {
      await snap(page, 'data-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
