// The result tables render a page at a time: the filter and the sort apply to
// the whole cohort, the pager moves between pages and changes their size, and
// the unmatched list pages the same way.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { pageHarness } from '../support/browser.mjs';

const harness = pageHarness();

/** The page with `mentors` and `mentees` matched, and the outcome it shows. */
async function matched(t, { mentors, mentees }) {
  const page = await harness.ready(t);
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', mentors));
  await page.setInputFiles('#mentees-file', file('mentees.csv', mentees));
  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return { page, outcome: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
}

/** The matches the page's filter lets through for `query`: it looks in names, ids and reasons. */
const filtered = (matches, query) => matches.filter((m) => [m.mentee_id, m.mentee_name, m.mentor_id, m.mentor_name, m.reason]
  .some((text) => text.toLowerCase().includes(query.toLowerCase())));

/** The mentee ids of the table's rows, as shown. */
const menteeIds = (page, table) => page.locator(`${table} tbody tr td:first-child small`).allInnerTexts();
const status = (page, table) => page.innerText(`${table}-pager .pager-status`);

test('300 mentees: pages of 50, filter and sort over every row, page sizes', async (t) => {
  // 60 mentors with 4 places each: 240 places for 300 mentees, so some are unmatched.
  const { page, outcome } = await matched(t, matcher.generateRosters(60, 300, 11, 4));
  const { matches, unmatched } = outcome;
  const n = matches.length;
  assert.ok(n > 150 && n <= 240 && unmatched.length > 50, `${n} matched, ${unmatched.length} unmatched`);
  const pages = Math.ceil(n / 50);
  assert.equal(await status(page, '#matches'), `Rows 1–50 of ${n}, page 1 of ${pages}.`);
  assert.deepEqual(await menteeIds(page, '#matches'), matches.slice(0, 50).map((m) => m.mentee_id));
  assert.equal(await page.isDisabled('#matches-pager button[aria-label="Previous page"]'), true);

  // Next, then Last: the rows of the last page, and the focus stays on an enabled button.
  await page.click('#matches-pager button[aria-label="Next page"]');
  assert.equal(await status(page, '#matches'), `Rows 51–100 of ${n}, page 2 of ${pages}.`);
  assert.deepEqual(await menteeIds(page, '#matches'), matches.slice(50, 100).map((m) => m.mentee_id));
  await page.focus('#matches-pager button[aria-label="Last page"]');
  await page.keyboard.press('Enter');
  assert.deepEqual(await menteeIds(page, '#matches'), matches.slice((pages - 1) * 50).map((m) => m.mentee_id));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Previous page');

  // The filter finds a mentee of the last page from the first.
  await page.click('#matches-pager button[aria-label="First page"]');
  const last = matches.at(-1);
  await page.fill('#filter', last.mentee_name.toUpperCase());
  const found = filtered(matches, last.mentee_name);
  assert.deepEqual(await menteeIds(page, '#matches'), found.map((m) => m.mentee_id));
  assert.ok((await menteeIds(page, '#matches')).includes(last.mentee_id));
  assert.equal(await status(page, '#matches'), `Rows 1–${found.length} of ${found.length} (filtered from ${n}), page 1 of 1.`);
  await page.fill('#filter', 'no such mentee');
  assert.equal(await page.locator('#matches tbody tr').count(), 0);
  assert.equal(await status(page, '#matches'), `No rows match the filter (filtered from ${n}).`);
  await page.fill('#filter', '');

  // Sorting by score puts the cohort's best pair first and its worst last.
  const scores = matches.map((m) => m.score);
  await page.click('#matches thead button:text-is("Score")');
  assert.equal(await page.getAttribute('#matches thead th:has(button:text-is("Score"))', 'aria-sort'), 'descending');
  const shownScores = () => page.locator('#matches tbody td:nth-child(3)').allInnerTexts().then((cells) => cells.map(Number));
  const top = await shownScores();
  assert.equal(top[0], Math.max(...scores));
  assert.deepEqual(top, [...scores].sort((a, b) => b - a).slice(0, 50).map((s) => Number(s.toFixed(2))));
  await page.click('#matches-pager button[aria-label="Last page"]');
  assert.equal((await shownScores()).at(-1), Math.min(...scores));
  // A new sort starts on the first page.
  await page.click('#matches thead button:text-is("Score")');
  assert.equal(await page.getAttribute('#matches thead th:has(button:text-is("Score"))', 'aria-sort'), 'ascending');
  assert.equal((await shownScores())[0], Math.min(...scores));

  // Filter and sort together: one mentor's mentees, best first.
  await page.click('#matches thead button:text-is("Score")');
  const mentor = matches[0].mentor_id;
  await page.fill('#filter', mentor);
  const theirs = filtered(matches, mentor).map((m) => m.score).sort((a, b) => b - a);
  assert.ok(theirs.length > 0);
  assert.deepEqual(await shownScores(), theirs.map((s) => Number(s.toFixed(2))));
  await page.fill('#filter', '');

  // Page sizes: 25 rows, then every row on one page; the first row shown stays shown.
  await page.click('#matches-pager button[aria-label="Next page"]');
  const size = page.locator('#matches-pager select');
  assert.deepEqual(await size.locator('option').allInnerTexts(), ['25', '50', '100', '250', '500']);
  await size.selectOption('25');
  assert.equal(await status(page, '#matches'), `Rows 51–75 of ${n}, page 3 of ${Math.ceil(n / 25)}.`);
  await size.selectOption('500');
  assert.equal(await page.locator('#matches tbody tr').count(), n);
  assert.equal(await status(page, '#matches'), `Rows 1–${n} of ${n}, page 1 of 1.`);
  assert.equal(await page.isDisabled('#matches-pager button[aria-label="Next page"]'), true);

  // The unmatched list pages the same way, with a filter of its own.
  assert.equal(await status(page, '#unmatched'), `Rows 1–50 of ${unmatched.length}, page 1 of ${Math.ceil(unmatched.length / 50)}.`);
  await page.click('#unmatched-pager button[aria-label="Last page"]');
  const lastUnmatched = unmatched.at(-1).mentee_id;
  assert.equal((await menteeIds(page, '#unmatched')).at(-1), lastUnmatched);
  await page.fill('#unmatched-filter', lastUnmatched);
  assert.deepEqual(await menteeIds(page, '#unmatched'), [lastUnmatched]);
});

test('the tables are named, and their sortable headings and pager are labelled buttons', async (t) => {
  const { page } = await matched(t, matcher.generateRosters(20, 60, 3, 2));
  assert.equal(await page.getByRole('table', { name: 'Matches', exact: true }).count(), 1);
  assert.equal(await page.getByRole('table', { name: 'Unmatched mentees' }).count(), 1);
  const pager = page.getByRole('group', { name: 'Matches: pages' });
  for (const name of ['First page', 'Previous page', 'Next page', 'Last page']) {
    assert.equal(await pager.getByRole('button', { name }).getAttribute('aria-controls'), 'matches');
  }
  assert.equal(await pager.getByRole('status').count(), 1);
  assert.equal(await pager.getByLabel('Rows per page').inputValue(), '50');
  assert.deepEqual(
    await page.locator('#matches thead th').evaluateAll((cells) => cells.map((th) => th.querySelector('button')?.textContent)),
    ['Mentee', 'Mentor', 'Score', 'Skills', 'Goals', 'Values', 'Diversity', 'Reason', 'Decision'],
  );
});

test('roster problems page the same way: hundreds of them render a page at a time', async (t) => {
  const page = await harness.ready(t);
  const { mentors, mentees } = matcher.generateRosters(20, 300, 5, 4);
  // Every skill level out of range.
  const bad = mentees.replace(/:\d/g, ':9');
  const diagnostics = (() => {
    try {
      matcher.readRoster(bad, 'mentee');
    } catch (error) {
      return error.diagnostics;
    }
    return assert.fail('the roster should be refused');
  })();
  assert.ok(diagnostics.length > 300, `${diagnostics.length} problems`);
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', mentors));
  await page.setInputFiles('#mentees-file', file('mentees.csv', bad));
  await page.locator('#problems').waitFor();
  assert.equal(await page.innerText('#problems-summary'),
    `${diagnostics.length} problems in the rosters: fix them and load the file again.`);
  assert.equal(await page.locator('#problems-table tbody tr').count(), 50);
  assert.equal(await status(page, '#problems-table'),
    `Rows 1–50 of ${diagnostics.length}, page 1 of ${Math.ceil(diagnostics.length / 50)}.`);
  // Sorted by row, highest first: the last row's problems lead.
  await page.click('#problems-table thead button:text-is("Row")');
  const rows = await page.locator('#problems-table tbody td:nth-child(2)').allInnerTexts();
  assert.equal(Number(rows[0]), Math.max(...diagnostics.map((d) => d.row)));
  assert.ok(await page.isDisabled('#run'));
});
