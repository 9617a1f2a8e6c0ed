// Loading rosters in the page: the drop zones work from the keyboard, and
// attribute names of any spelling work: `home town` and `home-town` get
// distinct element ids, and `__proto__` and `constructor` are attributes
// like any other, from the settings to the config the engine receives.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { pageHarness } from '../support/browser.mjs';
import { sample } from '../support/fixtures.mjs';

const harness = pageHarness();
/** The page, ready: its module loaded in the worker. */
const open = (t, options) => harness.ready(t, options);

/** Presses `key` on the focused element and fills the file chooser it opens with `text`. */
async function chooseWith(page, key, name, text) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press(key)]);
  assert.equal(chooser.isMultiple(), false);
  await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('the drop zones are labelled buttons: Tab reaches them, Enter or Space opens the file picker', async (t) => {
  const page = await open(t);
  // File choosers stay intercepted for the whole test: switching that off and on
  // between choosers could let a key press through first.
  page.on('filechooser', () => {});
  await page.evaluate(() => document.readyState);
  const zone = page.getByRole('button', { name: 'Mentors CSV' });
  assert.equal(await zone.getAttribute('id'), 'mentors-drop');
  assert.match(await zone.getAttribute('aria-describedby'), /mentors-status/);

  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mentors-drop');
  // The focus shows.
  assert.notEqual(await zone.evaluate((element) => getComputedStyle(element).outlineStyle), 'none');
  await chooseWith(page, 'Enter', 'mentors.csv', sample.mentors);
  await page.locator('#mentors-status').filter({ hasText: /^mentors\.csv: \d+ mentors$/ }).waitFor();

  // The file input is no tab stop of its own: the next one is the mentees' zone.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'mentees-drop');
  await chooseWith(page, 'Space', 'mentees.csv', sample.mentees);
  await page.locator('#mentees-status').filter({ hasText: /^mentees\.csv: \d+ mentees$/ }).waitFor();
  await page.locator('#run:enabled').waitFor();

  // Choosing a file again replaces it.
  await page.focus('#mentees-drop');
  await chooseWith(page, 'Enter', 'fewer.csv', sample.mentees.split('\n').slice(0, 4).join('\n'));
  await page.locator('#mentees-status').filter({ hasText: 'fewer.csv: 3 mentees' }).waitFor();
});

/**
 * Chooses files (`{ mentors, mentees }` texts) through the inputs from within
 * the page, submits the form in the same task and returns whether Match was
 * disabled then.
 */
function changeInPage(page, files) {
  return page.evaluate((files) => {
    for (const [side, text] of Object.entries(files)) {
      const input = document.getElementById(`${side}-file`);
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], `sample ${side}.csv`, { type: 'text/csv' }));
      input.files = transfer.files;
      input.dispatchEvent(new Event('change'));
    }
    document.getElementById('settings').requestSubmit();
    return document.getElementById('run').disabled;
  }, files);
}

test('rosters loaded while a match runs stop it; Match waits for their check, and the next run stays shown', async (t) => {
  const page = await open(t);
  const big = matcher.generateRosters(1500, 6000, 5, 4);
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', big.mentors));
  await page.setInputFiles('#mentees-file', file('mentees.csv', big.mentees));
  await page.click('#run:enabled');
  await page.locator('#run-status').filter({ hasText: /Scoring|Solving/ }).waitFor();

  // Both sample rosters arrive mid-run, one right after the other. In that same task
  // Match is disabled, and submitting the form does nothing.
  assert.equal(await changeInPage(page, { mentors: sample.mentors, mentees: sample.mentees }), true);
  // The big run stopped, its results never show, and the files landed in order.
  await page.locator('#cancel').waitFor({ state: 'hidden' });
  await page.locator('#run:enabled').waitFor();
  assert.equal(await page.isVisible('#results'), false);
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '0');
  const count = sample.mentees.trim().split('\n').length - 1;
  assert.equal(await page.innerText('#mentees-status'), `sample mentees.csv: ${count} mentees`);
  assert.match(await page.innerText('#mentors-status'), /^sample mentors\.csv: \d+ mentors$/);

  // A run on the new rosters shows, and stays shown.
  await page.click('#run');
  await page.locator('#results').waitFor();
  assert.match(await page.innerText('#run-status'), new RegExp(`^Matched \\d+ of ${count} `));
  await page.waitForTimeout(500);
  assert.equal(await page.isVisible('#results'), true);

  // Idle, with Match enabled: a new file disables it at once and hides the results on the old rosters.
  assert.equal(await changeInPage(page, { mentees: sample.mentees }), true);
  assert.equal(await page.isVisible('#results'), false);
  await page.locator('#run:enabled').waitFor();
  assert.equal(await page.isVisible('#results'), false);
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');
});

