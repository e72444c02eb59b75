// The provider's path for data (issue 12 items 3 and 4), in the web app against the demo city
// (tests/e2e/run.sh; the demo's profile is weifang: routine updates with an unchanged dictionary
// are published at once, Weifang art. 18).
//  1. Upload in one go: a file for an entry without a dictionary → the proposal (phone numbers as
//     text, the one bad date reported by row) → edit a label → "采用并导入" → a version, with no
//     second upload.
//  2. The entry published, a new version uploaded: the dataset page shows "直接发布更新" with the
//     reasons; one click and the public sees it; the history says who replaced which and why.
//  3. A version with quarantined rows: "提交更新审核"; the authority gets the task, the public keeps
//     the old version.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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
const CODE = `E2E-UP-${suffix}`;
const NAME = `出租车服务站点${suffix}`;

const CSV =
  '站点名称,服务电话,启用日期,车位数\n' +
  '奎文区火车站东广场,13905360001,2020-01-02,40\n' +
  '潍城区人民公园北门,13905360002,2021-03-04,12\n' +
  '高新区国际会展中心,15053600003,2019-11-30,25\n' +
  '坊子区汽车站,18866600004,待定,8\n' +
  '寒亭区政务中心,13705360005,2018-06-15,16\n';

async function waitJob(context, id) {
  return eventually(async () => {
    const j = await apiCall(context, 'GET', `/api/v1/jobs/${id}`);
    return ['succeeded', 'rejected', 'failed', 'proposed'].includes(j.body?.state) ? j.body : null;
  }, 30_000);
}

async function uploadApi(context, csv, mode = 'reject') {
  const up = await apiCall(
    context,
    'POST',
    `/api/v1/entries/${CODE}/uploads?mode=${mode}&filename=stations.csv`,
    undefined,
    { raw: Buffer.from(csv, 'utf8'), headers: { 'Content-Type': 'application/octet-stream' } },
  );
  assert.equal(up.status, 202, JSON.stringify(up.body));
  return waitJob(context, up.body.id);
}

async function publicVersions(context) {
  const res = await context.request.fetch(`/api/v1/entries/${CODE}/versions`, {
    headers: { Accept: 'application/json' },
  });
  return (await res.json()).items.map((v) => v.number);
}

