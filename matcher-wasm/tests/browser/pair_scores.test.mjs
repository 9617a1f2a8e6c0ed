// The page's optional pair scores file in headless Chromium: the sample with
// data/pair-scores.csv gives the CLI's matches with --pair-scores, its weight
// has a slider, and a bad file lists its problems by row.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const harness = pageHarness();

test('the sample with a pair scores file matches as the CLI does with --pair-scores', async (t) => {
  const page = await harness.ready(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  assert.equal(await page.inputValue('#weight-pair_score'), '0.25');
  await page.setInputFiles('#pair-scores-file', join(ROOT, 'data/pair-scores.csv'));
  await page.locator('#pair-scores-status').filter({ hasText: 'pair-scores.csv: scored as the pair_score criterion' }).waitFor();
  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const csv = readFileSync(await file.path(), 'utf8');
  const expected = execFileSync(native(), ['match', '--quiet', '--mentors', 'mentors.csv', '--mentees', 'mentees.csv',
    '--config', 'config.toml', '--pair-scores', 'pair-scores.csv'], { cwd: join(ROOT, 'data'), encoding: 'utf8' });
  assert.equal(csv, expected);
  assert.match(csv, /pair score 0\.92 \(from pair-scores\.csv\)/);
});

test('a bad pair scores file lists its problems by row, and Match waits for a good one', async (t) => {
  const page = await harness.ready(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  await page.setInputFiles('#pair-scores-file', {
    name: 'ratings.csv', mimeType: 'text/csv', buffer: Buffer.from('mentor_id,mentee_id,score\nM001,E001,87\nM001,E002,high\n'),
  });
  await page.locator('#pair-scores-status').filter({ hasText: 'ratings.csv: 1 problem, listed below' }).waitFor();
  const row = page.locator('#problems-table tbody tr').first();
  await row.filter({ hasText: 'the score must be a number, got "high"' }).waitFor();
  assert.match(await row.textContent(), /pair-scores\.csv\s*3\s*score/);
  assert.equal(await page.locator('#run').isDisabled(), true);
});
