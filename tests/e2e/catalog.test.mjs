// The data catalog in the browser against a real `kaifang serve` with the demo city loaded
// (tests/e2e/run.sh runs `kaifang demo` after `init`): search in Chinese, narrow by a
// provider facet, open a dataset and read its dictionary and the first rows of its data.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl,
  eventually,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

describe('data catalog', { skip }, () => {
  let browser;

  before(async () => {
    // `kaifang demo` (run.sh) loads the demo city's catalog: an empty catalog is a failure.
    const res = await fetch(`${baseUrl}/api/v1/catalog?size=1`);
    assert.equal(res.status, 200, `GET /api/v1/catalog: HTTP ${res.status}`);
    const { total } = await res.json();
    assert.ok(total >= 45, `the demo city has its catalog (found ${total} published entries)`);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('search 交通, filter by a provider, open a dataset with its dictionary and preview', {
    timeout: 180_000,
  }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      // The home page search box leads to the catalog with the query in the address.
      await page.goto('/');
      await page.getByLabel('搜索数据集').fill('交通');
      await page.getByLabel('搜索数据集').press('Enter');
      await page.waitForURL(/\/catalog\?q=/);
      assert.equal(new URL(page.url()).searchParams.get('q'), '交通');
      await page.getByRole('heading', { name: '数据目录', level: 1 }).waitFor();

      // Results for a two-character Chinese word.
      const total = page.getByTestId('catalog-total');
      await total.getByText(/“交通”共找到/).waitFor();
      const items = page.getByTestId('catalog-item');
      await items.first().waitFor();
      const found = await items.count();
      assert.ok(found > 0, 'the demo city has transport data');

      // Facets with counts; pick the first provider.
      const providerFacet = page.getByTestId('facet-provider');
      const first = providerFacet.getByRole('button').first();
      await first.waitFor();
      const provider = (await first.locator('.facet-label').innerText()).trim();
      const count = Number((await first.locator('.facet-count').innerText()).replace(/\D/g, ''));
      assert.ok(provider && count > 0, `a provider with a count: ${provider} ${count}`);
      await first.click();
      await page.waitForURL(/[?&]provider=/);
      await providerFacet.getByRole('button', { pressed: true }).waitFor();
      await page.getByTestId('active-filters').getByText(provider).waitFor();
      // Every card on the page now comes from that provider, and the total is the facet's count.
      const onlyThatProvider = await eventually(async () => {
        const providers = await page.getByTestId('result-provider').allInnerTexts();
        return providers.length > 0 && providers.every((p) => p.trim() === provider);
      }, 15_000);
      assert.ok(onlyThatProvider, `all results from ${provider}`);
      assert.match(await total.innerText(), new RegExp(`共找到 ${count.toLocaleString('en-US')} 个`));
      await snap(page, 'catalog');

      // The filter is in the address: a reload keeps it.
      await page.reload();
      await page.getByTestId('facet-provider').getByRole('button', { pressed: true }).waitFor();

      // Open the first dataset that has published data (its card shows a row count).
      const withData = page.getByTestId('catalog-item').filter({ hasText: '数据量（行）' });
      const card =
        (await withData.count()) > 0 ? withData.first() : page.getByTestId('catalog-item').first();
      const link = card.getByRole('heading').getByRole('link');
      const name = (await link.innerText()).trim();
      await link.click();
      await page.waitForURL(/\/datasets\//);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await page.getByTestId('metadata').getByText(provider).first().waitFor();

      // Its data dictionary: a row per field with name, label and type.
      const dictionary = page.getByTestId('dictionary');
      await dictionary.getByRole('columnheader', { name: '字段名' }).waitFor();
      await dictionary.locator('tbody tr.ant-table-row').first().waitFor();
      assert.ok((await dictionary.locator('tbody tr.ant-table-row').count()) > 0, 'fields are listed');

      // A preview of the published data: at least one row.
      const preview = page.getByTestId('preview');
      await preview.locator('tbody tr.ant-table-row').first().waitFor();
      const cells = await preview.locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts();
      assert.ok(cells.some((c) => c.trim() !== ''), `a preview row with values: ${cells.join(' | ')}`);
      await snap(page, 'dataset');

      // English labels for the same page.
      await page.getByTestId('lang-switch').click();
      await page.getByRole('heading', { name: 'Data dictionary' }).waitFor();
      await page.getByTestId('lang-switch').click();

      const crashes = problems.filter((p) => p.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    } catch (err) {
      await snap(page, 'catalog-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