/** The attribute columns; every one takes part in the settings below. */
const ATTRIBUTES = ['__proto__', 'constructor', 'home town', 'home-town'];

/** Rosters with those attributes, varied deterministically. */
function rosters() {
  const values = (i) => [['a', 'b', 'c'][i % 3], ['x', 'y'][(i >> 1) % 2], ['Oslo', 'Rome', 'Lima'][(i >> 2) % 3], String(i % 5)];
  const skills = ['python', 'sql', 'design', 'writing'];
  const header = (extra) => ['id', 'name', ...extra, ...ATTRIBUTES, 'skills'].join(',');
  const mentors = [header(['capacity']), ...Array.from({ length: 8 }, (_, i) =>
    [`M${i}`, `Mentor ${i}`, 2, ...values(i * 7 + 1), `${skills[i % 4]}:4`].join(','))];
  const mentees = [header([]), ...Array.from({ length: 14 }, (_, i) =>
    [`E${i}`, `Mentee ${i}`, ...values(i), `${skills[(i + 1) % 4]}:3`].join(','))];
  return { mentors: `${mentors.join('\n')}\n`, mentees: `${mentees.join('\n')}\n` };
}

test('attributes named home town, home-town, __proto__ and constructor: ids of their own, settings of their own', async (t) => {
  const page = await open(t);
  const { mentors, mentees } = rosters();
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', mentors));
  await page.setInputFiles('#mentees-file', file('mentees.csv', mentees));
  await page.locator('#run:enabled').waitFor();
  assert.deepEqual(await page.locator('#attributes tbody th').allInnerTexts(), ATTRIBUTES);

  // Every attribute's controls by their label, with an id of their own.
  const control = (name, what) => page.getByLabel(`${name} ${what}`, { exact: true });
  const ids = await Promise.all(ATTRIBUTES.map((name) => control(name, 'diversity preference').getAttribute('id')));
  assert.deepEqual(ids, ['attr-prefer-__proto__', 'attr-prefer-constructor',
    'attr-prefer-home-20-town', 'attr-prefer-home-2d-town']);

  // A different setting on each.
  await control('__proto__', 'diversity preference').selectOption('different');
  await control('__proto__', 'diversity weight').fill('2');
  await control('constructor', 'diversity preference').selectOption('same');
  await control('constructor', 'diversity weight').fill('0.5');
  await control('home town', 'diversity preference').selectOption('different');
  await control('home town', 'rule').selectOption('same');
  await control('home-town', 'maximum difference').fill('3');
  await control('home-town', 'minimum difference').fill('1');
  // Setting one left its namesake alone.
  assert.equal(await control('home-town', 'diversity preference').inputValue(), 'ignore');
  assert.equal(await control('home town', 'maximum difference').inputValue(), '');
  await control('home-town', 'diversity preference').selectOption('same');
  await control('home-town', 'diversity weight').fill('3');
  assert.equal(await control('home town', 'diversity weight').inputValue(), '1');

  // The config as the page sends it to the worker.
  await page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.op === 'match') window.sentConfig = JSON.stringify(message.args[2]);
      return post.call(this, message, ...rest);
    };
  });
  await page.click('#run');
  await page.locator('#results').waitFor();
  const sent = JSON.parse(await page.evaluate(() => window.sentConfig));
  const expected = JSON.parse(`{
    "diversity": {
      "__proto__": { "prefer": "different", "weight": 2 },
      "constructor": { "prefer": "same", "weight": 0.5 },
      "home town": { "prefer": "different", "weight": 1 },
      "home-town": { "prefer": "same", "weight": 3 }
    },
    "max_difference": { "home-town": 3 },
    "min_difference": { "home-town": 1 }
  }`);
  const keys = (object) => Object.entries(object).map(([key, value]) => [key, JSON.stringify(value)]);
  assert.deepEqual(keys(sent.diversity), keys(expected.diversity));
  assert.deepEqual(keys(sent.constraints.max_difference), keys(expected.max_difference));
  assert.deepEqual(keys(sent.constraints.min_difference), keys(expected.min_difference));
  assert.deepEqual(sent.constraints.require_same, ['home town']);
  assert.deepEqual(sent.constraints.require_different, []);

  // The engine read each of them: the page's matches are the API's for that config,
  // and its report has one cross-tab per diversity attribute, each with an id of its own.
  const api = matcher.matchRosters(mentors, mentees, sent);
  const shown = await page.locator('#matches tbody tr').evaluateAll((rows) =>
    rows.map((row) => [row.cells[0].querySelector('small').textContent, row.cells[1].querySelector('small').textContent]));
  assert.deepEqual(shown, api.matches.map((m) => [m.mentee_id, m.mentor_id]));
  assert.deepEqual(
    await page.locator('#crosstabs h4').evaluateAll((headings) => headings.map((h) => [h.id, h.textContent])),
    [
      ['crosstab-__proto__', '__proto__: prefer different'],
      ['crosstab-constructor', 'constructor: prefer same'],
      ['crosstab-home-20-town', 'home town: prefer different'],
      ['crosstab-home-2d-town', 'home-town: prefer same'],
    ],
  );
  // Dropping any one of them changes the matches: each setting counts.
  for (const attribute of ATTRIBUTES) {
    const without = JSON.parse(JSON.stringify(sent));
    delete without.diversity[attribute];
    delete without.constraints.max_difference[attribute];
    delete without.constraints.min_difference[attribute];
    without.constraints.require_same = without.constraints.require_same.filter((a) => a !== attribute);
    const pairs = (outcome) => outcome.matches.map((m) => `${m.mentee_id}-${m.mentor_id}:${m.score}`);
    assert.notDeepEqual(pairs(matcher.matchRosters(mentors, mentees, without)), pairs(api), attribute);
  }

  // No two elements share an id.
  const all = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert.deepEqual(all.filter((id, i) => all.indexOf(id) !== i), []);
});

