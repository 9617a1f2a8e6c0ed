// The page's availability settings in headless Chromium: the availability
// weight, the minimum shared hours and the reference week, set by hand, give
// the CLI's golden matches of data/availability/; a bad limit is named.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pageHarness } from '../support/browser.mjs';

const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));

const harness = pageHarness();

/** Sets a weight slider as dragging it would. */
async function setWeight(page, key, value) {
  await page.$eval(`#weight-${key}`, (slider, v) => {
    slider.value = v;
    slider.dispatchEvent(new Event('input'));
  }, String(value));
}

/** Clicks a download button and returns the downloaded file's text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path(), 'utf8');
}

test('availability settings set in the page give the CLI golden matches of data/availability/', async (t) => {
  const page = await harness.ready(t);
  assert.equal(await page.inputValue('#weight-availability'), '0', 'weight 0 unless set');
  assert.equal(await page.inputValue('#reference-week'), '2027-01-04');
  await page.setInputFiles('#mentors-file', join(DATA, 'availability/mentors.csv'));
  await page.setInputFiles('#mentees-file', join(DATA, 'availability/mentees.csv'));
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv: 6 mentees' }).waitFor();
  // data/availability/config.toml, by hand.
  for (const [key, value] of [['skills', 0.4], ['goals', 0.2], ['values', 0], ['diversity', 0], ['availability', 0.4]]) {
    await setWeight(page, key, value);
  }
  await page.fill('#min-overlap-hours', '1.5');
  await page.click('#run');
  await page.locator('#run-status').filter({ hasText: 'Matched 6 of 6' }).waitFor();
  assert.equal(
    await download(page, '#download-csv'),
    readFileSync(join(DATA, 'expected/availability-matches.csv'), 'utf8'),
  );

  // More hours than a week has: the API's error, and the focus on the input.
  await page.fill('#min-overlap-hours', '200');
  await page.click('#run');
  await page.locator('#problems').waitFor();
  assert.equal(
    await page.innerText('#problems-summary'),
    'config: constraints.min_overlap_hours: a week has 168 hours, got 200',
  );
  assert.equal(await page.evaluate(() => document.activeElement.id), 'min-overlap-hours');
});
