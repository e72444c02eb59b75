// Shared browser set-up for the e2e tests: playwright-core from web/node_modules driving
// Debian's Chromium. Not a test file itself (node --test only runs *.test.mjs here).
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
