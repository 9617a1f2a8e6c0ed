// The Node build against the CLI: same matches, same bytes, same errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { join } from 'node:path';
import { edit, expected, menteesWithBadLevel, parseCsv, ROOT, sample, thrown } from '../support/fixtures.mjs';

const { mentors, mentees, config } = sample;

test('the sample program gives exactly the CLI golden output', () => {
  assert.equal(matcher.matchesCsv(mentors, mentees, config), expected.csv());
  assert.deepEqual(matcher.matchRosters(mentors, mentees, config), expected.json());
});

test('matches and scores agree with the rows of matches.csv', () => {
  const rows = expected.rows();
  const matched = rows.filter(([, , mentorId]) => mentorId !== '');
  const outcome = matcher.matchRosters(mentors, mentees, config);
  assert.equal(outcome.matches.length, matched.length);
  assert.equal(outcome.matches.length + outcome.unmatched.length, rows.length);
  outcome.matches.forEach((m, i) => {
    const [menteeId, , mentorId, , score] = matched[i];
    assert.deepEqual([m.mentee_id, m.mentor_id, m.score.toFixed(2)], [menteeId, mentorId, score]);
  });
  assert.equal(outcome.summary.gap, 0);
});

test('no config means the default config', () => {
  const defaults = matcher.matchRosters(mentors, mentees, matcher.defaultConfig());
  assert.deepEqual(matcher.matchRosters(mentors, mentees), defaults);
  assert.deepEqual(matcher.matchRosters(mentors, mentees, null), defaults);
  assert.deepEqual(matcher.matchRosters(mentors, mentees, {}), defaults);
});

test('a bad row throws an Error located at its row and column', () => {
  const error = thrown(() => matcher.matchRosters(mentors, menteesWithBadLevel(), config));
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'MatcherError');
  assert.equal(error.code, 'bad_skill_level');
  assert.equal(error.file, 'mentees.csv');
  assert.equal(error.row, 4);
  assert.equal(error.column, 'skills');
  assert.equal(error.key, null);
  assert.match(error.message, /^mentees\.csv:4:skills: skill level/);
  assert.deepEqual(error.diagnostics.map((d) => [d.file, d.row, d.column, d.code]), [
    ['mentees.csv', 4, 'skills', 'bad_skill_level'],
  ]);
});

test('validate lists every problem in both rosters at once', () => {
  const badMentors = edit(mentors, 'M002,Zoë Nowak,3,', 'M002,Zoë Nowak,three,');
  const badMentees = edit(menteesWithBadLevel(), 'E002,', 'E001,');
  const problems = matcher.validate(badMentors, badMentees);
  assert.deepEqual(problems.map((d) => `${d.file}:${d.row}:${d.column ?? ''}:${d.code}`), [
    'mentees.csv:3:id:duplicate_id',
    'mentees.csv:4:skills:bad_skill_level',
    'mentors.csv:3:capacity:bad_capacity',
  ]);
  assert.deepEqual(matcher.validate(mentors, mentees), []);
  assert.equal(thrown(() => matcher.matchRosters(badMentors, badMentees)).diagnostics.length, 3);
});

test('whole-file problems have no row or column', () => {
  const error = thrown(() => matcher.matchRosters('', mentees));
  assert.deepEqual([error.code, error.file, error.row, error.column], ['empty_file', 'mentors.csv', null, null]);
});

test('a config typo is rejected with the path of the key', () => {
  const cases = [
    [{ wieghts: { skills: 1 } }, 'wieghts', /unknown field `wieghts`/],
    [{ weights: { skils: 0.5 } }, 'weights.skils', /unknown field `skils`, expected one of `skills`/],
    [{ diversity: { gender: 'diffrent' } }, 'diversity.gender', /unknown variant `diffrent`/],
    [{ diversity: { gender: { prefer: 'same', wieght: 2 } } }, 'diversity.gender.wieght', /unknown field `wieght`/],
    [{ constraints: { min_score: 101 } }, 'constraints.min_score', /between 0 and 100/],
    [{ weights: { skills: 0, goals: 0, values: 0, diversity: 0 } }, 'weights', /at least one weight/],
    [{ solver: { objective: 'fastest' } }, 'solver.objective', /unknown variant `fastest`/],
  ];
  for (const [bad, key, message] of cases) {
    const error = thrown(() => matcher.matchRosters(mentors, mentees, bad));
    assert.ok(error instanceof Error, key);
    assert.deepEqual([error.code, error.key], ['config', key]);
    assert.match(error.message, message);
    assert.deepEqual([error.file, error.row, error.column, error.diagnostics], [null, null, null, []]);
  }
  const error = thrown(() => matcher.matchRosters(mentors, mentees, ['not', 'an', 'object']));
  assert.deepEqual([error.code, error.key], ['config', null]);
});

