// Shared inputs of the Node and browser tests: the sample program in data/ and
// the CLI's golden output for it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../www/js/csv.js';

/** The page's CSV reader: the tests read CSV as the page does. */
export { parseCsv };

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const read = (path) => readFileSync(join(ROOT, path), 'utf8');

/** The sample rosters, and data/config.toml as the object build.sh converts it to. */
export const sample = {
  mentors: read('data/mentors.csv'),
  mentees: read('data/mentees.csv'),
  config: JSON.parse(read('matcher-wasm/www/sample/config.json')),
};

/** The peer program of data/peers/: one roster, and its config.toml as the object build.sh converts it to. */
export const peers = {
  people: read('data/peers/people.csv'),
  config: JSON.parse(read('matcher-wasm/www/sample/peers-config.json')),
  /** What the CLI writes for it: `match --people` and `match --people --pairs`. */
  matchesCsv: () => read('data/expected/peers-matches.csv'),
  pairsCsv: () => read('data/expected/peers-pairs.csv'),
  /** The second round: data/peers/locked.csv and history.csv, and what the CLI writes for it. */
  round2: {
    rounds: { locked: read('data/peers/locked.csv'), history: read('data/peers/history.csv') },
    pairsCsv: () => read('data/expected/peers-pairs-round2.csv'),
    whyNotP37P11: () => read('data/expected/peers-why-not-P37-P11-round2.txt'),
  },
};

/** What the CLI writes for the sample program: `matches.csv` (text and rows) and the JSON output. */
export const expected = {
  csvPath: join(ROOT, 'data/expected/matches.csv'),
  csv: () => read('data/expected/matches.csv'),
  rows: () => parseCsv(read('data/expected/matches.csv')).slice(1),
  json: () => JSON.parse(read('data/expected/matches.json')),
};


/** Replaces the first occurrence of `from` in `text`, failing if it is missing. */
export function edit(text, from, to) {
  if (!text.includes(from)) throw new Error(`fixture edit: ${JSON.stringify(from)} not found`);
  return text.replace(from, to);
}

/** The sample mentees with E003's `excel` skill at level 9: row 4, column skills. */
export const menteesWithBadLevel = () =>
  edit(sample.mentees, 'E003,Ana Ferrari,Data,woman,Berlin,German,excel;', 'E003,Ana Ferrari,Data,woman,Berlin,German,excel:9;');

/** Calls `f`, which must throw; returns what it threw. */
export function thrown(f) {
  try {
    f();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
