// Shared helpers for the end-to-end tests: start dash-host on a free port, launch Debian's headless
// Chromium (never a downloaded browser) with a fresh profile, collect console/page/network problems,
// and wait on page conditions. DASH_HOST_BIN overrides the host binary (default build/bin/dash-host).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const hostBinary = process.env.DASH_HOST_BIN
  ? path.resolve(process.env.DASH_HOST_BIN)
  : path.join(repoRoot, 'build/bin/dash-host');
export const outputDir = path.join(repoRoot, 'build/e2e');
export const chromiumBinary = '/usr/bin/chromium';
export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
export const startupTimeoutMs = 30_000;
export const uiTimeoutMs = 30_000;

export async function findFreePort() {
  const probe = net.createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address();
  probe.close();
  await once(probe, 'close');
  return port;
}

// Status of GET url, or 0 when nothing answers. No keep-alive: a pooled socket would hold the test
// process open after the last test.
export function probeStatus(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: 1000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

// Starts dash-host and resolves once GET / answers 200; rejects with the host's log otherwise.
export async function startDashHost(configFile) {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(hostBinary, ['--config', configFile, '--host', '127.0.0.1', '--port', String(port)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let exit = null;
  child.stdout.on('data', (chunk) => { log += chunk; });
  child.stderr.on('data', (chunk) => { log += chunk; });
  child.on('error', (error) => { exit = `could not start ${hostBinary}: ${error.message}`; });
  child.on('exit', (code, signal) => { exit ??= `dash-host exited early (code ${code}, signal ${signal})`; });

  const deadline = Date.now() + startupTimeoutMs;
  for (;;) {
    if (exit) throw new Error(`${exit}\n--- dash-host log ---\n${log}`);
    if (await probeStatus(`${baseUrl}/`) === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`dash-host did not answer GET / within ${startupTimeoutMs} ms\n--- log ---\n${log}`);
    }
    await delay(100);
  }

  async function stop() {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), delay(5000, false, { ref: false })]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  }
  return { baseUrl, stop, log: () => log };
}

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
