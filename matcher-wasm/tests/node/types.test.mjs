// The hand-written interfaces in src/types.d.ts against real results: every
// declared field is there, and nothing undeclared is, so the types cannot
// drift from what the core serialises.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { menteesWithBadLevel, sample } from '../support/fixtures.mjs';

/** Each exported interface: its fields (top level only) and what it extends. */
const INTERFACES = new Map(
  [...readFileSync(new URL('../../src/types.d.ts', import.meta.url), 'utf8')
    .matchAll(/^export interface (\w+)(?: extends (\w+))? \{\n([\s\S]*?)^\}/gm)]
    .map(([, name, parent, body]) => [name, {
      parent,
      fields: [...body.matchAll(/^ {2}(\w+)(\??):/gm)].map(([, field, optional]) => ({ field, optional: !!optional })),
    }]),
);

function fields(name) {
  const { parent, fields: own } = INTERFACES.get(name) ?? assert.fail(`no interface ${name}`);
  return [...own, ...(parent && INTERFACES.has(parent) ? fields(parent) : [])];
}

/** `value` has every required field of `name` and no field it does not declare. */
function assertShape(name, value) {
  const declared = fields(name);
  const keys = Object.keys(value);
  for (const { field, optional } of declared) {
    if (!optional) assert.ok(keys.includes(field), `${name}.${field} is missing`);
  }
  for (const key of keys) {
    assert.ok(declared.some((d) => d.field === key), `${name} has an undeclared field ${key}`);
  }
}

const { mentors, mentees, config } = sample;

test('match results have the declared shapes', () => {
  const outcome = matcher.matchRosters(mentors, mentees, config);
  assertShape('MatchOutcome', outcome);
  assert.ok(outcome.matches.length > 0 && outcome.unmatched.length > 0, 'the sample has both');
  const match = outcome.matches[0];
  assertShape('Match', match);
  assertShape('CriterionScores', match.criteria);
  assertShape('SkillCoverage', match.skills[0]);
  assertShape('AttributeComparison', match.attributes[0]);
  assertShape('Unmatched', outcome.unmatched[0]);
  assertShape('MentorLoad', outcome.mentors[0]);
  assertShape('Summary', outcome.summary);
  assertShape('ScoreStats', outcome.summary.score);
  assertShape('CriterionScores', outcome.summary.criteria);
});

test('the other results have the declared shapes', () => {
  const [suggestions] = matcher.suggest(mentors, mentees, config, 2);
  assertShape('Suggestions', suggestions);
  assertShape('Suggestion', suggestions.mentors[0]);
  assertShape('Explanation', matcher.explain(mentors, mentees, config, 'E003', 'M008'));
  const roster = matcher.readRoster(mentors, 'mentor');
  assertShape('Roster', roster);
  assertShape('Person', roster.people[0]);
  assertShape('Skill', roster.people[0].skills[0]);
  assertShape('Diagnostic', matcher.validate(mentors, menteesWithBadLevel())[0]);
  assertShape('GeneratedRosters', matcher.generateRosters(1, 1, 1));
});

test('the stability report and whyNot under picks have the declared shapes', () => {
  const picks = (file) => readFileSync(new URL(`../../../data/picks/${file}`, import.meta.url), 'utf8');
  const [pickMentors, pickMentees] = [picks('mentors.csv'), picks('mentees.csv')];
  const { stability } = matcher.fairnessReport(pickMentors, pickMentees, config);
  assertShape('Stability', stability);
  assertShape('PickShares', stability.picks);
  assertShape('PairVerdict', matcher.whyNot(pickMentors, pickMentees, config, 'E025', 'M034').pair);
});

test('evaluations have the declared shapes', () => {
  const outcomes = readFileSync(new URL('../../../data/outcomes.csv', import.meta.url), 'utf8');
  const evaluation = new matcher.Matcher(mentors, mentees, config).evaluate(outcomes);
  assertShape('Evaluation', evaluation);
  assertShape('Bootstrap', evaluation.bootstrap);
  assertShape('Diagnostic', evaluation.unknown[0]);
  const [report] = evaluation.measures;
  assertShape('MeasureReport', report);
  assertShape('Effect', report.score);
  assertShape('Effect', report.criteria[0]);
  assertShape('Bin', report.score.bins[0]);
  const commented = evaluation.pairs.find((p) => p.comment);
  assertShape('PairOutcome', commented);
  assertShape('PairOutcome', evaluation.pairs.find((p) => !p.comment));
  assertShape('CriterionScores', commented.criteria);
  assertShape('OutcomeValues', evaluation.pairs.find((p) => Object.keys(p.values).length === 4).values);
  // Every code the declared unions name is a real one.
  const codes = readFileSync(new URL('../../src/types.d.ts', import.meta.url), 'utf8');
  for (const code of ['bad_outcome', 'no_outcome_column', evaluation.unknown[0].code]) assert.match(codes, new RegExp(`\\| "${code}"`));
});

test('thrown errors carry every declared MatcherError field', () => {
  try {
    matcher.matchRosters(mentors, menteesWithBadLevel());
  } catch (error) {
    const declared = fields('MatcherError').map((d) => d.field);
    assert.deepEqual(
      declared.filter((field) => !Object.hasOwn(error, field)),
      [],
    );
    return;
  }
  assert.fail('expected an error');
});

test('picks and wants have the declared shapes', () => {
  const pickers = 'id,capacity,gender,picks,wants\nm1,1,woman,e1,\nm2,1,man,,!gender=woman\n';
  const choosers = 'id,skills,gender,picks,wants\ne1,python,man,m1; m2,gender=woman\ne2,,woman,m2,\n';
  const outcome = matcher.matchRosters(pickers, choosers, { preferences: { mode: 'only' } });
  const match = outcome.matches.find((m) => m.mentee_id === 'e1');
  assertShape('Match', match);
  assertShape('CriterionScores', match.criteria);
  assertShape('PickDetail', match.picks);
  assertShape('WantCheck', match.picks.wants[0]);
  assert.equal(match.reason, 'their 1st pick; picked by the mentor; wants met: gender=woman');
  // e2 picked m2 only, whose must-have (a woman) e2 meets, so e2 gets m2.
  assert.equal(outcome.matches.find((m) => m.mentee_id === 'e2').mentor_id, 'm2');
  const x = matcher.explain(pickers, choosers, {}, 'e1', 'm2');
  assert.deepEqual(x.forbidden, { rule: 'must_have', attribute: 'gender', value: 'woman', by: 'mentor' });
  assertShape('Person', matcher.readRoster(choosers, 'mentee').people[0]);
});
