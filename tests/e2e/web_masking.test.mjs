// The open-data licence page (ACC-1) and the provider's masking rules page (MSK-2, MSK-4,
// MSK-5) in the web app, against a real `kaifang serve` with the demo city
// (tests/e2e/run.sh starts one and sets KAIFANG_URL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSWORD,
  assertClean,
  baseUrl,
  launchBrowser,
  login,
  newPage,
  skipWithoutServer as skip,
  snap,
  uniqueUsername,
} from './browser.mjs';

// A demo entry with personal data: birth certificates of 潍坊市卫生健康委员会, whose data
// commissioner is the demo account `health`; its mother_id column holds ID card numbers.
const ENTRY = '370700-WS-0005';
const PROVIDER = { username: 'health', password: 'Demo-2026!kf' };

async function api(method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('web licence and masking rules', { skip }, () => {
  let browser;
  let licence;

  before(async () => {
    const got = await api('GET', '/api/v1/licence');
    assert.equal(got.status, 200);
    licence = got.body;
    assert.equal(licence.title, '公共数据开放许可协议');
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('a visitor reads the licence; a new user accepts it', { timeout: 120_000 }, async () => {
    const { context, page, problems } = await newPage(browser);
    const username = uniqueUsername('lic');
    try {
      // Anonymous: the footer links to it; title, version, date and the text in paragraphs.
      await page.goto('/');
      await page.getByTestId('footer-licence').click();
      await page.waitForURL('**/licence');
      await page.getByRole('heading', { level: 1, name: '公共数据开放许可协议' }).waitFor();
      const meta = await page.getByTestId('licence-meta').innerText();
      assert.ok(meta.includes(licence.version) && meta.includes(licence.effective), meta);
      const paragraphs = await page.getByTestId('licence-text').locator('p').count();
      assert.ok(paragraphs >= 3, `the text in paragraphs (${paragraphs})`);
      assert.match(await page.getByTestId('licence-text').innerText(), /协议的适用/);
      // No accept button for a visitor: a login link instead.
      assert.equal(await page.getByTestId('licence-accept-button').count(), 0);
      await page.getByTestId('licence-accept').getByRole('link', { name: '登录' }).waitFor();
      await snap(page, 'licence-anonymous');

      // A new user (registered through the API), logged in through the form.
      const reg = await api('POST', '/api/v1/auth/register', { username, password: PASSWORD });
      assert.equal(reg.status, 201, JSON.stringify(reg.body));
      await login(page, username, PASSWORD);
      await page.goto('/me/account'); // the user centre's 账号与密钥 tab shows the licence status
      await page.getByTestId('licence-status').getByText('未同意').waitFor();
      await page.getByRole('link', { name: '阅读并同意' }).click();
      await page.waitForURL('**/licence');
      await page.getByTestId('licence-accept-button').getByText('我已阅读并同意').click();
      const accepted = page.getByTestId('licence-accepted');
      await accepted.waitFor();
      const acceptedText = await accepted.innerText();
      assert.match(acceptedText, new RegExp(`已同意（版本 ${licence.version.replace('.', '\\.')}，`));
      assert.ok(await accepted.isDisabled(), 'the accepted state is not a button to press again');
      await page.getByText('您已同意开放许可协议').waitFor();

      // It stays accepted after a reload, and the server says so.
      await page.reload();
      await page.getByTestId('licence-accepted').waitFor();
      const me = await context.request.get('/api/v1/me');
      assert.equal((await me.json()).licence_version, licence.version);
      const mine = await (await context.request.get('/api/v1/licence')).json();
      assert.equal(mine.accepted, true);
      await snap(page, 'licence-accepted');

      // The user centre's account tab shows it, with a link back to the text.
      await page.goto('/me/account');
      await page.getByTestId('licence-status').getByText(/已同意（版本/).waitFor();
      await page.getByRole('link', { name: '查看协议' }).waitFor();
      assertClean(problems);
    } catch (err) {
      await snap(page, 'licence-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });

  test('the provider reviews detected personal data, previews masking and k-anonymity', {
    timeout: 180_000,
  }, async () => {
    const { context, page, problems } = await newPage(browser);
    try {
      await login(page, PROVIDER.username, PROVIDER.password);

      // From the console list to the entry's masking page.
      await page.goto('/console/entries');
      const entryName = (await (await context.request.get(`/api/v1/entries/${ENTRY}`)).json()).name;
      await page.getByRole('link', { name: `脱敏规则 ${entryName}` }).click();
      await page.waitForURL(`**/console/entries/${ENTRY}/masking`);
      await page.getByRole('heading', { level: 1, name: `脱敏规则：${entryName}` }).waitFor();

      // The scan of the newest version: the mother's ID number is an ID card number.
      const kind = page.getByTestId('kind-mother_id');
      await kind.getByText('身份证号').waitFor();
      assert.match(await kind.innerText(), /置信度 \d+%/);
      await page.getByTestId('kind-mother_name').getByText('姓名').waitFor();
      // The demo entry carries rules already: no sensitive field lacks one.
      assert.equal(await page.getByTestId('masking-missing').count(), 0);
      assert.equal(await page.getByTestId('rule-mother_id').inputValue(), 'mask(keep_first=6,keep_last=4)');

      // A sensitive field without a rule is marked.
      await page.getByTestId('rule-mother_name').fill('');
      await page.getByTestId('missing-mother_name').getByText('敏感字段缺少脱敏规则').waitFor();
      await page.getByTestId('masking-missing').getByText(/母亲姓名|mother_name/).waitFor();
      await page.getByTestId('rule-mother_name').fill('mask(keep_first=1)');
      await page.getByTestId('masking-missing').waitFor({ state: 'detached' });

      // A wrong rule: the server's words, beside the field.
      await page.getByTestId('rule-mother_id').fill('mask(keep_first=x)');
      await page.getByTestId('masking-preview').click();
      const failed = page.getByTestId('api-error');
      await failed.getByText('预览失败').waitFor();
      assert.match(await failed.innerText(), /mother_id[\s\S]*keep_first/);

      // The suggested rule, two quasi-identifiers and k = 15, then the preview.
      await page.getByTestId('suggest-mother_id').click();
      assert.equal(await page.getByTestId('rule-mother_id').inputValue(), 'mask(keep_first=6,keep_last=4,char=*)');
      const qi = page.getByTestId('masking-qi');
      await qi.click();
      await page.keyboard.type('birth_place');
      await page.keyboard.press('Enter');
      await page.keyboard.type('baby_gender');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await qi.locator('.ant-select-selection-item', { hasText: '出生地点' }).waitFor();
      await qi.locator('.ant-select-selection-item', { hasText: '新生儿性别' }).waitFor();
      await page.getByRole('spinbutton', { name: 'k 值' }).fill('15');
      await page.getByTestId('masking-preview').click();

      const afterTable = page.getByTestId('mask-after');
      await afterTable.locator('tbody tr.ant-table-row').first().waitFor();
      assert.equal(await failed.count(), 0, 'the error is gone');
      const afterText = await afterTable.innerText();
      assert.match(afterText, /\d{6}\*{8}[\dX]{4}/, 'ID numbers masked: 6 digits, 8 stars, 4 digits');
      const beforeText = await page.getByTestId('mask-before').innerText();
      assert.match(beforeText, /\d{17}[\dX]/, 'the original ID numbers before masking');
      // None of those numbers is left. (Not "no 18 digits in a row": the certificate number's
      // keyed hash is hex and, with a new secret each run, sometimes has 18 digits in a row.)
      const ids = beforeText.match(/\d{17}[\dX]/g);
      for (const id of ids) assert.ok(!afterText.includes(id), 'no full ID number after masking');

      const k = page.getByTestId('k-result');
      await k.waitFor();
      const kText = await k.innerText();
      assert.match(kText, /最小等价类 \d+ 行/);
      assert.match(kText, /低于 k=15 的行 \d+ 行/);
      assert.match(kText, /(不满足|满足) k-匿名/);
      await snap(page, 'masking-preview');

      // Save: the entry is published, so the rules go to the authority as a change request
      // (CAT-3); it proposes the new rule and keeps every other attribute.
      const beforeSave = (await (await context.request.get(`/api/v1/entries/${ENTRY}`)).json()).fields;
      await page.getByTestId('masking-change-notice').waitFor();
      await page.getByTestId('masking-save').click();
      await page.waitForURL(/\/console\/cases\/\d+$/);
      await page.getByTestId('case-state').getByText('办理中').waitFor();
      const caseId = page.url().split('/').pop();
      const filed = await (await context.request.get(`/api/v1/cases/${caseId}`)).json();
      assert.equal(filed.type, 'catalog_change');
      assert.equal(filed.payload.kind, 'modify');
      const byName = Object.fromEntries(filed.payload.entry.fields.map((f) => [f.name, f]));
      assert.equal(byName.mother_id.mask_rule, 'mask(keep_first=6,keep_last=4,char=*)');
      for (const f of beforeSave) {
        const { mask_rule: _a, ...rest } = f;
        const { mask_rule: _b, ...now } = byName[f.name];
        assert.deepEqual(now, rest, `field ${f.name} otherwise unchanged`);
      }
      // The entry itself is unchanged until the authority approves.
      const still = (await (await context.request.get(`/api/v1/entries/${ENTRY}`)).json()).fields;
      assert.deepEqual(still, beforeSave);
      assertClean(problems);
    } catch (err) {
      await snap(page, 'masking-failure').catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
