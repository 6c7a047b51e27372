// End to end: callbacks Python 4.3.0 registers although the renderer objects to them (two callbacks
// on one output, overlapping wildcard outputs, an empty id) start the host as they start Python's,
// and the real renderer in Chromium reports each in the dev tools, with the messages Dash users know.
// Run: node --test tests/e2e/registration.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launchBrowser, repoRoot, saveHostLog, saveScreenshot, startDashHost } from './lib.mjs';

const appConfig = path.join(repoRoot, 'tests/integration/sdk_app/duplicate-outputs.json');
process.env.DASH_DISABLE_VERSION_CHECK = 'true'; // no internet for the dev tools' version badge

describe('registrations the renderer reports, in Chromium', () => {
  let host;
  let browser;
  let page;

  before(async () => {
    host = await startDashHost(appConfig);
    browser = await launchBrowser();
    ({ page } = browser);
    await page.goto(`${host.baseUrl}/`);
    await page.locator('#loads').waitFor();
  });

  after(async () => {
    await saveScreenshot(page, 'registration.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-registration.log');
  });

  it('the_dev_tools_list_the_duplicate_overlapping_and_empty_id_errors', async () => {
    // The debug menu shows an error count; opening it lists each error's title.
    await page.waitForFunction(() => Number(document.querySelector('.test-devtools-error-count')?.textContent) >= 3);
    const titles = page.locator('.dash-fe-error__title');
    if (await titles.count() === 0) await page.locator('#dash-debug-menu__errors-button').click();
    await page.waitForFunction(() => document.querySelectorAll('.dash-fe-error__title').length >= 3);
    const text = (await titles.allTextContents()).join('\n');
    for (const expected of ['Duplicate callback outputs', 'Overlapping wildcard callback outputs',
      'Callback item missing ID']) {
      assert.ok(text.includes(expected), `the dev tools should show "${expected}"; they show:\n${text}`);
    }
  });

  it('the_later_of_two_callbacks_on_one_output_answers', async () => {
    // As Python's callback_map: the host dispatches x.children to the later registration.
    const answer = await page.evaluate(async () => {
      const response = await fetch('/_dash-update-component', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          output: 'x.children', outputs: { id: 'x', property: 'children' },
          inputs: [{ id: 'z', property: 'value', value: 'v' }], changedPropIds: ['z.value'],
        }),
      });
      return { status: response.status, body: await response.json() };
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { multi: true, response: { x: { children: 'second v' } } });
  });
});
