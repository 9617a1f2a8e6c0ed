// Program shapes through the WebAssembly package: the same bytes as the CLI's
// golden file, and impossible minimums thrown as an Error with the
// `infeasible` code. (Peer rosters: peers.test.mjs.)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { ROOT } from '../support/fixtures.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');

/** data/shapes/config.toml as an object. */
const shapes = {
  weights: { skills: 0.35, goals: 0.25, values: 0.2, diversity: 0.2 },
  diversity: { department: 'different', gender: { prefer: 'different', weight: 0.5 }, location: 'same' },
  constraints: { min_score: 20, require_different: ['department'], require_same: [], distinct: ['department'] },
  solver: { objective: 'coverage' },
};

test('several mentors per mentee and minimum loads give the CLI golden file', () => {
  const program = new matcher.Matcher(read('data/shapes/mentors.csv'), read('data/shapes/mentees.csv'), shapes);
  assert.equal(program.matchesCsv(), read('data/expected/shapes-matches.csv'));
  const summary = program.outcome().summary;
  assert.deepEqual(summary.places, { wanted: 175, filled: 139 });
  assert.equal(summary.gap, 0);
});

test('impossible minimum loads throw an Error naming the people', () => {
  const mentors = 'id,capacity,min_load,skills\nm1,3,2,a\nm2,3,2,a\nm3,1,,a\n';
  const mentees = 'id,skills,exclude\ne1,a,\ne2,a,\ne3,a,m1;m2\n';
  assert.throws(() => matcher.matchRosters(mentors, mentees), (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.code, 'infeasible');
    assert.match(error.message, /the 2 mentors m1, m2 must take at least 4 mentees between them/);
    return true;
  });
});

test("the page's review keeps every accepted mentor of a mentee who wants several, and re-runs with them locked", async () => {
  const { Review } = await import('../../www/js/review.js');
  const [mentors, mentees] = [read('data/shapes/mentors.csv'), read('data/shapes/mentees.csv')];
  const first = new matcher.Matcher(mentors, mentees, shapes).outcome();
  const wanting = first.matches.filter((m, _, all) => all.filter((o) => o.mentee_id === m.mentee_id).length === 2);
  const [a, b] = wanting;
  assert.equal(a.mentee_id, b.mentee_id, 'a mentee with two mentors comes first');
  const review = new Review();
  review.decide(a, 'accepted');
  review.decide(b, 'pinned');
  assert.deepEqual([review.decisionOf(a), review.decisionOf(b)], ['accepted', 'pinned']);
  assert.equal(review.rounds().locked, `mentor_id,mentee_id\n${a.mentor_id},${a.mentee_id}\n${b.mentor_id},${b.mentee_id}\n`);
  const ids = mentees.trim().split('\n').slice(1).map((line) => line.split(',')[0]);
  const final = review.finalCsv(first, ids).split('\n');
  assert.equal(final.filter((line) => line.startsWith(`${a.mentee_id},`)).length, 2);
  assert.ok(final.includes(`${a.mentee_id},${a.mentee_name},${b.mentor_id},${b.mentor_name},${b.score.toFixed(2)},pinned`));
  // The re-run keeps both pairs, marked locked.
  const second = new matcher.Matcher(mentors, mentees, shapes, review.rounds()).outcome();
  const kept = second.matches.filter((m) => m.mentee_id === a.mentee_id && m.locked).map((m) => m.mentor_id);
  assert.deepEqual(kept.sort(), [a.mentor_id, b.mentor_id].sort());
  review.decide(a, 'draft');
  assert.equal(review.rounds().locked, `mentor_id,mentee_id\n${b.mentor_id},${b.mentee_id}\n`);
});
