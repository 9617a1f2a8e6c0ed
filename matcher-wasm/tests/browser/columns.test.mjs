// The page's column mapping step in headless Chromium: a sign-up form's export
// (data/forms, question texts as headers, comma-separated answers) loaded
// without its config, mapped by hand in the page (the keyboard too), gives the
// same matches as with data/forms/config.toml; the downloaded config holds the
// mapping as its [columns], and loading a config with [columns] maps the
// columns again.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseToml } from 'smol-toml';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';

const FORMS = join(ROOT, 'data/forms');
const read = (name) => readFileSync(join(FORMS, name), 'utf8');
/** data/forms/config.toml as the config object the package takes. */
const formsConfig = parseToml(read('config.toml'));
/** What the CLI (here: the package) matches for the form export with its config. */
const formsMatches = () => matcher.matchesCsv(read('mentors.csv'), read('mentees.csv'), formsConfig);
/** The columns the first test maps by hand: all but languages, time zones and availability. */
const LATER = ['Which languages do you speak?', 'Your time zone', 'When are you available? (your local time)'];
const handColumns = Object.fromEntries(Object.entries(formsConfig.columns).filter(([header]) => !LATER.includes(header)));
/** The package's matches with those columns and the settings of data/config.toml. */
const handMatches = () => matcher.matchesCsv(read('mentors.csv'), read('mentees.csv'), {
  ...parseToml(readFileSync(join(ROOT, 'data/config.toml'), 'utf8')), columns: handColumns,
});

const harness = pageHarness();

/** The role picker of `header` in the table of `file` (`mentors.csv` or `mentees.csv`). */
const rolePicker = (page, header, file) => page.getByRole('combobox', { name: `“${header}” (${file}): read as` });
/** The separator picker of `header` in the table of `file`. */
const separatorPicker = (page, header, file) =>
  page.getByRole('combobox', { name: `“${header}” (${file}): list separator` });

/** Loads the form export's two rosters, without a config. */
async function loadForms(page) {
  await page.setInputFiles('#mentors-file', join(FORMS, 'mentors.csv'));
  await page.setInputFiles('#mentees-file', join(FORMS, 'mentees.csv'));
  await page.locator('#columns-mentee tbody tr').first().waitFor();
  await checked(page);
}

/** Waits until the rosters' latest check shows. */
const checked = (page) => page.locator('#settings[data-checking="false"]').waitFor();

/** Picks `role` (and `separator`) for `header` of `file`, each checked before the next. */
async function map(page, file, header, role, separator) {
  await rolePicker(page, header, file).selectOption(role);
  await checked(page);
  if (separator) {
    await separatorPicker(page, header, file).selectOption(separator);
    await checked(page);
  }
}

