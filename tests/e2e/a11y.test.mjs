// Accessibility of the public pages (issue 12 item 10; GB/T 37668 asks it of government sites):
// axe-core finds no serious or critical violation on the home page, the catalog, a dataset page
// (each of its tabs), the providers, login, the API documentation and the other public pages;
// and a keyboard alone reaches the search, a facet, the data table and a download.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseUrl, launchBrowser, newPage, skipWithoutServer as skip, snap } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { AxeBuilder } = createRequire(path.join(here, '..', '..', 'web', 'package.json'))('@axe-core/playwright');

const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe on the page as it is now; returns the serious and critical violations, described. */
async function blockingViolations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact))
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join('\n    ')}`);
}

/** A published unconditional dataset with rows, for the dataset page and the keyboard test. */
async function openDataset() {
  const res = await fetch(`${baseUrl}/api/v1/catalog?open=unconditional&size=20&sort=downloads`);
  const page = await res.json();
  const hit = page.items.find((e) => (e.row_count ?? 0) > 10) ?? page.items[0];
  assert.ok(hit, 'the demo city has an unconditional dataset');
  return hit;
}

describe('accessibility of the public pages', { skip }, () => {
  let browser;
  let dataset;
  before(async () => {
    browser = await launchBrowser();
    dataset = await openDataset();
  });
  after(async () => {
    await browser?.close();
  });

  // Each page, and what shows that it has finished loading.
  const pages = () => [
    { name: 'home', path: '/', ready: (p) => p.getByTestId('counter-entries').locator('.ant-statistic-content').waitFor(), scroll: true },
    { name: 'catalog', path: '/catalog', ready: (p) => p.locator('a[href^="/datasets/"]').first().waitFor() },
    { name: 'search', path: '/catalog?q=%E4%BA%A4%E9%80%9A', ready: (p) => p.locator('a[href^="/datasets/"]').first().waitFor() },
    { name: 'providers', path: '/providers', ready: (p) => p.locator('a[href^="/providers/"]').first().waitFor() },
    { name: 'login', path: '/login', ready: (p) => p.getByLabel('用户名').waitFor() },
    { name: 'register', path: '/register', ready: (p) => p.getByLabel('用户名').waitFor() },
    // The interactive viewer loads after the heading: wait for its list of operations.
    { name: 'api-docs', path: '/api-docs', ready: (p) => p.locator('.swagger-ui .opblock-summary-method').first().waitFor() },
    { name: 'open-list', path: '/open-list', ready: (p) => p.getByRole('heading', { level: 1 }).first().waitFor() },
    { name: 'help', path: '/help', ready: (p) => p.getByRole('heading', { level: 1 }).first().waitFor() },
    { name: 'licence', path: '/licence', ready: (p) => p.getByRole('heading', { level: 1 }).first().waitFor() },
    { name: 'accessibility', path: '/accessibility', ready: (p) => p.getByTestId('a11y-feedback').waitFor() },
  ];

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    test(`axe finds no serious or critical violation at ${viewport.width}px`, { timeout: 300_000 }, async () => {
      const { context, page } = await newPage(browser, { viewport });
      const found = [];
      try {
        for (const p of pages()) {
          await page.goto(p.path);
          await p.ready(page);
          if (p.scroll) {
            // Below-the-fold sections (charts) load when scrolled to: check them too.
            // (The charts' row exists only once its placeholder has come into view: scroll to it.)
            await page.getByRole('heading', { level: 2, name: '开放数据统计' }).scrollIntoViewIfNeeded();
            await page.getByRole('img', { name: '各领域数据集' }).locator('svg').waitFor();
          }
          for (const v of await blockingViolations(page)) found.push(`${p.name} (${p.path}): ${v}`);
        }
        // The dataset page and each of its tabs.
        await page.goto(`/datasets/${encodeURIComponent(dataset.code)}`);
        await page.getByTestId('preview').locator('tbody tr.ant-table-row').first().waitFor();
        for (const tab of ['数据预览', '图表', '下载', 'API']) {
          await page.getByRole('tab', { name: tab }).click();
          await page.getByRole('tabpanel', { name: tab }).waitFor();
          if (tab === '图表') await page.getByRole('tabpanel', { name: tab }).locator('svg').first().waitFor();
          for (const v of await blockingViolations(page)) found.push(`dataset tab ${tab}: ${v}`);
        }
        if (found.length) await snap(page, `a11y-failure-${viewport.width}`);
        assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
      } finally {
        await context.close();
      }
    });
  }

  test('the keyboard alone reaches search, a facet, the data table and a download', { timeout: 180_000 }, async () => {
    const { context, page } = await newPage(browser, { acceptDownloads: true });
    /** Presses Tab until the focused element satisfies `is` (evaluated in the page); fails after `max`. */
    async function tabTo(what, is, max = 80, key = 'Tab') {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press(key);
        const hit = await page.evaluate(is);
        if (hit) {
          // What has the focus can be seen: an outline or a ring on it or its wrapper.
          const ring = await page.evaluate(() => {
            let el = document.activeElement;
            for (let up = 0; el && up < 3; up++, el = el.parentElement) {
              const s = getComputedStyle(el);
              if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none') return true;
            }
            return false;
          });
          assert.ok(ring, `${what} shows that it has the focus`);
          return;
        }
      }
      const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
      assert.fail(`${what} not reached with ${max} presses of ${key}; the focus is on ${at}`);
    }
    try {
      await page.goto('/');
      await page.getByTestId('counter-entries').waitFor();
      // The first stop is the skip link; it moves the focus to the main content.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), '跳到主要内容');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');

      await tabTo('the home search box', () => document.activeElement?.matches('input[type="search"], [role="search"] input'));
      await page.keyboard.type('交通');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/catalog\?q=/);
      await page.locator('a[href^="/datasets/"]').first().waitFor();

      // A facet: a button in the facet lists; Enter applies it.
      await tabTo('a facet', () => document.activeElement?.classList.contains('facet-item'));
      const before = page.url();
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.toString() !== before && /[?&](provider|domain|open|format|freq|region)=/.test(u.search));
      await page.locator('a[href^="/datasets/"]').first().waitFor();

      // Into a result.
      await tabTo('a dataset in the results', () => document.activeElement?.matches('a[href^="/datasets/"]'));
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/datasets\//);
      await page.getByTestId('preview').locator('tbody tr.ant-table-row').first().waitFor();

      // The data table: a column header sorts with Enter.
      await tabTo('the data table', () => {
        const table = document.querySelector('[data-testid="preview"]');
        return !!table && table.contains(document.activeElement) && document.activeElement?.tagName === 'TH';
      });
      await page.keyboard.press('Enter');
      await page.getByTestId('data-sort').getByText(/按.+(升序|降序)/).waitFor();

      // The download tab, then a download link.
      await tabTo('the data tabs', () => document.activeElement?.getAttribute('role') === 'tab', 80, 'Shift+Tab');
      // The focused tab's label (antd adds a hidden live region "Tab n of m" to the focused tab).
      const tabLabel = () =>
        page.evaluate(() => {
          const copy = document.activeElement?.cloneNode(true);
          copy?.querySelectorAll('[aria-live]').forEach((n) => n.remove());
          return copy?.textContent?.trim();
        });
      for (let i = 0; i < 4 && (await tabLabel()) !== '下载'; i++) {
        await page.keyboard.press('ArrowRight');
      }
      assert.equal(await tabLabel(), '下载');
      await page.keyboard.press('Enter');
      await page.getByTestId('downloads').waitFor();
      await tabTo('the CSV download', () => document.activeElement?.getAttribute('data-testid') === 'download-csv');
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(download.suggestedFilename(), /\.csv$/);
    } catch (err) {
      await snap(page, 'a11y-keyboard-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
