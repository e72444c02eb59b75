// MSK-6 end to end on the demo city: the demo loader published 370700-MZ-0002 (最低生活保障
//对象, personal data with rules on its sensitive fields). Every raw sensitive value of that
// version is looked for in the bytes of the published (desensitized) version file, in a CSV
// and a JSON download, in data API and preview answers, and in the server log: none is found.
// run.sh exports KAIFANG_DB_FILE (the SQLite database) and KAIFANG_SERVER_LOG.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { baseUrl } from './browser.mjs';

const dbFile = process.env.KAIFANG_DB_FILE ?? '';
const serverLog = process.env.KAIFANG_SERVER_LOG ?? '';
const skip = baseUrl && dbFile && serverLog ? false : 'KAIFANG_URL / KAIFANG_DB_FILE / KAIFANG_SERVER_LOG not set: run tests/e2e/run.sh';
const CODE = '370700-MZ-0002';

function sqlite(file, sql) {
  return execFileSync('sqlite3', ['-readonly', '-noheader', '-separator', '\u001f', file, sql], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
}

async function login(username, password) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `login ${username}: HTTP ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return { Cookie: cookie };
}

async function text(url, headers = {}) {
  const res = await fetch(`${baseUrl}${url}`, { headers });
  assert.equal(res.status, 200, `GET ${url}: HTTP ${res.status}`);
  return res.text();
}

describe('desensitization at publication (demo city)', { skip }, () => {
  test('no raw sensitive value in the published version, downloads, API answers or the log', async () => {
    const admin = await login('admin', 'Root-Pass-2026!');
    const entry = JSON.parse(await text(`/api/v1/entries/${CODE}`, admin));
    const sensitive = entry.fields.filter((f) => f.security_grade === 'L3' || f.security_grade === 'L4');
    assert.ok(sensitive.length >= 2, 'the demo entry has sensitive fields');
    for (const f of sensitive) assert.ok(f.mask_rule, `${f.name} has a rule`);

    const versions = JSON.parse(await text(`/api/v1/entries/${CODE}/versions`, admin));
    const published = (versions.items ?? versions).find((v) => v.state === 'published');
    assert.ok(published, 'a published version');
    assert.equal(published.desensitized, true);

    // The raw values, straight from the raw version's file.
    const [storage, masked] = sqlite(dbFile, `SELECT storage, masked_storage FROM dataset_versions WHERE id = ${published.id}`)
      .trim()
      .split('\u001f');
    assert.ok(masked, 'the published version has a desensitized copy');
    const dir = path.join(path.dirname(dbFile), 'datasets');
    const indexes = sensitive.map((f) => published.columns.indexOf(f.name));
    assert.ok(indexes.every((i) => i >= 0));
    const rawRows = sqlite(path.join(dir, storage), `SELECT ${indexes.map((i) => `c${i}`).join(', ')} FROM rows`)
      .split('\n')
      .filter(Boolean);
    const raw = new Set();
    for (const row of rawRows) for (const v of row.split('\u001f')) if (v.length >= 2) raw.add(v);
    assert.ok(raw.size > 100, `raw sensitive values collected: ${raw.size}`);

    // Everything a published read can give, for staff and the public alike.
    const served = [
      readFileSync(path.join(dir, masked)).toString('latin1'),
      await text(`/api/v1/datasets/${CODE}/download?format=csv`, admin),
      await text(`/api/v1/datasets/${CODE}/download?format=json`, admin),
      await text(`/api/v1/datasets/${CODE}/rows?$limit=5000`, admin),
      await text(`/resource/${CODE}.csv?$limit=5000`, admin),
      await text(`/api/v1/entries/${CODE}/preview?limit=200`, admin),
    ];
    // The file is searched as bytes: compare against each value's UTF-8 bytes read the same way.
    const asBytes = (s) => Buffer.from(s, 'utf8').toString('latin1');
    // Let the access log of the last requests reach the file.
    await new Promise((r) => setTimeout(r, 300));
    const log = readFileSync(serverLog, 'utf8');
    const leaks = [];
    for (const v of raw) {
      if (served[0].includes(asBytes(v))) leaks.push(`published file: ${v.length} chars`);
      for (let i = 1; i < served.length; i++) if (served[i].includes(v)) leaks.push(`answer ${i}`);
      if (log.includes(v)) leaks.push('server log');
    }
    assert.deepEqual(leaks.slice(0, 5), [], `raw values found: ${leaks.length}`);
    // The check reads real content: the masked CSV has as many rows as the raw version.
    const csv = served[1].trim().split('\n');
    assert.equal(csv.length - 1, rawRows.length);
  });
});
