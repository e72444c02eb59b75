// Personal data cannot slip through review (issue 12 item 2) in the web app, against a real
// `kaifang serve` (tests/e2e/run.sh sets KAIFANG_URL): a provider uploads identity and mobile
// numbers under neutral headers ("col_a", "备注") and leaves every field at L1. The masking page
// marks both columns red and the submit dialog lists them; with the suggested rules the entry is
// submitted; when the provider then drops the mobile rule, the authority's consistency report
// marks that column in red ("原始手机号将被公开") and the approval is refused naming it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
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
const CODE = `E2E-PRV-${suffix}`;
const NAME = `居民联系名单测试${suffix}`;

/** A resident identity number with its GB 11643 check character. */
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const people = Array.from({ length: 40 }, (_, i) => ({
  id: idNumber(`370702${1960 + i}0${1 + (i % 9)}1${i % 10}${String(100 + i)}`),
  mobile: `139${String(30000000 + i * 7919).slice(0, 8)}`,
  district: ['奎文区', '潍城区', '寒亭区'][i % 3],
}));
const CSV = `col_a,备注,区县\n${people.map((p) => `${p.id},${p.mobile},${p.district}`).join('\n')}\n`;

async function uploadAndWait(context, body) {
  const upload = await apiCall(context, 'POST', `/api/v1/entries/${CODE}/uploads?mode=reject&filename=people.csv`, undefined, {
    raw: Buffer.from(body, 'utf8'),
    headers: { 'Content-Type': 'application/octet-stream' },
  });
  assert.equal(upload.status, 202, JSON.stringify(upload.body));
  const job = await eventually(async () => {
    const j = await apiCall(context, 'GET', `/api/v1/jobs/${upload.body.id}`);
    return ['succeeded', 'rejected', 'failed', 'proposed'].includes(j.body.state) ? j.body : null;
  }, 30_000);
  assert.ok(job, 'the upload job ended');
  return job;
}

