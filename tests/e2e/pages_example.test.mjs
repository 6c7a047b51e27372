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

// A deployment (see deployment()) served and opened in Chromium at `prefix` before the suite's tests,
// stopped and removed after them; `s.host` may be replaced by a test (a restart).
function openDeployment(name, { prefix = '/', ...options } = {}) {
  const s = { dir: deployment(name, options) };
  before(async () => {
    s.host = await startDashHost(path.join(s.dir, 'dash.json'), undefined, prefix);
    s.browser = await launchBrowser();
    s.page = s.browser.page;
    s.h = helpers(s.page);
    await s.page.goto(`${s.host.baseUrl}${prefix}`);
    await s.h.waitForHeading('Home');
  });
  after(async () => {
    await saveScreenshot(s.page, `${name}.png`);
    await s.browser?.close();
    await s.host?.stop();
    saveHostLog(s.host, `dash-host-${name}.log`);
    fs.rmSync(s.dir, { recursive: true, force: true });
  });
  return s;
}

describe('the pages example in Chromium', () => {
  const s = openDeployment('pages-example', { leaveOut: ['search.so'] });

  it('a_callback_inside_a_page_works_and_the_dev_tools_stay_clean', async () => {
    await s.h.noDevToolsErrors();
    await s.page.locator('#nav-analytics').click();
    await s.h.waitForHeading('Analytics');
    await s.h.waitForTitle('Analytics');
    await expectText(s.page, '#analytics-summary', '40 points in metric units');
    await s.page.locator('#analytics-graph .main-svg').first().waitFor();
    // routing_callback_inputs: the app's units switch redraws the page with the new value.
    await s.page.locator('#units input[value="imperial"]').check();
    await expectText(s.page, '#analytics-units', 'units: imperial');
    await expectText(s.page, '#analytics-summary', '40 points in imperial units');
    await s.h.noDevToolsErrors();
  });

  it('a_path_variable_reaches_the_layout_and_the_title_function', async () => {
    await s.page.locator('#nav-home').click();
    await s.h.waitForHeading('Home');
    await s.page.locator('#home-to-report').click();
    await s.h.waitForHeading('Report 2026-Q3');
    await s.h.waitForTitle('Report 2026-Q3');
    assert.equal(s.h.pathname(), '/report/2026-Q3');
  });

  it('redirect_from_and_the_custom_404_page', async () => {
    await s.page.goto(`${s.host.baseUrl}/charts`);
    await s.h.waitForHeading('Analytics');
    assert.equal(s.h.pathname(), '/analytics');
    // search.so is not in the folder yet: /search is the 404 page.
    await s.page.goto(`${s.host.baseUrl}/search?q=rain`);
    await s.h.waitForHeading('This page does not exist');
    await s.h.waitForTitle('Not found');
    assert.equal(await s.page.locator('#nav-search').count(), 0);
  });

  it('a_page_plugin_dropped_into_the_folder_appears_after_a_restart', async () => {
    await s.host.stop();
    saveHostLog(s.host, 'dash-host-pages-example-before-restart.log');
    fs.copyFileSync(path.join(builtPages, 'search.so'), path.join(s.dir, 'pages', 'search.so'));
    s.host = await startDashHost(path.join(s.dir, 'dash.json'));
    await s.page.goto(`${s.host.baseUrl}/search?q=rain&tag=a&tag=b`);
    await s.h.waitForHeading('Search');
    await expectText(s.page, '#search-q', 'q: rain');
    await expectText(s.page, '#search-tag', "tag: ['a', 'b']");
    await s.page.locator('#nav-search').waitFor();
    await s.h.noDevToolsErrors();
  });
});

describe('the pages example under a prefix', () => {
  const s = openDeployment('pages-prefix', { prefix: '/app/', app: { url_base_pathname: '/app/' } });

  it('links_path_variables_queries_redirects_and_404_work_below_the_prefix', async () => {
    await s.h.noDevToolsErrors();
    await s.page.locator('#nav-analytics').click();
    await s.h.waitForHeading('Analytics');
    assert.equal(s.h.pathname(), '/app/analytics');
    await expectText(s.page, '#analytics-summary', '40 points in metric units');
    await s.page.locator('#nav-home').click();
    await s.page.locator('#home-to-report').click();
    await s.h.waitForHeading('Report 2026-Q3');
    await s.h.waitForTitle('Report 2026-Q3');
    assert.equal(s.h.pathname(), '/app/report/2026-Q3');
    await s.page.goto(`${s.host.baseUrl}/app/search?q=snow`);
    await expectText(s.page, '#search-q', 'q: snow');
    await s.page.goto(`${s.host.baseUrl}/app/charts`);
    await s.h.waitForHeading('Analytics');
    assert.equal(s.h.pathname(), '/app/analytics');
    await s.page.goto(`${s.host.baseUrl}/app/nowhere`);
    await s.h.waitForHeading('This page does not exist');
    await s.page.locator('#not-found-home').click();
    await s.h.waitForHeading('Home');
    assert.equal(s.h.pathname(), '/app/');
  });
});
