// End to end: the callbacks example served by dash-host in debug mode (dev tools UI, dev bundles), driven
// by headless Chromium running the real dash-renderer: pattern-matching callbacks (MATCH, ALL,
// ALLSMALLER) over todo items appended with a Patch, set_props, clientside callbacks (inline and from an
// asset), a no-output callback, a null result clearing an output, `running`, a failing callback shown by
// the dev tools and on_error, and the debug Server-Timing of callback answers.
// Run: node --test tests/e2e/callbacks.test.mjs
// DASH_HOST_BIN overrides the host binary (default build/bin/dash-host in the repository).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { expectText, launchBrowser, repoRoot, saveHostLog, saveScreenshot, startDashHost } from './lib.mjs';

const appConfig = path.join(repoRoot, 'apps/examples/callbacks/dash.json');

// The dev tools' version badge asks https://dash-version.plotly.com for the newest Dash release (as
// Python Dash does by default); the test machine has no internet, so turn that off for the child host.
process.env.DASH_DISABLE_VERSION_CHECK = 'true';

// The DOM id of a pattern-matching component: the JSON of its id dict with sorted keys.
const pid = (type, index) => `[id='${JSON.stringify({ index, type })}']`;

const updateUrl = '/_dash-update-component';
const outputOf = (request) => {
  try {
    return JSON.parse(request.postData() ?? '{}').output;
  } catch {
    return undefined;
  }
};
const isUpdateFor = (output) => (response) => response.request().method() === 'POST'
  && new URL(response.url()).pathname === updateUrl && outputOf(response.request()) === output;