/** Clicks a download button and returns the downloaded file's text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path(), 'utf8');
}

test('a form export mapped in the page matches as with its [columns], and the downloaded config holds them', async (t) => {
  const page = await harness.ready(t);
  await loadForms(page);

  // Pre-filled as the matcher reads the files today: questions are attributes, and there is no id.
  assert.equal(await rolePicker(page, 'Participant ID', 'mentees.csv').inputValue(), 'attribute:participant id');
  assert.equal(await rolePicker(page, 'Exclude', 'mentees.csv').inputValue(), 'exclude');
  assert.equal(await separatorPicker(page, 'Exclude', 'mentees.csv').inputValue(), ';');
  assert.equal(await separatorPicker(page, 'Full name', 'mentees.csv').isDisabled(), true);
  await page.locator('#mentees-status').filter({ hasText: /problem/ }).waitFor();
  assert.equal(await page.locator('#run').isDisabled(), true);

  // From the keyboard: Tab reaches the picker, a letter picks the role, and
  // the picker keeps the focus once the rosters are checked again.
  await rolePicker(page, 'Participant ID', 'mentees.csv').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')),
    '“Participant ID” (mentees.csv): read as');
  await page.keyboard.press('i');
  // One rule for both files: the mentors' column of that name is the id too.
  await rolePicker(page, 'Participant ID', 'mentors.csv').filter({ has: page.locator('option[value="id"]:checked') }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')),
    '“Participant ID” (mentees.csv): read as');

  await map(page, 'mentees.csv', 'Full name', 'name');
  await map(page, 'mentors.csv', 'How many mentees can you take?', 'capacity');
  // Read with `;`, the skills column looks comma-separated: highlighted with its first row.
  const wanted = 'Which skills would you like to develop?';
  await map(page, 'mentees.csv', wanted, 'skills');
  const flag = page.locator(`#columns-mentee tr.flagged .column-problem[data-code="comma_separated_list"]`);
  await flag.waitFor();
  assert.equal(await flag.getAttribute('data-row'), '2');
  assert.match(await flag.textContent(), /^row 2: the list "roadmapping, Negotiation:2, Security, Sy…" looks comma-separated \(109 of 130 filled cells/);
  assert.match(await page.locator('#columns-summary').textContent(), /1 to check/);
  assert.equal(await separatorPicker(page, wanted, 'mentees.csv').isEnabled(), true);
  await map(page, 'mentees.csv', wanted, 'skills', ',');
  await page.locator('#columns-mentee tr.flagged').waitFor({ state: 'detached' });

  await map(page, 'mentors.csv', 'Which skills can you offer?', 'skills', ',');
  await map(page, 'mentors.csv', 'What matters to you at work?', 'values', ',');
  await map(page, 'mentees.csv', 'What matters to you at work?', 'values', ',');
  await map(page, 'mentors.csv', 'Which goals can you help with?', 'goals', ',');
  await map(page, 'mentees.csv', 'What are your goals?', 'goals', ',');
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv: 131 mentees (read as UTF-8, cells separated by semicolons)' }).waitFor();
  await page.locator('#columns-mentee tr.flagged').waitFor({ state: 'detached' });

  // The rest of the settings from data/config.toml, loaded as a file: the mapping stays.
  await page.setInputFiles('#config-file', join(ROOT, 'data/config.toml'));
  await page.locator('#config-status').filter({ hasText: 'Loaded config.toml.' }).waitFor();
  assert.equal(await page.inputValue('#attr-prefer-department'), 'different');
  assert.equal(await rolePicker(page, wanted, 'mentees.csv').inputValue(), 'skills');

  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  const csv = await download(page, '#download-csv');
  assert.equal(csv, handMatches());

  const toml = await download(page, '#download-config');
  const columns = toml.slice(toml.indexOf('\n[columns]\n'));
  assert.match(columns, /^"Which skills would you like to develop\?" = \{ role = "skills", separator = "," \}$/m);
  assert.match(columns, /^"Participant ID" = "id"$/m);
  const downloaded = parseToml(toml);
  assert.deepEqual({ ...downloaded.columns }, handColumns);
  // The CLI's reader takes the whole file: the same matches again.
  assert.equal(matcher.matchesCsv(read('mentors.csv'), read('mentees.csv'), downloaded), csv);
});

test('a config with [columns] loaded into the page maps the columns again; a bad one says why', async (t) => {
  const page = await harness.ready(t);
  await loadForms(page);
  await page.locator('#mentees-status').filter({ hasText: /problem/ }).waitFor();

  await page.setInputFiles('#config-file', {
    name: 'bad.toml', mimeType: 'application/toml', buffer: Buffer.from('[columns]\n"Full name" = { role = "name", separator = "," }\n'),
  });
  await page.locator('#config-status').filter({ hasText: /^bad\.toml: config: columns\.Full name: a separator applies to a list column/ }).waitFor();
  await page.setInputFiles('#config-file', { name: 'broken.toml', mimeType: 'application/toml', buffer: Buffer.from('[columns\n') });
  await page.locator('#config-status').filter({ hasText: /^broken\.toml: .*TOML/ }).waitFor();

  await page.setInputFiles('#config-file', join(FORMS, 'config.toml'));
  await page.locator('#config-status').filter({ hasText: 'Loaded config.toml.' }).waitFor();
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv: 131 mentees' }).waitFor();
  assert.equal(await rolePicker(page, 'Participant ID', 'mentees.csv').inputValue(), 'id');
  assert.equal(await rolePicker(page, 'Which skills can you offer?', 'mentors.csv').inputValue(), 'skills');
  assert.equal(await separatorPicker(page, 'Which skills can you offer?', 'mentors.csv').inputValue(), ',');
  assert.equal(await rolePicker(page, 'Department', 'mentors.csv').inputValue(), 'attribute:department');
  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  assert.equal(await download(page, '#download-csv'), formsMatches());
});
