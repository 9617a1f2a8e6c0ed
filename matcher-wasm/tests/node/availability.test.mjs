// Time zones and weekly availability through the WebAssembly package: the
// data/availability program gives the CLI's bytes, explanations carry the
// overlap in both local times, bad cells throw located errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { ROOT, thrown } from '../support/fixtures.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const mentors = read('data/availability/mentors.csv');
const mentees = read('data/availability/mentees.csv');
/** data/availability/config.toml as an object. */
const config = {
  weights: { skills: 0.4, goals: 0.2, values: 0, diversity: 0, availability: 0.4 },
  constraints: { min_overlap_hours: 1.5 },
  availability: { week: '2027-01-04' },
};

test('the availability program gives exactly the CLI golden output', () => {
  assert.equal(matcher.matchesCsv(mentors, mentees, config), read('data/expected/availability-matches.csv'));
});

test('an explanation carries the shared hours in both local times', () => {
  const x = matcher.explain(mentors, mentees, config, 'B02', 'A01');
  assert.equal(x.criteria.availability, 50);
  assert.equal(x.weights.availability, 0.4);
  assert.deepEqual(x.availability, {
    hours: 2,
    mentee_hours: 4,
    mentee_zone: 'Europe/Berlin',
    mentor_zone: 'Africa/Lagos',
    slots: [
      { mentee: 'mon 19:00–20:00', mentor: 'mon 19:00–20:00' },
      { mentee: 'sat 11:00–12:00', mentor: 'sat 11:00–12:00' },
    ],
  });
  assert.deepEqual(matcher.explain(mentors, mentees, config, 'B04', 'A03').forbidden, {
    rule: 'min_overlap_hours', hours: 0, min: 1.5,
  });
  // Who gave no availability: not applicable, left out.
  const none = matcher.explain(mentors, mentees, config, 'B06', 'A01');
  assert.equal('availability' in none.criteria, false);
  assert.equal(none.availability, undefined);
});

test('bad time zones and slots throw errors located by file, row and column', () => {
  const bad = mentees.replace('Europe/Berlin', 'Europe/Berln');
  const error = thrown(() => matcher.matchRosters(mentors, bad, config));
  assert.equal(error.code, 'bad_timezone');
  assert.deepEqual([error.file, error.row, error.column], ['mentees.csv', 3, 'timezone']);
  const [slots, ...more] = matcher.validate(mentors, mentees.replace('fri 17-21', 'fri 17-25'), config);
  assert.deepEqual([slots.code, slots.row, slots.column, more], ['bad_availability', 6, 'availability', []]);
  assert.match(slots.message, /"25" in "fri 17-25" is past 24:00/);
  const week = thrown(() => matcher.matchRosters(mentors, mentees, { availability: { week: 'soon' } }));
  assert.equal(week.key, 'availability.week');
});
