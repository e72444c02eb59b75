// The review workflow in the web app (issue 6), against a real `kaifang serve` with the demo
// city (tests/e2e/run.sh starts one and sets KAIFANG_URL): a provider submits a new entry
// for publication review, the authority returns it with a reason, the provider resubmits,
// the authority approves, and a visitor finds the entry in the catalog.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEMO_PASSWORD,
  apiCall,
  assertClean,
  eventually,
  launchBrowser,
  login,
  newPage,
  skipWithoutServer as skip,
  snap,
} from './browser.mjs';

const PROVIDER = 'transport'; // staff of 潍坊市交通运输局
const AUTHORITY = 'bureau'; // 潍坊市大数据局

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
const CODE = `E2E-RV-${suffix}`;
const NAME = `审核流程测试公交站亭${suffix}`;
const REASON = '字段说明不完整，请补充站亭编号的编码规则';

describe('web review workflow', { skip }, () => {
  let browser;
  let caseId;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('submit, return with a reason, resubmit, approve, then find it in the catalog', {
    timeout: 240_000,
  }, async () => {
    const provider = await newPage(browser);
    const authority = await newPage(browser);
    const visitor = await newPage(browser);
    let current = provider.page;
    try {
      // --- The provider: a new entry with a small dictionary, and its data (API). ---
      const p = provider.page;
      await login(p, PROVIDER);
      const created = await apiCall(provider.context, 'POST', '/api/v1/entries', {
        code: CODE,
        name: NAME,
        summary: '潍坊市区公交候车亭的编号、位置和建成年份（端到端测试）。',
        domain: '交通',
        keywords: ['公交', '候车亭'],
        formats: ['csv'],
        data_type: 'table',
        update_frequency: 'yearly',
        open_attribute: 'unconditional',
        share_attribute: 'unconditional',
        security_level: 'L1',
        fields: [
          { name: 'shelter_id', label: '站亭编号', type: 'text', nullable: false, key: true },
          { name: 'road', label: '所在道路', type: 'text' },
          { name: 'built_year', label: '建成年份', type: 'integer' },
        ],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const csv = 'shelter_id,road,built_year\nTS001,东风东街,2015\nTS002,胜利西街,2018\nTS003,北海路,2021\n';
      const upload = await apiCall(
        provider.context,
        'POST',
        `/api/v1/entries/${CODE}/uploads?mode=reject&filename=shelters.csv`,
        undefined,
        { raw: Buffer.from(csv, 'utf8'), headers: { 'Content-Type': 'application/octet-stream' } },
      );
      assert.equal(upload.status, 202, JSON.stringify(upload.body));
      const job = await eventually(async () => {
        const j = await apiCall(provider.context, 'GET', `/api/v1/jobs/${upload.body.id}`);
        return ['succeeded', 'rejected', 'failed'].includes(j.body.state) ? j.body : null;
      }, 30_000);
      assert.equal(job?.state, 'succeeded', JSON.stringify(job));

      // --- In the UI: submit for publication review from the console list. ---
      await p.goto('/console/entries');
      await p.getByRole('button', { name: `提交发布审核 ${NAME}` }).click();
      const dialog = p.getByRole('dialog', { name: `提交发布审核：${NAME}` });
      await dialog.waitFor();
      await dialog.getByTestId('completeness').getByText('完整性检查通过').waitFor();
      await dialog.getByTestId('submit-version').getByText(/v1 · 3 行/).waitFor();
      await dialog.getByLabel('提交说明（选填）').fill('新增公交候车亭数据，请审核');
      await snap(p, 'review-submit');
      await dialog.getByTestId('submit-review-ok').click();
      await p.waitForURL(/\/console\/cases\/\d+$/);
      caseId = Number(new URL(p.url()).pathname.split('/').pop());
      await p.getByTestId('case-state').getByText('办理中').waitFor();
      await p.getByTestId('case-history').getByText('新增公交候车亭数据，请审核').waitFor();
      // The provider does not act in the authority's stage.
      assert.equal(await p.getByTestId('case-actions').count(), 0);
      // The entry's edit page links to its open case.
      await p.goto(`/console/entries/${CODE}/edit`);
      await p.getByTestId('open-case').getByRole('link', { name: `发布审核：${NAME}` }).first().waitFor();

      // --- The authority: the task in 待办事项, with its due date and countdown. ---
      const a = authority.page;
      current = a;
      await login(a, AUTHORITY);
      const badge = a.getByTestId('tasks-link');
      await badge.waitFor();
      await eventually(async () => /未读/.test((await badge.getAttribute('aria-label')) ?? ''));
      assert.match((await badge.getAttribute('aria-label')) ?? '', /待办（\d+ 条未读消息）/);
      await badge.click();
      await a.waitForURL('**/console/tasks');
      await a.getByRole('heading', { level: 1, name: '审核待办' }).waitFor();
      await a.getByRole('tab', { name: /待办事项/ }).waitFor();
      const row = a.getByTestId('assigned-cases').locator(`[data-case="${caseId}"]`);
      await row.waitFor();
      const rowText = await row.innerText();
      assert.match(rowText, new RegExp(NAME));
      assert.match(rowText, /发布审核/);
      assert.match(rowText, /规范性审查/);
      assert.match(rowText, /办理期限 \d{4}-\d{2}-\d{2}/);
      assert.match(rowText, /剩余 \d+ 个工作日|今天到期/);
      await snap(a, 'review-tasks-authority');

      // The case: progress, the consistency report, then return it with a reason.
      await row.getByRole('link', { name: `发布审核：${NAME}` }).click();
      await a.waitForURL(`**/console/cases/${caseId}`);
      await a.getByRole('heading', { level: 1, name: `发布审核：${NAME}` }).waitFor();
      assert.match(await a.getByTestId('case-due').innerText(), /剩余 \d+ 个工作日|今天到期/);
      const report = a.getByTestId('consistency');
      await report.getByTestId('consistency-summary').getByText('数据与目录一致').waitFor();
      assert.match(await report.getByTestId('consistency-rows').innerText(), /v1：3 行，拒收 0 行/);
      for (const h of ['字段', '字典类型', '数据类型', '是否存在', '类型一致', '安全级别', '脱敏规则', '已脱敏']) {
        await report.getByRole('columnheader', { name: h, exact: true }).waitFor();
      }
      const yearRow = report.getByRole('row', { name: /建成年份/ });
      assert.match(await yearRow.innerText(), /整数[\s\S]*整数[\s\S]*✓[\s\S]*✓/);
      await snap(a, 'review-case-authority');

      await a.getByTestId('action-return').click();
      const returnDialog = a.getByRole('dialog', { name: /^退回：/ });
      await returnDialog.getByTestId('action-ok').click();
      await returnDialog.getByText('请填写原因').waitFor(); // the reason is required
      await returnDialog.getByLabel('退回原因').fill(REASON);
      await returnDialog.getByTestId('action-ok').click();
      await returnDialog.waitFor({ state: 'hidden' });
      await a.getByTestId('case-state').getByText('已退回').waitFor();
      await a.getByTestId('case-history').getByText(REASON).waitFor();
      assert.equal(await a.getByTestId('case-actions').count(), 0, 'the authority waits now');

      // --- The provider: the return in 我的消息 and on the case page; resubmit. ---
      current = p;
      await p.goto('/console/tasks');
      await p.getByRole('tab', { name: /我的消息/ }).click();
      const message = p.getByTestId('inbox-row').filter({ hasText: `已退回：发布审核：${NAME}` });
      await message.waitFor();
      assert.equal(await message.getAttribute('data-read'), '0');
      assert.match(await message.innerText(), new RegExp(REASON));
      await snap(p, 'review-inbox-provider');
      await message.getByRole('link').click();
      await p.waitForURL(`**/console/cases/${caseId}`);
      const reason = p.getByTestId('return-reason');
      await reason.getByText(`退回原因：${REASON}`).waitFor();
      await p.getByTestId('case-state').getByText('已退回').waitFor();
      // Marked read on the server.
      const inbox = await apiCall(provider.context, 'GET', '/api/v1/me/inbox');
      const returned = inbox.body.items.find((m) => m.case_id === caseId && m.kind === 'returned');
      assert.equal(returned?.read, true, JSON.stringify(returned));
      // The returned case is in the provider's 待办事项 too.
      await snap(p, 'review-case-returned');
      await p.getByTestId('action-resubmit').click();
      const resubmit = p.getByRole('dialog', { name: /^重新提交：/ });
      await resubmit.getByLabel('意见（选填）').fill('已补充编码规则说明');
      await resubmit.getByTestId('action-ok').click();
      await resubmit.waitFor({ state: 'hidden' });
      await p.getByTestId('case-state').getByText('办理中').waitFor();
      assert.equal(await p.getByTestId('return-reason').count(), 0);

      // --- The authority approves. ---
      current = a;
      await a.goto(`/console/cases/${caseId}`);
      await a.getByTestId('action-approve').click();
      const approve = a.getByRole('dialog', { name: /^通过：/ });
      await approve.getByTestId('action-ok').click();
      await approve.waitFor({ state: 'hidden' });
      await a.getByTestId('case-state').getByText('已通过').waitFor();
      await a.getByTestId('case-history').getByText('通过', { exact: true }).waitFor();
      await snap(a, 'review-case-approved');
      const entry = await apiCall(authority.context, 'GET', `/api/v1/entries/${CODE}`);
      assert.equal(entry.body.state, 'published');

      // --- A visitor finds it in the catalog. ---
      const v = visitor.page;
      current = v;
      await v.goto('/');
      await v.getByLabel('搜索数据集').fill(NAME);
      await v.getByLabel('搜索数据集').press('Enter');
      await v.waitForURL(/\/catalog\?q=/);
      await v.getByTestId('catalog-item').filter({ hasText: NAME }).first().waitFor();
      await snap(v, 'review-catalog');

      assertClean(provider.problems);
      assertClean(authority.problems);
      assertClean(visitor.problems);
    } catch (err) {
      await snap(current, 'review-failure').catch(() => {});
      throw err;
    } finally {
      await provider.context.close();
      await authority.context.close();
      await visitor.context.close();
    }
  });

  test('editing the published entry sends a change request', { timeout: 120_000 }, async (t) => {
    if (!caseId) {
      t.skip('needs the entry published by the first test');
      return;
    }
    const { context, page, problems } = await newPage(browser);
    try {
      await login(page, PROVIDER);
      await page.goto(`/console/entries/${CODE}/edit`);
      await page.getByTestId('change-request-notice').getByText('已发布目录的修改需经主管部门审核').waitFor();
      const summary = '潍坊市区公交候车亭的编号、位置、建成年份和维护单位。';
      await page.getByLabel('摘要').fill(summary);
      await page.getByLabel('变更原因').fill('补充维护单位说明');
      await page.getByRole('button', { name: '提交变更申请' }).click();
      await page.waitForURL(/\/console\/cases\/\d+$/);
      await page.getByRole('heading', { level: 1, name: `目录变更：${NAME}` }).waitFor();
      const change = page.getByTestId('change-request');
      await change.getByText('补充维护单位说明').waitFor();
      await change.getByRole('row', { name: /摘要/ }).getByText(summary).waitFor();
      // Not changed yet: the authority decides.
      const entry = await apiCall(context, 'GET', `/api/v1/entries/${CODE}`);
      assert.notEqual(entry.body.summary, summary);
      await snap(page, 'review-change-request');
      assertClean(problems);
    } catch (err) {
      await snap(page, 'review-change-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  test('the inbox on a phone and the case page in English', { timeout: 120_000 }, async (t) => {
    if (!caseId) {
      t.skip('needs the case of the first test');
      return;
    }
    const { context, page, problems } = await newPage(browser, {
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      await login(page, PROVIDER);
      await page.goto('/console/tasks?tab=inbox');
      await page.getByTestId('inbox-row').first().waitFor();
      const overflow = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      assert.ok(overflow.scroll <= overflow.client, `no horizontal overflow: ${JSON.stringify(overflow)}`);
      await page.getByRole('tab', { name: /本单位事项/ }).click();
      await page.getByTestId('org-cases').waitFor();
      const again = await page.evaluate(
        () => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      );
      assert.ok(again, 'no horizontal overflow on the organisation tab');
      await snap(page, 'review-inbox-phone');

      // The case page, in English.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`/console/cases/${caseId}`);
      await page.getByTestId('case-state').getByText('已通过').waitFor();
      await page.getByTestId('lang-switch').click();
      await page.getByTestId('case-state').getByText('Approved').waitFor();
      await page.getByRole('heading', { name: 'Consistency of data and catalog' }).waitFor();
      await page.getByRole('heading', { name: 'History' }).waitFor();
      await page.getByText('Data and catalog are consistent').waitFor();
      await page.getByRole('columnheader', { name: 'Dictionary type' }).waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await snap(page, 'review-case-en');
      assertClean(problems);
    } catch (err) {
      await snap(page, 'review-phone-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
