// The four acceptance journeys of the web portal (issue 7), end to end in Chromium against a
// freshly started `kaifang serve` with the demo city (tests/e2e/run.sh):
//   anonymous  search 交通 → facet by provider → open a dataset → filter the preview → chart →
//              copy the API sample (desktop, and again at a phone's size);
//   user       register → verify the real name → accept the licence → create an API key →
//              download a CSV and an XLSX, both files checked (in English);
//   provider   create an entry with a dictionary → upload a GBK CSV → fix a validation error →
//              masking rules and their preview → submit for review;
//   authority  the submission with its deadline → send it back with a reason → the provider
//              resubmits → approve → a visitor finds the dataset by search.
// Every step works through the pages, as a person would; the API is only read to check.
// Screenshots go to tests/e2e/results/acceptance-*.png. No console errors are allowed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEMO_PASSWORD,
  PASSWORD,
  assertNoSideScroll,
  baseUrl,
  launchBrowser,
  login,
  newPage,
  skipWithoutServer as skip,
  snap,
  uniqueUsername,
} from './browser.mjs';
import { readZipEntry } from './zip.mjs';

const PROVIDER = 'transport'; // staff of 潍坊市交通运输局
const AUTHORITY = 'bureau'; // 潍坊市大数据局
const TRANSPORT = '潍坊市交通运输局';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
const CODE = `ACC-${suffix}`;
const NAME = `出租汽车服务站点${suffix}`;
const REASON = '日客流量的统计口径未说明，请在字段说明中补充';

/** Every problem the page reported: uncaught errors and console errors of any kind. */
function assertNoConsoleErrors({ problems, failedRequests }, where) {
  assert.deepEqual(problems, [], `no console errors during the ${where} journey (failed requests: ${failedRequests.join('; ')})`);
}

async function getJson(context, url) {
  const res = await context.request.get(url, { headers: { Accept: 'application/json' } });
  assert.equal(res.status(), 200, `GET ${url}: HTTP ${res.status()}`);
  return res.json();
}

