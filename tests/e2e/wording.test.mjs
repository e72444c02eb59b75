// Consistency of wording and language (issue 12 item 8), in the browser:
// - a not-open or conditional dataset says what applies to it, under the profile's names (no
//   "apply" heading over not-open data), and the server's reason follows the page's language;
// - after signing in, people return to the page they came from (?next=, same-site paths only);
// - one user centre (/me, with 账号与密钥), no separate 个人中心;
// - the uploader's account and the file's hash are not shown to the public;
// - at phone width the home counters and the calendar title fit their boxes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertClean,
  launchBrowser,
  login,
  newPage,
  scenarioUrl,
  skipWithoutServer as skip,
  snap,
  DEMO_PASSWORD,
} from './browser.mjs';

/** Demo entries: 常住人口基础信息 (not open), 住房公积金缴存单位信息 (conditional), 公交站点 (open). */
const NOT_OPEN = '370700-GA-0002';
const CONDITIONAL = '370700-CJ-0004';
const OPEN = '370700-JT-0002';
const PHONE = { width: 390, height: 844 };

/** The heading and reason of the refusal in the dataset page's data section. */
async function refusal(page) {
  const box = page.getByTestId('data-restricted');
  await box.waitFor();
  return {
    heading: (await page.getByTestId('data-restricted-heading').innerText()).trim(),
    reason: (await page.getByTestId('data-restricted-reason').innerText()).trim(),
    text: await box.innerText(),
  };
}

