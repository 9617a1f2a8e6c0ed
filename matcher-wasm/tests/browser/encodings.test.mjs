// Spreadsheet exports uploaded to the page read as the CLI reads them: a
// semicolon-separated file, "Unicode text" (tab-separated UTF-16 with a
// byte-order mark) and a legacy Windows-1252 file give the CLI's matches
// (its pinned snapshots), and the file's status says how it was read.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';

const CORPUS = join(ROOT, 'matcher/tests/fixtures/bad');
const SNAPSHOTS = join(ROOT, 'matcher-cli/tests/it/snapshots');

/** What `matcher match` printed for a corpus case. */
function cliMatches(name) {
  const snapshot = readFileSync(join(SNAPSHOTS, `it__bad_inputs__${name}.snap`), 'utf8');
  return snapshot.match(/--- stdout ---\n([^]*)--- stderr ---/)[1];
}

const harness = pageHarness();

const CASES = [
  ['mentees_semicolons', 'mentees.csv: 4 mentees (read as UTF-8, cells separated by semicolons)'],
  ['mentees_utf16', 'mentees.csv: 4 mentees (read as UTF-16LE, cells separated by tabs)'],
  ['mentees_windows_1252', 'mentees.csv: 4 mentees (read as windows-1252, cells separated by commas)'],
];

for (const [name, status] of CASES) {
  test(`${name}: the page reads it as the CLI does`, async (t) => {
    const page = await harness.ready(t);
    const file = (as, path) => ({ name: as, mimeType: 'text/csv', buffer: readFileSync(join(CORPUS, path)) });
    await page.setInputFiles('#mentors-file', file('mentors.csv', 'mentors.csv'));
    await page.setInputFiles('#mentees-file', file('mentees.csv', `${name}.csv`));
    await page.locator('#mentees-status').filter({ hasText: status }).waitFor();
    assert.equal(await page.locator('#mentors-status').textContent(), 'mentors.csv: 3 mentors');
    await page.locator('#run:enabled').click();
    await page.locator('#results').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    assert.equal(readFileSync(await download.path(), 'utf8'), cliMatches(name));
  });
}

test('a file marked UTF-8 that is not is refused, naming the file', async (t) => {
  const page = await harness.ready(t);
  const bytes = readFileSync(join(CORPUS, 'mentees_marked_utf8_bad_byte.csv'));
  await page.setInputFiles('#mentees-file', { name: 'mentees.csv', mimeType: 'text/csv', buffer: bytes });
  await page.locator('#problems').filter({
    hasText: 'mentees.csv: the file\'s text is not valid UTF-8; save it again from the spreadsheet program as "CSV UTF-8"',
  }).waitFor();
});
