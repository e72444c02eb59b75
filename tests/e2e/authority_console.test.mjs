// The authority console in the web app (issue 7 item 4), against a real `kaifang serve` with the
// demo city (tests/e2e/run.sh starts one and sets KAIFANG_URL). The bureau opens every section,
// adds an organisation, reads the calendar and the policy profile, suspends a published demo
// entry with a reason (it leaves the anonymous search) and restores it, and sees the one data
// one source list; the administrator adds a user, changes its role, disables it and cannot
// demote themselves. Names are unique and what is suspended is restored: the database is shared.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  apiCall,
  assertClean,
  assertNoSideScroll,
  baseUrl,
  eventually,
  launchBrowser,
  login,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
const ORG_NAME = `端到端测试数据局${suffix}`;
const USERNAME = `e2e_auth_${suffix}`;
const REASON = '端到端测试：数据源核查期间暂停开放';

/** Sets a checkbox with one click, then waits (a loaded machine renders late) for it to show. */
async function setBox(box, want) {
  if ((await box.isChecked()) === want) return;
  await box.click();
  const shown = await eventually(async () => (await box.isChecked()) === want, 5_000, 100);
  assert.ok(shown, `the checkbox became ${want ? 'checked' : 'unchecked'} after one click`);
}

describe('web authority console', { skip }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('the bureau: sections, organisations, calendar, policy, suspend and restore, duplicates', {
    timeout: 240_000,
  }, async () => {
    const bureau = await newPage(browser);
    const visitor = await newPage(browser);
    const p = bureau.page;
    let suspended = null;
    try {
      await login(p, 'bureau');
      // --- The console's landing page from the top bar. ---
      await p.getByTestId('nav-authority').click();
      await p.waitForURL('**/console/admin');
      await p.getByRole('heading', { name: '主管部门控制台' }).waitFor();
      for (const card of ['catalog', 'duplicates', 'orgs', 'calendar', 'policy']) {
        await p.getByTestId(`authority-card-${card}`).waitFor();
      }
      // User administration is the administrator's: the bureau is not offered it.
      assert.equal(await p.getByTestId('authority-card-users').count(), 0);
      await snap(p, 'authority-home');

      // --- Organisations: add one and find it in the list. ---
      await p.getByTestId('authority-card-orgs').click();
      await p.waitForURL('**/console/orgs');
      await p.getByTestId('orgs-table').getByText('潍坊市大数据局').first().waitFor();
      await p.getByTestId('org-create').click();
      const dialog = p.getByRole('dialog');
      await dialog.getByLabel('组织名称').fill(ORG_NAME);
      await dialog.getByLabel('行政区划代码').fill('37070'); // too short: refused in the form
      await p.getByTestId('org-create-ok').click();
      await dialog.getByText('行政区划代码应为 6 位数字').waitFor();
      await dialog.getByLabel('行政区划代码').fill('370700');
      await p.getByTestId('org-create-ok').click();
      await p.getByText(`已创建组织：${ORG_NAME}`).waitFor();
      await p.getByLabel('按名称、区划名称或代码筛选').fill(ORG_NAME);
      const orgRow = p.getByTestId('orgs-table').locator('tr', { hasText: ORG_NAME });
      await orgRow.waitFor();
      assert.match(await orgRow.innerText(), /数据提供单位[\s\S]*市级[\s\S]*潍坊市[\s\S]*370700/);
      await snap(p, 'authority-orgs');

      // --- The working-day calendar of October 2026, and the calculator. ---
      await p.goto('/console/calendar?month=2026-10');
      await p.getByTestId('cal-title').getByText('2026 年 10 月').waitFor();
      const oct1 = p.getByTestId('day-2026-10-01');
      await oct1.waitFor();
      await p.waitForFunction(
        () => document.querySelector('[data-testid="day-2026-10-01"]')?.getAttribute('data-kind') === 'holiday',
      );
      assert.match((await oct1.getAttribute('aria-label')) ?? '', /国庆节/);
      assert.equal(await p.getByTestId('day-2026-10-10').getAttribute('data-kind'), 'workday');
      assert.match((await p.getByTestId('day-2026-10-10').getAttribute('aria-label')) ?? '', /调休上班日/);
      assert.equal(await p.getByTestId('day-2026-10-08').getAttribute('data-kind'), 'working');
      assert.equal(await p.getByTestId('day-2026-10-11').getAttribute('data-kind'), 'weekend');
      await p.getByTestId('cal-holidays').getByText('2026-10-01').waitFor();
      await p.getByTestId('cal-workdays').getByText('2026-10-10').waitFor();
      // The bureau may read the calendar, not correct it.
      assert.equal(await p.getByTestId('cal-correct').count(), 0);
      await p.getByLabel('起始日期').fill('2026-09-30');
      await p.getByLabel('工作日数').fill('1');
      await p.getByTestId('calc-run').click();
      await p.getByTestId('calc-result').getByText('2026-10-08').waitFor();
      await p.getByTestId('cal-prev').click();
      await p.waitForURL('**/console/calendar?month=2026-09');
      assert.equal(await p.getByTestId('day-2026-09-20').getAttribute('data-kind'), 'workday');
      await p.getByTestId('cal-next').click();
      await p.waitForURL('**/console/calendar?month=2026-10');
      await snap(p, 'authority-calendar');

      // --- The policy profile: labels, flags, the publication procedure's stages. ---
      await p.goto('/console/policy');
      await p.getByTestId('policy-name').waitFor();
      await p.getByTestId('policy-labels').getByText('无条件开放').waitFor();
      await p.getByTestId('policy-flags').getByText('提供数据沙箱（可用不可见）').waitFor();
      const stages = p.getByTestId('policy-stages-publication');
      await stages.waitFor();
      await stages.getByText('规范性审查').waitFor();
      assert.match(await stages.innerText(), /潍坊办法/);
      assert.match(await p.getByTestId('policy-reminder').innerText(), /\d+ 个工作日/);
      await snap(p, 'authority-policy');

      // --- All entries: suspend a published demo entry with a reason, then restore it. ---
      const entries = await apiCall(bureau.context, 'GET', '/api/v1/entries');
      assert.equal(entries.status, 200);
      const states = new Set(entries.body.items.map((e) => e.state));
      assert.ok(states.has('published'), 'the bureau sees published entries');
      const target = entries.body.items.find((e) => e.state === 'published' && e.name.length >= 4);
      assert.ok(target, 'a published demo entry');
      const findAnonymously = async () => {
        const res = await visitor.context.request.get(`/api/v1/catalog?q=${encodeURIComponent(target.name)}&size=50`);
        assert.equal(res.status(), 200);
        return (await res.json()).items.some((e) => e.code === target.code);
      };
      assert.ok(await findAnonymously(), 'visitors find the entry before');

      await p.goto('/console/catalog?state=published');
      await p.getByTestId('authority-entries').waitFor();
      await p.getByLabel('按名称或编码筛选').fill(target.code);
      await p.getByLabel('按名称或编码筛选').press('Enter');
      await p.waitForURL(/q=/);
      await p.getByTestId(`suspend-${target.code}`).click();
      const reasonDialog = p.getByRole('dialog');
      await reasonDialog.getByText(`暂停开放「${target.name}」`).waitFor();
      await p.getByTestId('reason-ok').click(); // no reason yet: refused in the dialog
      await reasonDialog.getByText('请填写原因').waitFor();
      await reasonDialog.getByLabel('原因').fill(REASON);
      await p.getByTestId('reason-ok').click();
      suspended = target.code;
      await p.getByText(`已暂停开放：${target.name}`).waitFor();
      // The list filtered to published no longer holds it; under 已暂停 it is there.
      await p.getByTestId(`suspend-${target.code}`).waitFor({ state: 'detached' });
      await p.goto(`/console/catalog?state=suspended&q=${encodeURIComponent(target.code)}`);
      await p.getByTestId(`entry-state-${target.code}`).getByText('已暂停').waitFor();
      await snap(p, 'authority-catalog-suspended');

      assert.equal(await findAnonymously(), false, 'a suspended entry leaves the anonymous search');
      await visitor.page.goto(`/catalog?q=${encodeURIComponent(target.name)}`);
      await visitor.page.getByRole('heading', { level: 1 }).first().waitFor();
      await p.goto(`/datasets/${encodeURIComponent(target.code)}`);
      await p.getByText('已暂停').first().waitFor();
      const history = await apiCall(bureau.context, 'GET', `/api/v1/entries/${encodeURIComponent(target.code)}/history`);
      assert.ok(history.body.items.some((h) => h.reason === REASON), 'the reason is in the history');
      // The bureau reads it on the entry's history page, linked from 全部目录.
      await p.goto(`/console/catalog?state=suspended&q=${encodeURIComponent(target.code)}`);
      await p.getByTestId(`history-${target.code}`).click();
      await p.waitForURL(`**/console/entries/${encodeURIComponent(target.code)}/history`);
      await p.getByText(REASON).first().waitFor();
      await p.locator('.ant-breadcrumb').getByRole('link', { name: '全部目录' }).waitFor();

      await p.goto(`/console/catalog?state=suspended&q=${encodeURIComponent(target.code)}`);
      await p.getByTestId(`restore-${target.code}`).click();
      await p.getByRole('dialog').getByLabel('原因').fill('端到端测试：核查完毕，恢复开放');
      await p.getByTestId('reason-ok').click();
      await p.getByText(`已恢复开放：${target.name}`).waitFor();
      suspended = null;
      assert.ok(await findAnonymously(), 'visitors find the entry again after the restore');

      // --- One data, one source. ---
      await p.goto('/console/duplicates');
      await p.getByTestId('duplicates-table').waitFor();
      await p.getByTestId('dup-count').getByText(/共 \d+ 处重复/).waitFor();
      const dups = await apiCall(bureau.context, 'GET', '/api/v1/catalog/duplicates');
      assert.equal(dups.status, 200);
      if (dups.body.items.length > 0) {
        const first = dups.body.items[0];
        const link = p.getByTestId('duplicates-table').locator(`a[href="/datasets/${encodeURIComponent(first.entry.code)}"]`).first();
        await link.waitFor();
      } else {
        await p.getByText('没有发现重复编目的数据').waitFor();
      }
      await snap(p, 'authority-duplicates');

      // The user administration page tells the bureau it is not theirs, without asking the server.
      await p.goto('/console/users');
      await p.getByText('403').first().waitFor();

      // --- At phone width the console still fits the screen. ---
      await p.setViewportSize({ width: 390, height: 844 });
      await p.goto('/console/calendar?month=2026-10');
      await p.getByTestId('day-2026-10-01').waitFor();
      await assertNoSideScroll(p);
      await snap(p, 'authority-calendar-phone');
      await p.goto('/console/catalog');
      await p.getByTestId('authority-entries').waitFor();
      await assertNoSideScroll(p);
      await snap(p, 'authority-catalog-phone');

      assertClean(bureau.problems);
      assertClean(visitor.problems);
    } catch (err) {
      await snap(p, 'authority-failure').catch(() => undefined);
      throw err;
    } finally {
      // Leave the shared database as it was.
      if (suspended) {
        await apiCall(bureau.context, 'POST', `/api/v1/entries/${encodeURIComponent(suspended)}/restore`, {
          reason: '端到端测试清理',
        }).catch(() => undefined);
      }
      await bureau.context.close();
      await visitor.context.close();
    }
  });

  test('the administrator: add a user, change its role, disable it; not themselves', {
    timeout: 180_000,
  }, async () => {
    const admin = await newPage(browser);
    const p = admin.page;
    try {
      await login(p, 'admin', ADMIN_PASSWORD);
      const org = await apiCall(admin.context, 'POST', '/api/v1/orgs', {
        name: `${ORG_NAME}用户`,
        kind: 'provider',
        level: 'city',
        region_code: '370700',
      });
      assert.equal(org.status, 201, JSON.stringify(org.body));

      await p.goto('/console/admin');
      await p.getByTestId('authority-card-users').click();
      await p.waitForURL('**/console/users');
      await p.getByTestId('users-table').getByText('bureau', { exact: true }).waitFor();

      // Add a provider staff member of the new organisation.
      await p.getByTestId('user-create').click();
      const dialog = p.getByRole('dialog');
      await dialog.getByLabel('用户名').fill(USERNAME);
      await dialog.getByLabel('初始密码').fill('Weak');
      await p.getByTestId('user-create-ok').click();
      await dialog.getByText('密码至少 8 位').waitFor();
      await dialog.getByLabel('初始密码').fill('E2e-Staff-2026!');
      await dialog.getByTestId('user-orgs').click();
      await p.keyboard.type(`${ORG_NAME}用户`);
      await p.keyboard.press('Enter');
      await p.keyboard.press('Escape');
      await dialog.getByText('数据专员').click();
      await p.getByTestId('user-create-ok').click();
      await p.getByText(`已创建用户：${USERNAME}`).waitFor();
      await p.getByLabel('按用户名或单位筛选').fill(USERNAME);
      const row = p.getByTestId('users-table').locator('tr', { hasText: USERNAME });
      await row.waitFor();
      assert.match(await row.innerText(), /数据提供方[\s\S]*数据专员[\s\S]*正常/);

      // Change its role to the authority's.
      await row.getByRole('button', { name: `修改用户 ${USERNAME}` }).click();
      const edit = p.getByRole('dialog', { name: `修改用户 ${USERNAME}` });
      await setBox(edit.getByRole('checkbox', { name: '数据提供方' }), false);
      await setBox(edit.getByRole('checkbox', { name: '主管部门' }), true);
      await p.getByTestId('user-save').click();
      await p.getByText(`已保存用户 ${USERNAME}`).waitFor();
      await row.getByText('主管部门').waitFor();
      assert.doesNotMatch(await row.innerText(), /数据提供方/);
      const staff = await browser.newContext({ baseURL: baseUrl });
      const okLogin = await staff.request.post('/api/v1/auth/login', {
        data: { username: USERNAME, password: 'E2e-Staff-2026!' },
      });
      assert.equal(okLogin.status(), 200);
      assert.deepEqual((await okLogin.json()).user.roles, ['authority']);
      await snap(p, 'authority-users');

      // Disable it: it can no longer log in, and its session ends.
      await row.getByRole('button', { name: `修改用户 ${USERNAME}` }).click();
      await edit.getByText('停用后不能登录').waitFor();
      await edit.getByRole('switch').click();
      await p.waitForFunction(() => document.querySelector('[data-testid="edit-disabled"]')?.getAttribute('aria-checked') === 'true');
      await p.getByTestId('user-save').click();
      await row.getByText('已停用').waitFor();
      assert.equal((await staff.request.get('/api/v1/me')).status(), 401);
      const refused = await staff.request.post('/api/v1/auth/login', {
        data: { username: USERNAME, password: 'E2e-Staff-2026!' },
      });
      assert.equal(refused.status(), 403);
      assert.equal((await refused.json()).error.code, 'account_disabled');
      await staff.close();

      // The administrator cannot remove their own admin role.
      await p.getByLabel('按用户名或单位筛选').fill('admin');
      const self = p.getByTestId('users-table').locator('tr', { hasText: /^\s*admin\b/ }).first();
      await self.getByRole('button', { name: '修改用户 admin' }).click();
      const selfEdit = p.getByRole('dialog', { name: '修改用户 admin' });
      await selfEdit.getByText('这是您自己的账号').waitFor();
      await setBox(selfEdit.getByRole('checkbox', { name: '平台管理员' }), false);
      await p.getByTestId('user-save').click();
      await selfEdit.getByText('不能移除自己的管理员角色').waitFor();
      await snap(p, 'authority-users-self');
      await selfEdit.getByRole('button', { name: '取消' }).click();
      const me = await apiCall(admin.context, 'GET', '/api/v1/me');
      assert.ok(me.body.roles.includes('admin'));

      // The calendar offers the administrator the correction of a year.
      await p.goto('/console/calendar?month=2026-10');
      await p.getByTestId('cal-correct').click();
      await p.getByRole('dialog').getByLabel('日历文件').waitFor();
      await p.waitForFunction(() =>
        (document.querySelector('#cal-toml')?.value ?? '').includes('2026-10-10'),
      );
      await p.getByRole('dialog').getByRole('button', { name: '取消' }).click();

      assertClean(admin.problems);
    } catch (err) {
      await snap(p, 'authority-admin-failure').catch(() => undefined);
      throw err;
    } finally {
      await admin.context.close();
    }
  });
});
