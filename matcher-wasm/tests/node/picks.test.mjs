// Participants' picks through the WebAssembly package: on data/picks the
// stability report reads the stated picks as the CLI does, and whyNot says
// which pick was not honoured and what honouring it costs.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { ROOT } from '../support/fixtures.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const mentors = read('data/picks/mentors.csv');
const mentees = read('data/picks/mentees.csv');
/** data/picks/config.toml as an object. */
const config = {
  weights: { skills: 0.35, goals: 0.25, values: 0.2, diversity: 0.2 },
  diversity: { department: 'different', gender: { prefer: 'different', weight: 0.5 }, location: 'same' },
  constraints: { min_score: 20, require_different: ['department'], require_same: [] },
  solver: { objective: 'coverage' },
  preferences: { mode: 'bonus' },
};

test('the stability report reads the stated picks as the CLI does', () => {
  const report = matcher.fairnessReport(mentors, mentees, config);
  const expected = JSON.parse(read('data/expected/picks-report.json'));
  assert.deepEqual(report.stability, expected.stability);
  assert.equal(report.stability.preferences, 'picks_where_given');
  assert.deepEqual(
    report.stability.picks.ranks.map((r) => r.mentees),
    [14, 1, 3, 0, 0],
  );
});

test('whyNot names the pick not honoured and what honouring it costs', () => {
  const verdict = matcher.whyNot(mentors, mentees, config, 'E025', 'M034');
  assert.equal(verdict.pair.made, false);
  assert.equal(verdict.pair.mentee_pick, 1);
  assert.equal(verdict.pair.explanation.picks.mentee_picks, 3);
  assert.deepEqual(verdict.pair.holders.map((h) => h.mentee_id), ['E110']);
  assert.equal(verdict.pair.forcing.total_change, -0.59);
  // A pair that is no pick carries no rank.
  assert.equal('mentee_pick' in matcher.whyNot(mentors, mentees, config, 'E025', 'M005').pair, false);
});
