// Shared browser set-up for the e2e tests: playwright-core from web/node_modules driving
// Debian's Chromium. Not a test file itself (node --test only runs *.test.mjs here).
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const resultsDir = path.join(here, 'results');
mkdirSync(resultsDir, { recursive: true });

const requireFromWeb = createRequire(path.join(here, '..', '..', 'web', 'package.json'));

function loadPlaywright() {
  try {
    return requireFromWeb('playwright-core');
  } catch (err) {
    throw new Error(
      `playwright-core not found in web/node_modules (run \`npm ci\` in web/): ${err.message}`,
    );
  }
}

export const baseUrl = (process.env.KAIFANG_URL ?? '').replace(/\/+$/, '');
/** A suite's `skip` option: the tests need the server that tests/e2e/run.sh starts. */
export const skipWithoutServer = baseUrl ? false : 'KAIFANG_URL is not set: run tests/e2e/run.sh';

export async function launchBrowser() {
  const { chromium } = loadPlaywright();
  // launch() gives every run a fresh temporary user-data dir of its own and removes it
  // on close (a --user-data-dir argument is refused here by design).
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    // The app then turns antd's animations off: no click lands on a dialog still zooming in.
    reducedMotion: 'reduce',
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  // Which request a "Failed to load resource" console line was about (Chromium does not say).
  const failedRequests = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failedRequests.push(`${res.request().method()} ${res.url()} → ${res.status()}`);
  });
  return { context, page, problems, failedRequests };
}

/** Saves a screenshot for humans (tests/e2e/results/, gitignored). */
export async function snap(page, name) {
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

export function uniqueUsername(prefix = 'e2e') {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export const PASSWORD = 'E2e-Pass-2026!';
export const HAN = /[\u4e00-\u9fff]/;

// --- helpers shared by the journeys ------------------------------------------------------

/** The password of the demo city's accounts (transport, health, bureau, company, …). */
export const DEMO_PASSWORD = 'Demo-2026!kf';
/** The administrator's password set by tests/e2e/run.sh (`kaifang init --admin-password`). */
export const ADMIN_PASSWORD = 'Root-Pass-2026!';

/** Logs in through the form and waits until the app has left the login page. */
export async function login(page, username, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

/** A JSON request in the page's session (cookies shared), with its CSRF token. */
export async function apiCall(context, method, path, body, extra = {}) {
  const me = await (await context.request.get('/api/v1/me')).json();
  const res = await context.request.fetch(path, {
    method,
    headers: { 'X-CSRF-Token': me.csrf_token ?? '', Accept: 'application/json', ...(extra.headers ?? {}) },
    ...(extra.raw !== undefined ? { data: extra.raw } : body !== undefined ? { data: body } : {}),
  });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : undefined };
}

/** No uncaught errors and no console errors, apart from failed requests a test provokes. */
export function assertClean(problems, allowed = []) {
  const bad = problems.filter((p) => !allowed.some((re) => re.test(p)) && !/Failed to load resource/.test(p));
  assert.deepEqual(bad, [], 'no errors in the page');
}

/** Polls check() until it returns something truthy or the time is up; returns its last answer. */
export async function eventually(check, ms = 10_000, stepMs = 200) {
  const end = Date.now() + ms;
  for (;;) {
    const out = await check();
    if (out || Date.now() > end) return out;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** The page is no wider than the screen (nothing to scroll sideways at phone width). */
export async function assertNoSideScroll(page, what = 'the page') {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(m.scroll <= m.client, `${what}: no horizontal scrolling (${JSON.stringify(m)})`);
}

// --- the scenario server (lishui profile, test clock) -------------------------------------

/** The scenario server of tests/e2e/run.sh: its own database, the lishui profile, the test clock. */
export const scenarioUrl = (process.env.KAIFANG_SCENARIO_URL ?? '').replace(/\/+$/, '');
export const skipWithoutScenario = scenarioUrl
  ? false
  : 'KAIFANG_SCENARIO_URL is not set: run tests/e2e/run.sh';

const adminSessions = new Map();

async function adminSession(url) {
  if (adminSessions.has(url)) return adminSessions.get(url);
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  assert.equal(res.status, 200, `admin login on ${url}`);
  const cookie = (res.headers.get('set-cookie') ?? '').match(/kf_session=[^;]+/)?.[0];
  assert.ok(cookie, 'a session cookie');
  const { csrf_token: csrf } = await res.json();
  const session = { cookie, csrf };
  adminSessions.set(url, session);
  return session;
}

/**
 * Moves the test clock of a server started with `--test-clock` (docs/testing.md) and runs its
 * due timers once: moveClock({ advance_wd: 3 }), moveClock({ advance_days: 1 }),
 * moveClock({ set: '2026-10-09T09:00' }). Answers { now, now_utc, date, previous, timers:
 * { reminders, overdue, escalated, mailed } }. Signs in as admin with ADMIN_PASSWORD.
 */
export async function moveClock(move, url = scenarioUrl) {
  assert.ok(url, 'moveClock needs a server on the test clock (KAIFANG_SCENARIO_URL)');
  const { cookie, csrf } = await adminSession(url);
  const res = await fetch(`${url}/api/v1/testing/clock`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: JSON.stringify(move),
  });
  const body = await res.json();
  assert.equal(res.status, 200, `POST /api/v1/testing/clock ${JSON.stringify(move)}: ${JSON.stringify(body)}`);
  return body;
}