describe('the provider takes data to the public', { skip }, () => {
  let browser;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('one upload, adopt and import; an unchanged update published at once; a changed one reviewed', {
    timeout: 300_000,
  }, async () => {
    const provider = await newPage(browser);
    const authority = await newPage(browser);
    const visitor = await browser.newContext({ baseURL: process.env.KAIFANG_URL });
    const p = provider.page;
    try {
      await login(p, PROVIDER);
      const created = await apiCall(provider.context, 'POST', '/api/v1/entries', {
        code: CODE,
        name: NAME,
        summary: '潍坊市出租车服务站点的名称、电话、启用日期和车位数（端到端测试）。',
        domain: '交通',
        keywords: ['出租车'],
        formats: ['csv'],
        update_frequency: 'monthly',
        open_attribute: 'unconditional',
        share_attribute: 'unconditional',
        security_level: 'L1',
        fields: [],
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));

      // --- 1. Upload in one go. ---
      const dir = await mkdtemp(path.join(os.tmpdir(), 'kf-e2e-up-'));
      const file = path.join(dir, '出租车服务站点.csv');
      await writeFile(file, CSV);
      await p.goto(`/console/entries/${CODE}/upload`);
      await p.locator('#upload-file').setInputFiles(file);
      await p.getByRole('button', { name: '开始上传' }).click();
      const card = p.getByTestId('proposed-dictionary');
      await card.waitFor({ timeout: 60_000 });
      await card.getByRole('heading', { name: '核对推断的数据字典，采用并导入' }).waitFor();
      const notes = card.getByTestId('inference-notes');
      assert.match(await notes.innerText(), /启用日期[\s\S]*第 4 行/);
      assert.ok(!(await notes.innerText()).includes('待定'), 'the bad value is not quoted');
      // The phone column is text (a code), with headroom; the label can be edited before adopting.
      assert.equal(await card.getByLabel('第 2 行 字段名').inputValue(), '服务电话');
      await card.getByLabel('第 2 行 中文名称').fill('服务热线');
      await card.getByRole('radio', { name: '保留有效行，隔离其余' }).check();
      await snap(p, 'updates-1-proposal');
      const uploadsBefore = await apiCall(provider.context, 'GET', `/api/v1/entries/${CODE}/versions`);
      assert.equal(uploadsBefore.body.items.length, 0);
      await card.getByTestId('adopt-import').click();
      await p.getByTestId('job-outcome').getByText('导入完成，1 行未通过校验，已隔离。').waitFor({ timeout: 60_000 });
      await p.getByTestId('new-version').waitFor();
      await snap(p, 'updates-2-imported');
      const entry = await apiCall(provider.context, 'GET', `/api/v1/entries/${CODE}`);
      assert.deepEqual(
        entry.body.fields.map((f) => [f.name, f.type]),
        [
          ['站点名称', 'text'],
          ['服务电话', 'text'],
          ['启用日期', 'date'],
          ['车位数', 'integer'],
        ],
      );
      assert.equal(entry.body.fields[1].label, '服务热线');
      const v1 = (await apiCall(provider.context, 'GET', `/api/v1/entries/${CODE}/versions`)).body.items;
      assert.equal(v1.length, 1, 'one version from one upload');
      assert.equal(v1[0].row_count, 4);

      // First publication: submitted and approved (API; tests/e2e/review.test.mjs covers its pages).
      const sub = await apiCall(provider.context, 'POST', `/api/v1/entries/${CODE}/submit`, {
        version_id: v1[0].id,
      });
      assert.equal(sub.status, 201, JSON.stringify(sub.body));
      await login(authority.page, AUTHORITY);
      const ok = await apiCall(authority.context, 'POST', `/api/v1/cases/${sub.body.id}/actions`, {
        action: 'approve',
        comment: '同意发布',
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.state, 'approved');
      assert.deepEqual(await publicVersions(visitor), [1]);

      // --- 2. A routine update, same dictionary: published at once from the dataset page. ---
      const v2 = await uploadApi(provider.context, CSV.replace('待定', '2022-05-01').replace(',40\n', ',42\n'));
      assert.equal(v2.state, 'succeeded', JSON.stringify(v2));
      await p.goto(`/datasets/${CODE}`);
      const panel = p.getByTestId('update-path');
      await panel.waitFor();
      assert.equal(await panel.getAttribute('data-path'), 'direct');
      await panel.getByTestId('update-path-label').getByText('直接发布更新').waitFor();
      const reasons = await panel.getByTestId('update-reasons').innerText();
      assert.match(reasons, /数据字典和脱敏规则与已发布的第 1 版相同/);
      assert.match(reasons, /一致性检查通过：共 5 行/);
      assert.match(reasons, /潍坊办法 第十八条/);
      await panel.getByLabel('更新说明（可选）').fill('五月例行更新');
      await snap(p, 'updates-3-direct');
      await panel.getByTestId('update-submit').click();
      await p.getByText('已直接发布第 2 版，记入目录历史').first().waitFor();
      assert.deepEqual(await eventually(async () => {
        const v = await publicVersions(visitor);
        return v[0] === 2 ? v : null;
      }), [2], 'the public sees version 2 at once');
      await p.goto(`/console/entries/${CODE}/history`);
      const histRow = p.getByRole('row', { name: /直接发布更新/ }).first();
      await histRow.waitFor();
      assert.match(await histRow.innerText(), /transport/);
      assert.match(await histRow.innerText(), /第 2 版替换第 1 版/);
      await snap(p, 'updates-4-history');

      // --- 3. A version with a quarantined row: reviewed by the authority. ---
      const tasksBefore = (await apiCall(authority.context, 'GET', '/api/v1/cases?assigned=1')).body.items.length;
      const v3 = await uploadApi(provider.context, CSV.replace(',12\n', ',十二\n'), 'quarantine');
      assert.equal(v3.state, 'succeeded', JSON.stringify(v3));
      await p.goto(`/datasets/${CODE}`);
      await panel.waitFor();
      assert.equal(await panel.getAttribute('data-path'), 'review');
      await panel.getByTestId('update-path-label').getByText('提交更新审核').waitFor();
      assert.match(await panel.getByTestId('update-reasons').innerText(), /被隔离/);
      await snap(p, 'updates-5-review');
      await panel.getByTestId('update-submit').click();
      await p.getByTestId('update-done').getByText('已提交更新审核，待主管部门审核').waitFor();
      const tasks = await eventually(async () => {
        const r = await apiCall(authority.context, 'GET', '/api/v1/cases?assigned=1');
        return r.body.items.length > tasksBefore ? r.body.items : null;
      });
      const mine = tasks.find((c) => c.subject_code === CODE);
      assert.ok(mine, 'the authority has the task');
      assert.match(mine.title, /^更新审核/);
      assert.deepEqual(await publicVersions(visitor), [2], 'the public keeps version 2 during the review');

      assertClean(provider.problems);
    } catch (err) {
      await snap(p, 'updates-failure').catch(() => {});
      throw err;
    } finally {
      await visitor.close();
    }
  });
});
