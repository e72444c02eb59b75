// The public portal's provider pages (/providers, /providers/:id), the dataset map tab (the
// points of the rows the table's filter selects), and the help pages by role (/help/:role);
// phone width and English.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

const PHONE = { width: 375, height: 812 };
/** A demo dataset whose dictionary has 纬度 / 经度 (latitude / longitude). */
const GEO_CODE = '370700-JT-0002';
/** The most rows the map tab draws (web/src/components/MapCard.tsx MAP_TAB_ROWS). */
const MAP_TAB_ROWS = 500;

const api = async (path) => {
  const res = await fetch(`${baseUrl}${path}`);
  assert.equal(res.status, 200, `${path}: HTTP ${res.status}`);
  return res.json();
};

/** The catalog's own count for the transport bureau (the provider facet). */
async function transportFacet() {
  const page = await api('/api/v1/catalog?size=1');
  const facet = (page.facets.provider ?? []).find((v) => v.label.includes('交通运输局'));
  assert.ok(facet, 'the catalog has datasets of 交通运输局');
  return facet;
}

const noErrors = (problems) => assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);

const noOverflow = async (page) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal overflow (${overflow}px)`);
};

describe('portal: providers, map and help', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('an anonymous user finds the transport bureau and its datasets', { timeout: 120_000 }, async () => {
    const facet = await transportFacet();
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/providers');
      await page.getByRole('heading', { level: 1, name: '数据提供单位' }).waitFor();
      const card = page.getByTestId('provider-card').filter({ hasText: '交通运输局' });
      await card.waitFor();
      const count = card.getByTestId('provider-count');
      assert.equal(await count.getAttribute('data-count'), String(facet.count));
      assert.match(await count.innerText(), new RegExp(`${facet.count} 个数据集`));
      // Exactly the providers of the facet are listed (the home page counts the same ones).
      const cards = await page.getByTestId('provider-card').count();
      const catalog = await api('/api/v1/catalog?size=1');
      assert.equal(cards, catalog.facets.provider.length, `${cards} cards for ${catalog.facets.provider.length} providers`);
      await snap(page, 'providers-list');

      await card.getByTestId('provider-link').click();
      await page.waitForURL(new RegExp(`/providers/${facet.value}$`));
      await page.getByRole('heading', { level: 1, name: facet.label }).waitFor();
      await page.getByTestId('provider-details').getByText('数据提供单位').first().waitFor();
      const total = page.getByTestId('provider-total');
      await total.waitFor();
      assert.equal(await total.getAttribute('data-total'), String(facet.count));
      const expected = await api(`/api/v1/catalog?provider=${facet.value}&size=10&sort=updated`);
      const items = page.getByTestId('provider-dataset');
      await items.first().waitFor();
      assert.equal(await items.count(), expected.items.length);
      for (const e of expected.items) await page.getByRole('link', { name: e.name, exact: true }).waitFor();
      await snap(page, 'provider-page');

      // A dataset of the provider links back to the provider's page.
      await page.getByRole('link', { name: expected.items[0].name, exact: true }).click();
      await page.waitForURL(/\/datasets\//);
      await page.getByTestId('metadata').getByRole('link', { name: facet.label }).click();
      await page.waitForURL(new RegExp(`/providers/${facet.value}$`));
      noErrors(problems);
    } finally {
      await context.close();
    }
  });

  test('the map tab draws the rows the table\'s filter selects', { timeout: 120_000 }, async () => {
    const entry = await api(`/api/v1/entries/${GEO_CODE}`);
    const lat = entry.fields.find((f) => f.label === '纬度');
    const lng = entry.fields.find((f) => f.label === '经度');
    const district = entry.fields.find((f) => f.name === 'district');
    assert.ok(lat && lng && district, 'the demo dataset has 纬度, 经度 and district');
    const pointsIn = (rows) =>
      rows.filter((r) => {
        const x = Number(r[lng.name]);
        const y = Number(r[lat.name]);
        return r[lng.name] !== null && r[lat.name] !== null && Number.isFinite(x) && Number.isFinite(y) && !(x === 0 && y === 0);
      }).length;
    const all = await api(`/api/v1/datasets/${GEO_CODE}/rows?$limit=${MAP_TAB_ROWS}`);
    const allPoints = pointsIn(all.rows);
    // The district with the fewest stops among the first rows, as a filter that keeps some rows
    // but not all (the demo may hold more rows than the map draws).
    const counts = new Map();
    for (const r of all.rows) if (r.district) counts.set(r.district, (counts.get(r.district) ?? 0) + 1);
    const [value] = [...counts.entries()].sort((a, b) => a[1] - b[1])[0];
    const filtered = await api(
      `/api/v1/datasets/${GEO_CODE}/rows?district=${encodeURIComponent(value)}&$limit=${MAP_TAB_ROWS}`,
    );
    const filteredPoints = pointsIn(filtered.rows);
    assert.ok(filteredPoints > 0 && filteredPoints < allPoints, `${value}: ${filteredPoints} of ${allPoints} points`);

    const { context, page, problems } = await newPage(browser);
    try {
      // Unfiltered: every row's point (up to the map's limit).
      await page.goto(`/datasets/${GEO_CODE}`);
      await page.getByTestId('data-tab-map').click();
      await page.waitForURL((u) => u.searchParams.get('tab') === 'map');
      const map = page.getByTestId('data-map');
      await map.locator('canvas').waitFor();
      assert.equal(await map.getAttribute('data-points'), String(allPoints));
      assert.equal(await map.getAttribute('aria-label'), `数据地图：${allPoints} 个点`);

      // Filter in the table; the map follows.
      await page.getByRole('tab', { name: '数据预览' }).click();
      await page.getByTestId('data-filter-column').click();
      await page.keyboard.type(district.label || district.name);
      await page.keyboard.press('Enter');
      await page.getByTestId('data-filter-eq').fill(value);
      await page.getByTestId('data-filter-add').click();
      await page.waitForURL((u) => u.searchParams.get('eq.district') === value);
      await page.getByTestId('data-tab-map').click();
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid="data-map"]')?.getAttribute('data-points') === n,
        String(filteredPoints),
      );
      assert.match(await page.getByTestId('map-lead').innerText(), new RegExp(`筛选条件共 ${filtered.total} 行`));
      // The same points as a list, for keyboards and screen readers.
      await page.getByText('以列表查看这些点').click();
      assert.equal(await page.getByTestId('map-points').locator('li').count(), filteredPoints);
      await map.scrollIntoViewIfNeeded();
      await snap(page, 'dataset-map-filtered');

      // The filter lives in the address: opening it shows the same map.
      await page.goto(`/datasets/${GEO_CODE}?tab=map&eq.district=${encodeURIComponent(value)}`);
      await page.getByTestId('data-map').locator('canvas').waitFor();
      assert.equal(await page.getByTestId('data-map').getAttribute('data-points'), String(filteredPoints));

      // A dataset without coordinates has no map tab (and ?tab=map shows the table).
      await page.goto('/datasets/370700-JT-0005?tab=map');
      await page.getByTestId('metadata').waitFor();
      await page.getByTestId('preview').waitFor();
      assert.equal(await page.getByTestId('data-tab-map').count(), 0);
      assert.equal(await page.getByTestId('map-card').count(), 0);
      noErrors(problems);
    } finally {
      await context.close();
    }
  });

  test('help by role, each section at its own address', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      await page.getByTestId('footer-help').click();
      await page.waitForURL(/\/help$/);
      await page.getByRole('heading', { level: 1, name: '帮助' }).waitFor();
      await page.getByTestId('help-citizen').getByRole('heading', { level: 3, name: '查找数据' }).waitFor();
      // The citizens' tab is open at /help; each tab has an address of its own.
      const roles = [
        ['developer', '企业/开发者', 'API 密钥'],
        ['provider', '数据提供部门', '提交发布审核'],
        ['authority', '大数据局', '以工作日计算的期限'],
        ['citizen', '公众', '查找数据'],
      ];
      for (const [key, name, section] of roles) {
        await page.getByRole('tab', { name }).click();
        await page.waitForURL(new RegExp(`/help/${key}$`));
        const panel = page.getByTestId(`help-${key}`);
        await panel.getByRole('heading', { level: 2, name }).waitFor();
        await panel.getByRole('heading', { level: 3, name: section }).waitFor();
        assert.ok((await panel.getByRole('link').count()) > 0, `${key}: links to the pages`);
      }
      await snap(page, 'help-authority');
      // Bookmarked: a role's address opens its section.
      await page.goto('/help/developer');
      await page.getByTestId('help-developer').getByText('X-Api-Key').first().waitFor();
      await page.getByTestId('help-developer').getByRole('link', { name: 'API 文档' }).first().click();
      await page.waitForURL(/\/api-docs$/);
      noErrors(problems);
    } finally {
      await context.close();
    }
  });

  test('the providers page at phone width, and in English', { timeout: 120_000 }, async () => {
    const facet = await transportFacet();
    const { context, page, problems } = await newPage(browser, { viewport: PHONE });
    try {
      await page.goto('/providers');
      await page.getByTestId('provider-card').filter({ hasText: '交通运输局' }).waitFor();
      await noOverflow(page);
      await snap(page, 'providers-375');
      await page.goto(`/providers/${facet.value}`);
      await page.getByTestId('provider-dataset').first().waitFor();
      await noOverflow(page);
      await snap(page, 'provider-page-375');
      await page.goto(`/datasets/${GEO_CODE}?tab=map`);
      await page.getByTestId('data-map').locator('canvas').waitFor();
      await noOverflow(page);

      await page.goto('/providers');
      await page.getByTestId('lang-switch').click();
      await page.getByRole('heading', { level: 1, name: 'Data providers' }).waitFor();
      const card = page.getByTestId('provider-card').filter({ hasText: '交通运输局' });
      await card.getByText(`${facet.count} datasets`).waitFor();
      await noOverflow(page);
      await snap(page, 'providers-375-en');
      await page.goto('/help/provider');
      await page.getByRole('heading', { level: 3, name: 'Submitting for review' }).waitFor();
      noErrors(problems);
    } finally {
      await context.close();
    }
  });
});
