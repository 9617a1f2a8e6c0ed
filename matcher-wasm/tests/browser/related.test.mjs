// Related skills and list attributes in the page: an attribute marked as a
// list offers the preference Overlap and the rule Must share one (and no
// longer Different, Same or the numeric limits); the vocabulary takes a parent
// per term and the related skill credit is a setting; the config the page
// sends is the one the API scores, and the reasons name the related skill and
// the shared values.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { pageHarness } from '../support/browser.mjs';

const harness = pageHarness();

const MENTORS = 'id,capacity,languages,skills\nm1,1,English; German,rust:4\nm2,1,French,c++:4\n';
const MENTEES = 'id,languages,skills\ne1,German; Spanish,rust:4\ne2,French; English,rs:4\n';

/** Records the config of the next match the page asks its worker for, as `window.sentConfig`. */
function recordConfig(page) {
  return page.evaluate(() => {
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (message?.op === 'match') window.sentConfig = JSON.stringify(message.args[2]);
      return post.call(this, message, ...rest);
    };
  });
}

test('a list attribute is compared by overlap, and a related skill earns its credit', async (t) => {
  const page = await harness.ready(t);
  const file = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.setInputFiles('#mentors-file', file('mentors.csv', MENTORS));
  await page.setInputFiles('#mentees-file', file('mentees.csv', MENTEES));
  await page.locator('#run:enabled').waitFor();
  const control = (what) => page.getByLabel(`languages ${what}`, { exact: true });
  const enabled = (select) => select.locator('option:not([disabled])').evaluateAll(
    (options) => options.map((o) => o.value));

  // Not a list: the single-value choices.
  assert.deepEqual(await enabled(control('diversity preference')), ['ignore', 'different', 'same']);
  assert.deepEqual(await enabled(control('rule')), ['none', 'different', 'same']);
  await control('rule').selectOption('same');
  await control('maximum difference').fill('2');
  // A list attribute's column takes a separator in the column step, as [columns] allows.
  const separator = page.locator('#column-separator-mentor-languages');
  assert.equal(await separator.isDisabled(), true);
  // A list: overlap only, and what no longer applies is cleared.
  await control('is a list').check();
  await page.locator('#column-separator-mentor-languages:enabled').waitFor();
  assert.deepEqual(await enabled(control('diversity preference')), ['ignore', 'overlap']);
  assert.deepEqual(await enabled(control('rule')), ['none', 'overlap']);
  assert.equal(await control('rule').inputValue(), 'none');
  assert.equal(await control('maximum difference').inputValue(), '');
  assert.equal(await control('maximum difference').isDisabled(), true);
  await control('diversity preference').selectOption('overlap');
  await control('diversity weight').fill('2');
  await control('rule').selectOption('overlap');

  await page.fill('#vocabulary-terms', 'rust = rs; parent: programming\nc++; parent: programming');
  assert.equal(await page.locator('#vocabulary-terms').evaluate((field) => field.validationMessage), '');
  assert.equal(await page.inputValue('#related-credit'), '0.5');

  await recordConfig(page);
  await page.click('#run');
  await page.locator('#results').waitFor();
  const sent = JSON.parse(await page.evaluate(() => window.sentConfig));
  assert.deepEqual(sent.attributes, { languages: { list: true } });
  assert.deepEqual(sent.diversity, { languages: { prefer: 'overlap', weight: 2 } });
  assert.deepEqual(sent.constraints.require_overlap, ['languages']);
  assert.deepEqual(sent.constraints.require_same, []);
  assert.deepEqual(sent.constraints.max_difference, {});
  assert.deepEqual(sent.skills, { related: 0.5 });
  assert.deepEqual(sent.vocabulary, {
    rust: { aliases: ['rs'], parent: 'programming' },
    'c++': { aliases: [], parent: 'programming' },
  });

  // e1 shares no language with m2, so it takes m1; e2 gets m2, whose c++ is
  // rust's sibling: skills 0.5 × 4/4, languages 1 of 2 shared:
  // (0.35 · 0.5 + 0.2 · 0.5) / 0.55 = 50.
  const api = matcher.matchRosters(MENTORS, MENTEES, sent);
  const rows = await page.locator('#matches tbody tr').evaluateAll((trs) => trs.map((row) => row.textContent));
  assert.equal(rows.length, 2);
  assert.deepEqual(api.matches.map((m) => [m.mentee_id, m.mentor_id, m.score]), [['e1', 'm1', 75.76], ['e2', 'm2', 50]]);
  assert.equal(api.matches[1].reason, 'skills: rust (related: c++ (programming)); shared languages: french');
  assert.match(rows[1], /rust \(related: c\+\+ \(programming\)\); shared languages: french/);
  assert.match(rows[0], /shared languages: german/);
  assert.deepEqual(api.matches[1].skills[0].related, { skill: 'c++', level: 4, parent: 'programming' });
  assert.deepEqual(api.matches[1].attributes[0].shared, ['french']);
});

test('a config with lists, overlap rules, parents and a credit fills the settings and reads back the same', async (t) => {
  const page = await harness.ready(t);
  const config = {
    attributes: { languages: { list: true } },
    diversity: { languages: { prefer: 'overlap', weight: 0.5 }, team: { prefer: 'different', weight: 1 } },
    constraints: { require_overlap: ['languages'], require_same: ['team'] },
    skills: { related: 0.25 },
    vocabulary: { javascript: ['js'], rust: { aliases: ['rs'], parent: 'programming' }, 'c++': { parent: 'programming' } },
  };
  const read = await page.evaluate(async (config) => {
    const settings = await import('./js/settings.js');
    settings.applyConfig(config);
    return settings.readConfig();
  }, config);
  assert.equal(await page.inputValue('#vocabulary-terms'),
    'javascript = js\nrust = rs; parent: programming\nc++; parent: programming');
  assert.equal(await page.getByLabel('languages is a list', { exact: true }).isChecked(), true);
  assert.equal(await page.getByLabel('team is a list', { exact: true }).isChecked(), false);
  assert.deepEqual(read.attributes, config.attributes);
  assert.deepEqual(read.diversity, config.diversity);
  assert.deepEqual(read.constraints.require_overlap, ['languages']);
  assert.deepEqual(read.constraints.require_same, ['team']);
  assert.deepEqual(read.skills, { related: 0.25 });
  assert.deepEqual(read.vocabulary, {
    javascript: ['js'],
    rust: { aliases: ['rs'], parent: 'programming' },
    'c++': { aliases: [], parent: 'programming' },
  });
  // A credit out of range keeps the form from being submitted (the API would name the key).
  await page.fill('#related-credit', '2');
  assert.equal(await page.locator('#settings').evaluate((form) => form.checkValidity()), false);
  assert.equal(await page.locator('#related-credit').evaluate((field) => field.validity.rangeOverflow), true);
  assert.throws(() => matcher.matchRosters(MENTORS, MENTEES, { skills: { related: 2 } }), { key: 'skills.related' });
});
