// End to end: the hello example with every callback over the WebSocket transport (protocol §12):
// the renderer's shared worker connects to _dash-ws-callback and no callback POST is made; two tabs
// share the worker; after the host restarts the worker reconnects and callbacks work again; a page
// of a foreign origin cannot open the socket; the streaming example shows set_props progress before the
// answer and reads a prop with get_prop. Run: node --test tests/e2e/websocket.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { expectText, launchBrowser, repoRoot, saveHostLog, saveScreenshot } from './lib.mjs';
import { startDashHost } from '../lib/dash-host.mjs';

const appConfig = path.join(repoRoot, 'apps/examples/hello/dash-websocket.json');

describe('callbacks over the WebSocket transport in Chromium', () => {
  let host;
  let browser;
  const callbackPosts = [];

  before(async () => {
    host = await startDashHost(appConfig);
    browser = await launchBrowser();
    browser.context.on('request', (request) => {
      if (request.url().includes('_dash-update-component')) callbackPosts.push(request.url());
    });
    await browser.page.goto(`${host.baseUrl}/`);
  });

  after(async () => {
    await saveScreenshot(browser?.page, 'websocket.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-websocket.log');
  });

  it('callbacks_run_over_the_socket_not_http', async () => {
    const { page } = browser;
    await expectText(page, '#out', 'echo: hello');  // the initial call
    await page.fill('#in', 'over the socket');
    await expectText(page, '#out', 'echo: over the socket');
    await page.locator('#graph .main-svg').first().waitFor();
    assert.deepEqual(callbackPosts, [], 'no callback went over HTTP');
  });

  it('two_tabs_share_the_worker_and_both_get_their_answers', async () => {
    const second = await browser.context.newPage();
    await second.goto(`${host.baseUrl}/`);
    await expectText(second, '#out', 'echo: hello');
    await second.fill('#in', 'second tab');
    await browser.page.fill('#in', 'first tab');
    await expectText(second, '#out', 'echo: second tab');
    await expectText(browser.page, '#out', 'echo: first tab');
    await second.close();
    assert.deepEqual(callbackPosts, []);
  });

  it('the_worker_reconnects_after_the_host_restarts', async () => {
    const port = Number(new URL(host.baseUrl).port);
    await host.stop();  // graceful: the socket is closed with 1001, the worker retries
    saveHostLog(host, 'dash-host-websocket-first.log');
    host = await startDashHost(appConfig, port);
    await browser.page.fill('#in', 'after restart');
    await expectText(browser.page, '#out', 'echo: after restart');
    assert.deepEqual(callbackPosts, []);
  });

  it('a_foreign_origin_cannot_open_the_socket', async () => {
    // The same host under another name is another origin; the socket URL names 127.0.0.1.
    const foreign = await browser.context.newPage();
    const port = new URL(host.baseUrl).port;
    await foreign.goto(`http://localhost:${port}/_favicon.ico`);
    const outcome = await foreign.evaluate((url) => new Promise((resolve) => {
      const socket = new WebSocket(url);
      socket.onopen = () => resolve('open');
      socket.onclose = (event) => resolve(`closed ${event.code}`);
    }), `ws://127.0.0.1:${port}/_dash-ws-callback`);
    assert.equal(outcome, 'closed 1006');  // the handshake was refused (403)
    await foreign.close();
  });

  it('console_has_no_errors', () => {
    const unexpected = browser.problems.filter((problem) => !problem.includes('/_dash-ws-callback')
      && !problem.includes('WebSocket connection to'));
    assert.deepEqual(unexpected, []);
  });
});

describe('streaming example: set_props while a callback runs, get_prop from the page', () => {
  let host;
  let browser;

  before(async () => {
    host = await startDashHost(path.join(repoRoot, 'apps/examples/streaming/dash.json'));
    browser = await launchBrowser();
    await browser.page.goto(`${host.baseUrl}/`);
  });

  after(async () => {
    await saveScreenshot(browser?.page, 'streaming.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-streaming.log');
  });

  it('progress_reaches_the_page_before_the_answer', async () => {
    const { page } = browser;
    await expectText(page, '#progress', 'idle');
    await page.click('#run');
    // Seen while the callback still runs: over HTTP these would only come with the answer.
    await page.waitForFunction(() => document.querySelector('#progress')?.textContent === 'step 2 of 3'
      && document.querySelector('#result')?.textContent === '');
    await expectText(page, '#result', 'report #1');
    await expectText(page, '#progress', 'done');
  });

  it('get_prop_reads_the_current_value_from_the_page', async () => {
    const { page } = browser;
    await page.fill('#label', 'quarterly');
    await page.click('#run');
    await expectText(page, '#result', 'quarterly #2');
  });

  it('console_has_no_errors', () => {
    const unexpected = browser.problems.filter((problem) => !problem.includes('WebSocket connection to'));
    assert.deepEqual(unexpected, []);
  });
});
