// End to end: the hello example served by dash-host, driven by headless Chromium running the real
// dash-renderer and component bundles. Run: node --test tests/e2e/hello.test.mjs
// DASH_HOST_BIN overrides the host binary (default build/bin/dash-host in the repository).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { expectText, openApp, repoRoot } from './lib.mjs';

const appConfig = path.join(repoRoot, 'apps/examples/hello/dash.json');

describe('hello example in Chromium', () => {
  let app;
  let page;
  let problems = [];

  before(async () => {
    app = await openApp(appConfig, 'hello');
    ({ page, problems } = app);
  });

  after(async () => {
    await app?.close();
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
