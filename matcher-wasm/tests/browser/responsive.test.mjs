// The admin page runs the matcher in a Worker: one solve per Match click and
// none for downloads, a progress bar, a Cancel button that stops a long run,
// focus on the results or the problems afterwards, and a main thread that
// keeps painting while a large cohort solves.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { pageHarness } from '../support/browser.mjs';
import { expected, sample } from '../support/fixtures.mjs';

const harness = pageHarness();
/** The page, ready: its module loaded in the worker. */
const open = (t, options) => harness.ready(t, options);

/** Uploads two rosters given as text. */
async function upload(page, mentors, mentees) {
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', mentors));
  await page.setInputFiles('#mentees-file', file('mentees.csv', mentees));
  await page.locator('#run:enabled').waitFor();
}

const solves = (page) => page.getAttribute('#run-status', 'data-solves').then(Number);

/** Clicks a download button and returns the downloaded file's text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

test('a Match click solves once; the report and the downloads solve nothing', async (t) => {
  const page = await open(t);
  await page.click('#load-sample');
  await page.locator('#run:enabled').waitFor();
  await page.click('#run');
  await page.locator('#results').waitFor();
  assert.equal(await solves(page), 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-title');
  assert.equal(await download(page, '#download-csv'), expected.csv());
  assert.deepEqual(JSON.parse(await download(page, '#download-json')), expected.json());
  await download(page, '#download-final');
  assert.equal(await solves(page), 1);
  await page.click('#run');
  await page.locator('#run-status').filter({ hasText: /^Matched/ }).waitFor();
  await page.waitForFunction(() => document.querySelector('#run-status').dataset.solves === '2');
});

test('a failed run takes the focus to the problems', async (t) => {
  const page = await open(t);
  await upload(page, sample.mentors, sample.mentees);
  // A run that fails after the rosters passed their checks: an objective the engine does not know.
  await page.evaluate(() => {
    const select = document.querySelector('#objective');
    select.append(new Option('bogus', 'bogus'));
    select.value = 'bogus';
  });
  await page.click('#run');
  await page.locator('#run-status').filter({ hasText: 'Not matched' }).waitFor();
  assert.equal(await page.isVisible('#problems'), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'problems-title');
});

test('the page keeps painting while a large cohort solves, shows progress, and Cancel stops the run', async (t) => {
  const page = await open(t);
  const big = matcher.generateRosters(1500, 6000, 5, 4);
  await upload(page, big.mentors, big.mentees);
  // Every animation frame from the click until the results show, with the status it painted.
  await page.evaluate(() => {
    window.frames_ = { times: [], statuses: [], done: false };
    const tick = (now) => {
      window.frames_.times.push(now);
      window.frames_.statuses.push(document.querySelector('#run-status').textContent);
      if (!window.frames_.done) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.click('#run');
  await page.locator('#results').waitFor({ timeout: 120_000 });
  const { times, statuses } = await page.evaluate(() => {
    window.frames_.done = true;
    return window.frames_;
  });
  // The solve: from the first frame that shows progress to the last one.
  const working = statuses.map((s) => /^(Scoring pairs|Solving)…/.test(s));
  const [first, last] = [working.indexOf(true), working.lastIndexOf(true)];
  const gaps = times.slice(first + 1, last + 1).map((time, i) => time - times[first + i]);
  const seconds = (times[last] - times[first]) / 1000;
  const longest = Math.max(...gaps);
  const overall = Math.max(...times.slice(1).map((time, i) => time - times[i]));
  t.diagnostic(`6000 mentees x 1500 mentors: ${seconds.toFixed(1)} s of progress shown in ${gaps.length} frames, ` +
    `longest gap ${longest.toFixed(0)} ms (${overall.toFixed(0)} ms with the results rendered)`);
  assert.ok(seconds > 0.5, `the run showed progress for ${seconds} s`);
  assert.ok(gaps.length > seconds * 20, `${gaps.length} frames in ${seconds} s`);
  assert.ok(longest < 200, `longest frame gap while solving ${longest} ms`);
  // One page of rows renders quickly, whatever the cohort's size.
  assert.ok(overall < 1000, `longest frame gap ${overall} ms`);
  assert.deepEqual([...new Set(statuses.filter((_, i) => working[i]).map((s) => s.split('…')[0]))],
    ['Scoring pairs', 'Solving']);
  assert.equal(await solves(page), 1);

  // A second, longer run, cancelled while it runs.
  const bigger = matcher.generateRosters(3000, 12000, 6, 4);
  await upload(page, bigger.mentors, bigger.mentees);
  await page.click('#run');
  await page.locator('#cancel:visible').waitFor();
  await page.locator('#run-status').filter({ hasText: /Scoring|Solving/ }).waitFor();
  const cancelled = Date.now();
  await page.click('#cancel');
  await page.locator('#run-status').filter({ hasText: 'Cancelled.' }).waitFor({ timeout: 2000 });
  t.diagnostic(`cancelled in ${Date.now() - cancelled} ms`);
  assert.equal(await page.isVisible('#cancel'), false);
  assert.equal(await page.isVisible('#results'), false);
  assert.equal(await page.isEnabled('#run'), true);
  // The next run starts a new worker and works.
  await upload(page, sample.mentors, sample.mentees);
  await page.click('#run');
  await page.locator('#results').waitFor();
  assert.equal(await download(page, '#download-csv'), matcher.matchesCsv(sample.mentors, sample.mentees));
});