test('solver.threads is accepted and ignored', () => {
  const threaded = { ...config, solver: { ...config.solver, threads: 8 } };
  assert.equal(matcher.matchesCsv(mentors, mentees, threaded), expected.csv());
});

test('suggest gives the CLI suggestions: the optimal mentor first, then by score minus price', () => {
  const suggestions = matcher.suggest(mentors, mentees, config, 2);
  assert.equal(suggestions.length, matcher.readRoster(mentees, 'mentee').people.length);
  const rows = suggestions.flatMap((s) =>
    s.mentors.map((m, i) => [s.mentee_id, String(i + 1), m.mentor_id, m.score.toFixed(2), m.assigned ? 'yes' : 'no']),
  );
  const golden = parseCsv(readFileSync(join(ROOT, 'data/expected/suggestions.csv'), 'utf8'))
    .slice(1)
    .map(([mentee, , rank, mentor, , score, assigned]) => [mentee, rank, mentor, score, assigned]);
  assert.deepEqual(rows, golden);
  const { matches } = matcher.matchRosters(mentors, mentees, config);
  const first = new Map(suggestions.map((s) => [s.mentee_id, s.mentors[0]?.mentor_id]));
  assert.deepEqual(matches.map((m) => first.get(m.mentee_id)), matches.map((m) => m.mentor_id));
  assert.deepEqual(matcher.suggest(mentors, mentees, undefined, 0).flatMap((s) => s.mentors), []);
});

const rounds = {
  locked: readFileSync(join(ROOT, 'data/locked.csv'), 'utf8'),
  history: readFileSync(join(ROOT, 'data/history.csv'), 'utf8'),
};

test('a second round with locks and history gives the CLI bytes', () => {
  const round2 = readFileSync(join(ROOT, 'data/expected/matches-round2.csv'), 'utf8');
  assert.equal(matcher.matchesCsv(mentors, mentees, config, rounds), round2);
  const outcome = matcher.matchRosters(mentors, mentees, config, rounds);
  assert.deepEqual(
    outcome.matches.filter((m) => m.locked).map((m) => `${m.mentee_id}-${m.mentor_id}`),
    ['E001-M015', 'E002-M008', 'E003-M041', 'E006-M023', 'E007-M010'],
  );
  assert.deepEqual(matcher.matchRosters(mentors, mentees, config, {}), matcher.matchRosters(mentors, mentees, config));
});

test('bad rounds throw located errors', () => {
  const over = thrown(() =>
    matcher.matchRosters(mentors, mentees, config, { locked: 'mentor_id,mentee_id\nM010,E002\nM010,E007\nM010,E040\nM010,E066\n' }),
  );
  assert.deepEqual([over.code, over.file, over.row, over.column], ['lock_over_capacity', 'locked.csv', 5, null]);
  const unknown = thrown(() => matcher.suggest(mentors, mentees, config, 3, { history: 'mentee_id,mentor_id\nE001,M999\n' }));
  assert.deepEqual([unknown.code, unknown.file, unknown.row, unknown.column], ['unknown_pair_id', 'history.csv', 2, 'mentor_id']);
  const typo = thrown(() => matcher.matchRosters(mentors, mentees, config, { lock: '' }));
  assert.equal(typo.code, 'invalid_argument');
  assert.match(typo.message, /unknown field `lock`/);
});

