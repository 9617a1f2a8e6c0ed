// Participants' picks on the admin page in headless Chromium: the Picks weight
// and mode controls, a config file's mode shown in them, and the matches the
// CLI makes with the same config (data/picks/).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const harness = pageHarness();
const PICKS = join(ROOT, 'data/picks');

/** The page with data/picks/ loaded and the config file `config` applied. */
async function loadPicks(t, config) {
  const page = await harness.ready(t);
  await page.setInputFiles('#mentors-file', join(PICKS, 'mentors.csv'));
  await page.setInputFiles('#mentees-file', join(PICKS, 'mentees.csv'));
  await page.setInputFiles('#config-file', join(PICKS, config));
  await page.locator('#config-status').filter({ hasText: `Loaded ${config}.` }).waitFor();
  return page;
}

/** The CSV the page downloads after a run. */
async function matchesCsv(page) {
  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  return readFileSync(await file.path(), 'utf8');
}

/** What the CLI writes for data/picks/ with `config`. */
function cli(config) {
  return execFileSync(native(), ['match', '--quiet', '--mentors', 'mentors.csv', '--mentees', 'mentees.csv',
    '--config', config], { cwd: PICKS, encoding: 'utf8' });
}

test('rank mode from a config file shows in the picks control and matches as the CLI does', async (t) => {
  const page = await loadPicks(t, 'config-rank.toml');
  assert.equal(await page.inputValue('#pick-mode'), 'rank');
  const csv = await matchesCsv(page);
  assert.equal(csv, cli('config-rank.toml'));
  // E088 gets their first pick in rank mode (their third in bonus mode).
  assert.match(csv, /^E088,[^,]*,M025,.*their 1st pick/m);
});

test('the picks weight has a slider, and only mode leaves a mentee whose picks are taken unmatched', async (t) => {
  const page = await loadPicks(t, 'config.toml');
  assert.equal(await page.inputValue('#pick-mode'), 'bonus');
  assert.equal(await page.inputValue('#weight-picks'), '0.3');
  assert.equal(await matchesCsv(page), cli('config.toml'));
  await page.selectOption('#pick-mode', 'only');
  await page.click('#rerun');
  await page.locator('#run-status').filter({ hasText: 'Matched 128 of 131' }).waitFor();
  const reasons = await page.locator('#unmatched tbody tr').allInnerTexts();
  assert.ok(reasons.some((row) => /E046\s.*no_pick_free/s.test(row)), reasons.join('\n'));
});
