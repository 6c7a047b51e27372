// End to end: a multi-page app (plugins/pages, tests/integration/pages_app) in Chromium: dcc.Link
// navigates between pages without reloading, path variables and the query string reach the layout,
// document.title follows the page, the back button goes back, unknown paths show the 404 page.
// Run: node --test tests/e2e/pages.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, repoRoot, saveHostLog, saveScreenshot, startDashHost } from './lib.mjs';

const appConfig = path.join(repoRoot, 'tests/integration/pages_app/dash.json');

describe('pages in Chromium', () => {
  let host;
  let browser;
  let page;

  const heading = () => page.locator('#_pages_content h1');
  const waitForHeading = (text) =>
    page.waitForFunction((expected) => document.querySelector('#_pages_content h1')?.textContent === expected, text);

  before(async () => {
    host = await startDashHost(appConfig);
    browser = await launchBrowser();
    ({ page } = browser);
    await page.goto(`${host.baseUrl}/`);
    await waitForHeading('Home');
  });

  after(async () => {
    await saveScreenshot(page, 'pages.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-pages.log');
  });

  it('links_navigate_without_a_reload_and_the_title_follows', async () => {
    await page.evaluate(() => { window.__same_document = true; });
    await page.locator('#to-report').click();
    await waitForHeading("arguments {'quarter': 'q1', 'sort': 'desc'}");
    await page.waitForFunction(() => document.title === 'Quarterly report');
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/reports/q1?sort=desc');
    await page.locator('#to-analytics').click();
    await waitForHeading('Analytics');
    await page.waitForFunction(() => document.title === 'Pages test');
    assert.equal(await page.evaluate(() => window.__same_document), true, 'no page load happened');
  });

  it('the_back_button_goes_to_the_previous_page', async () => {
    await page.goBack();
    await waitForHeading("arguments {'quarter': 'q1', 'sort': 'desc'}");
    await page.waitForFunction(() => document.title === 'Quarterly report');
    await page.goForward();
    await waitForHeading('Analytics');
  });

  it('unknown_paths_show_the_404_page_and_a_direct_load_routes_too', async () => {
    await page.locator('#to-missing').click();
    await waitForHeading('404 - Page not found');
    await page.goto(`${host.baseUrl}/reports/q2`);
    await waitForHeading("arguments {'quarter': 'q2'}");
    assert.equal(await heading().count(), 1);
  });
});
