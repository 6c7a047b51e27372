// End to end: the pages example (apps/examples/pages, docs/pages.md) in Chromium, its pages being
// plugins in a pages folder: a callback inside a page, a path variable reaching the layout and the
// title, a query string, routing_callback_inputs, redirect_from, the custom 404 page, no dev-tools
// error (the validation layout holds the pages' components), a page plugin dropped into the folder
// appearing after a restart, and all of it again under a requests_pathname_prefix.
// Run: node --test tests/e2e/pages_example.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expectText, hostBinary, launchBrowser, saveHostLog, saveScreenshot, startDashHost } from './lib.mjs';

const buildDir = path.dirname(path.dirname(hostBinary));
const builtPages = path.join(buildDir, 'apps/examples/pages/pages');

// A deployment in a fresh directory: its config and a pages folder holding copies of the example's
// page plugins (all but those left out).
function deployment(name, { leaveOut = [], app = {} } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dashcpp-${name}-`));
  fs.mkdirSync(path.join(dir, 'pages'));
  for (const file of fs.readdirSync(builtPages)) {
    if (!leaveOut.includes(file)) fs.copyFileSync(path.join(builtPages, file), path.join(dir, 'pages', file));
  }
  const config = {
    debug: true,
    app: { title: 'dashcpp pages', ...app },
    plugins: [{ name: 'pages', config: { pages_folder: 'pages' } }, { name: 'pages-example' }],
  };
  fs.writeFileSync(path.join(dir, 'dash.json'), JSON.stringify(config, null, 2));
  return dir;
}

function helpers(page) {
  return {
    waitForHeading: (text) => expectText(page, '#page-heading', text),
    waitForTitle: (title) => page.waitForFunction((expected) => document.title === expected, title),
    pathname: () => new URL(page.url()).pathname,
    // The dev tools are up (debug) and count no error: the count badge only exists above zero.
    noDevToolsErrors: async () => {
      await page.locator('#dash-debug-menu__errors-button').waitFor();
      const count = await page.locator('.test-devtools-error-count').count();
      const shown = count ? await page.locator('.test-devtools-error-count').textContent() : '0';
      assert.equal(shown, '0', 'the dev tools report errors');
    },
  };
}

describe('the pages example in Chromium', () => {
  const dir = deployment('pages-example', { leaveOut: ['search.so'] });
  let host;
  let browser;
  let page;
  let h;

  before(async () => {
    host = await startDashHost(path.join(dir, 'dash.json'));
    browser = await launchBrowser();
    ({ page } = browser);
    h = helpers(page);
    await page.goto(`${host.baseUrl}/`);
    await h.waitForHeading('Home');
  });

  after(async () => {
    await saveScreenshot(page, 'pages-example.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-pages-example.log');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a_callback_inside_a_page_works_and_the_dev_tools_stay_clean', async () => {
    await h.noDevToolsErrors();
    await page.locator('#nav-analytics').click();
    await h.waitForHeading('Analytics');
    await h.waitForTitle('Analytics');
    await expectText(page, '#analytics-summary', '40 points in metric units');
    await page.locator('#analytics-graph .main-svg').first().waitFor();
    // routing_callback_inputs: the app's units switch redraws the page with the new value.
    await page.locator('#units input[value="imperial"]').check();
    await expectText(page, '#analytics-units', 'units: imperial');
    await expectText(page, '#analytics-summary', '40 points in imperial units');
    await h.noDevToolsErrors();
  });

  it('a_path_variable_reaches_the_layout_and_the_title_function', async () => {
    await page.locator('#nav-home').click();
    await h.waitForHeading('Home');
    await page.locator('#home-to-report').click();
    await h.waitForHeading('Report 2026-Q3');
    await h.waitForTitle('Report 2026-Q3');
    assert.equal(h.pathname(), '/report/2026-Q3');
  });

  it('redirect_from_and_the_custom_404_page', async () => {
    await page.goto(`${host.baseUrl}/charts`);
    await h.waitForHeading('Analytics');
    assert.equal(h.pathname(), '/analytics');
    // search.so is not in the folder yet: /search is the 404 page.
    await page.goto(`${host.baseUrl}/search?q=rain`);
    await h.waitForHeading('This page does not exist');
    await h.waitForTitle('Not found');
    assert.equal(await page.locator('#nav-search').count(), 0);
  });

  it('a_page_plugin_dropped_into_the_folder_appears_after_a_restart', async () => {
    await host.stop();
    saveHostLog(host, 'dash-host-pages-example-before-restart.log');
    fs.copyFileSync(path.join(builtPages, 'search.so'), path.join(dir, 'pages', 'search.so'));
    host = await startDashHost(path.join(dir, 'dash.json'));
    await page.goto(`${host.baseUrl}/search?q=rain&tag=a&tag=b`);
    await h.waitForHeading('Search');
    await expectText(page, '#search-q', 'q: rain');
    await expectText(page, '#search-tag', "tag: ['a', 'b']");
    await page.locator('#nav-search').waitFor();
    await h.noDevToolsErrors();
  });
});

describe('the pages example under a prefix', () => {
  const dir = deployment('pages-prefix', { app: { url_base_pathname: '/app/' } });
  let host;
  let browser;
  let page;
  let h;

  before(async () => {
    host = await startDashHost(path.join(dir, 'dash.json'), undefined, '/app/');
    browser = await launchBrowser();
    ({ page } = browser);
    h = helpers(page);
    await page.goto(`${host.baseUrl}/app/`);
    await h.waitForHeading('Home');
  });

  after(async () => {
    await saveScreenshot(page, 'pages-prefix.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-pages-prefix.log');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('links_path_variables_queries_redirects_and_404_work_below_the_prefix', async () => {
    await h.noDevToolsErrors();
    await page.locator('#nav-analytics').click();
    await h.waitForHeading('Analytics');
    assert.equal(h.pathname(), '/app/analytics');
    await expectText(page, '#analytics-summary', '40 points in metric units');
    await page.locator('#nav-home').click();
    await page.locator('#home-to-report').click();
    await h.waitForHeading('Report 2026-Q3');
    await h.waitForTitle('Report 2026-Q3');
    assert.equal(h.pathname(), '/app/report/2026-Q3');
    await page.goto(`${host.baseUrl}/app/search?q=snow`);
    await expectText(page, '#search-q', 'q: snow');
    await page.goto(`${host.baseUrl}/app/charts`);
    await h.waitForHeading('Analytics');
    assert.equal(h.pathname(), '/app/analytics');
    await page.goto(`${host.baseUrl}/app/nowhere`);
    await h.waitForHeading('This page does not exist');
    await page.locator('#not-found-home').click();
    await h.waitForHeading('Home');
    assert.equal(h.pathname(), '/app/');
  });
});
