// The third-party library, end to end: install dashcpp, build tests/consumer (a copy outside the
// source tree) against the installed SDK only, serve it with the installed dash-host, and click a
// dbc.Button in Chromium to update a dbc.Alert.
// Environment: DASHCPP_BUILD_DIR (the dashcpp build tree to install from).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { buildDir, installInto, launcher, repo, run } from './install.mjs';

const prefix = path.join(buildDir, 'install');
const work = path.join(buildDir, 'consumer-test');
const source = path.join(work, 'source');
const binary = path.join(work, 'build');

describe('third_party_component_library', () => {
  let lib;
  let host;
  let browser;

  before(() => {
    installInto(prefix);
    // A copy outside the dashcpp tree: nothing can reach into it by a relative path.
    fs.rmSync(source, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    fs.cpSync(path.join(repo, 'tests/consumer'), source, { recursive: true });
    run('cmake', ['-S', source, '-B', binary, '-G', 'Ninja', `-DCMAKE_PREFIX_PATH=${prefix}`,
      '-DCMAKE_EXPORT_COMPILE_COMMANDS=ON', ...launcher]);
    run('cmake', ['--build', binary]);
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
    if (host) lib.saveHostLog(host, 'consumer-dash-host.log');
  });

  it('builds_with_only_the_installed_sdk', () => {
    const commands = JSON.parse(fs.readFileSync(path.join(binary, 'compile_commands.json'), 'utf8'));
    assert.ok(commands.length >= 2);
    for (const { command } of commands) {
      assert.ok(command.includes(`-I${prefix}/include`) || command.includes(`-isystem ${prefix}/include`),
        `compiles against the installed headers: ${command}`);
      assert.ok(!command.includes(path.join(repo, 'sdk')) && !command.includes(path.join(repo, 'core')),
        `no path into the dashcpp source tree: ${command}`);
    }
    for (const plugin of ['dash-bootstrap.so', 'dbc-app.so'])
      assert.ok(fs.existsSync(path.join(binary, 'plugins', plugin)), plugin);
    const header = fs.readFileSync(path.join(binary, 'dash-bootstrap/include/dash/components/dbc.hpp'), 'utf8');
    assert.match(header, /class Alert : public ::dash::Component/);
    assert.match(header, /Button& n_clicks\(::dash::Number value\)/);
  });

  it('button_click_updates_the_alert_in_chromium', async () => {
    process.env.DASH_HOST_BIN = path.join(prefix, 'bin/dash-host');
    process.env.DASH_PLUGIN_PATH = path.join(binary, 'plugins');
    lib = await import('../e2e/lib.mjs');
    host = await lib.startDashHost(path.join(source, 'dash.json'));
    browser = await lib.launchBrowser();
    const { page } = browser;
    await page.goto(host.baseUrl + '/');
    await lib.expectText(page, '#alert', 'Not clicked yet');
    assert.match(await page.locator('#button').getAttribute('class'), /btn-primary/);
    await page.click('#button');
    await lib.expectText(page, '#alert', 'Clicked 1 time');
    await page.click('#button');
    await lib.expectText(page, '#alert', 'Clicked 2 times');
    await lib.saveScreenshot(page, 'consumer.png');
    assert.deepEqual(browser.problems, []);
  });
});
