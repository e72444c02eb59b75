// The industry data entry (CAT-7) in the browser: the demo company's developer applies for the
// company to publish its own data; the application waits for the authority.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseUrl,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

describe('industry data entry', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a company member applies; the bureau sees the application to review', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('company');
      await page.getByLabel('密码').fill('Demo-2026!kf');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/login'));
      await page.getByRole('link', { name: '行业数据开放' }).click();
      await page.getByRole('heading', { name: '行业数据开放入口' }).waitFor();
      // Nothing chosen: the page says what is missing instead of sending.
      await page.getByTestId('industry-submit').click();
      await page.getByText('请选择申请单位').first().waitFor();
      await page.getByLabel('申请单位').click();
      await page.getByTitle('潍坊数智科技有限公司').click();
      await page.getByLabel('拟开放的数据和用途').fill('本企业充电桩实时状态数据，每 5 分钟更新');
      await page.getByTestId('industry-submit').click();
      await page.getByTestId('industry-case').getByText('审核中').waitFor();
      await snap(page, 'industry-applied');
      assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);
    } finally {
      await context.close();
    }
    // The authority's queue holds it.
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bureau', password: 'Demo-2026!kf' }),
    });
    const cookie = login.headers.get('set-cookie').split(';')[0];
    const queue = await (await fetch(`${baseUrl}/api/v1/cases?assigned=1&type=industry_entry`, { headers: { Cookie: cookie } })).json();
    assert.ok(queue.items.some((c) => c.title.includes('潍坊数智科技有限公司')), JSON.stringify(queue.items.map((c) => c.title)));
  });
});
