// The one-mentor result on the admin page in headless Chromium: "Why (not)?"
// gives `matcher explain`'s text line for line (the golden files of the
// sample program, its second round after loading data/locked.csv and
// data/history.csv, and the picks program), for a mentee who wants several
// mentors too; the suggested mentors table and its CSV are `matcher
// suggest`'s (data/expected/suggestions.csv, written with `--top 2`).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { download, pageHarness } from '../support/browser.mjs';
import { parseCsv, ROOT } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const harness = pageHarness();
const golden = (name) => readFileSync(join(ROOT, 'data/expected', name), 'utf8');

/** The page with `dir`'s rosters (data/ by default: the sample) loaded and matched under `config` (in `dir`, relative to the repository or absolute). */
async function matched(t, { dir = 'data', config = 'config.toml' } = {}) {
  const page = await harness.ready(t);
  await page.setInputFiles('#mentors-file', resolve(ROOT, dir, 'mentors.csv'));
  await page.setInputFiles('#mentees-file', resolve(ROOT, dir, 'mentees.csv'));
  await page.setInputFiles('#config-file', resolve(ROOT, dir, config));
  await page.locator('#config-status').filter({ hasText: /^Loaded / }).waitFor();
  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');
  return page;
}

/** What `matcher explain` writes for `dir`'s rosters under `config` with `args`. */
function cli(dir, config, ...args) {
  return execFileSync(native(), ['explain', ...args, '--mentors', 'mentors.csv', '--mentees', 'mentees.csv',
    '--config', config], { cwd: resolve(ROOT, dir), encoding: 'utf8' });
}

/** Asks the page why (not) `mentee` (with `mentor`, or none), and returns its answer once shown. */
async function whyNot(page, mentee, mentor = '') {
  await page.fill('#why-mentee', mentee);
  await page.fill('#why-mentor', mentor);
  await page.click('#mentee-why-ask');
  await page.locator('#mentee-why-text').filter({ hasNotText: 'Working it out' }).waitFor();
  return `${await page.textContent('#mentee-why-text')}\n`;
}

/** The solves the page has run. */
const solves = async (page) => Number(await page.getAttribute('#run-status', 'data-solves'));

test('the sample: why (not) a mentee and a mentor, and the suggested mentors, as the CLI writes them', async (t) => {
  const page = await matched(t);
  assert.equal(await whyNot(page, 'E002', 'M010'), golden('why-not-E002-M010.txt'));
  // Forcing the pair is one more solve; the mentee alone is none.
  assert.equal(await solves(page), 2);
  assert.equal(await whyNot(page, 'E131'),
    'mentee E131 is unmatched: below_min_score (the best allowed mentor scores 13.33, below min_score)\n');
  assert.equal(await whyNot(page, 'E002', 'M008'), cli('data', 'config.toml', '--mentee', 'E002', '--mentor', 'M008'));
  assert.match(await whyNot(page, 'E002', 'M008'), /\n {2}made: the pair is in the optimal matching\n$/);
  assert.equal(await whyNot(page, 'E999'), 'no mentee with id "E999"\n');
  assert.equal(await solves(page), 2);

  // The datalists offer every mentee and mentor.
  assert.equal(await page.locator('#mentee-ids option').count(), 131);
  assert.equal(await page.locator('#mentor-ids option[value="M010"]').count(), 1);

  // Suggestions: three a mentee by default (the CLI's --top), two as the golden file was written.
  assert.match(await page.innerText('#mentor-suggestions-pager .pager-status'), /^Rows 1–50 of 390\b/);
  await page.fill('#suggest-top', '2');
  await page.dispatchEvent('#suggest-top', 'change');
  await page.locator('#mentor-suggestions-pager .pager-status').filter({ hasText: /of 260\b/ }).waitFor();
  const expected = golden('suggestions.csv');
  assert.equal(await download(page, '#download-suggestions'), expected);
  const rows = parseCsv(expected).slice(1, 51);
  const shownRows = await page.locator('#mentor-suggestions tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.cells].flatMap((td) => (td.children.length > 1 ? [...td.children].map((c) => c.textContent) : [td.textContent]))));
  assert.deepEqual(shownRows, rows.map(([menteeId, menteeName, rank, mentorId, mentorName, score, assigned, reason]) =>
    [menteeName, menteeId, rank, mentorName, mentorId, score, assigned, reason]));
  assert.equal(await solves(page), 2);
});

test('a second round from data/locked.csv and data/history.csv: the round-2 matches and why-not', async (t) => {
  const page = await matched(t);
  await page.setInputFiles('#history-file', join(ROOT, 'data/history.csv'));
  await page.locator('#decisions-status').filter({ hasText: 'history.csv: 3 pairs rejected' }).waitFor();
  await page.setInputFiles('#locked-file', join(ROOT, 'data/locked.csv'));
  await page.locator('#decisions-status').filter({ hasText: 'locked.csv: 5 pairs accepted' }).waitFor();
  assert.equal(await download(page, '#download-locked'), readFileSync(join(ROOT, 'data/locked.csv'), 'utf8'));
  assert.equal(await download(page, '#download-history'), readFileSync(join(ROOT, 'data/history.csv'), 'utf8'));
  await page.click('#rerun');
  await page.locator('#run-status[data-solves="2"]').waitFor();
  assert.equal(await download(page, '#download-csv'), golden('matches-round2.csv'));
  assert.equal(await whyNot(page, 'E009', 'M022'), golden('why-not-E009-M022-round2.txt'));

  // A pair file without an id in a row is refused, named by its file and row, and decides nothing.
  await page.setInputFiles('#locked-file', {
    name: 'locked.csv', mimeType: 'text/csv', buffer: Buffer.from('mentor_id,mentee_id\nM001,E010\nM002,\n'),
  });
  await page.locator('#decisions-status').filter({ hasText: 'locked.csv: row 3: no mentee_id' }).waitFor();
  assert.equal(await download(page, '#download-locked'), readFileSync(join(ROOT, 'data/locked.csv'), 'utf8'));
});

test('picks: a first pick not honoured, and what honouring it would cost', async (t) => {
  const page = await matched(t, { dir: 'data/picks' });
  assert.equal(await whyNot(page, 'E025', 'M034'), golden('picks-why-not-E025-M034.txt'));
});

test('several mentors per mentee (data/shapes): why (not) as the CLI writes it', async (t) => {
  const dir = 'data/shapes';
  const page = await matched(t, { dir });
  // E001 wants two mentors: M015 and M039; M001 shares their department; M007 would move two mentees.
  for (const args of [['E001'], ['E001', 'M039'], ['E001', 'M001'], ['E001', 'M007']]) {
    const expected = cli(dir, 'config.toml', '--mentee', args[0], ...(args[1] ? ['--mentor', args[1]] : []));
    assert.equal(await whyNot(page, ...args), expected);
  }
  assert.match(await page.textContent('#mentee-why-text'), /\n {4}E001: M039 -> M007\n/);
});
