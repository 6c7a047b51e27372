// End to end: the components example (DataTable, Slider, Checklist, DatePickerSingle, Tabs) served by
// dash-host, driven by headless Chromium running the real dash-renderer, dcc 4.5 and dash-table 7.4
// bundles; every interaction must come back through a C++ callback into a div.
// Run: node --test tests/e2e/components.test.mjs
// DASH_HOST_BIN overrides the host binary (default build/bin/dash-host in the repository).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { expectText, openApp, repoRoot } from './lib.mjs';

const appConfig = path.join(repoRoot, 'apps/examples/components/dash.json');

// Texts of all elements matching selector, once there are `count` of them.
async function textsOf(page, selector, count) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [selector, count]);
  return page.locator(selector).allTextContents();
}

describe('components example in Chromium', () => {
  let app;
  let page;
  let problems = [];

  before(async () => {
    app = await openApp(appConfig, 'components');
    ({ page, problems } = app);
    // Every callback's initial call has answered once all five divs are filled in.
    await expectText(page, '#table-out', 'table: Oslo=4, Lima=19, Pune=27');
    await expectText(page, '#slider-out', 'slider: 3.0');
    await expectText(page, '#checklist-out', 'checked: a');
    await expectText(page, '#date-out', 'date: 2026-11-25');
    await expectText(page, '#tabs-out', 'tab: t1');
  });

  after(async () => {
    await app?.close();
  });

  it('datatable_renders_rows', async () => {
    assert.deepEqual(await textsOf(page, '#table th .column-header-name', 2), ['City', 'Temperature']);
    assert.deepEqual(await textsOf(page, '#table td[data-dash-column="city"]', 3), ['Oslo', 'Lima', 'Pune']);
    assert.deepEqual(await textsOf(page, '#table td[data-dash-column="temp"]', 3), ['4', '19', '27']);
  });

  it('editing_a_cell_triggers_a_callback', async () => {
    const cell = page.locator('#table td[data-dash-column="temp"][data-dash-row="1"]');
    await cell.click();
    await page.waitForFunction(() => document.querySelector(
      '#table td[data-dash-column="temp"][data-dash-row="1"]')?.classList.contains('focused'));
    // Typing into a focused cell starts editing with the typed text in place of the old value.
    await page.keyboard.type('21');
    await cell.locator('input').waitFor();
    assert.equal(await cell.locator('input').inputValue(), '21');
    await page.keyboard.press('Enter');
    await expectText(page, '#table-out', 'table: Oslo=4, Lima=21, Pune=27');
    assert.equal(await cell.textContent(), '21');
  });

  it('slider_drives_a_callback', async () => {
    const handle = page.locator('#slider [role="slider"]');
    assert.equal(await handle.getAttribute('aria-valuenow'), '3');
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    await expectText(page, '#slider-out', 'slider: 4.0');
    assert.equal(await handle.getAttribute('aria-valuenow'), '4');

    // The marks sit under the slider root, which takes the pointer: press on the track below mark 7.
    const mark = await page.locator('#slider .dash-slider-mark', { hasText: /^7$/ }).boundingBox();
    const track = await page.locator('#slider .dash-slider-track').boundingBox();
    await page.mouse.click(mark.x + mark.width / 2, track.y + track.height / 2);
    await expectText(page, '#slider-out', 'slider: 7.0');
    assert.equal(await handle.getAttribute('aria-valuenow'), '7');
  });

  it('checklist_drives_a_callback', async () => {
    await page.locator('#checklist label', { hasText: /^b$/ }).click();
    await expectText(page, '#checklist-out', 'checked: a, b');
    assert.equal(await page.locator('#checklist input[value="b"]').isChecked(), true);
  });

  it('datepicker_drives_a_callback', async () => {
    await page.locator('#date').click();
    // dcc 4's calendar opens on the selected month with the selected day marked; pick the 12th.
    const calendar = page.getByRole('dialog');
    await calendar.locator('.dash-dropdown-value', { hasText: 'November' }).waitFor();
    const days = calendar.locator('td.dash-datepicker-calendar-date-inside');
    assert.equal(await days.and(page.locator('.dash-datepicker-calendar-date-selected')).textContent(), '25');
    await days.filter({ hasText: /^12$/ }).click();
    await expectText(page, '#date-out', 'date: 2026-11-12');
    assert.equal(await page.locator('#date').inputValue(), '2026-11-12');
  });

  it('tabs_drive_a_callback', async () => {
    await page.locator('#tabs .tab', { hasText: /^Two$/ }).click();
    await expectText(page, '#tabs-out', 'tab: t2');
    await page.locator('#tabs .tab.tab--selected', { hasText: /^Two$/ }).waitFor();
  });

  it('console_has_no_errors', () => {
    assert.deepEqual(problems, []);
  });
});
