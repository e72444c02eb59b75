// The home page's view of the open catalog: counters from /api/v1/portal/stats, domain tiles,
// newest and most downloaded datasets, and the catalog charts; also at a phone width.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

describe('portal home page', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
    test(`counters, domains, lists and charts at ${viewport.width}px`, { timeout: 120_000 }, async () => {
      const stats = await (await fetch(`${baseUrl}/api/v1/portal/stats`)).json();
      assert.ok(stats.entries >= 45 && stats.records > 0, JSON.stringify(stats));
      const { context, page, problems } = await newPage(browser, { viewport });
      try {
        await page.goto('/');
        const entries = page.getByTestId('counter-entries');
        await entries.getByText(stats.entries.toLocaleString('en-US')).waitFor();
        await page.getByTestId('domain-tiles').getByText('交通').first().waitFor();
        // The charts load when their section comes into view (issue 12 item 7).
        await page.getByRole('heading', { level: 2, name: '开放数据统计' }).scrollIntoViewIfNeeded();
        await page.getByRole('img', { name: '各领域数据集' }).locator('svg').waitFor();
        await page.getByRole('img', { name: '每月更新的数据集' }).locator('svg').waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `no horizontal overflow (${overflow}px)`);
        await snap(page, `portal-${viewport.width}`);
        await page.getByTestId('domain-tiles').getByText('交通').first().click();
        await page.waitForURL(/\/catalog\?domain=/);
        assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);
      } finally {
        await context.close();
      }
    });
  }
});
