// Conditional (受限开放) data in the web app (issue 13), in Chromium against the scenario server of
// tests/e2e/run.sh (the demo city under the lishui profile, which publishes the holders of
// restricted data and forbids their download, on the test clock):
// - the bureau grades the company in its console and imports a dishonest list; a visitor on the
//   restricted entry is asked to sign in; the company asks to be graded AAA with its 等保 proof and
//   the bureau reviews the materials and rates it with the experts' opinion on the case page;
// - the company (潍坊数智科技有限公司, verified, graded AA) finds 教师资格认定信息 refused with
//   “申请使用”, and applies through the five-step wizard (conditions, form, demand list, credit report
//   with its SHA-256 and the security commitment, review), with client-side checks on the way;
// - the bureau (normative review, from its 待办 through the case page) and the education bureau
//   (demand review: one field struck from the grant, a daily quota; a refusal needs its legal
//   ground) act on the application page; the bureau re-reviews;
// - the company reads the agreement and signs it with “同意并保存” (SHA-256, signer, time); the
//   provider files it and the grant opens;
// - the company has no download (the profile forbids it), creates an API key and reads the rows
//   with it (only the granted fields), sees its access log, submits a usage report; the provider
//   suspends (the key is refused) and restores;
// - the public list of holders names the company, the graded users list its grade; pages fit 375 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  assertClean,
  assertNoSideScroll,
  launchBrowser,
  login,
  moveClock,
  newPage,
  scenarioUrl,
  skipWithoutScenario as skip,
  snap,
} from './browser.mjs';

/**
 * Ticks or clears a checkbox of a form's checkbox group, then reads it again until it shows the
 * state: a click that clears or raises the form's error re-renders the group, and Playwright's
 * check() may read back the input it replaced and report the click as lost.
 */
async function setChecked(box, want) {
  if ((await box.isChecked()) === want) return;
  await box.click();
  for (let i = 0; i < 50 && (await box.isChecked()) !== want; i += 1) await new Promise((r) => setTimeout(r, 100));
  assert.equal(await box.isChecked(), want);
}