/** Elements (by selector) whose content is wider than their box. */
async function overflowing(page, selector) {
  return page.evaluate((sel) => {
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.scrollWidth > el.clientWidth) {
        out.push(`${el.getAttribute('data-testid') ?? el.className}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
    }
    return out;
  }, selector);
}

describe('wording and language', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('not-open and conditional data say what applies to them, in the page language', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await page.goto(`/datasets/${NOT_OPEN}`);
      const closed = await refusal(page);
      assert.equal(closed.heading, '此数据不予开放');
      assert.match(closed.reason, /不予开放类/);
      assert.doesNotMatch(closed.text, /需申请|提交开放申请|申请后使用/, 'no offer to apply for data that is not open');
      await page.getByTestId('data-restricted-basis').getByText(/不予开放的依据：.*居民身份证法/).waitFor();
      assert.equal(await page.getByTestId('data-restricted-conditions').count(), 0);
      await snap(page, 'wording-not-open');

      await page.goto(`/datasets/${CONDITIONAL}`);
      const conditional = await refusal(page);
      assert.equal(conditional.heading, '此数据有条件开放');
      assert.match(conditional.reason, /有条件开放数据/);
      // The platform takes applications (issue 13): a visitor is asked to sign in, then apply.
      assert.match(conditional.reason, /请先注册并登录，然后在数据集页面提交开放申请/);
      await page.getByTestId('data-restricted-conditions').waitFor();
      const signIn = page.getByTestId('data-restricted').getByTestId('access-action');
      assert.match((await signIn.getAttribute('href')) ?? '', /^\/login\?next=/, 'sign in, then back here');

      // English: the headings, and the server's reason too (the API client asks in the UI's language).
      await page.getByTestId('lang-switch').click();
      await page.goto(`/datasets/${NOT_OPEN}`);
      const english = await refusal(page);
      assert.equal(english.heading, 'Not open: this data is not opened to the public');
      assert.match(english.reason, /^This data is classed as not open; if you need it, you can ask the data provider \(.+\) to open it$/);
      await snap(page, 'wording-not-open-en');
      await page.goto(`/datasets/${CONDITIONAL}`);
      const englishConditional = await refusal(page);
      assert.equal(englishConditional.heading, 'Conditionally open: this data is opened on conditions only');
      assert.match(englishConditional.reason, /please register and sign in, then apply for it on the dataset page$/);
      assertClean(problems, [/Failed to load resource/]);
    } finally {
      await context.close();
    }
  });

  test('under the lishui profile the headings use its names (禁止开放, 受限开放)', { timeout: 120_000, skip: scenarioUrl ? false : 'no scenario server' }, async () => {
    const { context, page } = await newPage(browser, { baseURL: scenarioUrl });
    try {
      await page.goto(`/datasets/${NOT_OPEN}`);
      const closed = await refusal(page);
      assert.equal(closed.heading, '此数据禁止开放');
      assert.match(closed.reason, /禁止开放类/);
      assert.doesNotMatch(closed.text, /不予开放|有条件开放/);
      await page.goto(`/datasets/${CONDITIONAL}`);
      const conditional = await refusal(page);
      assert.equal(conditional.heading, '此数据受限开放');
      assert.match(conditional.reason, /受限开放数据/);
    } finally {
      await context.close();
    }
  });

  test('error messages of forms follow the page language', { timeout: 60_000 }, async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('company');
      await page.getByLabel('密码').fill('Wrong-Pass-2026!');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByTestId('api-error').getByText('用户名或密码错误').waitFor();
      await page.getByTestId('lang-switch').click();
      await page.getByLabel('Username').fill('company');
      await page.getByLabel('Password').fill('Wrong-Pass-2026!');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByTestId('api-error').getByText('Wrong user name or password').waitFor();
    } finally {
      await context.close();
    }
  });

  test('signing in returns to the page the user came from; other sites are never a target', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      // From a dataset page through the header's 登录.
      const here = `/datasets/${OPEN}?tab=download`;
      await page.goto(here);
      await page.getByTestId('downloads').waitFor();
      await page.getByTestId('nav-login').click();
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === here);
      await page.getByLabel('用户名').fill('company');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => u.pathname + u.search === here);
      await page.getByTestId('current-user').getByText('company').waitFor();
      await page.getByTestId('downloads').waitFor();

      // A reload of the login page keeps the way back (it is in the address, not in memory).
      await context.clearCookies();
      await page.goto('/me/favourites');
      await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/me/favourites');
      await page.reload();
      await page.getByLabel('用户名').fill('company');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((u) => u.pathname === '/me/favourites');

      // Addresses of other sites are ignored: the user lands in the user centre.
      for (const next of ['//evil.example.org/x', 'https://evil.example.org/', '/\\evil.example.org', 'javascript:alert(1)', '/login?next=/me']) {
        await context.clearCookies();
        await page.goto(`/login?next=${encodeURIComponent(next)}`);
        await page.getByLabel('用户名').fill('company');
        await page.getByLabel('密码').fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: '登录' }).click();
        await page.waitForURL((u) => u.pathname === '/me', { timeout: 10_000 });
        assert.equal(new URL(page.url()).origin, new URL(await page.evaluate(() => location.href)).origin);
      }
      assertClean(problems, [/Failed to load resource/]);
    } finally {
      await context.close();
    }
  });

  test('one user centre: /profile is its account tab, and no page says 个人中心', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await login(page, 'company');
      await page.goto('/profile');
      await page.waitForURL('**/me/account');
      await page.getByRole('heading', { name: '用户中心', level: 1 }).waitFor();
      await page.getByTestId('uc-account').getByTestId('real-name-status').waitFor();
      await page.getByTestId('api-key-table').waitFor();
      const tabs = await page.getByRole('tab').allInnerTexts();
      assert.deepEqual(
        tabs.map((x) => x.trim()),
        ['概览', '账号与密钥', '下载记录', '我的收藏', '我的订阅', '消息'],
      );
      for (const path of ['/me', '/me/account', '/help/developer', `/datasets/${OPEN}?tab=api`, '/']) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const text = await page.locator('body').innerText();
        assert.doesNotMatch(text, /个人中心/, `${path} still says 个人中心`);
      }
      // The user's name in the header is the one way in.
      await page.getByTestId('current-user').click();
      await page.waitForURL('**/me');
      assertClean(problems, [/Failed to load resource/]);
    } finally {
      await context.close();
    }
  });

  test('the public sees no uploader and no file hash; the provider\'s staff do', { timeout: 120_000 }, async () => {
    const anon = await newPage(browser);
    const staff = await newPage(browser);
    try {
      await anon.page.goto(`/datasets/${OPEN}`);
      const table = anon.page.getByTestId('versions');
      await table.locator('tbody tr.ant-table-row').first().waitFor();
      const headers = (await table.locator('thead th').allInnerTexts()).map((h) => h.trim());
      assert.ok(headers.includes('版本'), `versions table: ${headers}`);
      assert.ok(!headers.includes('SHA-256') && !headers.includes('上传人'), `public headers: ${headers}`);
      assert.doesNotMatch(await table.innerText(), /transport|[0-9a-f]{12}/);

      await login(staff.page, 'bureau'); // the authority sees every version's details (公交站点 is the bus company's)
      await staff.page.goto(`/datasets/${OPEN}`);
      const own = staff.page.getByTestId('versions');
      await own.locator('tbody tr.ant-table-row').first().waitFor();
      // The signed-in user loads after the first paint; the staff columns follow it.
      await own.locator('thead th', { hasText: 'SHA-256' }).waitFor();
      const staffHeaders = (await own.locator('thead th').allInnerTexts()).map((h) => h.trim());
      assert.ok(staffHeaders.includes('SHA-256') && staffHeaders.includes('上传人'), `staff headers: ${staffHeaders}`);
    } finally {
      await anon.context.close();
      await staff.context.close();
    }
  });

  test('at 390 px the home counters and the calendar title fit', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser, { viewport: PHONE });
    try {
      await page.goto('/');
      const counters = page.locator('[data-testid^="counter-"]');
      await counters.first().waitFor();
      await page.waitForFunction(() => !document.querySelector('[data-testid^="counter-"] .ant-skeleton'));
      assert.ok((await counters.count()) >= 4);
      const bad = [
        ...(await overflowing(page, '[data-testid^="counter-"]')),
        ...(await overflowing(page, '[data-testid^="counter-"] .ant-statistic-title')),
        ...(await overflowing(page, '[data-testid^="counter-"] .ant-statistic-content')),
      ];
      assert.deepEqual(bad, [], 'counters fit at 390 px');
      for (const box of await counters.all()) {
        const b = await box.boundingBox();
        assert.ok(b && b.x >= 0 && b.x + b.width <= PHONE.width + 0.5, `counter inside the screen: ${JSON.stringify(b)}`);
      }
      await snap(page, 'wording-home-390');

      await login(page, 'bureau');
      await page.goto('/console/calendar?month=2026-10');
      const title = page.getByTestId('cal-title');
      await title.waitFor();
      assert.equal((await title.innerText()).trim(), '2026 年 10 月');
      const titleBad = [
        ...(await overflowing(page, '[data-testid="cal-title"]')),
        ...(await overflowing(page, '.cal-card .ant-card-head-title')),
      ];
      assert.deepEqual(titleBad, [], 'the calendar title fits at 390 px');
      const b = await title.boundingBox();
      assert.ok(b && b.x >= 0 && b.x + b.width <= PHONE.width, `title inside the screen: ${JSON.stringify(b)}`);
      await snap(page, 'wording-calendar-390');
      assertClean(problems, [/Failed to load resource/]);
    } finally {
      await context.close();
    }
  });
});
