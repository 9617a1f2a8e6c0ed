// The Matcher class: one program solved once, every question answered from it.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { expected, menteesWithBadLevel, ROOT, sample, thrown } from '../support/fixtures.mjs';

const { mentors, mentees, config } = sample;

test('one solve gives the outcome, the CSV, the JSON, suggestions, explanations and the report', () => {
  const m = new matcher.Matcher(mentors, mentees, config);
  assert.equal(m.solves, 1);
  assert.deepEqual(m.outcome(), expected.json());
  assert.equal(m.matchesCsv(), expected.csv());
  assert.deepEqual(JSON.parse(m.json()), expected.json());
  assert.deepEqual(m.suggest(2), matcher.suggest(mentors, mentees, config, 2));
  assert.deepEqual(m.explain('E002', 'M008'), matcher.explain(mentors, mentees, config, 'E002', 'M008'));
  assert.deepEqual(m.whyNot('E002'), matcher.whyNot(mentors, mentees, config, 'E002'));
  assert.equal(m.report().cost_of_diversity, null);
  assert.equal(m.solves, 1);
  m.free();
});

test('forcing a pair and the cost of diversity each solve once more, and match the one-shot functions', () => {
  const m = new matcher.Matcher(mentors, mentees, config);
  const golden = readFileSync(join(ROOT, 'data/expected/why-not-E002-M010.txt'), 'utf8');
  const verdict = m.whyNot('E002', 'M010');
  assert.deepEqual(verdict, matcher.whyNot(mentors, mentees, config, 'E002', 'M010'));
  assert.match(golden, new RegExp(`${verdict.pair.forcing.total_change.toFixed(2)}`));
  assert.equal(m.solves, 2);
  const cost = m.costOfDiversity();
  assert.equal(cost.cost, 168.12);
  assert.deepEqual(m.costOfDiversity(), cost);
  assert.equal(m.solves, 3);
  assert.deepEqual(m.report(), matcher.fairnessReport(mentors, mentees, config));
  m.free();
});

test('progress reaches the callback: every mentee scored, then solving', () => {
  const events = [];
  const m = new matcher.Matcher(mentors, mentees, config, null, (p) => events.push({ ...p }));
  const scoring = events.filter((e) => e.stage === 'scoring');
  assert.deepEqual(scoring[0], { stage: 'scoring', done: 0, total: 131 });
  assert.deepEqual(scoring.at(-1), { stage: 'scoring', done: 131, total: 131 });
  assert.ok(scoring.every((e, i) => i === 0 || e.done >= scoring[i - 1].done));
  assert.equal(events.at(-1).stage, 'solving');
  m.free();
  // A throwing callback does not stop the run.
  const outcome = new matcher.Matcher(mentors, mentees, config, null, () => {
    throw new Error('ignored');
  }).outcome();
  assert.deepEqual(outcome, expected.json());
});

test('bad input throws the same located Error as the one-shot functions', () => {
  const error = thrown(() => new matcher.Matcher(mentors, menteesWithBadLevel(), config));
  const same = thrown(() => matcher.matchRosters(mentors, menteesWithBadLevel(), config));
  assert.ok(error instanceof Error);
  assert.deepEqual(
    [error.code, error.file, error.row, error.column, error.message],
    [same.code, same.file, same.row, same.column, same.message],
  );
  const m = new matcher.Matcher(mentors, mentees, config);
  assert.equal(thrown(() => m.whyNot('E999')).code, 'unknown_id');
  assert.equal(thrown(() => m.whyNot('E001', 42)).code, 'invalid_argument');
  assert.equal(thrown(() => new matcher.Matcher(mentors, mentees, config, null, 'no')).code, 'invalid_argument');
});
