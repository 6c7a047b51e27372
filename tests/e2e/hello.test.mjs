// End to end: the hello example served by dash-host, driven by headless Chromium running the real
// dash-renderer and component bundles. Run: node --test tests/e2e/hello.test.mjs
// DASH_HOST_BIN overrides the host binary (default build/bin/dash-host in the repository).
import { after, before, describe, it } from 'node:test';
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

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hostBinary = process.env.DASH_HOST_BIN
  ? path.resolve(process.env.DASH_HOST_BIN)
  : path.join(repoRoot, 'build/bin/dash-host');
const appConfig = path.join(repoRoot, 'apps/examples/hello/dash.json');
const outputDir = path.join(repoRoot, 'build/e2e');
const chromiumBinary = '/usr/bin/chromium';
const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const startupTimeoutMs = 30_000;
const uiTimeoutMs = 30_000;

async function findFreePort() {
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
function probeStatus(url) {
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
async function startDashHost(configFile) {
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

// Waits until the element's text equals `expected`; on timeout fails with the text actually seen.
async function expectText(page, selector, expected) {
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

describe('hello example in Chromium', () => {
  let host;
  let userDataDir;
  let context;
  let page;
  const problems = [];

  before(async () => {
    host = await startDashHost(appConfig);
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashcpp-e2e-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumBinary,
      headless: true,
      args: chromiumArgs,
    });
    page = context.pages()[0] ?? await context.newPage();
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
    await page.goto(`${host.baseUrl}/`);
  });

  after(async () => {
    fs.mkdirSync(outputDir, { recursive: true });
    await page?.screenshot({ path: path.join(outputDir, 'hello.png'), fullPage: true }).catch(() => {});
    await context?.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    await host?.stop();
    if (host) fs.writeFileSync(path.join(outputDir, 'dash-host.log'), host.log());
  });

  it('renders_layout_in_chromium', async () => {
    await page.locator('#in').waitFor();
    assert.equal(await page.locator('#in').inputValue(), 'hello');
    await expectText(page, '#out', 'echo: hello');
  });

  it('typing_updates_the_div', async () => {
    await page.fill('#in', 'browser test');
    await expectText(page, '#out', 'echo: browser test');
  });

  it('graph_draws_svg', async () => {
    await page.locator('#graph .main-svg').first().waitFor();
    await page.locator('#graph .scatterlayer .trace path').first().waitFor({ state: 'attached' });
    await expectText(page, '#graph .gtitle', 'sin');

    await page.click('#dd');
    await page.getByRole('option', { name: 'cos', exact: true }).click();
    await expectText(page, '#dd .dash-dropdown-value', 'cos');
    await expectText(page, '#graph .gtitle', 'cos');
    assert.ok(await page.locator('#graph .scatterlayer .trace path').count() > 0, 'trace path after redraw');
  });

  it('console_has_no_errors', () => {
    assert.deepEqual(problems, []);
  });
});
