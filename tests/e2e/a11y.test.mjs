// Accessibility of the public pages (issue 12 item 10; GB/T 37668 asks it of government sites):
// axe-core finds no serious or critical violation on the home page, the catalog, a dataset page
// (each of its tabs), the providers, login, the API documentation and the other public pages;
// and a keyboard alone reaches the search, a facet, the data table and a download. On the scenario
// server (lishui), the pages of conditional data too: the application wizard, the applications,
// an application with its agreement and grant, the grants, the public lists and the authority's.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  baseUrl,
  launchBrowser,
  login,
  moveClock,
  newPage,
  scenarioUrl,
  skipWithoutScenario,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { AxeBuilder } = createRequire(path.join(here, '..', '..', 'web', 'package.json'))('@axe-core/playwright');

const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe on the page as it is now; returns the serious and critical violations, described. */
async function blockingViolations(page, exclude = []) {
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const result = await builder.analyze();
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

// Conditional data (issue 13, web/src/apply/) on the scenario server, whose demo seed gives the
// company a signed agreement and a grant (执业医师注册信息) and the credit company a pending
// application. Its rate limit refills on the test clock: the clock moves on a few seconds between
// pages so that the bucket never runs dry.
describe('accessibility of the conditional-data pages', { skip: skipWithoutScenario }, () => {
  let browser;
  let spent = 0;
  let clockMs = null;
  const breathe = async () => {
    if (spent < 35) return;
    if (clockMs === null) clockMs = Date.parse((await moveClock({ advance_days: 0 })).now_utc);
    clockMs += 3000;
    clockMs = Date.parse((await moveClock({ set: new Date(clockMs).toISOString().replace(/\.\d{3}Z$/, 'Z') })).now_utc);
    spent = 0;
  };
  const track = (context) =>
    context.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) spent += 1;
    });
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    test(`axe finds no serious or critical violation at ${viewport.width}px`, { timeout: 300_000 }, async () => {
      const found = [];
      // The top bar's bell link of signed-in users is left out: its badge shows the unread count
      // ("3") and its name says it in brackets ("消息（3 条未读）"), which axe's label-in-name
      // check drops before comparing (label-content-name-mismatch); the rest of the bar is checked.
      const bell = ['[data-testid="inbox-link"]', '[data-testid="tasks-link"]'];
      const check = async (page, name) => {
        for (const v of await blockingViolations(page, bell)) found.push(`${name}: ${v}`);
      };
      const visit = async (page, path, ready) => {
        await breathe();
        await page.goto(path);
        await ready(page);
      };
      const company = await newPage(browser, { baseURL: scenarioUrl, viewport });
      const bureau = await newPage(browser, { baseURL: scenarioUrl, viewport });
      track(company.context);
      track(bureau.context);
      let current = company.page;
      try {
        // The public lists.
        const c = company.page;
        await visit(c, '/grant-holders', (p) => p.getByTestId('holders').locator('tbody tr.ant-table-row').first().waitFor());
        await check(c, 'grant-holders');
        await visit(c, '/user-grades', (p) => p.getByTestId('grades').locator('tbody tr.ant-table-row').first().waitFor());
        await check(c, 'user-grades');

        // The company: the wizard step by step, its applications, an application, the grants.
        await breathe();
        await login(c, 'company');
        await visit(c, '/apply/370700-SB-0004', (p) => p.getByTestId('apply-step-0').waitFor());
        await check(c, 'wizard step 1');
        await c.getByLabel('我已阅读并符合上述开放条件').check();
        await c.getByTestId('apply-next').click();
        await c.getByTestId('apply-step-title').getByText(/第 2 步/).waitFor();
        await check(c, 'wizard step 2');
        await c.getByLabel('联系人', { exact: true }).fill('王建国');
        await c.getByLabel('联系电话（手机）').fill('13800138000');
        await c.getByLabel('应用（服务）名称').fill('职业技能核验');
        await c.getByTestId('apply-next').click();
        await c.getByTestId('apply-step-title').getByText(/第 3 步/).waitFor();
        await check(c, 'wizard step 3');
        await c.getByTestId('apply-fields').getByRole('checkbox').first().check();
        await c.getByLabel('应用场景').fill('招聘时核验职业技能等级证书');
        await c.getByTestId('apply-next').click();
        await c.getByTestId('apply-step-title').getByText(/第 4 步/).waitFor();
        await check(c, 'wizard step 4');

        await visit(c, '/me/applications', (p) => p.getByTestId('application-row').first().waitFor());
        await check(c, 'my applications');
        const id = await c.getByTestId('application-row').first().getAttribute('data-case');
        await visit(c, `/applications/${id}`, (p) => p.getByTestId('agreement-signed').waitFor());
        await c.getByTestId('grant-uses').waitFor();
        await check(c, 'application');
        await visit(c, '/grants', (p) => p.getByTestId('grant-row').first().waitFor());
        await check(c, 'grants');
        const grant = await c.getByTestId('grant-row').first().getAttribute('data-grant');
        await visit(c, `/grants/${grant}`, (p) => p.getByTestId('grant-report').waitFor());
        await check(c, 'grant');
        await visit(c, '/datasets/370700-SB-0004', (p) => p.getByTestId('apply-button').waitFor());
        await check(c, 'dataset with 申请使用');

        // The authority: the applications waiting, the case page's panel, its lists.
        const b = bureau.page;
        current = b;
        await breathe();
        await login(b, 'bureau');
        await visit(b, '/console/applications', (p) => p.getByTestId('application-row').first().waitFor());
        await check(b, 'applications (authority)');
        const pending = await b.getByTestId('application-row').first().getAttribute('data-case');
        await visit(b, `/applications/${pending}`, (p) => p.getByTestId('application-actions').waitFor());
        await check(b, 'application (authority to act)');
        await visit(b, `/console/cases/${pending}`, (p) => p.getByTestId('case-application').waitFor());
        await check(b, 'case page with the application panel');
        await visit(b, '/console/dishonest-lists', (p) => p.getByTestId('dishonest-import').waitFor());
        await check(b, 'dishonest lists');
        await visit(b, '/console/user-grades', (p) => p.getByTestId('grading-form').waitFor());
        await check(b, 'grading');

        if (found.length) await snap(current, `a11y-apply-failure-${viewport.width}`);
        assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
      } finally {
        await company.context.close();
        await bureau.context.close();
      }
    });
  }
});
