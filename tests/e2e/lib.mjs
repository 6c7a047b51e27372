// Shared helpers for the end-to-end tests: dash-host (from ../lib/dash-host.mjs), Debian's headless
// Chromium (never a downloaded browser) with a fresh profile, collect console/page/network problems,
// and wait on page conditions. DASH_HOST_BIN overrides the host binary (default build/bin/dash-host).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { hostBinary, repoRoot, startDashHost, startupTimeoutMs } from '../lib/dash-host.mjs';

export { hostBinary, repoRoot, startDashHost, startupTimeoutMs };

export const outputDir = path.join(repoRoot, 'build/e2e');
export const chromiumBinary = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const uiTimeoutMs = 30_000;

// Launches headless Chromium with a fresh profile and returns { context, page, problems, close }.
// `problems` collects console errors, page errors, failed requests and HTTP responses >= 400.
export async function launchBrowser() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashcpp-e2e-chromium-'));
  const problems = [];
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumBinary,
      headless: true,
      args: chromiumArgs,
    });
  } catch (error) {
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  async function close() {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  return { context, page, problems, close };
}

// Saves a full-page screenshot as build/e2e/<name> (best effort: a dead page must not mask results).
export async function saveScreenshot(page, name) {
  fs.mkdirSync(outputDir, { recursive: true });
  await page?.screenshot({ path: path.join(outputDir, name), fullPage: true }).catch(() => {});
}

// Writes the host's log as build/e2e/<name>; call after host.stop() so shutdown lines are included.
export function saveHostLog(host, name) {
  if (!host) return;
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(path.join(outputDir, name), host.log());
}

// Waits until the element's text equals `expected`; on timeout fails with the text actually seen.
export async function expectText(page, selector, expected) {
  try {
    await page.waitForFunction(
      ([sel, text]) => document.querySelector(sel)?.textContent === text,
      [selector, expected],
      { timeout: uiTimeoutMs },
    );
  } catch {
    const actual = await page.locator(selector).first().textContent().catch(() => '(element missing)');
    assert.equal(actual, expected, `text of ${selector}`);
  }
}

// Starts dash-host with `config`, opens its page in a fresh Chromium; close() saves the screenshot
// and the host's log under build/e2e and stops both.
export async function openApp(config, name) {
  const host = await startDashHost(config);
  const browser = await launchBrowser();
  await browser.page.goto(`${host.baseUrl}/`);
  async function close() {
    await saveScreenshot(browser.page, `${name}.png`);
    await browser.close();
    await host.stop();
    saveHostLog(host, `dash-host-${name}.log`);
  }
  return { host, browser, page: browser.page, problems: browser.problems, close };
}
