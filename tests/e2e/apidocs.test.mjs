// The API documentation page (issue 4 item 8) is built from the server's own OpenAPI
// description: every route of the router is listed, grouped by tag, and can be filtered.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

describe('API documentation page', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('lists the routes of the OpenAPI description and filters them', { timeout: 120_000 }, async () => {
    const spec = await (await fetch(`${baseUrl}/api/openapi.json`)).json();
    const operations = Object.values(spec.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/');
      await page.getByRole('link', { name: 'API 文档' }).first().click();
      await page.waitForURL(/\/api-docs$/);
      await page.getByRole('heading', { name: '开放接口文档' }).waitFor();
      // The data group is open: the rows route with its Chinese summary.
      await page.getByText('/api/v1/datasets/{code}/rows', { exact: true }).first().waitFor();
      // Every operation is somewhere on the page once all groups are open.
      const headers = page.locator('[data-testid="api-docs"] .ant-collapse-header');
      const groups = await headers.count();
      for (let i = 0; i < groups; i++) {
        if ((await headers.nth(i).getAttribute('aria-expanded')) === 'false') await headers.nth(i).click();
      }
      await page.waitForTimeout(500);
      const rows = await page.locator('[data-testid="api-docs"] .ant-table-tbody tr.ant-table-row').count();
      assert.equal(rows, operations);
      await snap(page, 'api-docs');
      await page.getByLabel('按路径或说明筛选接口').fill('resource');
      await page.getByText('/resource/{file}', { exact: true }).waitFor();
      const filtered = await page.locator('[data-testid="api-docs"] .ant-table-tbody tr.ant-table-row').count();
      assert.ok(filtered >= 1 && filtered < operations, `filtered to ${filtered}`);
      // The anonymous visitor's /api/v1/me answers 401: a failed resource load, not a page error.
      assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);
    } finally {
      await context.close();
    }
  });
});
