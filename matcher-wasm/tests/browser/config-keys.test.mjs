// Every config key survives the admin page: data/shapes/config.toml (which
// sets `constraints.distinct`) loaded on the page gives the CLI's golden
// matches byte for byte, and a config setting every key, loaded and
// downloaded again, means what it meant; the keys no control shows are kept
// and listed under the settings.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse as parseToml } from 'smol-toml';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { download, pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';

const harness = pageHarness();
const SHAPES = join(ROOT, 'data/shapes');

/** The page with the data/shapes rosters and `config` (a path, or `{ name, buffer }`) loaded. */
async function loaded(t, config) {
  const page = await harness.ready(t);
  await page.setInputFiles('#mentors-file', join(SHAPES, 'mentors.csv'));
  await page.setInputFiles('#mentees-file', join(SHAPES, 'mentees.csv'));
  await page.locator('#mentees-status').filter({ hasText: 'mentees.csv:' }).waitFor();
  await page.setInputFiles('#config-file', config);
  await page.locator('#config-status').filter({ hasText: /^Loaded / }).waitFor();
  await page.locator('#settings[data-checking="false"]').waitFor();
  return page;
}

test('data/shapes/config.toml on the page: its distinct rule shows, and the matches are the CLI golden file', async (t) => {
  const page = await loaded(t, join(SHAPES, 'config.toml'));
  assert.equal(await page.isChecked('#attr-distinct-department'), true);
  assert.equal(await page.isChecked('#attr-distinct-gender'), false);
  assert.equal(await page.isHidden('#kept-note'), true);
  await page.click('#run:enabled');
  await page.locator('#results').waitFor();
  assert.equal(await download(page, '#download-csv'), readFileSync(join(ROOT, 'data/expected/shapes-matches.csv'), 'utf8'));

  // Unticked, the rule is gone: another matching.
  await page.uncheck('#attr-distinct-department');
  await page.click('#rerun:enabled');
  await page.locator('#run-status[data-solves="2"]').waitFor();
  assert.notEqual(await download(page, '#download-csv'), readFileSync(join(ROOT, 'data/expected/shapes-matches.csv'), 'utf8'));
});

/**
 * Every key of the config set away from its default. `team`, `languages` and
 * `years` are no column of the shapes rosters: their rules have no row.
 */
const EVERY_KEY = `[weights]
skills = 0.3
goals = 0.2
values = 0.1
diversity = 0.15
pair_score = 0.05
availability = 0.1
picks = 0.4

[skills]
related = 0.25

[attributes]
languages = { list = true }

[diversity]
department = "different"
gender = { prefer = "different", weight = 0.5 }
location = "same"
languages = "overlap"
team = { prefer = "same", weight = 2 }

[preferences]
mode = "only"

[constraints]
min_score = 10
require_different = ["department"]
require_same = ["language"]
require_overlap = ["languages"]
max_difference = { years = 6 }
min_difference = { years = 1 }
min_overlap_hours = 1.5
distinct = ["location", "team"]
min_load_or_none = true

[availability]
week = "2027-03-01"

[solver]
objective = "fair"
threads = 4
max_memory = "256MiB"

[vocabulary]
"machine learning" = ["ml"]
rust = { aliases = ["rs"], parent = "programming" }

[columns]
"Spoken languages" = { role = "languages", separator = "," }
"Team name" = "team"
`;

/** A config's meaning: the engine's reading of it, with its lists of attribute names in one order. */
function meaning(config) {
  const read = matcher.checkConfig(config);
  for (const key of ['require_different', 'require_same', 'require_overlap', 'distinct']) read.constraints[key]?.sort();
  return read;
}

test('a config setting every key round-trips through the settings; what no control shows is kept and said', async (t) => {
  const input = parseToml(EVERY_KEY);
  // Each section and key of the defaults is set above.
  const defaults = matcher.defaultConfig();
  for (const [section, keys] of Object.entries(defaults)) {
    if (typeof keys !== 'object' || Object.keys(keys).length === 0) continue;
    for (const key of Object.keys(keys)) assert.ok(key in input[section], `${section}.${key} is set`);
  }
  const page = await loaded(t, { name: 'every.toml', mimeType: 'application/toml', buffer: Buffer.from(EVERY_KEY) });
  assert.equal(await page.isChecked('#min-load-or-none'), true);
  assert.equal(await page.isChecked('#attr-distinct-location'), true);
  const note = await page.textContent('#kept-note');
  assert.match(note, /solver\.threads = 4: not applied here/);
  assert.match(note, /solver\.max_memory = 268435456: applied/);
  assert.match(note, /diversity\.team; .*constraints\.distinct: team/);
  assert.match(note, /attributes\.languages/);
  assert.match(note, /constraints\.max_difference\.years; constraints\.min_difference\.years/);

  const downloaded = parseToml(await download(page, '#download-config'));
  assert.deepEqual(meaning(downloaded), meaning(input));
  // The engine reads solver.threads as 0 in WebAssembly; the file keeps it.
  assert.equal(downloaded.solver.threads, 4);

  // Another config replaces the rest: nothing of the first lingers unseen.
  await page.setInputFiles('#config-file', join(SHAPES, 'config.toml'));
  await page.locator('#config-status').filter({ hasText: 'Loaded config.toml.' }).waitFor();
  assert.equal(await page.isChecked('#min-load-or-none'), false);
  assert.equal(await page.isHidden('#kept-note'), true);
  const again = parseToml(await download(page, '#download-config'));
  // But the column mapping, which stays for a config without [columns] (the mapping step's choices).
  assert.deepEqual(Object.keys(again.columns), ['Spoken languages', 'Team name']);
  delete again.columns;
  assert.deepEqual(meaning(again), meaning(parseToml(readFileSync(join(SHAPES, 'config.toml'), 'utf8'))));
});
