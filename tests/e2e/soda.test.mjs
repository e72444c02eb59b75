// soda-js, the published Socrata client from npm, against `kaifang serve` with the demo city.
// soda-js only speaks HTTPS (it builds https://{site}/resource/{id}.json), so run.sh starts a
// second server over the same database with --tls-cert/--tls-key and a self-signed certificate
// (KAIFANG_TLS_URL, KAIFANG_TLS_CA). The expected rows are computed here, independently, from
// an unfiltered fetch over the plain-HTTP server (KAIFANG_URL).
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseUrl } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const requireFromWeb = createRequire(path.join(here, '..', '..', 'web', 'package.json'));

const tlsUrl = (process.env.KAIFANG_TLS_URL ?? '').replace(/\/+$/, '');
const tlsCa = process.env.KAIFANG_TLS_CA ?? '';
const skip = baseUrl && tlsUrl ? false : 'KAIFANG_URL / KAIFANG_TLS_URL are not set: run tests/e2e/run.sh';

// soda-js gives no way to pass a CA to its HTTP client (superagent, with its own agent per
// request), so certificate checks are off, for this test process only (node --test runs
// every file in a process of its own). The first test checks the certificate itself.
if (tlsUrl) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

const CODE = '370700-JT-0001'; // 潍坊市公交线路信息: length_km (decimal), vehicles (integer)

async function getJson(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, `GET ${url}: HTTP ${res.status}`);
  return res.json();
}

// Runs a soda-js query; resolves with the rows of its 'success' event.
function sodaRows(query) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('soda-js: no answer within 20 s')), 20_000);
    query
      .getRows()
      .on('success', (rows) => {
        clearTimeout(timer);
        resolve(rows);
      })
      .on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`soda-js error: ${typeof err === 'string' ? err : JSON.stringify(err)}`));
      });
  });
}

describe('soda-js over HTTPS', { skip }, () => {
  let soda;
  let site; // "127.0.0.1:PORT": soda-js wants a host, not a URL
  let all; // every row of the dataset, as SODA returns them (strings, nulls left out)

  before(async () => {
    soda = requireFromWeb('soda-js');
    site = new URL(tlsUrl).host;
    const { total } = await getJson(`${baseUrl}/api/v1/datasets/${CODE}/rows?$limit=0`);
    assert.ok(total > 20, `${CODE} has rows (${total})`);
    all = await getJson(`${baseUrl}/resource/${CODE}.json?$limit=${total}`);
    assert.equal(all.length, total);
  });

  test('the TLS server presents the certificate run.sh made', { skip: tlsCa ? false : 'KAIFANG_TLS_CA not set' }, async () => {
    // A client that trusts only that certificate, with the checks on.
    const status = await new Promise((resolve, reject) => {
      const req = https.get(`${tlsUrl}/healthz`, { ca: readFileSync(tlsCa), rejectUnauthorized: true }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
    });
    assert.equal(status, 200);
  });

  test('$where + $order + $limit through soda-js', async () => {
    const lengths = all.map((r) => Number(r.length_km)).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
    // A threshold that keeps some rows but not all: the median length.
    const threshold = lengths[Math.floor(lengths.length / 2)];
    const limit = 15;

    const consumer = new soda.Consumer(site);
    const query = consumer
      .query()
      .withDataset(CODE)
      .where(`length_km > ${threshold}`)
      .order('length_km desc', 'line_no')
      .limit(limit);
    assert.equal(
      query.getURL(),
      `https://${site}/resource/${CODE}.json?` +
        `%24where=${encodeURIComponent(`(length_km > ${threshold})`)}` +
        `&%24order=${encodeURIComponent('length_km desc, line_no asc')}&%24limit=${limit}`,
    );
    const rows = await sodaRows(query);

    // The same question answered in JS from the unfiltered rows.
    const expected = all
      .filter((r) => r.length_km !== undefined && Number(r.length_km) > threshold)
      .sort((a, b) => Number(b.length_km) - Number(a.length_km) || (a.line_no < b.line_no ? -1 : a.line_no > b.line_no ? 1 : 0))
      .slice(0, limit);
    assert.ok(expected.length > 1, 'the filter keeps more than one row');
    assert.ok(expected.length < all.length, 'the filter drops rows');
    assert.deepEqual(rows, expected);
  });

  test('a simple equality filter and an offset through soda-js', async () => {
    // The most common energy type, and the second page of its lines ordered by line number.
    const counts = new Map();
    for (const r of all) if (r.energy_type) counts.set(r.energy_type, (counts.get(r.energy_type) ?? 0) + 1);
    const [energy] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    const query = new soda.Consumer(site)
      .query()
      .withDataset(CODE)
      .where({ energy_type: energy })
      .order('line_no')
      .offset(5)
      .limit(10);
    const rows = await sodaRows(query);
    const expected = all
      .filter((r) => r.energy_type === energy)
      .sort((a, b) => (a.line_no < b.line_no ? -1 : a.line_no > b.line_no ? 1 : 0))
      .slice(5, 15);
    assert.ok(expected.length > 0, `lines with energy type ${energy} beyond the first five`);
    assert.deepEqual(rows, expected);
  });
});
