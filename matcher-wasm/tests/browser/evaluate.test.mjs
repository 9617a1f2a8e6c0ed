// The page's "Evaluate how pairs went" in headless Chromium: after matching
// the sample, data/outcomes.csv shows the module's counts, the pairs left out
// with their rows, a decile table, a scatter dot per answering pair and an
// effect row per score, all without solving again; the download is the
// evaluation; a bad file lists its located problems in place of the report.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { pageHarness } from '../support/browser.mjs';
import { ROOT, sample } from '../support/fixtures.mjs';

const harness = pageHarness();
const OUTCOMES = join(ROOT, 'data/outcomes.csv');
const expected = matcher.evaluate(sample.mentors, sample.mentees, readFileSync(OUTCOMES, 'utf8'), sample.config);

/** The page with the sample matched. */
async function matched(t) {
  const page = await harness.ready(t);
  await page.click('#load-sample');
  await page.click('#run:enabled');
  await page.locator('#results:not([hidden])').waitFor();
  return page;
}

/** The summary figure keyed `key` in the list `list`, as text. */
const figureText = (page, list, key) => page.locator(`${list} [data-key="${key}"] dd`).textContent();

test('the sample\'s outcomes show their counts, deciles, scatter and effects, with no solve', async (t) => {
  const page = await matched(t);
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');
  // The drop zone is keyboard operable: Enter opens the file picker. File
  // choosers are intercepted from before the key press (see rosters.test.mjs).
  page.on('filechooser', () => {});
  await page.focus('#outcomes-drop');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles(OUTCOMES);
  await page.locator('#outcomes-status').filter({ hasText: 'outcomes.csv: 130 of 132 pairs evaluated' }).waitFor();
  assert.equal(await page.getAttribute('#outcomes-status', 'class'), 'file-status ok');
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');

  assert.match(await figureText(page, '#evaluation-summary', 'listed'), /^132/);
  assert.match(await figureText(page, '#evaluation-summary', 'joined'), /^130/);
  assert.match(await figureText(page, '#evaluation-summary', 'left-out'), /^2/);
  assert.match(await figureText(page, '#evaluation-summary', 'not-read'), /^1submitted$/);

  // The pairs left out, located.
  const leftOut = await page.locator('#outcome-left-out-table tbody tr').allInnerTexts();
  assert.equal(leftOut.length, 2);
  assert.match(leftOut[0], /outcomes\.csv\s+42\s+mentor_id\s+.*M046/);
  assert.match(leftOut[1], /outcomes\.csv\s+92\s+mentee_id\s+.*E9O1/);

  // Rating, the first measure, is shown first.
  const measures = await page.locator('#outcome-measure option').evaluateAll((options) => options.map((o) => o.value));
  assert.deepEqual(measures, ['rating', 'goals_attained', 'ended_early', 'meetings']);
  for (const report of expected.measures) {
    await page.selectOption('#outcome-measure', report.measure);
    const answered = expected.pairs.filter((p) => p.values[report.measure] !== undefined).length;
    assert.equal(answered, report.answered);
    assert.equal(await figureText(page, '#outcome-figures', 'response-rate'),
      `${(report.response_rate * 100).toFixed(1)} %${report.answered} of 130 pairs answered`);
    // One decile row per bin, with its pair count.
    const rows = await page.locator('#outcome-deciles tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => Number(r[2])), report.score.bins.map((b) => b.pairs), report.measure);
    assert.deepEqual(rows.map((r) => r[0]), report.score.bins.map((_, i) => String(i + 1)));
    // One dot per answering pair; the scatter has its two axis labels.
    assert.equal(await page.locator('#outcome-scatter circle.point').count(), answered, report.measure);
    const labels = await page.locator('#outcome-scatter text.axis-label').allTextContents();
    assert.equal(labels[0], 'Total score (0–100)');
    assert.equal(labels.length, 2);
    // One effect row per score, each with its pair count; a dot where there is a correlation.
    const effects = await page.locator('#outcome-effects g.effect').evaluateAll((gs) => gs.map((g) => ({
      name: g.dataset.name,
      pairs: Number(g.querySelector('text.count').textContent),
      dot: g.querySelector('circle.dot') !== null,
      interval: g.querySelector('line.interval') !== null,
    })));
    assert.deepEqual(effects, [report.score, ...report.criteria].map((e) => ({
      name: e.name, pairs: e.pairs, dot: e.correlation !== null, interval: e.interval !== null,
    })), report.measure);
    assert.equal(await page.locator('#outcome-effects line.zero').count(), 1);
  }

  // A dot sits at its pair's score: the first pair with a rating, on a 0–100 axis.
  await page.selectOption('#outcome-measure', 'rating');
  const first = expected.pairs.find((p) => p.values.rating !== undefined);
  const title = await page.locator('#outcome-scatter circle.point').first().locator('title').textContent();
  assert.equal(title, `${first.mentee_id} with ${first.mentor_id}: score ${Number(first.score.toFixed(2))}, rating ${first.values.rating}`);

  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#download-evaluation')]);
  assert.equal(file.suggestedFilename(), 'evaluation.json');
  assert.deepEqual(JSON.parse(readFileSync(await file.path(), 'utf8')), expected);
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');
});

test('a bad outcomes file lists its located problems in place of the evaluation', async (t) => {
  const page = await matched(t);
  await page.setInputFiles('#outcomes-file', OUTCOMES);
  await page.locator('#evaluation:not([hidden])').waitFor();
  await page.setInputFiles('#outcomes-file', {
    name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from('mentor_id,mentee_id,rating\nM008,E002,4\nM041,E003,seven\n'),
  });
  await page.locator('#outcomes-status').filter({ hasText: 'survey.csv: 1 problem, listed below' }).waitFor();
  assert.equal(await page.getAttribute('#outcomes-status', 'class'), 'file-status bad');
  assert.equal(await page.locator('#evaluation').isHidden(), true);
  const rows = await page.locator('#outcome-problems-table tbody tr').allInnerTexts();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /outcomes\.csv\s+3\s+rating\s+"seven" is not a rating/);
  // The roster problems stay as they were: none.
  assert.equal(await page.locator('#problems').isHidden(), true);
});
