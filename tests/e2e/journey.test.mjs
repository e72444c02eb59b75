// The citizen's journey through the web app against a real `kaifang serve`
// (tests/e2e/run.sh starts one and sets KAIFANG_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  HAN,
  PASSWORD,
  baseUrl,
  launchBrowser,
  newPage,
  skipWithoutServer as skip,
  snap,
  uniqueUsername,
} from './browser.mjs';

describe('web journey', { skip }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('register, log in, verify real name, create an API key, switch to English', {
    timeout: 180_000,
  }, async () => {
    const { context, page, problems } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const username = uniqueUsername();
    try {
      // Home page, Chinese by default.
      await page.goto('/');
      await page.getByTestId('brand').getByText('潍坊市公共数据开放平台').waitFor(); // the demo city's brand
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');

      // Register.
      await page.getByRole('banner').getByRole('link', { name: '注册' }).click();
      await page.waitForURL(/\/register(\?|$)/);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await page.getByLabel('确认密码').fill(PASSWORD);
      await page.getByLabel('电子邮箱（选填）').fill(`${username}@example.org`);
      await page.getByRole('button', { name: '注册' }).click();

      // Log in: the form keeps the new username.
      await page.waitForURL(/\/login(\?|$)/);
      await page.getByText('注册成功，请登录。').waitFor();
      assert.equal(await page.getByLabel('用户名').inputValue(), username);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      // Back on the home page, where the user set out to register (?next=/).
      await page.waitForURL((u) => u.pathname === '/');
      await page.getByTestId('current-user').getByText(username).waitFor();
      // One user centre: the user name leads there; the account is its 账号与密钥 tab.
      await page.getByTestId('current-user').click();
      await page.waitForURL('**/me');
      await page.getByTestId('uc-tab-account').click();
      await page.waitForURL('**/me/account');
      await page.getByTestId('real-name-status').getByText('未认证').waitFor();

      // Real-name verification: a wrong check digit first.
      await page.getByRole('button', { name: '去认证' }).click();
      await page.waitForURL('**/verify');
      await page.getByLabel('真实姓名').fill('张三');
      await page.getByLabel('居民身份证号码').fill('110105194912310021');
      await page.getByRole('button', { name: '提交认证' }).click();
      const alert = page.getByTestId('api-error');
      await alert.waitFor();
      const alertText = await alert.innerText();
      assert.match(alertText, /实名认证未通过/);
      const serverWords = alertText.replace('实名认证未通过', '').trim();
      assert.match(serverWords, HAN, `the server's reason in Chinese words: ${alertText}`);
      // The same reason is attached to the ID number field (the error names the field).
      await page.locator('.ant-form-item-explain-error', { hasText: serverWords }).waitFor();
      assert.ok(page.url().endsWith('/verify'), 'stays on the verification page');

      // Then a valid one.
      await page.getByLabel('居民身份证号码').fill('11010519491231002X');
      await page.getByRole('button', { name: '提交认证' }).click();
      await page.waitForURL('**/me/account');
      const status = page.getByTestId('real-name-status');
      await status.getByText('已认证').waitFor();
      assert.match(await status.innerText(), /张/);

      // Create an API key; it is shown once.
      await page.getByRole('button', { name: '创建密钥' }).click();
      const createDialog = page.getByRole('dialog', { name: '创建接口密钥' });
      await createDialog.getByLabel('密钥名称').fill('测试密钥');
      await createDialog.getByRole('button', { name: '创建密钥' }).click();
      const shown = page.getByRole('dialog', { name: '请保存您的接口密钥' });
      const key = (await shown.getByTestId('new-api-key').innerText()).trim();
      assert.ok(key.length >= 16, `a real key is shown: ${key}`);
      await shown.getByRole('button', { name: '复制' }).click();
      await page.getByText(/已复制到剪贴板|复制失败/).first().waitFor();
      await shown.getByRole('button', { name: '我已保存' }).click();
      await shown.waitFor({ state: 'hidden' });

      // The key is in the list, by name and prefix, and its full text is gone.
      const row = page.getByTestId('api-key-table').getByRole('row', { name: /测试密钥/ });
      await row.waitFor();
      assert.match(await row.innerText(), /有效/);
      const prefix = (await row.locator('code').first().innerText()).replace('…', '');
      assert.ok(prefix && key.includes(prefix), `key ${key} carries its prefix ${prefix}`);
      assert.ok(!(await page.content()).includes(key), 'the full key is not shown again');

      // English once: labels change, and the choice and the session survive a reload.
      await page.getByTestId('lang-switch').click();
      await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Create key' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await page.reload();
      await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
      await page.getByTestId('real-name-status').getByText('Verified').waitFor();
      await page.getByTestId('api-key-table').getByRole('row', { name: /测试密钥/ }).waitFor();
      await snap(page, 'journey-profile-en');

      // Back to Chinese for the screenshot of record.
      await page.getByTestId('lang-switch').click();
      await page.getByRole('heading', { name: '用户中心', level: 1 }).waitFor();
      await snap(page, 'journey');
      const crashes = problems.filter((p) => p.startsWith('pageerror'));
      assert.deepEqual(crashes, [], 'no uncaught errors in the page');
    } catch (err) {
      await snap(page, 'journey-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  test('a wrong password shows the server message in words', { timeout: 60_000 }, async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('not-the-password-1A!');
      await page.getByRole('button', { name: '登录' }).click();
      const alert = page.getByTestId('api-error');
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /登录失败/);
      assert.match(text.replace('登录失败', ''), HAN, `a Chinese message from the server: ${text}`);
      assert.ok(page.url().endsWith('/login'));
    } finally {
      await context.close();
    }
  });

  test('pages that need a login send a visitor to the login page', { timeout: 60_000 }, async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/me/favourites');
      await page.waitForURL(/\/login\?next=%2Fme%2Ffavourites$/);
      await page.getByRole('heading', { name: '登录' }).waitFor();
      // Unknown paths fall back to the app, which says so.
      await page.goto('/no/such/page');
      await page.getByText('页面不存在').waitFor();
      // The organisation list is public and shows a table (or an empty state).
      await page.goto('/orgs');
      await page.getByRole('heading', { name: '组织机构' }).waitFor();
      await page.getByRole('columnheader', { name: '机构名称' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