test('whyNot gives the CLI answer: holders and the exact cost of forcing', () => {
  const verdict = matcher.whyNot(mentors, mentees, config, 'E002', 'M010');
  assert.deepEqual([verdict.mentee.status, verdict.mentee.mentor_id], ['matched', 'M008']);
  assert.equal(verdict.pair.made, false);
  assert.deepEqual(verdict.pair.holders.map((h) => [h.mentee_id, h.score]), [['E040', 60.67], ['E066', 54.67], ['E100', 57.08]]);
  assert.deepEqual(verdict.pair.forcing, {
    total_score: 7418.68,
    forced_total_score: 7406.12,
    total_change: -12.56,
    matched_change: 0,
    moves: [
      { mentee_id: 'E002', from: 'M008', to: 'M010' },
      { mentee_id: 'E100', from: 'M010', to: 'M008' },
    ],
  });
  const alone = matcher.whyNot(mentors, mentees, config, 'E131');
  assert.deepEqual([alone.mentee.status, alone.mentee.reason, alone.pair], ['unmatched', 'below_min_score', undefined]);
  assert.equal(matcher.whyNot(mentors, mentees, config, 'E007', 'M010', rounds).mentee.locked, true);
});

test('fairnessReport gives the CLI report, and the fair objective raises the lowest score', () => {
  const golden = JSON.parse(readFileSync(join(ROOT, 'data/expected/report.json'), 'utf8'));
  assert.deepEqual(matcher.fairnessReport(mentors, mentees, config), golden);
  const fair = matcher.matchRosters(mentors, mentees, { ...config, solver: { ...config.solver, objective: 'fair' } });
  assert.deepEqual([fair.summary.objective, fair.summary.matched, fair.summary.score.min, fair.summary.total_score], ['fair', 130, 40.67, 7371.05]);
});

test('explain gives the same breakdown as the match it explains', () => {
  const { matches } = matcher.matchRosters(mentors, mentees, config);
  for (const m of matches.slice(0, 10)) {
    const explanation = matcher.explain(mentors, mentees, config, m.mentee_id, m.mentor_id);
    const { mentee_name: _e, mentor_name: _m, reason: _r, ...breakdown } = m;
    assert.deepEqual(explanation, breakdown);
  }
  const error = thrown(() => matcher.explain(mentors, mentees, config, 'E001', 'M999'));
  assert.deepEqual([error.code, error.message], ['unknown_id', 'no mentor with id "M999"']);
});

test('explain names the rule that forbids a pair', () => {
  // E003 excludes M008 in the sample rosters.
  const explanation = matcher.explain(mentors, mentees, config, 'E003', 'M008');
  assert.deepEqual(explanation.forbidden, { rule: 'excluded', by: 'mentee' });
});

test('readRoster shows a roster as the matcher reads it', () => {
  const roster = matcher.readRoster(mentors, 'mentor');
  assert.equal(roster.side, 'mentor');
  assert.equal(roster.source, 'mentors.csv');
  assert.deepEqual(roster.attributes, ['department', 'gender', 'location', 'language', 'seniority']);
  const m004 = roster.people.find((p) => p.id === 'M004');
  assert.deepEqual(m004.skills[1], { name: 'stakeholder management', level: 5 });
  assert.equal(thrown(() => matcher.readRoster(mentors, 'mentors')).code, 'invalid_argument');
  assert.equal(thrown(() => matcher.readRoster(menteesWithBadLevel(), 'mentee')).row, 4);
});

test('generateRosters is seeded and its rosters match', () => {
  const a = matcher.generateRosters(20, 50, 7);
  assert.deepEqual(matcher.generateRosters(20, 50, 7), a);
  assert.notDeepEqual(matcher.generateRosters(20, 50, 8), a);
  assert.equal(a.mentors.trimEnd().split('\n').length, 21);
  assert.equal(a.mentees.trimEnd().split('\n').length, 51);
  const fixed = matcher.readRoster(matcher.generateRosters(5, 5, 7, 4).mentors, 'mentor');
  assert.deepEqual(fixed.people.map((p) => p.capacity), [4, 4, 4, 4, 4]);
  assert.equal(matcher.matchRosters(a.mentors, a.mentees).summary.mentees, 50);
});

test('version is the crate version', () => {
  const cargo = readFileSync(new URL('../../../Cargo.toml', import.meta.url), 'utf8');
  assert.equal(matcher.version(), cargo.match(/^version = "(.+)"$/m)[1]);
});