describe('callbacks example in Chromium', () => {
  let host;
  let browser;
  let page;
  let problems = [];
  const serverOutputs = []; // `output` of every POST to /_dash-update-component, in order
  const failedUpdates = []; // `${status} ${output}` of every callback POST answered with >= 400
  let failClicks = 0;

  // Waits until the list shows `count` items.
  const waitForItems = (count) => page.waitForFunction((n) => document.querySelectorAll('#list > li').length === n, count);
  const itemCount = () => page.locator('#list > li').count();

  // Types `text` and clicks Add; resolves with { index, body } once the item is in the list: index is
  // the item's pattern-matching index (Add's n_clicks), body the JSON answer of the add callback.
  let addClicks = 0;
  async function addItem(text) {
    const before = await itemCount();
    await page.locator('#new-item').fill(text);
    const answered = page.waitForResponse(isUpdateFor('list.children'));
    await page.locator('#add').click();
    addClicks += 1;
    const response = await answered;
    assert.equal(response.status(), 200, `add callback: HTTP ${response.status()}`);
    const body = await response.json();
    const timing = (await response.allHeaders())['server-timing'] ?? '';
    await waitForItems(before + 1);
    return { index: addClicks, body, timing };
  }

  // Adds items until the list holds `count` of them.
  async function ensureItems(count) {
    while (await itemCount() < count) await addItem(`item ${addClicks + 1}`);
  }

  // The checkbox of item i's Checklist (its one option "done").
  async function doneBox(index) {
    const checklist = page.locator(pid('done', index));
    await checklist.waitFor({ state: 'attached' });
    // The Checklist renders its options in the same commit as its root, so they are there by now.
    const box = checklist.locator('input[type="checkbox"]');
    const found = await box.count();
    if (found !== 1) {
      assert.fail(`Checklist ${pid('done', index)} should render its one option "done"; `
        + `found ${found} checkboxes: ${await checklist.evaluate((element) => element.outerHTML)}`);
    }
    return box;
  }
  async function setDone(index, done) {
    await (await doneBox(index)).setChecked(done);
    await expectText(page, pid('status', index), done ? ' — done' : ' — open');
  }

  // The dev tools' error count (0 when the badge is absent).
  async function errorCount() {
    const badge = page.locator('.test-devtools-error-count');
    return await badge.count() ? Number(await badge.textContent()) : 0;
  }

  before(async () => {
    host = await startDashHost(appConfig);
    browser = await launchBrowser();
    ({ page, problems } = browser);
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === updateUrl) {
        serverOutputs.push(outputOf(request));
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).pathname === updateUrl) {
        failedUpdates.push(`${response.status()} ${outputOf(response.request())}`);
      }
    });
    await page.goto(`${host.baseUrl}/`);
    // The ALL summary's initial call has answered, and the dev tools menu is up (debug mode).
    await expectText(page, '#summary', '0 items, 0 done');
    await page.locator('#dash-debug-menu__errors-button').waitFor();
  });

  after(async () => {
    await saveScreenshot(page, 'callbacks.png');
    await browser?.close();
    await host?.stop();
    saveHostLog(host, 'dash-host-callbacks.log');
  });

  it('todo_items_are_appended_with_a_patch', async () => {
    const first = await addItem('milk');
    const second = await addItem('eggs');
    assert.equal(await page.locator(pid('label', first.index)).textContent(), 'milk');
    assert.equal(await page.locator(pid('label', second.index)).textContent(), 'eggs');
    assert.deepEqual(await page.locator('#list > li > span:nth-of-type(1)').allTextContents(), ['milk', 'eggs']);

    for (const [{ body }, text] of [[first, 'milk'], [second, 'eggs']]) {
      const children = body?.response?.list?.children;
      assert.ok(children && !Array.isArray(children), `list.children should be a patch, got ${JSON.stringify(body)}`);
      assert.equal(children.__dash_patch_update, '__dash_patch_update');
      assert.equal(children.operations.length, 1);
      const [operation] = children.operations;
      assert.equal(operation.operation, 'Append');
      assert.deepEqual(operation.location, []);
      assert.equal(operation.params.value.type, 'Li');
      assert.match(JSON.stringify(operation.params.value), new RegExp(`"children":"${text}"`));
    }
    // The second answer carries only the new item, not the list with the first one in it.
    assert.doesNotMatch(JSON.stringify(second.body), /milk/);
  });

  it('set_props_clears_the_input', async () => {
    await ensureItems(2);
    const { body } = await addItem('bread');
    assert.deepEqual(body.sideUpdate, { 'new-item': { value: '' } });
    await page.waitForFunction(() => document.querySelector('#new-item').value === '');
    assert.equal(await page.locator('#new-item').inputValue(), '');
    assert.deepEqual(await page.locator('#list > li > span:nth-of-type(1)').allTextContents(), ['milk', 'eggs', 'bread']);
  });

  it('match_callback_updates_each_item', async () => {
    await ensureItems(3);
    // Each item's own MATCH callback has answered (the so-far span starts empty in the layout).
    for (const index of [1, 2, 3]) await expectText(page, pid('so-far', index), ' (0 done so far)');
    await setDone(2, true);
    await expectText(page, pid('status', 2), ' — done');
    assert.equal(await page.locator(pid('status', 1)).textContent(), ' — open');
    assert.equal(await page.locator(pid('status', 3)).textContent(), ' — open');
    await setDone(2, false);
    await expectText(page, pid('status', 2), ' — open');
  });

  it('all_summary_counts_items', async () => {
    await ensureItems(3);
    await expectText(page, '#summary', '3 items, 0 done');
    await setDone(1, true);
    await expectText(page, '#summary', '3 items, 1 done');
    await setDone(3, true);
    await expectText(page, '#summary', '3 items, 2 done');
    await setDone(1, false);
    await setDone(3, false);
    await expectText(page, '#summary', '3 items, 0 done');
  });

  it('allsmaller_running_total', async () => {
    await ensureItems(3);
    await setDone(1, true);
    await setDone(2, false);
    await setDone(3, true);
    await expectText(page, pid('so-far', 3), ' (2 done so far)');
    await expectText(page, pid('so-far', 2), ' (1 done so far)');
    await expectText(page, pid('so-far', 1), ' (1 done so far)');
  });

  it('clientside_inline_and_asset_functions', async () => {
    const before = serverOutputs.length;
    await page.locator('#cs-in').fill('21');
    await expectText(page, '#cs-out', 'doubled: 42');
    await page.locator('#asset-in').fill('hi there');
    await expectText(page, '#asset-out', 'HI THERE!');
    const sent = serverOutputs.slice(before);
    assert.ok(!sent.includes('cs-out.children') && !sent.includes('asset-out.children'),
      `clientside callbacks must not reach the server: ${JSON.stringify(sent)}`);
  });

  it('no_output_callback_sets_props', async () => {
    await page.locator('#log').click();
    await expectText(page, '#log-out', 'logged 1');
    await page.locator('#log').click();
    await expectText(page, '#log-out', 'logged 2');
  });

  it('a_null_result_clears_the_output', async () => {
    const answered = page.waitForResponse(isUpdateFor('log-out.children'));
    await page.locator('#clear-log').click();
    assert.deepEqual(await (await answered).json(), { multi: true, response: { 'log-out': { children: null } } });
    await expectText(page, '#log-out', '');
  });

  it('value_arguments_list_outputs_no_update_and_a_nested_grouping', async () => {
    // The initial call: Python's str() and len() of the dash::Value (code points: "héllo" is 5).
    await expectText(page, '#any-str', 'str: héllo');
    await expectText(page, '#any-len', 'len: 5');
    await expectText(page, '#group-sum', 'chars: 5');
    await expectText(page, '#group-words', 'words: héllo');
    // Emptied: falsy, so the length output gets no_update and keeps its text.
    const answered = page.waitForResponse(isUpdateFor('..any-str.children...any-len.children..'));
    await page.locator('#any-in').fill('');
    const body = await (await answered).json();
    assert.deepEqual(body.response, { 'any-str': { children: '(empty)' } });
    await expectText(page, '#any-str', '(empty)');
    await expectText(page, '#any-len', 'len: 5');
    await expectText(page, '#group-sum', 'chars: 0');
    await page.locator('#any-in').fill('ab');
    await expectText(page, '#any-len', 'len: 2');
  });

  it('running_disables_the_button_while_slow_callback_runs', async () => {
    const slow = page.locator('#slow');
    assert.equal(await slow.isDisabled(), false);
    const answered = page.waitForResponse(isUpdateFor('slow-out.children'));
    await slow.click();
    // Disabled while the request is out (the callback sleeps 1.5 s before answering) ...
    await page.waitForFunction(() => document.querySelector('#slow').disabled
      && document.querySelector('#slow-out').textContent === '');
    assert.equal((await answered).status(), 200);
    // ... and enabled again once the answer is in.
    await expectText(page, '#slow-out', 'slow done 1');
    await page.waitForFunction(() => !document.querySelector('#slow').disabled);
  });

  it('callback_error_is_shown', async () => {
    const errorsBefore = await errorCount();
    const answered = page.waitForResponse(isUpdateFor('fail-out.children'));
    failClicks += 1;
    await page.locator('#fail').click();
    const response = await answered;
    assert.equal(response.status(), 500);
    assert.match(await response.text(), /boom from C\+\+/);

    // The debug menu counts the error and opens its pop-up on it.
    await page.waitForFunction((n) => Number(document.querySelector('.test-devtools-error-count')?.textContent) === n,
      errorsBefore + 1);
    const card = page.locator('.dash-error-card__content', {
      has: page.locator('.dash-fe-error__title', { hasText: 'Callback error updating fail-out.children' }),
    }).last();
    await card.waitFor();
    // Expanding the card shows the server's answer (an HTML page, in an iframe) with the exception text.
    await card.locator('.test-devtools-error-toggle').click();
    await card.frameLocator('.dash-backend-error iframe').locator('body', { hasText: 'boom from C++' }).waitFor();
    assert.equal(await page.locator('#fail-out').textContent(), '');
  });

  it('on_error_replaces_the_error', async () => {
    const errorsBefore = await errorCount();
    const answered = page.waitForResponse(isUpdateFor('handled-out.children'));
    await page.locator('#fail-handled').click();
    assert.equal((await answered).status(), 200);
    await expectText(page, '#handled-out', 'recovered: bad input');
    assert.equal(await errorCount(), errorsBefore);
  });

  it('debug_answers_carry_the_dash_server_timing_first', async () => {
    // Python in debug mode with the dev tools UI: the renderer's callback graph reads it.
    const { timing } = await addItem('timed');
    assert.match(timing, /^__dash_server;dur=\d+/, `Server-Timing: ${timing}`);
  });

  it('console_has_no_errors', () => {
    // Each click on #fail answers 500 on purpose; Chromium logs the failed load and the renderer logs
    // the error it shows. Exactly those entries are expected, nothing else.
    assert.deepEqual(failedUpdates, Array(failClicks).fill('500 fail-out.children'));
    const expected = [
      (entry) => entry === `HTTP 500: POST ${host.baseUrl}${updateUrl}`,
      (entry) => entry === 'console error: Failed to load resource: the server responded with a status of 500 (Internal Server Error)',
      (entry) => entry.startsWith('console error: {message: Callback error updating fail-out.children, html: '),
    ];
    const rest = [...problems];
    for (let i = 0; i < failClicks; i += 1) {
      for (const matches of expected) {
        const at = rest.findIndex(matches);
        if (at >= 0) rest.splice(at, 1);
      }
    }
    assert.deepEqual(rest, []);
  });
});
