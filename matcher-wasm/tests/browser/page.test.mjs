// The admin page in headless Chromium (Debian's, driven by playwright-core),
// served from www/ on 127.0.0.1 with every other address blocked: upload,
// settings (numeric rules too), run, table, review, downloads (checked against
// the CLI), errors, speed and a screenshot.
//
// UPDATE_SCREENSHOT=1 rewrites www/screenshot.png; otherwise the screenshot
// goes to the temp directory.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pageHarness } from '../support/browser.mjs';
import { WWW } from '../support/serve.mjs';
import { expected, menteesWithBadLevel, sample } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));

const harness = pageHarness();
/** The page, ready: its module loaded in the worker. */
const open = (t, viewport) => harness.ready(t, { viewport });

/** Sets the form to data/config.toml, as an admin would by hand. */
async function enterSampleSettings(page) {
  await page.selectOption('#attr-prefer-department', 'different');
  await page.selectOption('#attr-rule-department', 'different');
  await page.selectOption('#attr-prefer-gender', 'different');
  await page.fill('#attr-weight-gender', '0.5');
  await page.selectOption('#attr-prefer-location', 'same');
  await page.fill('#min-score', '20');
}

/** Uploads the rosters of data/priorities/. */
async function loadPriorities(page) {
  await page.setInputFiles('#mentors-file', join(DATA, 'priorities/mentors.csv'));
  await page.setInputFiles('#mentees-file', join(DATA, 'priorities/mentees.csv'));
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv: 8 mentees' }).waitFor();
}

/** Each matched mentee's mentor id, as the matches table shows them. */
async function mentorOf(page) {
  return Object.fromEntries(await page.locator('#matches tbody tr').evaluateAll((rows) =>
    rows.map((row) => [row.cells[0].querySelector('small').textContent, row.cells[1].querySelector('small').textContent])));
}

async function run(page) {
  await page.click('#run');
  await page.locator('#results').waitFor();
}