/** Picks an option of an antd Select (or AutoComplete) by its label text, with the keyboard. */
async function choose(page, control, text) {
  await control.click();
  await page.keyboard.type(text);
  // antd renders the dropdown in a portal at the end of the page.
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

describe('acceptance journeys', { skip }, () => {
  let browser;
  let caseId;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  for (const device of ['desktop', 'phone']) {
    test(`anonymous (${device}): search 交通, facet by provider, dataset, filter, chart, API sample`, {
      timeout: 180_000,
    }, async () => {
      const opened = await newPage(browser, device === 'phone' ? PHONE : {});
      const { context, page } = opened;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
      const shot = (name) => snap(page, `acceptance-anonymous-${device}-${name}`);
      try {
        await page.goto('/');
        await page.getByLabel('搜索数据集').fill('交通');
        await page.getByLabel('搜索数据集').press('Enter');
        await page.waitForURL(/\/catalog\?q=/);
        await page.getByTestId('catalog-total').getByText(/“交通”共找到/).waitFor();
        await page.getByTestId('catalog-item').first().waitFor();
        await shot('1-search');

        // Facet: the transport bureau (behind a 筛选 button on a phone).
        if (device === 'phone') await page.getByRole('button', { name: /显示筛选条件/ }).click();
        const facet = page.getByTestId('facet-provider').getByRole('button').filter({ hasText: TRANSPORT });
        const count = Number((await facet.locator('.facet-count').innerText()).replace(/\D/g, ''));
        assert.ok(count > 0, `${TRANSPORT} has transport datasets`);
        await facet.click();
        await page.waitForURL(/[?&]provider=/);
        await page.getByTestId('active-filters').getByText(TRANSPORT).waitFor();
        const providers = await page.getByTestId('result-provider').allInnerTexts();
        assert.ok(providers.length > 0 && providers.every((p) => p.trim() === TRANSPORT), providers.join());
        if (device === 'phone') await assertNoSideScroll(page, 'catalog');
        await shot('2-facet');

        // Open a dataset with published data.
        const card = page.getByTestId('catalog-item').filter({ hasText: '数据量（行）' }).first();
        const link = card.getByRole('heading').getByRole('link');
        const name = (await link.innerText()).trim();
        await link.click();
        await page.waitForURL(/\/datasets\//);
        await page.getByRole('heading', { name, level: 1 }).waitFor();
        const code = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
        const preview = page.getByTestId('preview');
        await preview.locator('tbody tr.ant-table-row').first().waitFor();
        if (device === 'phone') await assertNoSideScroll(page, 'dataset page');
        await shot('3-dataset');

        // Filter the preview by the value of a text column in its first row.
        const first = await getJson(context, `/api/v1/datasets/${encodeURIComponent(code)}/rows?$limit=1`);
        const column = first.columns.find((c) => c.type === 'text' && first.rows[0][c.name]);
        assert.ok(column, `${code} has a text column to filter by`);
        const value = String(first.rows[0][column.name]);
        const expected = await getJson(
          context,
          `/api/v1/datasets/${encodeURIComponent(code)}/rows?${new URLSearchParams({ [column.name]: value, $limit: '0' })}`,
        );
        await page.getByTestId('data-filter-column').click();
        await page.keyboard.type(column.name);
        await page.keyboard.press('Enter');
        await page.getByTestId('data-filter-eq').fill(value);
        await page.getByTestId('data-filter-add').click();
        await page.waitForURL((u) => u.searchParams.get(`eq.${column.name}`) === value);
        await page
          .getByTestId('data-total')
          .getByText(`符合条件 ${expected.total.toLocaleString('en-US')} 行`)
          .waitFor();
        const cells = await preview.locator('tbody tr.ant-table-row').first().locator('td').allInnerTexts();
        assert.ok(cells.some((c) => c.trim() === value), `the filtered rows show ${value}`);
        await shot('4-filter');

        // A chart of the data.
        await page.getByRole('tab', { name: '图表' }).click();
        await page.waitForURL((u) => u.searchParams.get('tab') === 'chart');
        await page.getByTestId('chart-bar').locator('svg path').first().waitFor({ state: 'attached' });
        await shot('5-chart');

        // The API sample, copied to the clipboard, answers with the same rows.
        await page.getByRole('tab', { name: 'API' }).click();
        const sample = page.getByTestId('api-sample-native');
        await sample.waitFor();
        await page.getByTestId('api-copy-native').click();
        await page.getByText('已复制到剪贴板').first().waitFor();
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        assert.equal(copied.trim(), (await sample.innerText()).trim(), 'the clipboard holds the sample');
        const url = copied.match(/https?:\/\/\S+?(?=['"\s]|$)/)?.[0];
        assert.ok(url && url.includes(`/api/v1/datasets/${encodeURIComponent(code)}/rows`), copied);
        const answer = await getJson(context, url.replace(/^https?:\/\/[^/]+/, ''));
        assert.ok(Array.isArray(answer.rows) && answer.rows.length > 0, 'the copied call answers with rows');
        await shot('6-api');
        assertNoConsoleErrors(opened, `anonymous (${device})`);
      } catch (err) {
        await shot('failure').catch(() => {});
        throw err;
      } finally {
        await context.close();
      }
    });
  }

  test('user (in English): register, verify, accept the licence, API key, CSV and XLSX downloads', {
    timeout: 240_000,
  }, async () => {
    const opened = await newPage(browser, { acceptDownloads: true });
    const { context, page } = opened;
    const shot = (name) => snap(page, `acceptance-user-${name}`);
    const username = uniqueUsername('acc');
    try {
      await page.goto('/');
      await page.getByTestId('lang-switch').click();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');

      // Register, then log in.
      await page.getByRole('banner').getByRole('link', { name: 'Register' }).click();
      await page.waitForURL(/\/register(\?|$)/);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      await page.getByLabel('Email (optional)').fill(`${username}@example.org`);
      await shot('1-register');
      await page.getByRole('button', { name: 'Register' }).click();
      await page.waitForURL(/\/login(\?|$)/);
      await page.getByText('Registration complete. Please log in.').waitFor();
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      // Back where registration started (the home page), then the account in the user centre.
      await page.waitForURL((u) => u.pathname === '/');
      await page.goto('/me/account');
      await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();

      // Real-name verification.
      await page.getByRole('button', { name: 'Verify now' }).click();
      await page.waitForURL('**/verify');
      await page.getByLabel('Legal name').fill('李四');
      await page.getByLabel('Resident ID card number').fill('11010519491231002X');
      await shot('2-verify');
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL('**/me/account');
      await page.getByTestId('real-name-status').getByText('Verified').waitFor();

      // The licence.
      await page.goto('/licence');
      await page.getByTestId('licence-accept-button').click();
      await page.getByText('You have accepted the open data licence').waitFor();
      await page.getByTestId('licence-accepted').waitFor();
      const me = await getJson(context, '/api/v1/me');
      assert.ok(me.licence_version, 'the acceptance is recorded');
      assert.equal(me.real_name_verified, true);
      await shot('3-licence');

      // An API key, shown once.
      await page.goto('/me/account');
      await page.getByRole('button', { name: 'Create key' }).click();
      const create = page.getByRole('dialog', { name: 'Create an API key' });
      await create.getByLabel('Key name').fill('acceptance');
      await create.getByRole('button', { name: 'Create key' }).click();
      const shown = page.getByRole('dialog', { name: 'Save your API key' });
      const key = (await shown.getByTestId('new-api-key').innerText()).trim();
      assert.ok(key.length >= 16, 'a real key');
      await shot('4-api-key');
      await shown.getByRole('button', { name: 'I have saved it' }).click();
      await shown.waitFor({ state: 'hidden' });
      // The key works.
      const keyed = await context.request.get('/api/v1/catalog?size=1', { headers: { 'X-API-Key': key } });
      assert.equal(keyed.status(), 200);

      // Downloads of an open transport dataset: CSV and XLSX, both read back.
      const code = '370700-JT-0001';
      const rows = await getJson(context, `/api/v1/datasets/${code}/rows?$limit=1`);
      const names = rows.columns.map((c) => c.name);
      await page.goto(`/datasets/${code}?tab=download`);
      await page.getByRole('tab', { name: 'Download' }).click();
      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      assert.match(csvDownload.suggestedFilename(), /\.csv$/);
      const csv = (await readFile(await csvDownload.path(), 'utf8')).replace(/^\uFEFF/, '');
      const lines = csv.split(/\r?\n/).filter(Boolean);
      assert.equal(lines[0], names.join(','), 'the CSV header is the dictionary');
      assert.equal(lines.length - 1, rows.total, 'every published row is in the CSV');

      const [xlsxDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-xlsx').click(),
      ]);
      assert.match(xlsxDownload.suggestedFilename(), /\.xlsx$/);
      const xlsx = await readFile(await xlsxDownload.path());
      assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip file');
      const sheet = readZipEntry(xlsx, 'xl/worksheets/sheet1.xml').toString('utf8');
      const sheetRows = sheet.match(/<row /g)?.length ?? 0;
      assert.equal(sheetRows, rows.total + 1, 'a header row and every data row');
      let strings = sheet;
      try {
        strings += readZipEntry(xlsx, 'xl/sharedStrings.xml').toString('utf8');
      } catch {
        // inline strings only
      }
      for (const n of names) assert.ok(strings.includes(`>${n}<`), `the header cell ${n}`);
      await shot('5-downloads');
      assertNoConsoleErrors(opened, 'user');
    } catch (err) {
      await shot('failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  test('provider: entry with a dictionary, GBK CSV, a validation error fixed, masking preview, submit', {
    timeout: 300_000,
  }, async () => {
    const opened = await newPage(browser);
    const { context, page } = opened;
    const shot = (name) => snap(page, `acceptance-provider-${name}`);
    const dir = await mkdtemp(path.join(tmpdir(), 'kaifang-acc-'));
    try {
      await login(page, PROVIDER);

      // The console lists the bureau's open entries due for update, as the API does.
      await page.goto('/console/entries');
      const due = (await getJson(context, '/api/v1/catalog/due?within_days=30')).items;
      if (due.length > 0) {
        const list = page.getByTestId('due-entries');
        await list.waitFor();
        assert.equal(await list.locator('li').count(), due.length);
        for (const e of due) await list.locator(`li[data-code="${e.code}"]`).getByText(e.name).waitFor();
      } else {
        await page.getByTestId('due-entries-none').waitFor();
      }

      // A new entry, with its dictionary, through the form.
      await page.getByRole('link', { name: '新建目录' }).click();
      await page.waitForURL('**/console/entries/new');
      await page.getByLabel('目录编码').fill(CODE);
      await page.getByLabel('数据集名称').fill(NAME);
      await page.getByLabel('摘要').fill('潍坊市区出租汽车服务站点的位置、日客流量和联系电话。');
      await page.getByLabel('领域').fill('交通');
      await choose(page, page.getByLabel('数据格式').first(), 'XLSX'); // CSV is there already
      await page.keyboard.press('Escape');
      await page.getByLabel('含个人信息').click();
      // An entry with personal data is not graded L1 while opened unconditionally (CLS-4 / CLS-6).
      await choose(page, page.locator('.ant-select', { has: page.locator('#entry_security_level') }), 'L3');

      const fields = [
        { name: 'station_id', label: '站点编号', type: '文本', key: true },
        { name: 'station_name', label: '站点名称', type: '文本' },
        { name: 'daily_riders', label: '日客流量', type: '整数' },
        { name: 'phone', label: '联系电话', type: '文本', grade: 'L3' },
      ];
      for (const [i, f] of fields.entries()) {
        await page.getByRole('button', { name: '添加字段' }).click();
        const n = i + 1;
        await page.getByLabel(`第 ${n} 行 字段名`).fill(f.name);
        await page.getByLabel(`第 ${n} 行 中文名称`).fill(f.label);
        await choose(page, page.getByLabel(`第 ${n} 行 类型`).first(), f.type);
        if (f.key) await page.getByLabel(`第 ${n} 行 主键`).click();
        if (f.grade) await choose(page, page.getByLabel(`第 ${n} 行 安全级别`).first(), f.grade);
      }
      await shot('1-new-entry');
      await page.getByRole('button', { name: '创建目录' }).click();
      await page.waitForURL(`**/datasets/${CODE}`);
      await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
      const created = await getJson(context, `/api/v1/entries/${CODE}`);
      assert.deepEqual(created.fields.map((f) => f.name), fields.map((f) => f.name));
      assert.equal(created.state, 'draft');
      assert.deepEqual(created.formats, ['csv', 'xlsx']);

      // A GBK-encoded CSV with one bad row: rejected, the report names the row and the field.
      const gbk = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
      const header = 'station_id,station_name,daily_riders,phone\n';
      const good = ['CZ001,奎文区火车站东广场,5320,13905360001', 'CZ002,潍城区人民公园北门,2210,13905360002'];
      const badFile = path.join(dir, '出租车站点.csv');
      await writeFile(badFile, gbk(`${header}${good[0]}\nCZ003,高新区国际会展中心,约九百,13905360003\n${good[1]}\n`));
      await page.goto(`/console/entries/${CODE}/upload`);
      await page.locator('#upload-file').setInputFiles(badFile);
      await page.getByRole('button', { name: '开始上传' }).click();
      const outcome = page.getByTestId('job-outcome');
      await outcome.getByText('文件被拒绝，未生成新版本').waitFor({ timeout: 60_000 });
      const report = page.getByTestId('ingest-report');
      await report.waitFor();
      assert.match(await report.innerText(), /GBK|GB18030/i, 'the report says the file was GBK');
      const errors = page.getByTestId('error-table');
      assert.match(await errors.innerText(), /daily_riders|日客流量/);
      assert.match(await errors.innerText(), /约九百/);
      await shot('2-validation-error');

      // The corrected file passes.
      const fixedFile = path.join(dir, '出租车站点-修正.csv');
      await writeFile(fixedFile, gbk(`${header}${good[0]}\nCZ003,高新区国际会展中心,900,13905360003\n${good[1]}\n`));
      await page.getByRole('button', { name: '再上传一个文件' }).click();
      await page.locator('#upload-file').setInputFiles(fixedFile);
      await page.getByRole('button', { name: '开始上传' }).click();
      await outcome.getByText('导入完成，所有行均通过校验。').waitFor({ timeout: 60_000 });
      await page.getByTestId('new-version').waitFor();
      await shot('3-upload-ok');

      // Masking: the phone column needs a rule; preview before and after.
      await page.goto(`/console/entries/${CODE}/masking`);
      await page.getByRole('heading', { level: 1, name: `脱敏规则：${NAME}` }).waitFor();
      await page.getByTestId('kind-phone').getByText('手机号').waitFor();
      await page.getByTestId('masking-missing').waitFor();
      await page.getByTestId('suggest-phone').click();
      const rule = await page.getByTestId('rule-phone').inputValue();
      assert.ok(rule, 'a suggested rule for the phone column');
      await page.getByTestId('masking-missing').waitFor({ state: 'detached' });
      await page.getByTestId('masking-preview').click();
      const afterTable = page.getByTestId('mask-after');
      await afterTable.locator('tbody tr.ant-table-row').first().waitFor();
      const afterText = await afterTable.innerText();
      assert.ok(!afterText.includes('13905360001'), 'no phone number after masking');
      assert.match(await page.getByTestId('mask-before').innerText(), /13905360001/);
      await shot('4-masking');
      await page.getByTestId('masking-save').click();
      await page.getByText(/已保存/).first().waitFor();
      const saved = await getJson(context, `/api/v1/entries/${CODE}`);
      assert.equal(saved.fields.find((f) => f.name === 'phone').mask_rule, rule);

      // Submit for publication review.
      await page.goto('/console/entries');
      await page.getByRole('button', { name: `提交发布审核 ${NAME}` }).click();
      const dialog = page.getByRole('dialog', { name: `提交发布审核：${NAME}` });
      await dialog.getByTestId('completeness').getByText('完整性检查通过').waitFor();
      await dialog.getByTestId('submit-version').getByText(/v1 · 3 行/).waitFor();
      await dialog.getByLabel('提交说明（选填）').fill('新增出租汽车服务站点数据');
      await shot('5-submit');
      await dialog.getByTestId('submit-review-ok').click();
      await page.waitForURL(/\/console\/cases\/\d+$/);
      caseId = Number(new URL(page.url()).pathname.split('/').pop());
      await page.getByTestId('case-state').getByText('办理中').waitFor();
      await shot('6-case');
      assertNoConsoleErrors(opened, 'provider');
    } catch (err) {
      await shot('failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  test('authority: deadline, send back with a reason, resubmitted, approve, found by search', {
    timeout: 240_000,
  }, async (t) => {
    if (!caseId) {
      t.skip('needs the submission of the provider journey');
      return;
    }
    const authority = await newPage(browser);
    const provider = await newPage(browser);
    const visitor = await newPage(browser, PHONE);
    let current = authority.page;
    const shot = (page, name) => snap(page, `acceptance-authority-${name}`);
    try {
      const a = authority.page;
      await login(a, AUTHORITY);
      await a.getByTestId('tasks-link').click();
      await a.waitForURL('**/console/tasks');
      const row = a.getByTestId('assigned-cases').locator(`[data-case="${caseId}"]`);
      await row.waitFor();
      const rowText = await row.innerText();
      assert.match(rowText, new RegExp(NAME));
      const due = rowText.match(/办理期限 (\d{4}-\d{2}-\d{2})/)?.[1];
      assert.ok(due, `a due date: ${rowText}`);
      assert.match(rowText, /剩余 \d+ 个工作日|今天到期/);
      const filed = await getJson(authority.context, `/api/v1/cases/${caseId}`);
      assert.equal(filed.due_date ?? filed.stage?.due_date, due, 'the deadline shown is the case’s');
      await shot(a, '1-tasks');

      // Send it back with a reason.
      await row.getByRole('link', { name: `发布审核：${NAME}` }).click();
      await a.waitForURL(`**/console/cases/${caseId}`);
      await a.getByTestId('consistency').getByTestId('consistency-summary').waitFor();
      await a.getByTestId('action-return').click();
      const back = a.getByRole('dialog', { name: /^退回/ });
      await back.getByTestId('action-ok').click();
      await back.getByText('请填写原因').waitFor();
      await back.getByLabel('退回原因').fill(REASON);
      await back.getByTestId('action-ok').click();
      await back.waitFor({ state: 'hidden' });
      await a.getByTestId('case-state').getByText('已退回').waitFor();
      await shot(a, '2-returned');

      // The provider reads the reason and resubmits.
      const p = provider.page;
      current = p;
      await login(p, PROVIDER);
      await p.goto(`/console/cases/${caseId}`);
      await p.getByTestId('return-reason').getByText(`退回原因：${REASON}`).waitFor();
      await p.getByTestId('action-resubmit').click();
      const resubmit = p.getByRole('dialog', { name: /^重新提交/ });
      await resubmit.getByLabel('意见（选填）').fill('已在字段说明中补充统计口径');
      await resubmit.getByTestId('action-ok').click();
      await resubmit.waitFor({ state: 'hidden' });
      await p.getByTestId('case-state').getByText('办理中').waitFor();
      await shot(p, '3-resubmitted');

      // The authority approves; the entry is published.
      current = a;
      await a.reload();
      await a.getByTestId('action-approve').click();
      const approve = a.getByRole('dialog', { name: /^通过/ });
      await approve.getByTestId('action-ok').click();
      await approve.waitFor({ state: 'hidden' });
      await a.getByTestId('case-state').getByText('已通过').waitFor();
      const history = await a.getByTestId('case-history').innerText();
      assert.ok(history.includes(REASON), 'the history keeps the first round');
      await shot(a, '4-approved');

      // A visitor on a phone finds it by search.
      const v = visitor.page;
      current = v;
      await v.goto('/');
      await v.getByLabel('搜索数据集').fill('出租汽车服务站点');
      await v.getByLabel('搜索数据集').press('Enter');
      await v.waitForURL(/\/catalog\?q=/);
      const hit = v.getByTestId('catalog-item').filter({ hasText: NAME });
      await hit.first().waitFor();
      await hit.first().getByRole('heading').getByRole('link').click();
      await v.waitForURL(`**/datasets/${CODE}`);
      const preview = v.getByTestId('preview');
      await preview.locator('tbody tr.ant-table-row').first().waitFor();
      const shown = await preview.innerText();
      assert.ok(!shown.includes('13905360001'), 'the public sees the masked phone numbers');
      await assertNoSideScroll(v, 'dataset page');
      await shot(v, '5-found');

      assertNoConsoleErrors(authority, 'authority');
      assertNoConsoleErrors(provider, 'authority (provider side)');
      assertNoConsoleErrors(visitor, 'authority (visitor side)');
    } catch (err) {
      await shot(current, 'failure').catch(() => {});
      throw err;
    } finally {
      await authority.context.close();
      await provider.context.close();
      await visitor.context.close();
    }
  });
});