test('the vocabulary panel names unmet wants and likely misspellings, with rows and the fix', async (t) => {
  const page = await open(t);
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', 'id,skills\nm1,javascript; sql\nm2,sql\n'));
  await page.setInputFiles('#mentees-file', file('mentees.csv', 'id,skills\ne1,javscript\ne2,rust; sql\n'));
  await page.locator('#run:enabled').waitFor();
  await page.locator('#vocabulary:visible').waitFor();
  assert.equal(await page.locator('#vocabulary-summary').textContent(),
    'Vocabulary: 2 wanted by mentees that no mentor offers, 1 likely misspelled');
  await page.click('#vocabulary-summary');
  assert.deepEqual(await page.locator('#vocabulary-unmet > li').allTextContents(),
    ['javscript (skills): mentees.csv row 2', 'rust (skills): mentees.csv row 3']);
  assert.equal(await page.locator('#vocabulary-likely code').textContent(), '"javascript" = ["javscript"]');
  // Its button puts the line in the settings' vocabulary; the misspelling is then that term.
  await page.click('#vocabulary-likely button');
  assert.equal(await page.inputValue('#vocabulary-terms'), '"javascript" = ["javscript"]');
  await page.locator('#vocabulary-summary')
    .filter({ hasText: 'Vocabulary: 1 wanted by mentees that no mentor offers, 0 likely misspelled' }).waitFor();
  await page.locator('#run:enabled').click();
  await page.locator('#results').waitFor();
  const first = page.locator('#matches tbody tr').first();
  assert.match(await first.textContent(), /skills: javascript/);
  // A line that does not read keeps the form from being submitted, and says why.
  await page.fill('#vocabulary-terms', 'javascript js');
  assert.equal(await page.locator('#vocabulary-terms').evaluate((field) => field.validationMessage),
    'line 1: write a term and its aliases, e.g. javascript = js, ecmascript (and its parent after a semicolon: rust = rs; parent: programming)');
  // Clean rosters hide it.
  await page.setInputFiles('#mentees-file', file('mentees.csv', 'id,skills\ne1,javascript\n'));
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv: 1 mentees' }).waitFor();
  await page.locator('#run:enabled').waitFor();
  assert.equal(await page.locator('#vocabulary').isHidden(), true);
});