/** Clicks a download button and returns the downloaded file's bytes. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path());
}

test('uploaded sample rosters give the CLI golden matches, in the table and the downloads', async (t) => {
  const page = await open(t);
  await page.setInputFiles('#mentors-file', join(DATA, 'mentors.csv'));
  await page.setInputFiles('#mentees-file', join(DATA, 'mentees.csv'));
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv:' }).waitFor();
  await enterSampleSettings(page);
  await run(page);

  const matched = expected.rows().filter((row) => row[2] !== '');
  // The first page of 50, out of every match.
  assert.equal(await page.locator('#matches tbody tr').count(), 50);
  assert.match(await page.innerText('#matches-pager .pager-status'), new RegExp(`^Rows 1–50 of ${matched.length},`));
  const [menteeId, , mentorId, , score] = matched.at(-1);
  await page.fill('#filter', menteeId);
  const row = page.locator('#matches tbody tr', { hasText: menteeId }).first();
  assert.match(await row.innerText(), new RegExp(`${mentorId}[\\s\\S]*${score}`));
  assert.equal(
    await page.locator('#unmatched tbody tr').count(),
    expected.rows().length - matched.length,
  );

  assert.ok((await download(page, '#download-csv')).equals(readFileSync(expected.csvPath)));
  assert.deepEqual(JSON.parse(await download(page, '#download-json')), expected.json());
});

test('Load sample fills in the rosters and the settings', async (t) => {
  const page = await open(t, { width: 1280, height: 1640 });
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  assert.equal(await page.inputValue('#attr-weight-gender'), '0.5');
  assert.equal(await page.inputValue('#min-score'), String(sample.config.constraints.min_score));
  await run(page);
  assert.ok((await download(page, '#download-csv')).equals(readFileSync(expected.csvPath)));

  const path = process.env.UPDATE_SCREENSHOT
    ? join(WWW, 'screenshot.png')
    : join(tmpdir(), 'matcher-screenshot.png');
  // From the settings down: the controls, the summary and the first matches.
  await page.evaluate(() => window.scrollTo(0, document.getElementById('settings').closest('section').offsetTop - 12));
  await page.screenshot({ path });
  t.diagnostic(`screenshot: ${path}`);
});

test('a bad roster shows its row-level error and blocks the run', async (t) => {
  const page = await open(t);
  // The mentors arrive by drag and drop, the mentees through the file picker.
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'mentors.csv', { type: 'text/csv' }));
    document.getElementById('mentors-drop')
      .dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, sample.mentors);
  await page.locator('#mentors-status').filter({ hasText: /^mentors\.csv: \d+ mentors$/ }).waitFor();
  await page.setInputFiles('#mentees-file', {
    name: 'mentees.csv', mimeType: 'text/csv', buffer: Buffer.from(menteesWithBadLevel()),
  });
  const problem = page.locator('#problems-table tbody tr');
  await problem.first().waitFor();
  assert.equal(await problem.count(), 1);
  assert.deepEqual(
    (await problem.locator('td').allInnerTexts()).slice(0, 3),
    ['mentees.csv', '4', 'skills'],
  );
  assert.match(await problem.innerText(), /skill level must be a whole number from 1 to 5/);
  assert.ok(await page.locator('#run').isDisabled());
});

test('a config problem is shown in words', async (t) => {
  const page = await open(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  for (const criterion of ['skills', 'goals', 'values', 'diversity']) {
    await page.fill(`#weight-${criterion}`, '0');
  }
  await page.click('#run');
  await page.locator('#problems').waitFor();
  assert.match(await page.innerText('#problems-summary'), /weights: at least one weight must be greater than 0/);
});

test('the matches table sorts from the keyboard and filters', async (t) => {
  const page = await open(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  await run(page);
  const scoreHeader = page.locator('#matches thead th', { hasText: 'Score' });
  await scoreHeader.locator('button').focus();
  await page.keyboard.press('Enter');
  assert.equal(await scoreHeader.getAttribute('aria-sort'), 'descending');
  const scores = (await page.locator('#matches tbody tr td:nth-child(3)').allInnerTexts()).map(Number);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  await page.keyboard.press('Enter');
  assert.equal(await scoreHeader.getAttribute('aria-sort'), 'ascending');

  const menteeId = await page.innerText('#matches tbody tr:first-child td:first-child small');
  await page.fill('#filter', menteeId.toLowerCase());
  assert.equal(await page.locator('#matches tbody tr').count(), 1);
});

test('the fairness section shows the report of data/expected/report.json', async (t) => {
  const page = await open(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  await run(page);
  const report = JSON.parse(readFileSync(join(DATA, 'expected/report.json'), 'utf8'));
  const figure = (key) => page.innerText(`#fairness-summary [data-key="${key}"] dd`);
  assert.equal(await figure('worst-off'), '32.67\nE048 with M019');
  assert.equal(report.worst_off.score, 32.67);
  // The cost of diversity takes one more solve: on demand only.
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');
  await page.click('#cost-of-diversity');
  await page.locator('#fairness-summary [data-key="cost-of-diversity"] dd').filter({ hasText: '168.12' }).waitFor();
  assert.equal(
    await figure('cost-of-diversity'),
    '168.12\nskills, goals and values: 6797.50 here, 6965.62 at best without diversity',
  );
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '2');
  assert.equal(report.cost_of_diversity.cost, 168.12);
  assert.equal(await figure('mentor-load'), '0–5\nmean 2.95; 1 idle, 39 full');
  assert.equal(await figure('utilisation'), "93.5 %\nof the available mentors' places");
  assert.equal(
    await figure('blocking-pairs'),
    `${report.stability.blocking_pairs}\n${report.stability.mentees_blocking} mentees would rather swap; `
      + `${(report.stability.ranks[0].share * 100).toFixed(1)} % got their 1st choice by score`,
  );
  assert.equal(report.stability.blocking_pairs, 41);
  assert.equal(await page.locator('#fairness-summary [data-key="price-of-stability"]').count(), 0);
  assert.deepEqual(
    await page.locator('#deciles tbody td').allInnerTexts(),
    report.deciles.map((d) => d.toFixed(2)),
  );
  // department (prefer different): data mentees with design mentors, and no data–data pair.
  const department = page.locator('table[data-attribute="department"]');
  const cell = async (mentee, mentor) => department.evaluate((table, [r, c]) => {
    const column = [...table.tHead.rows[0].cells].findIndex((th) => th.textContent === c);
    const row = [...table.tBodies[0].rows].find((tr) => tr.cells[0].textContent === r);
    return row.cells[column].textContent;
  }, [mentee, mentor]);
  const count = (mentee, mentor) => report.diversity[0].pairs
    .find((p) => p.mentee === mentee && p.mentor === mentor)?.count ?? '';
  assert.deepEqual([await cell('data', 'design'), await cell('data', 'data')], ['2', '']);
  assert.deepEqual([count('data', 'design'), count('data', 'data')], [2, '']);
  assert.equal(
    await page.innerText('#crosstabs .crosstab:nth-child(2) p'),
    '99 pairs meet it, 27 do not, 4 have no value on a side.',
  );
});

test('numeric rules set in the page give the CLI golden matches of data/priorities/, and a bad limit is named', async (t) => {
  const page = await open(t);
  await loadPriorities(page);
  // data/priorities/config.toml, by hand: the limits typed from the keyboard.
  await page.selectOption('#attr-prefer-department', 'different');
  await page.focus('#attr-max-timezone');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'attr-min-timezone');
  await page.focus('#attr-min-years_experience');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await page.locator('#run-status').filter({ hasText: 'Matched 7 of 8' }).waitFor();

  assert.equal(
    (await download(page, '#download-csv')).toString(),
    readFileSync(join(DATA, 'expected/priorities-matches.csv'), 'utf8'),
  );
  assert.deepEqual(await page.locator('#unmatched tbody td').allInnerTexts(), [
    'Nina Berg\nQ07',
    'all_candidates_forbidden',
    'all 5 mentors are ruled out: max_difference: timezone (4), min_difference: years_experience (1)',
  ]);

  // A negative limit: the API's error, in words, and the focus on the input.
  await page.fill('#attr-max-timezone', '-1');
  await page.click('#run');
  await page.locator('#problems').waitFor();
  assert.equal(
    await page.innerText('#problems-summary'),
    'config: constraints.max_difference.timezone: must be a finite number ≥ 0, got -1',
  );
  assert.equal(await page.innerText('#run-status'), 'Not matched: see the problems above.');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'attr-max-timezone');
  assert.equal(await page.getAttribute('#attr-max-timezone', 'aria-invalid'), 'true');

  // Fixed, the run goes through and the marks go.
  await page.fill('#attr-max-timezone', '3');
  await page.click('#run');
  await page.locator('#problems').waitFor({ state: 'hidden' });
  assert.equal(await page.getAttribute('#attr-max-timezone', 'aria-invalid'), null);
  assert.equal(await page.innerText('#run-status').then((s) => s.replace(/\d+ ms/, 'N ms')), 'Matched 7 of 8 in N ms.');
});

test('the review workflow keeps accepted and pinned pairs, never repeats a rejected one, exports the final list, locked.csv and history.csv', async (t) => {
  const page = await open(t);
  await loadPriorities(page);
  await page.selectOption('#attr-prefer-department', 'different');
  await run(page);
  // The first round, as `matcher match` with `[diversity] department = "different"` gives it.
  assert.deepEqual(await mentorOf(page), {
    Q01: 'P03', Q02: 'P01', Q03: 'P02', Q04: 'P04', Q05: 'P01', Q06: 'P03', Q08: 'P05',
  });
  assert.equal(await page.innerText('#review-status'), 'No decisions yet: every pair is a draft.');

  await page.selectOption('#matches select[data-mentee="Q02"]', 'accepted');
  await page.selectOption('#matches select[data-mentee="Q03"]', 'rejected');
  await page.getByLabel('Decision on Mateo Ruiz with Chen Wei').selectOption('pinned');
  assert.equal(await page.innerText('#review-status'), '1 accepted, 1 pinned, 1 rejected; 4 draft.');
  assert.equal(await page.innerText('#rejected'), 'Never proposed again: Q03 – P02.');
  assert.equal(await page.getAttribute('#matches tr:has(select[data-mentee="Q03"])', 'class'), 'decision-rejected');

  // Re-run from the keyboard.
  await page.focus('#rerun');
  await page.keyboard.press('Enter');
  await page.locator('#run-status').filter({ hasText: 'Matched 7 of 8' }).waitFor();
  // Q02–P01 and Q06–P03 are kept, Q03 never gets P02 again (P02's one place goes to Q07).
  assert.deepEqual(await mentorOf(page), {
    Q01: 'P03', Q02: 'P01', Q04: 'P04', Q05: 'P01', Q06: 'P03', Q07: 'P02', Q08: 'P05',
  });
  assert.equal(await page.inputValue('#matches select[data-mentee="Q02"]'), 'accepted');
  assert.equal(await page.inputValue('#matches select[data-mentee="Q06"]'), 'pinned');
  assert.equal(await page.inputValue('#matches select[data-mentee="Q07"]'), 'draft');
  assert.equal(await page.innerText('#unmatched tbody tr td:nth-child(2)'), 'no_capacity');
  assert.equal(await page.innerText('#review-status'), '1 accepted, 1 pinned, 1 rejected; 5 draft.');

  assert.equal((await download(page, '#download-final')).toString(), [
    'mentee_id,mentee_name,mentor_id,mentor_name,score,decision',
    'Q01,Hana Ito,P03,Chen Wei,61.33,draft',
    'Q02,Ivo Petrov,P01,Amara Okafor,92.59,accepted',
    'Q03,Jade Moreau,,,,unmatched',
    'Q04,Kofi Mensah,P04,Dana Novak,83.33,draft',
    'Q05,Lena Vogel,P01,Amara Okafor,45.00,draft',
    'Q06,Mateo Ruiz,P03,Chen Wei,90.00,pinned',
    'Q07,Nina Berg,P02,Bruno Salgado,76.00,draft',
    'Q08,Omar Haddad,P05,Erik Lund,92.59,draft',
    '',
  ].join('\n'));

  // The decisions as the CLI's --locked and --history files.
  const locked = (await download(page, '#download-locked')).toString();
  const history = (await download(page, '#download-history')).toString();
  assert.equal(locked, 'mentor_id,mentee_id\nP01,Q02\nP03,Q06\n');
  assert.equal(history, 'mentor_id,mentee_id\nP02,Q03\n');
  // Fed back to the API, they give the page's second round ...
  const rosters = ['mentors', 'mentees'].map((side) => readFileSync(join(DATA, `priorities/${side}.csv`), 'utf8'));
  const fedBack = await page.evaluate(async ({ rosters: [mentors, mentees], locked, history }) => {
    const matcher = await import('./pkg/web/matcher_wasm.js');
    await matcher.default();
    const config = { diversity: { department: 'different' } };
    const outcome = matcher.matchRosters(mentors, mentees, config, { locked, history });
    return Object.fromEntries(outcome.matches.map((m) => [m.mentee_id, m.mentor_id]));
  }, { rosters, locked, history });
  assert.deepEqual(fedBack, await mentorOf(page));
  // ... and so does the CLI, byte for byte.
  const dir = mkdtempSync(join(tmpdir(), 'matcher-rounds-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name, text) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cli = execFileSync(native(), ['match', '--quiet',
    '--mentors', join(DATA, 'priorities/mentors.csv'), '--mentees', join(DATA, 'priorities/mentees.csv'),
    '--config', file('config.toml', '[diversity]\ndepartment = "different"\n'),
    '--locked', file('locked.csv', locked), '--history', file('history.csv', history)], { encoding: 'utf8' });
  assert.equal(cli, (await download(page, '#download-csv')).toString());

  await page.click('#clear-decisions');
  assert.equal(await page.inputValue('#matches select[data-mentee="Q02"]'), 'draft');
  assert.equal(await page.innerText('#review-status'), 'No decisions yet: every pair is a draft.');
});

test('2 000 mentees × 500 mentors match in under a second', async (t) => {
  const page = await open(t);
  const { times, matched } = await page.evaluate(async (config) => {
    const matcher = await import('./pkg/web/matcher_wasm.js');
    await matcher.default();
    const { mentors, mentees } = matcher.generateRosters(500, 2000, 42);
    matcher.matchRosters(mentors, mentees, config);
    const times = [];
    let outcome;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      outcome = matcher.matchRosters(mentors, mentees, config);
      times.push(performance.now() - started);
    }
    return { times, matched: outcome.summary.matched };
  }, sample.config);
  const median = [...times].sort((a, b) => a - b)[2];
  t.diagnostic(`browser: 2000 mentees x 500 mentors, median of 5 runs ${median.toFixed(0)} ms ` +
    `(runs: ${times.map((ms) => ms.toFixed(0)).join(', ')} ms; ${matched} matched)`);
  assert.ok(matched > 0);
  assert.ok(median < 1000, `median ${median} ms`);
});

test('the stable objective shows no blocking pair and its price beside the optimum', async (t) => {
  const page = await open(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  await page.selectOption('#objective', 'stable');
  await run(page);
  const report = JSON.parse(readFileSync(join(DATA, 'expected/report-stable.json'), 'utf8')).report;
  const figure = (key) => page.innerText(`#fairness-summary [data-key="${key}"] dd`);
  assert.equal(report.stability.blocking_pairs, 0);
  assert.equal(
    await figure('blocking-pairs'),
    `0\n0 mentees would rather swap; ${(report.stability.ranks[0].share * 100).toFixed(1)} % got their 1st choice by score`,
  );
  assert.equal(
    await figure('price-of-stability'),
    '173.22\ntotal 7245.46 stable vs 7418.68 at the optimum; 130 vs 130 matched',
  );
});
