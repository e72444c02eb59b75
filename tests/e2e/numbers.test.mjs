// True numbers on the portal (issue 12 item 5), as a visitor sees them: the home page's counters
// are the server's (open data only), the providers list agrees with the home page and the search
// facets, "下载最多" follows downloads made a moment ago, and a public institution's dataset is not
// labelled social data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { baseUrl, launchBrowser, newPage, skipWithoutServer as skip, snap } from './browser.mjs';

const api = async (path) => {
  const res = await fetch(`${baseUrl}${path}`);
  assert.equal(res.status, 200, `${path}: HTTP ${res.status}`);
  return res.json();
};
const digits = (s) => Number(String(s).replace(/[^\d]/g, ''));
const noErrors = (problems) =>
  assert.deepEqual(
    problems.filter((p) => !p.includes('Failed to load resource')),
    [],
  );

describe('portal: true numbers', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('home counters, providers list and search facets agree', { timeout: 120_000 }, async () => {
    const stats = await api('/api/v1/portal/stats');
    const providers = await api('/api/v1/providers');
    const catalog = await api('/api/v1/catalog?size=1');
    const open = await api('/api/v1/catalog?size=1&open=unconditional');
    assert.equal(stats.entries, open.total, 'open datasets are the unconditional ones');
    assert.ok(stats.entries <= stats.catalog_entries);
    assert.equal(stats.providers, providers.total);
    assert.equal(providers.total, catalog.facets.provider.length);
    assert.equal(providers.datasets, catalog.total);

    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      for (const key of ['entries', 'providers']) {
        const card = page.getByTestId(`counter-${key}`);
        await card.locator('.ant-statistic-content-value').waitFor();
        await page.waitForFunction(
          (k) => /\d/.test(document.querySelector(`[data-testid="counter-${k}"] .ant-statistic-content-value`)?.textContent ?? ''),
          key,
        );
        const shown = await card.locator('.ant-statistic-content-value').innerText();
        assert.equal(digits(shown), stats[key], `home counter ${key}`);
      }

      await page.goto('/providers');
      const summary = page.getByTestId('providers-summary');
      await summary.waitFor();
      assert.equal(Number(await summary.getAttribute('data-total')), stats.providers);
      assert.equal(await page.getByTestId('provider-card').count(), providers.total);
      for (const p of providers.items.slice(0, 5)) {
        const count = page.locator(`[data-testid="provider-card"][data-provider-id="${p.id}"] [data-testid="provider-count"]`);
        const facet = catalog.facets.provider.find((f) => Number(f.value) === p.id);
        assert.equal(Number(await count.getAttribute('data-count')), facet.count, p.name);
      }
      await snap(page, 'providers-counts');
      noErrors(problems);
    } finally {
      await context.close();
    }
  });

  test('"下载最多" follows the downloads made just now', { timeout: 120_000 }, async () => {
    const top = await api('/api/v1/catalog?sort=downloads&size=1');
    const max = top.items[0]?.downloads ?? 0;
    // The least recently updated open dataset: no other test makes it the most downloaded.
    const pool = await api('/api/v1/catalog?sort=updated&size=100&open=unconditional');
    const target = pool.items.filter((e) => e.row_count).at(-1);
    assert.ok(target, 'an open dataset with data');
    const n = max - (target.downloads ?? 0) + 3;
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${baseUrl}/api/v1/datasets/${encodeURIComponent(target.code)}/download?format=csv`);
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    }
    const now = (await api(`/api/v1/entries/${encodeURIComponent(target.code)}`)).downloads;

    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/catalog?sort=downloads');
      const first = page.getByTestId('catalog-item').first();
      await first.getByRole('link', { name: target.name, exact: true }).waitFor();
      await snap(page, 'catalog-most-downloaded');

      await page.goto('/');
      const most = page.locator('.ant-card').filter({ has: page.getByText('下载最多', { exact: true }) });
      const item = most.locator('.ant-list-item').first();
      await item.getByRole('link', { name: target.name, exact: true }).waitFor();
      assert.equal(digits(await item.locator('.ant-typography-secondary').innerText()), now);

      noErrors(problems);
    } finally {
      await context.close();
    }
  });

  test('a public institution\'s dataset is not labelled social data', { timeout: 60_000 }, async () => {
    const entry = await api('/api/v1/entries/370700-JT-0001');
    assert.equal(entry.provider_kind, 'institution', 'the demo bus company is a public institution');
    assert.equal(entry.non_government, false);
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/datasets/370700-JT-0001');
      await page.getByTestId('metadata').waitFor();
      await page.getByText(entry.provider_name).first().waitFor();
      assert.equal(await page.getByTestId('social-tag').count(), 0);
      noErrors(problems);
    } finally {
      await context.close();
    }
  });
});
