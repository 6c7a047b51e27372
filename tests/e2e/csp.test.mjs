// The callbacks example under a strict Content-Security-Policy built by the csp plugin: with the
// hashes of the inline scripts it works (inline clientside callback included) without a violation;
// without them the browser refuses the inline scripts and the app never starts.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';

import { expectText, launchBrowser, repoRoot, saveHostLog, saveScreenshot, startDashHost, uiTimeoutMs } from './lib.mjs';

const configs = path.join(repoRoot, 'apps/examples/callbacks');

describe('strict_csp', () => {
  const opened = [];
  after(async () => {
    for (const { browser, host, name } of opened) {
      await browser?.close();
      await host?.stop();
      saveHostLog(host, `dash-host-${name}.log`);
    }
  });

  async function open(config, name) {
    const host = await startDashHost(path.join(configs, config));
    const browser = await launchBrowser();
    const violations = [];
    browser.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    opened.push({ browser, host, name });
    const response = await browser.page.goto(host.baseUrl + '/');
    return { browser, page: browser.page, violations, csp: response.headers()['content-security-policy'] };
  }

  it('app_with_inline_clientside_callback_works_under_the_hashed_policy', async () => {
    const { browser, page, violations, csp } = await open('csp.json', 'csp');
    assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.match(csp, /'sha256-jZlsGVOhUAIcH\+4PVs7QuGZkthRMgvT2n0ilH6\/zTM0='/);  // var renderer = new DashRenderer();
    await expectText(page, '#summary', '0 items, 0 done');
    await page.fill('#cs-in', '4');
    await expectText(page, '#cs-out', 'doubled: 8');
    await page.fill('#asset-in', 'ok');
    await expectText(page, '#asset-out', 'OK!');
    await saveScreenshot(page, 'csp.png');
    assert.deepEqual(violations, []);
    assert.deepEqual(browser.problems, []);
  });

  it('without_the_hashes_the_browser_refuses_the_inline_scripts', async () => {
    const { page, violations, csp } = await open('csp-without-hashes.json', 'csp-without-hashes');
    assert.doesNotMatch(csp, /sha256-/);
    await page.waitForFunction(() => document.readyState === 'complete', null, { timeout: uiTimeoutMs });
    // Console events arrive asynchronously: wait (bounded) until the violation has been reported.
    const deadline = Date.now() + uiTimeoutMs;
    while (violations.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // The renderer never starts: the loading placeholder stays and a violation is reported.
    assert.equal(await page.locator('#react-entry-point ._dash-loading').count(), 1);
    assert.equal(await page.locator('#summary').count(), 0);
    assert.ok(violations.length > 0, 'a CSP violation is reported in the console');
  });
});