const ENTRY = '370700-JY-0005'; // 教师资格认定信息, conditional, 潍坊市教育局
const ENTRY_NAME = '教师资格认定信息';
const COMPANY = 'company'; // 潍坊数智科技有限公司
const COMPANY_ORG = '潍坊数智科技有限公司';
const PROVIDER = 'education';
const AUTHORITY = 'bureau';
const ASKED = ['teacher_cert_no', 'name', 'cert_type'];
const GRANTED = ['teacher_cert_no', 'cert_type'];
const PHONE = { width: 375, height: 812 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

// The scenario server's rate limit (per address, 100 requests of burst, 50 a second) refills on
// its test clock, which stands still between moves: every request of this test counts, and the
// clock is moved a few seconds on before the bucket can run dry.
let spent = 0;
let clockMs = null;
function track(context) {
  context.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/api/') || p.startsWith('/resource/')) spent += 1;
  });
}
async function breathe() {
  if (spent < 35) return;
  if (clockMs === null) clockMs = Date.parse((await moveClock({ advance_days: 0 })).now_utc);
  clockMs += 3000;
  const r = await moveClock({ set: new Date(clockMs).toISOString().replace(/\.\d{3}Z$/, 'Z') });
  clockMs = Date.parse(r.now_utc);
  spent = 0;
}
async function open(page, path) {
  await breathe();
  await page.goto(path);
}
/** A request with the API key alone (no session), as a holder's program makes it. */
async function withKey(key, path) {
  await breathe();
  spent += 1;
  const res = await fetch(`${scenarioUrl}${path}`, { headers: { 'X-Api-Key': key, Accept: 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Runs an action of the application page through its dialog. */
async function act(page, action, fill = async () => {}) {
  await breathe();
  await page.getByTestId(`action-${action}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByTestId('action-ok').click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('conditional data: apply, review, sign, use', { skip }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a company applies for restricted data, the bureau and the provider review, the company signs and reads only the granted fields', {
    timeout: 600_000,
  }, async () => {
    const opts = { baseURL: scenarioUrl };
    const bureau = await newPage(browser, opts);
    const company = await newPage(browser, opts);
    const provider = await newPage(browser, opts);
    const visitor = await newPage(browser, { ...opts, viewport: PHONE });
    for (const s of [bureau, company, provider, visitor]) track(s.context);
    let current = bureau.page;
    try {
      // --- The bureau: the company's grade with its evidence, and a dishonest list. ---
      const b = bureau.page;
      await breathe();
      await login(b, AUTHORITY);
      await open(b, '/console/admin');
      await b.getByTestId('authority-card-user-grades').waitFor();
      await b.getByTestId('authority-card-dishonest-lists').click();
      await b.waitForURL('**/console/dishonest-lists');
      await b.getByRole('heading', { level: 1, name: '失信名单' }).waitFor();
      await b.getByTestId('dishonest-submit').click();
      await b.getByText('请选择名单类型').waitFor(); // the form says what is missing
      await b.getByLabel('名单类型').click();
      await b.locator('.ant-select-item-option[title="严重违法失信"]').click();
      await b.getByLabel('名单来源').fill('信用中国（山东潍坊）');
      await b.getByLabel('名单日期').fill('2026-09-01');
      const csv = '企业名称,统一社会信用代码\n某失信企业有限公司,91110000100006485K\n错误的一行,91370700MA3C4XKQ5X\n';
      await b.getByTestId('dishonest-file').setInputFiles({ name: '严重违法失信名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await b.getByTestId('dishonest-file-name').getByText(/严重违法失信名单\.csv/).waitFor();
      await b.getByTestId('dishonest-submit').click();
      const imported = b.getByTestId('dishonest-result');
      await imported.getByText('已导入 1 条').waitFor();
      assert.match(await imported.innerText(), /第 3 行：统一社会信用代码的校验位不正确/);
      await b.getByTestId('dishonest-lists').getByRole('row', { name: /严重违法失信.*信用中国（山东潍坊）.*2026-09-01/ }).waitFor();
      await snap(b, 'apply-authority-dishonest');

      await open(b, '/console/user-grades');
      await b.getByRole('heading', { level: 1, name: '用户等级评定' }).waitFor();
      await b.locator('#grading_org_id').click();
      await b.keyboard.type('潍坊数智');
      await b.locator(`.ant-select-item-option[title="${COMPANY_ORG}"]`).click();
      await b.locator('#grading_grade').click();
      await b.locator('.ant-select-item-option[title="AA"]').click();
      await b.getByLabel('等级保护备案号').fill('37070099999-00001');
      await b.getByLabel('信用核查结果').fill('信用中国查询无失信记录');
      await b.getByTestId('grading-submit').click();
      await b.getByText(`已将${COMPANY_ORG}评定为 AA 级`).waitFor();

      // --- A visitor is asked to sign in first (no application without an account). ---
      const v = visitor.page;
      current = v;
      await open(v, `/datasets/${ENTRY}`);
      await v.getByTestId('data-restricted-heading').getByText('此数据受限开放').waitFor();
      await v.getByTestId('data-restricted-conditions').waitFor();
      assert.match((await v.getByTestId('data-restricted').getByTestId('access-action').getAttribute('href')) ?? '', /^\/login\?next=/);
      assert.equal(await v.getByTestId('apply-button').count(), 0);

      // --- The company: the dataset refuses, and offers to apply. ---
      const c = company.page;
      current = c;
      await breathe();
      await login(c, COMPANY);

      // --- The company asks to be graded AAA (Lishui art. 10): evidence and the 等保 proof; the
      // bureau reviews the materials, then rates it with the experts' opinion on the case page. ---
      await open(c, '/me/grade');
      await c.getByRole('heading', { level: 1, name: '我的用户等级' }).waitFor();
      const orgGrade = c.locator('[data-testid="my-grade"][data-kind="org"]');
      await orgGrade.getByText('AA', { exact: true }).waitFor();
      const gradeForm = c.getByTestId('grade-form');
      await c.locator('#grade-application_grade').click();
      await c.locator('.ant-select-item-option[title="AAA"]').click();
      await c.getByLabel('等保级别').fill('3');
      await c.getByLabel('等保备案编号').fill('37070099999-00001');
      await c.getByLabel('企业类型').fill('私营企业');
      await c.getByTestId('grade-submit').click();
      await gradeForm.getByText('请上传等级保护备案证明或测评报告').waitFor(); // checked before sending
      await c.getByTestId('apply-file-protection_certificate').setInputFiles({ name: '等保备案证明.pdf', mimeType: 'application/pdf', buffer: PDF });
      await gradeForm.locator('[data-testid="apply-uploaded"][data-kind="protection_certificate"]').waitFor();
      await breathe();
      await c.getByTestId('grade-submit').click();
      await c.getByTestId('my-grade-open').waitFor();
      const gradeCase = c.getByTestId('my-grade-case').first();
      await gradeCase.getByTestId('due').waitFor(); // the review's due date and working days left
      const gradeCaseId = ((await gradeCase.getByRole('link').first().getAttribute('href')) ?? '').split('/').pop();
      assert.match(gradeCaseId, /^\d+$/);
      await snap(c, 'apply-grade-application');

      current = b;
      await open(b, `/console/cases/${gradeCaseId}`);
      await b.getByTestId('case-grading').getByText('私营企业').waitFor();
      assert.equal(await b.getByTestId('grading-decision').count(), 0, 'the materials are reviewed first');
      await act(b, 'approve');
      await b.getByTestId('grading-decision').waitFor();
      assert.equal(await b.getByTestId('action-approve').count(), 0, 'the rating is decided on its own card');
      await b.getByTestId('grading-approve').click();
      await b.getByText('请写明专家评级意见').waitFor();
      await b.getByTestId('grading-opinion').fill('市大数据局会同市教育局组织专家 3 人评议：安全防护和技术开发能力符合 AAA 级');
      await breathe();
      await b.getByTestId('grading-approve').click();
      await b.getByText('已评定为 AAA 级').waitFor();
      await snap(b, 'apply-grade-rated');

      current = c;
      await open(c, '/me/grade');
      await orgGrade.getByText('AAA', { exact: true }).waitFor();
      await c.getByTestId('grade-changes').getByText(/等级评定（事项/).waitFor();
      // The applicant opens the case itself from the list: the decision, the opinion, the history.
      await c.getByTestId('my-grade-case').first().getByRole('link').first().click();
      await c.getByTestId('case-grading').getByText(/安全防护和技术开发能力符合 AAA 级/).waitFor();
      assert.equal(await c.getByTestId('grading-decision').count(), 0);

      await open(c, `/datasets/${ENTRY}`);
      const refused = c.getByTestId('data-restricted');
      await refused.waitFor();
      assert.equal((await c.getByTestId('data-restricted-heading').innerText()).trim(), '此数据受限开放');
      await refused.getByTestId('apply-button').click();
      await c.waitForURL(`**/apply/${ENTRY}`);
      await c.getByRole('heading', { level: 1, name: `申请使用：${ENTRY_NAME}` }).waitFor();

      // Step 1: the conditions, confirmed.
      const title = c.getByTestId('apply-step-title');
      assert.match(await title.innerText(), /第 1 步（共 5 步）：开放条件/);
      assert.match(await c.getByTestId('apply-open-conditions').innerText(), /核验/);
      assert.match(await c.getByTestId('apply-eligibility').innerText(), /AA 级方可申请/);
      await c.getByTestId('apply-procedure').getByText(/规范性审查 · 主管部门 · 15 个工作日/).waitFor();
      await c.getByTestId('apply-next').click();
      await c.getByText('请确认已阅读并符合该数据的开放条件').waitFor();
      await c.getByLabel('我已阅读并符合上述开放条件').check();
      await c.getByTestId('apply-next').click();

      // Step 2: for the organisation (its credit code shown), the form.
      await title.getByText(/第 2 步.*申请主体与申请表/).waitFor();
      await c.getByTestId('apply-credit-code').getByText(/统一社会信用代码：91370700MA3C4XKQ52/).waitFor();
      assert.ok(await c.getByLabel(`以单位名义：${COMPANY_ORG}`).isChecked(), 'the organisation is the applicant');
      await c.getByLabel('联系人', { exact: true }).fill('王建国');
      await c.getByLabel('联系电话（手机）').fill('12345');
      await c.getByTestId('apply-next').click();
      await c.getByText('手机号码应为 11 位数字，以 13–19 开头').waitFor();
      await c.getByText('请填写应用（服务）名称').waitFor();
      await c.getByLabel('联系电话（手机）').fill('13800138000');
      await c.getByLabel('应用（服务）名称').fill('教师招聘资格核验');
      await c.getByLabel('应用领域').fill('教育人力资源');
      await c.getByLabel('承载系统名称').fill('数智招聘平台');
      await c.getByLabel('系统部署机房').fill('潍坊市政务云');
      await c.locator('#apply_protection_level').click();
      await c.locator('.ant-select-item-option[title="第 3 级"]').click();
      await c.getByLabel('等级保护备案号').fill('37070099999-00001');
      await c.getByTestId('apply-next').click();

      // Step 3: the demand list; no download channel under this profile.
      await title.getByText(/第 3 步.*需求清单/).waitFor();
      await c.getByTestId('apply-next').click();
      await c.getByText('请至少选择一个数据项').waitFor();
      for (const label of ['教师资格证书编号', '持证人姓名', '资格种类']) {
        await setChecked(c.getByRole('checkbox', { name: new RegExp(label) }), true);
      }
      assert.ok(await c.getByRole('checkbox', { name: '数据接口' }).isChecked());
      assert.equal(await c.getByRole('checkbox', { name: '文件下载' }).count(), 0, 'no download of restricted data here');
      await c.getByText('按本地区规定，受限开放数据不提供文件下载。').waitFor();
      await c.getByLabel('应用场景').fill('招聘教师时核验应聘者的教师资格证书编号与资格种类');
      await c.getByLabel('每日调用次数上限').fill('500');
      await c.getByTestId('apply-next').click();

      // Step 4: the credit report (name, size, SHA-256) and the security commitment.
      await title.getByText(/第 4 步.*材料与承诺/).waitFor();
      await c.getByTestId('apply-next').click();
      await c.getByText('请上传信用报告（PDF 或图片）').waitFor();
      await c.getByText('请阅读并接受公共数据安全承诺书').waitFor();
      await breathe();
      await c.getByTestId('apply-file-credit_report').setInputFiles({ name: '企业信用报告.pdf', mimeType: 'application/pdf', buffer: PDF });
      const uploaded = c.getByTestId('apply-uploaded').first();
      await uploaded.getByText('企业信用报告.pdf').waitFor();
      assert.equal((await uploaded.getByTestId('apply-uploaded-sha').innerText()).trim(), sha256(PDF));
      await c.getByTestId('apply-commitment-text').getByText(/不向任何第三方提供、出售、公开/).waitFor();
      await c.getByLabel('本人（本单位）已阅读并承诺遵守《公共数据安全承诺书》').check();
      await c.getByTestId('apply-next').click();

      // Step 5: review, submit.
      await title.getByText(/第 5 步.*确认提交/).waitFor();
      const review = c.getByTestId('apply-review');
      assert.match(await review.innerText(), new RegExp(COMPANY_ORG));
      assert.match(await c.getByTestId('apply-review-fields').innerText(), /教师资格证书编号（teacher_cert_no）、持证人姓名（name）、资格种类（cert_type）/);
      await snap(c, 'apply-wizard-review');
      await breathe();
      await c.getByTestId('apply-submit').click();
      await c.waitForURL(/\/applications\/\d+$/);
      const id = Number(new URL(c.url()).pathname.split('/').pop());
      await c.locator('[data-testid="application"][data-stage="normative_review"]').waitFor();
      await c.getByTestId('case-state').getByText('办理中').waitFor();
      const due = await c.getByTestId('application-due').innerText();
      assert.match(due, /规范性审查/);
      assert.match(due, /办理期限 \d{4}-\d{2}-\d{2}/);
      assert.match(due, /剩余 \d+ 个工作日/);
      assert.match(await c.getByTestId('application-fields').innerText(), /教师资格证书编号/);
      assert.equal(await c.getByTestId('attachments').getByTestId('attachment-link').count(), 1);
      await snap(c, 'apply-application-submitted');
      // 我的申请 lists it with its stage and countdown.
      await open(c, '/me/applications');
      const mine = c.locator(`[data-testid="application-row"][data-case="${id}"]`);
      await mine.waitFor();
      assert.match(await mine.innerText(), /规范性审查[\s\S]*办理期限 \d{4}-\d{2}-\d{2}[\s\S]*剩余 \d+ 个工作日/);

      // --- The bureau: from 待办 through the case page to the application page; approve. ---
      current = b;
      await open(b, '/console/tasks');
      const task = b.getByTestId('assigned-cases').locator(`[data-case="${id}"]`);
      await task.waitFor();
      await task.getByRole('link').first().click();
      await b.waitForURL(`**/console/cases/${id}`);
      const panel = b.getByTestId('case-application');
      await panel.getByText(COMPANY_ORG).waitFor();
      await breathe();
      await panel.getByRole('link', { name: '在申请页面办理' }).click();
      await b.waitForURL(`**/applications/${id}`);
      await act(b, 'approve', (d) => d.getByTestId('action-comment').fill('材料齐全，符合规范'));
      await b.locator('[data-testid="application"][data-stage="provider_review"]').waitFor();

      // --- The provider: its list, a refusal needs a legal ground; approve two of three fields. ---
      const p = provider.page;
      current = p;
      await breathe();
      await login(p, PROVIDER);
      await p.getByTestId('nav-applications').click();
      await p.waitForURL('**/console/applications');
      const waiting = p.locator(`[data-testid="application-row"][data-case="${id}"]`);
      await waiting.waitFor();
      assert.match(await waiting.innerText(), new RegExp(`申请主体：${COMPANY_ORG}`));
      await breathe();
      await waiting.getByRole('link').first().click();
      await p.waitForURL(`**/applications/${id}`);
      await p.getByTestId('application-actions').getByText(/拒绝须写明依据的法律/).waitFor();
      await p.getByTestId('action-reject').click();
      const reject = p.getByRole('dialog');
      await reject.getByTestId('action-comment').fill('不同意');
      await reject.getByTestId('action-ok').click();
      await reject.getByText('请写明拒绝依据的法律条款').waitFor();
      await reject.getByRole('button', { name: '取消' }).click();
      await reject.waitFor({ state: 'hidden' });
      await act(p, 'approve', async (d) => {
        for (const n of ASKED) assert.ok(await d.getByRole('checkbox', { name: new RegExp(n) }).isChecked());
        await setChecked(d.getByRole('checkbox', { name: /持证人姓名/ }), false);
        await d.getByLabel('每日调用次数上限').fill('100');
        await d.getByTestId('action-comment').fill('持证人姓名属个人信息，不予开放；其余同意');
      });
      await p.locator('[data-testid="application"][data-stage="re_review"]').waitFor();
      const fieldTags = p.getByTestId('application-fields');
      assert.equal(await fieldTags.locator('[data-granted="1"]').count(), GRANTED.length);
      assert.equal(await fieldTags.locator('[data-field="name"][data-granted="0"]').count(), 1);

      // --- The bureau re-reviews. ---
      current = b;
      await open(b, `/applications/${id}`);
      await act(b, 'approve');
      await b.locator('[data-testid="application"][data-stage="agreement"]').waitFor();
      assert.equal(await b.getByRole('button', { name: '同意并保存' }).count(), 0, 'only the applicant signs');

      // --- The company reads the agreement and signs it: “同意并保存”. ---
      current = c;
      await open(c, '/me/applications');
      await c.locator(`[data-testid="application-row"][data-case="${id}"][data-stage="agreement"]`).getByRole('link').first().click();
      await c.waitForURL(`**/applications/${id}`);
      const agreement = c.getByTestId('agreement');
      const text = agreement.getByTestId('agreement-text');
      await text.getByRole('heading', { name: '公共数据开放利用协议' }).waitFor();
      assert.match(await text.innerText(), /teacher_cert_no、cert_type/);
      assert.match(await text.innerText(), new RegExp(`数据利用主体（乙方）：${COMPANY_ORG}`));
      assert.equal(await c.getByTestId('action-approve').count(), 0, 'the agreement stage is passed by signing only');
      await snap(c, 'apply-agreement-draft');
      await breathe();
      await c.getByRole('button', { name: '同意并保存' }).click();
      await c.locator('[data-testid="application"][data-stage="filing"]').waitFor();
      await agreement.getByTestId('agreement-signed').waitFor();
      const shown = (await agreement.getByTestId('agreement-sha').innerText()).trim();
      assert.match(shown, /^[0-9a-f]{64}$/);
      assert.match(await agreement.getByTestId('agreement-signer').innerText(), /\S/);
      assert.match(await agreement.getByTestId('agreement-signed-at').innerText(), /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
      spent += 1;
      const kept = await c.context().request.get(`/api/v1/applications/${id}/agreement.md`);
      assert.equal(sha256(Buffer.from(await kept.body())), shown, 'the SHA-256 shown is that of the kept text');
      // The PDF the page links to is a PDF of that agreement.
      const pdfHref = await agreement.getByTestId('agreement-pdf').getAttribute('href');
      const pdf = await c.context().request.get(pdfHref);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal(pdf.headers()['x-content-sha256'], shown);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');

      // --- The provider files the agreement with the authority: the grant opens. ---
      current = p;
      await open(p, `/applications/${id}`);
      await act(p, 'approve', (d) => d.getByTestId('action-comment').fill('协议已报主管部门备案'));
      await p.locator('[data-testid="application"][data-state="approved"]').waitFor();
      const grantCard = p.getByTestId('grant');
      await grantCard.waitFor();
      const grantId = Number(await grantCard.getAttribute('data-grant'));
      assert.ok(grantId > 0);

      // --- The company: the grant, no download, the API with a key (granted fields only). ---
      current = c;
      await open(c, `/applications/${id}`);
      const grant = c.getByTestId('grant');
      await grant.getByTestId('grant-state').getByText('使用中').waitFor();
      assert.equal(await grant.getByTestId('grant-fields').locator('[data-field]').count(), GRANTED.length);
      assert.match(await grant.getByTestId('grant-quota').innerText(), /每日 100 次/);
      assert.match(await grant.getByTestId('channels').innerText(), /数据接口/);
      await grant.getByTestId('grant-how').waitFor();
      await snap(c, 'apply-application-granted');

      await open(c, `/datasets/${ENTRY}?tab=download`);
      await c.getByTestId('my-grant').waitFor();
      await c.getByTestId('download-refused').getByText(/受限开放数据不提供文件下载/).waitFor();
      assert.ok(await c.getByTestId('download-csv').isDisabled(), 'no download button for restricted data');

      // The message of the grant in the user centre leads to the application.
      await open(c, '/me/inbox');
      await c.locator(`[data-testid="uc-message-application"][href="/applications/${id}"]`).first().waitFor();

      await open(c, '/me/account');
      await c.getByRole('button', { name: '创建密钥' }).click();
      const createDialog = c.getByRole('dialog', { name: '创建接口密钥' });
      await createDialog.getByLabel('密钥名称').fill('教师资格核验');
      await breathe();
      await createDialog.getByRole('button', { name: '创建密钥' }).click();
      const keyDialog = c.getByRole('dialog', { name: '请保存您的接口密钥' });
      const key = (await keyDialog.getByTestId('new-api-key').innerText()).trim();
      await keyDialog.getByRole('button', { name: '我已保存' }).click();

      const rows = await withKey(key, `/api/v1/datasets/${ENTRY}/rows?$limit=5`);
      assert.equal(rows.status, 200, JSON.stringify(rows.body));
      assert.ok(rows.body.rows.length > 0);
      for (const row of rows.body.rows) assert.deepEqual(Object.keys(row).sort(), [...GRANTED].sort());
      const file = await withKey(key, `/api/v1/datasets/${ENTRY}/download?format=csv`);
      assert.equal(file.status, 403);
      assert.equal(file.body.error.code, 'channel_not_allowed');

      // The access log, and a usage report.
      await open(c, `/grants/${grantId}`);
      const uses = c.getByTestId('grant-uses');
      await uses.getByRole('row', { name: new RegExp(`${COMPANY}[\\s\\S]*数据接口[\\s\\S]*教师资格证书编号`) }).first().waitFor();
      await breathe();
      await c.getByTestId('report-file').setInputFiles({ name: '利用情况报告.pdf', mimeType: 'application/pdf', buffer: PDF });
      await c.getByTestId('report-note').fill('第一季度利用情况');
      await c.getByTestId('report-submit').click();
      await c.getByTestId('grant-events').getByText('第一季度利用情况').waitFor();

      // Renewing (agreement art. 8.2) starts the wizard from the grant's terms.
      await c.getByTestId('grant-renew').click();
      await c.getByTestId('apply-renewing').getByText(new RegExp(`授权 #${grantId}`)).waitFor();
      await c.goBack();
      await c.getByTestId('grant-events').getByText('第一季度利用情况').waitFor();

      // The company gives notice to end the agreement early (15 days, agreement art. 8.3).
      await c.getByTestId('grant-notice').click();
      const notice = c.getByRole('dialog');
      await notice.getByTestId('notice-ok').click();
      await notice.getByText(/请选择不早于/).first().waitFor(); // the form says what is missing
      const lastDay = new Date(Date.now() + 8 * 3600e3 + 20 * 86400e3).toISOString().slice(0, 10);
      await notice.getByTestId('notice-date').fill(lastDay);
      await notice.getByTestId('notice-reason').fill('项目提前结束');
      await notice.getByTestId('notice-ok').click();
      await notice.waitFor({ state: 'hidden' });
      await c.getByTestId('grant-term').getByText(new RegExp(lastDay)).waitFor();
      await c.getByTestId('grant-events').getByText(/项目提前结束/).waitFor();

      // --- The provider suspends the grant (the key is refused at once), then restores it. ---
      current = p;
      await open(p, `/grants/${grantId}`);
      await p.getByTestId('grant-events').getByText(/提交利用情况报告/).waitFor();
      await p.getByTestId('grant-uses').getByRole('row', { name: new RegExp(COMPANY) }).first().waitFor();
      await p.getByTestId('sanction-suspend').click();
      const suspend = p.getByRole('dialog');
      await suspend.getByTestId('sanction-reason').fill('核查超范围使用情况');
      await breathe();
      await suspend.getByTestId('sanction-ok').click();
      await suspend.waitFor({ state: 'hidden' });
      await p.locator('[data-testid="grant"][data-state="suspended"]').waitFor();
      const stopped = await withKey(key, `/api/v1/datasets/${ENTRY}/rows?$limit=1`);
      assert.equal(stopped.status, 403);
      assert.equal(stopped.body.error.code, 'grant_suspended');
      assert.match(stopped.body.error.message, /核查超范围使用情况/);
      await p.getByTestId('sanction-restore').click();
      const restore = p.getByRole('dialog');
      await restore.getByTestId('sanction-reason').fill('核查完毕');
      await restore.getByTestId('sanction-ok').click();
      await restore.waitFor({ state: 'hidden' });
      await p.locator('[data-testid="grant"][data-state="active"]').waitFor();
      assert.equal((await withKey(key, `/api/v1/datasets/${ENTRY}/rows?$limit=1`)).status, 200);

      // --- The provider's periodic re-evaluation of its restricted entries (CLS-5): keep it, with the reasons. ---
      await open(p, '/console/reevaluations');
      const row = p.getByTestId('reevaluations').getByRole('row', { name: new RegExp(ENTRY_NAME) });
      await row.getByTestId('reeval-due').waitFor();
      await p.getByTestId(`reeval-record-${ENTRY}`).click();
      const record = p.getByRole('dialog');
      await record.getByRole('button', { name: /记录评估结论/ }).click();
      await record.getByText('继续受限开放须写明理由').waitFor();
      await record.getByLabel('理由和说明').fill('含企业法定代表人信息，脱敏后不能满足核验需要');
      await record.getByRole('button', { name: /记录评估结论/ }).click();
      await record.waitFor({ state: 'hidden' });
      await row.getByTestId('reeval-last').getByText(/继续受限开放/).waitFor();

      // --- The public: the holders of restricted data and the graded users, at phone width. ---
      current = v;
      await open(v, '/grant-holders');
      await v.getByRole('heading', { level: 1, name: '获得受限开放数据的利用主体' }).waitFor();
      await v.getByTestId('holders').getByRole('row', { name: new RegExp(`${COMPANY_ORG}[\\s\\S]*${ENTRY_NAME}`) }).waitFor();
      // Sanctions are published here (Lishui art. 24): the suspension and its reason.
      await v.getByTestId('violations').getByRole('row', { name: /暂停授权[\s\S]*核查超范围使用情况/ }).waitFor();
      await assertNoSideScroll(v, '/grant-holders at 375 px');
      await snap(v, 'apply-holders-phone');
      await open(v, '/user-grades');
      await v.getByTestId('grades').getByRole('row', { name: new RegExp(`${COMPANY_ORG}[\\s\\S]*AA`) }).waitFor();
      await assertNoSideScroll(v, '/user-grades at 375 px');

      // The company's pages at phone width.
      current = c;
      await c.setViewportSize(PHONE);
      await open(c, `/applications/${id}`);
      await c.getByTestId('grant').waitFor();
      await c.getByTestId('agreement-signed').waitFor();
      await assertNoSideScroll(c, 'the application page at 375 px');
      await snap(c, 'apply-application-phone');
      await open(c, `/apply/${ENTRY}`);
      await c.getByTestId('apply-wizard').waitFor();
      await assertNoSideScroll(c, 'the wizard at 375 px');

      for (const s of [bureau, company, provider, visitor]) assertClean(s.problems, [/Failed to load resource/]);
    } catch (err) {
      await snap(current, 'apply-failure').catch(() => {});
      throw err;
    } finally {
      for (const s of [bureau, company, provider, visitor]) await s.context.close();
    }
  });
});