async function putDictionary(context, fields, reason) {
  const r = await apiCall(context, 'PUT', `/api/v1/entries/${CODE}/dictionary`, { fields, reason });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

describe('personal data in review', { skip }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('undetected personal data is named, and the reviewer sees raw values going out in red', {
    timeout: 240_000,
  }, async () => {
    const provider = await newPage(browser);
    const authority = await newPage(browser);
    let current = provider.page;
    try {
      const p = provider.page;
      await login(p, PROVIDER);
      const created = await apiCall(provider.context, 'POST', '/api/v1/entries', {
        code: CODE,
        name: NAME,
        summary: '社区居民联系名单（端到端测试，数据为生成的号码）。',
        domain: '民生服务',
        keywords: ['居民'],
        formats: ['csv'],
        update_frequency: 'yearly',
        open_attribute: 'unconditional',
        share_attribute: 'unconditional',
        security_level: 'L1',
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));

      // The suggested dictionary grades the detected columns; the provider grades nothing.
      const proposal = await uploadAndWait(provider.context, CSV);
      assert.equal(proposal.state, 'proposed', JSON.stringify(proposal));
      const [a, b, d] = proposal.proposed_fields;
      assert.equal(a.security_grade, 'L4');
      assert.equal(b.security_grade, 'L3');
      assert.equal(b.mask_rule, 'mask(keep_first=3,keep_last=4,char=*)');
      assert.equal(d.security_grade, 'L1');
      const plain = proposal.proposed_fields.map((f) => ({ ...f, security_grade: 'L1', mask_rule: '' }));
      await putDictionary(provider.context, plain, '采用推断的字典');
      const job = await uploadAndWait(provider.context, CSV);
      assert.equal(job.state, 'succeeded', JSON.stringify(job));

      // The masking page: both columns red, the suggestion carries the grade.
      await p.goto(`/console/entries/${CODE}/masking`);
      const warning = p.getByTestId('masking-unprotected');
      await warning.waitFor();
      assert.match(await warning.innerText(), /2 个字段[\s\S]*col_a、备注/);
      await p.getByTestId('kind-col_a').getByText('身份证号').waitFor();
      await p.getByTestId('suggested-grade-col_a').getByText('建议级别 L4').waitFor();
      await p.getByTestId('unprotected-备注').getByText('数据中检测到手机号，须设置脱敏规则或登记公开依据').waitFor();
      await snap(p, 'privacy-masking-unprotected');

      // The submit dialog lists the columns (never their values) and keeps the button disabled.
      await p.goto('/console/entries');
      await p.getByRole('button', { name: `提交发布审核 ${NAME}` }).click();
      const dialog = p.getByRole('dialog', { name: `提交发布审核：${NAME}` });
      const check = dialog.getByTestId('completeness');
      await check.getByText(/字段「col_a」的数据中检测到个人信息（居民身份证号码）/).waitFor();
      await check.getByText(/字段「备注」的数据中检测到个人信息（手机号码）/).waitFor();
      const listed = await check.innerText();
      for (const person of people) {
        assert.ok(!listed.includes(person.id) && !listed.includes(person.mobile), 'no value is quoted');
      }
      assert.ok(await dialog.getByTestId('submit-review-ok').isDisabled());
      await snap(p, 'privacy-submit-refused');
      await dialog.getByRole('button', { name: '取消' }).click();

      // The provider takes the suggestions on the masking page and saves.
      await p.goto(`/console/entries/${CODE}/masking`);
      await p.getByTestId('suggest-col_a').click();
      await p.getByTestId('suggest-备注').click();
      assert.equal(await p.getByTestId('masking-unprotected').count(), 0);
      await p.getByTestId('masking-save').click();
      await p.getByText('脱敏规则已保存').waitFor();
      const saved = await apiCall(provider.context, 'GET', `/api/v1/entries/${CODE}`);
      const byName = Object.fromEntries(saved.body.fields.map((f) => [f.name, f]));
      assert.equal(byName.col_a.security_grade, 'L4');
      assert.equal(byName.col_a.mask_rule, 'mask(keep_first=6,keep_last=4,char=*)');
      assert.equal(byName['备注'].security_grade, 'L3');
      const submitted = await apiCall(provider.context, 'POST', `/api/v1/entries/${CODE}/submit`, {
        version_id: job.version_id,
      });
      assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
      const caseId = submitted.body.id;

      // The provider then downgrades 备注 and drops its rule while the case is open.
      await putDictionary(
        provider.context,
        saved.body.fields.map((f) => (f.name === '备注' ? { ...f, security_grade: 'L1', mask_rule: '' } : f)),
        '手机号码不再脱敏',
      );

      // The authority's report: 备注 in red, col_a masked, and the approval refused.
      const w = authority.page;
      current = w;
      await login(w, AUTHORITY);
      await w.goto(`/console/cases/${caseId}`);
      const report = w.getByTestId('consistency');
      await report.getByTestId('consistency-summary').getByText('存在不一致').waitFor();
      await report.getByTestId('consistency-notes').getByText('以下字段的原始个人信息将随数据公开：备注').waitFor();
      await report.getByRole('columnheader', { name: '发布后检测', exact: true }).waitFor();
      const red = report.getByTestId('raw-out-备注');
      await red.getByText('原始手机号将被公开').waitFor();
      assert.match((await red.getAttribute('class')) ?? '', /ant-tag-red/);
      await report.getByTestId('masked-ok-col_a').getByText('已脱敏（原始数据含身份证号）').waitFor();
      await report.getByTestId('consistency-sampled').getByText(/读取了 40 行/).waitFor();
      const row = report.getByRole('row', { name: /备注/ });
      assert.match((await row.getAttribute('class')) ?? '', /consistency-bad/);
      const background = await row.locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
      assert.equal(background, 'rgb(255, 241, 240)', 'the row is red');
      assert.ok(!/consistency-bad/.test((await report.getByRole('row', { name: /区县/ }).getAttribute('class')) ?? ''));
      const pageText = await w.locator('main').innerText();
      for (const person of people) assert.ok(!pageText.includes(person.mobile), 'the report shows no value');
      await snap(w, 'privacy-consistency-red');

      await w.getByTestId('action-approve').click();
      const approve = w.getByRole('dialog', { name: /^通过：/ });
      await approve.getByTestId('action-ok').click();
      await approve.getByText(/不能批准发布[\s\S]*字段「备注」/).waitFor();
      await snap(w, 'privacy-approval-refused');
      const entry = await apiCall(authority.context, 'GET', `/api/v1/entries/${CODE}`);
      assert.notEqual(entry.body.state, 'published');

      assertClean(provider.problems);
      assertClean(authority.problems);
    } catch (err) {
      await snap(current, 'privacy-failure').catch(() => {});
      throw err;
    }
  });

  test('an entry with personal data cannot be L1 and opened unconditionally', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await login(page, PROVIDER);
      await page.goto('/console/entries/new');
      await page.getByLabel('目录编码').fill(`${CODE}-X`);
      await page.getByLabel('数据集名称').fill(`含个人信息的目录${suffix}`);
      await page.getByLabel('摘要').fill('端到端测试：矛盾的分级。');
      await page.getByLabel('领域').fill('民生服务');
      await page.getByLabel('含个人信息').click();
      await page.getByRole('button', { name: '创建目录' }).click();
      await page
        .getByText('“含个人信息”“安全级别”“开放属性”相互矛盾：含个人信息的目录不能同时定为 L1 级且无条件开放。', {
          exact: false,
        })
        .waitFor();
      assert.match(page.url(), /\/console\/entries\/new$/, 'nothing was created');
      await snap(page, 'privacy-contradiction');
      // The server refuses the same, naming the three fields.
      const refused = await apiCall(context, 'POST', '/api/v1/entries', {
        code: `${CODE}-Y`,
        name: '矛盾的目录',
        contains_personal_data: true,
        security_level: 'L1',
        open_attribute: 'unconditional',
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'personal_data_contradiction');
      assert.match(refused.body.error.message, /「含个人信息」「安全级别」「开放属性」相互矛盾/);
      assertClean(problems);
    } catch (err) {
      await snap(page, 'privacy-contradiction-failure').catch(() => {});
      throw err;
    }
  });
});
