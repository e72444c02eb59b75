// The user centre (issue 7, item 2): a company user favourites and subscribes to a dataset,
// downloads its CSV and finds it in 下载记录; the provider publishes a new version and the user
// reads the update in 消息 (and the bell in the top bar counts it). Also at a phone width.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  assertClean,
  baseUrl,
  eventually,
  launchBrowser,
  login,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
const CODE = `E2E-UC-${suffix}`;
const NAME = `订阅测试公共自行车站点${suffix}`;

/** An API session of a user (cookie and CSRF token), outside the browser. */
async function session(username, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login ${username}: HTTP ${res.status}`);
  const body = await res.json();
  return { cookie: res.headers.get('set-cookie').split(';')[0], csrf: body.csrf_token };
}

async function call(s, method, path, body, contentType = 'application/json') {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf, 'Content-Type': contentType, Accept: 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** The provider uploads `csv` as a new version; the administrator publishes it. */
async function publishVersion(provider, admin, csv) {
  const up = await call(provider, 'POST', `/api/v1/entries/${CODE}/uploads?mode=reject&filename=bikes.csv`, csv,
    'application/octet-stream');
  assert.equal(up.status, 202, JSON.stringify(up.body));
  const job = await eventually(async () => {
    const j = await call(provider, 'GET', `/api/v1/jobs/${up.body.id}`);
    return ['succeeded', 'rejected', 'failed'].includes(j.body.state) ? j.body : null;
  }, 30_000);
  assert.equal(job?.state, 'succeeded', JSON.stringify(job));
  const pub = await call(admin, 'POST', `/api/v1/entries/${CODE}/versions/${job.version_id}/publish`, {});
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
}

describe('user centre', { skip }, () => {
  let browser;
  let provider;
  let admin;
  before(async () => {
    browser = await launchBrowser();
    provider = await session('transport', DEMO_PASSWORD);
    admin = await session('admin', ADMIN_PASSWORD);
    const created = await call(provider, 'POST', '/api/v1/entries', {
      code: CODE,
      name: NAME,
      summary: '潍坊市公共自行车站点的编号、位置和车桩数（端到端测试）。',
      domain: '交通',
      keywords: ['自行车'],
      formats: ['csv'],
      data_type: 'table',
      update_frequency: 'monthly',
      open_attribute: 'unconditional',
      share_attribute: 'unconditional',
      security_level: 'L1',
      fields: [
        { name: 'station', label: '站点编号', type: 'text', nullable: false, key: true },
        { name: 'road', label: '所在道路', type: 'text' },
        { name: 'docks', label: '车桩数', type: 'integer' },
      ],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await publishVersion(provider, admin, 'station,road,docks\nB001,东风东街,20\nB002,胜利西街,16\n');
  });
  after(async () => {
    await browser?.close();
  });

  test('favourite, subscribe, download, then read about the new version', { timeout: 180_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await login(page, 'company');

      // The dataset page: 收藏 and 订阅更新.
      await page.goto(`/datasets/${encodeURIComponent(CODE)}`);
      const fav = page.getByTestId('follow-favourite');
      const sub = page.getByTestId('follow-subscribe');
      await fav.getByText('收藏').waitFor();
      assert.equal(await fav.getAttribute('aria-pressed'), 'false');
      await fav.click();
      await fav.getByText('已收藏').waitFor();
      assert.equal(await fav.getAttribute('aria-pressed'), 'true');
      await sub.click();
      await sub.getByText('已订阅更新').waitFor();
      await snap(page, 'usercentre-dataset-follow');

      // Download the CSV.
      await page.getByRole('tab', { name: '下载' }).click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      await download.path();

      // The user centre through the user name in the top bar.
      await page.getByTestId('current-user').click();
      await page.waitForURL('**/me');
      await page.getByTestId('uc-overview').getByText('开放许可协议').first().waitFor();
      await snap(page, 'usercentre-overview');

      await page.getByTestId('uc-tab-downloads').click();
      await page.waitForURL('**/me/downloads');
      const downloads = page.getByTestId('uc-downloads');
      const row = downloads.locator('tr', { hasText: NAME });
      await row.first().waitFor();
      await row.first().getByText('CSV', { exact: true }).waitFor();
      await row.first().getByText('第 1 版').waitFor();
      await snap(page, 'usercentre-downloads');

      await page.goto('/me/favourites');
      await page.getByTestId('uc-favourites').getByRole('link', { name: NAME }).waitFor();
      await page.goto('/me/subscriptions');
      await page.getByTestId('uc-subscriptions').getByRole('link', { name: NAME }).waitFor();
      await snap(page, 'usercentre-subscriptions');

      // The provider publishes a new version; the user hears about it.
      await publishVersion(provider, admin, 'station,road,docks\nB001,东风东街,20\nB002,胜利西街,16\nB003,北海路,24\n');
      await page.goto('/me/inbox');
      const inbox = page.getByTestId('uc-inbox');
      const msg = inbox.locator('[data-testid="uc-message"][data-kind="dataset_updated"]', { hasText: NAME });
      await msg.first().waitFor();
      await msg.first().getByText('数据更新', { exact: true }).waitFor();
      await msg.first().getByText(/第 2 版，共 3 条记录/).waitFor();
      assert.equal(await msg.first().getAttribute('data-read'), '0');
      // The bell counts unread messages for a plain user and leads here.
      const bell = page.getByTestId('inbox-link');
      assert.match((await bell.getAttribute('href')) ?? '', /\/me\/inbox$/);
      await page.getByTestId('inbox-badge').locator('.ant-badge-count').waitFor();
      await snap(page, 'usercentre-inbox');
      await msg.first().getByRole('button', { name: '标为已读' }).click();
      await eventually(async () => (await msg.first().getAttribute('data-read')) === '1', 10_000);
      await msg.first().getByRole('link', { name: '查看数据集' }).click();
      await page.waitForURL(`**/datasets/${encodeURIComponent(CODE)}`);
      await page.getByTestId('follow-subscribe').getByText('已订阅更新').waitFor();

      // Unfollow from the user centre.
      await page.goto('/me/favourites');
      await page.getByRole('button', { name: `取消收藏 ${NAME}` }).click();
      await page.getByTestId('uc-favourites').getByText('还没有收藏的数据集', { exact: false }).waitFor();

      // English has every text.
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('uc-tab-favourites').getByText('Favourites').waitFor();
      await page.getByTestId('lang-switch').click();
      assertClean(problems);
    } finally {
      await context.close();
    }
  });

  test('at a phone width: tabs, history and no horizontal overflow', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser, { viewport: { width: 390, height: 844 } });
    try {
      await login(page, 'company');
      for (const tab of ['', '/account', '/downloads', '/subscriptions', '/inbox']) {
        await page.goto(`/me${tab}`);
        await page.getByRole('heading', { name: '用户中心', exact: true }).waitFor();
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `no horizontal overflow on /me${tab} (${overflow}px)`);
      }
      await page.goto('/me/downloads');
      await page.getByTestId('uc-downloads').getByText(NAME).first().waitFor();
      await snap(page, 'usercentre-downloads-390');
      await page.goto('/me/nonsense');
      await page.waitForURL(/\/me$/);
      assertClean(problems);
    } finally {
      await context.close();
    }
  });
});
