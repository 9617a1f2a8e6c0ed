// Workbooks uploaded to the page: read in the worker by the workbook module,
// a sheet picker when a workbook has several sheets, problems located by
// sheet and cell, and the CLI's matches once the right sheet is picked.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';

const FIXTURES = join(ROOT, 'matcher/tests/fixtures');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What `matcher match` printed for the clean corpus rosters (a CSV named .xlsx holds them). */
const cliMatches = readFileSync(join(ROOT, 'matcher-cli/tests/it/snapshots/it__bad_inputs__mentees_csv_named_xlsx.snap'), 'utf8')
  .match(/--- stdout ---\n([^]*)--- stderr ---/)[1];

const harness = pageHarness();

const upload = (page, input, name, path, mimeType) =>
  page.setInputFiles(input, { name, mimeType, buffer: readFileSync(join(FIXTURES, path)) });

test('a workbook of two sheets: the first is read, the picker reads the other, and it matches as the CLI does', async (t) => {
  const page = await harness.ready(t);
  await upload(page, '#mentors-file', 'mentors.csv', 'bad/mentors.csv', 'text/csv');
  await upload(page, '#mentees-file', 'mentees.xlsx', 'workbooks/mentees_on_the_second_sheet.xlsx', XLSX);
  // The first sheet is a note: its problem names the sheet and row.
  await page.locator('#problems tr').filter({ hasText: 'mentees.xlsx:Notes!1' }).filter({ hasText: 'the first row is not a header' }).waitFor();
  assert.equal(await page.locator('#mentees-sheet-label').isVisible(), true);
  assert.deepEqual(await page.locator('#mentees-sheet option').allTextContents(), ['Notes', 'Mentees']);
  assert.equal(await page.locator('#mentors-sheet-label').isVisible(), false);
  await page.selectOption('#mentees-sheet', 'Mentees');
  await page.locator('#mentees-status').filter({ hasText: 'mentees.xlsx: 4 mentees (read as an Excel workbook, sheet Mentees)' }).waitFor();
  await page.locator('#run:enabled').click();
  await page.locator('#results').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  assert.equal(readFileSync(await download.path(), 'utf8'), cliMatches);
});

test('a bad cell in a workbook is located by sheet and cell; a damaged workbook is refused', async (t) => {
  const page = await harness.ready(t);
  await upload(page, '#mentees-file', 'mentees.xlsx', 'bad/mentees_workbook_bad_level.xlsx', XLSX);
  await page.locator('#problems tr').filter({ hasText: 'mentees.xlsx:Responses!C3' }).filter({ hasText: 'skill level must be a whole number from 1 to 5, got "7"' }).waitFor();
  assert.equal(await page.locator('#mentees-sheet-label').isVisible(), false);
  await upload(page, '#mentees-file', 'mentees.xlsx', 'bad/mentees_workbook_damaged.xlsx', XLSX);
  await page.locator('#problems tr').filter({ hasText: 'the file is a damaged Excel workbook' }).waitFor();
});
