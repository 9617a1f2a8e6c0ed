// Participants' priorities and numeric attribute rules through the WebAssembly
// package: the data/priorities program gives the CLI's bytes and numbers.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { edit, ROOT, thrown } from '../support/fixtures.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const mentors = read('data/priorities/mentors.csv');
const mentees = read('data/priorities/mentees.csv');
/** data/priorities/config.toml as an object. */
const config = {
  diversity: { department: 'different' },
  constraints: { max_difference: { timezone: 3 }, min_difference: { years_experience: 2 } },
};

test('the priorities program gives exactly the CLI golden output', () => {
  assert.equal(matcher.matchesCsv(mentors, mentees, config), read('data/expected/priorities-matches.csv'));
});

test("a mentee's priority doubles that weight in the explanation", () => {
  const x = matcher.explain(mentors, mentees, config, 'Q08', 'P05');
  // (0.70 + 0.25 + 0.20·0.5 + 0.20) / 1.35 = 92.59
  assert.equal(x.score, 92.59);
  assert.equal(x.priority, 'skills');
  assert.deepEqual(x.weights, { skills: 0.7, goals: 0.25, values: 0.2, diversity: 0.2, pair_score: 0.25 });
  const plain = matcher.explain(mentors, mentees, config, 'Q05', 'P01');
  assert.equal(plain.priority, undefined);
  assert.equal(plain.score, 45);
});

test('numeric rules forbid pairs and explain why', () => {
  const verdict = matcher.whyNot(mentors, mentees, config, 'Q07', 'P02');
  assert.deepEqual(verdict.mentee, {
    status: 'unmatched',
    mentee_id: 'Q07',
    mentee_name: 'Nina Berg',
    reason: 'all_candidates_forbidden',
    detail: 'all 5 mentors are ruled out: max_difference: timezone (4), min_difference: years_experience (1)',
  });
  assert.deepEqual(verdict.pair.explanation.forbidden, {
    rule: 'min_difference', attribute: 'years_experience', difference: 1, min: 2,
  });
  assert.deepEqual(matcher.explain(mentors, mentees, config, 'Q07', 'P01').forbidden, {
    rule: 'max_difference', attribute: 'timezone', difference: 6, max: 3,
  });
});

test('bad priorities, numbers and limits throw located errors', () => {
  let error = thrown(() => matcher.matchRosters(mentors, edit(mentees, '-5,7,goals', '-5,7,goal'), config));
  assert.deepEqual([error.code, error.file, error.row, error.column], ['bad_priority', 'mentees.csv', 8, 'priority']);
  assert.equal(
    error.message,
    'mentees.csv:8:priority: priority must be one of skills, goals, values, diversity, pair_score, availability, picks, got "goal" '
      + '(hint: name the one criterion that matters most to this mentee, or leave the cell empty)',
  );
  error = thrown(() => matcher.matchRosters(edit(mentors, 'Data,-3,8,', 'Data,UTC-3,8,'), mentees, config));
  assert.deepEqual([error.code, error.file, error.row, error.column], ['bad_number', 'mentors.csv', 3, 'timezone']);
  assert.equal(
    error.message,
    'mentors.csv:3:timezone: constraints.max_difference compares timezone as numbers, got "utc-3" '
      + '(hint: write a plain number such as `-5` or `2.5`, or leave the cell empty)',
  );
  error = thrown(() => matcher.matchRosters(mentors, mentees, { constraints: { max_difference: { timezone: -1 } } }));
  assert.deepEqual([error.code, error.key], ['config', 'constraints.max_difference.timezone']);
  assert.equal(error.message, 'config: constraints.max_difference.timezone: must be a finite number ≥ 0, got -1');
});
