// `evaluate` on the sample program and data/outcomes.csv: the counts, the
// pairs left out, response rates, decile sizes and a correlation, each worked
// out here from the files themselves; located errors for a bad outcomes file;
// seeded, reproducible intervals; bad options refused; no solve on a
// `Matcher`, and the same answers through the Worker-backed API.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { MatcherWorker } from '../../pkg/worker/node.js';
import { parseCsv, ROOT, sample } from '../support/fixtures.mjs';

const { mentors, mentees, config } = sample;
const outcomesCsv = readFileSync(join(ROOT, 'data/outcomes.csv'), 'utf8');

/** The records of CSV text as objects by header name, each with its spreadsheet row. */
function records(text) {
  const [header, ...rows] = parseCsv(text).filter((r) => r.some((cell) => cell.trim() !== ''));
  return rows.map((cells, i) => ({ row: i + 2, ...Object.fromEntries(header.map((name, j) => [name, cells[j].trim()])) }));
}

const ids = (roster) => new Set(records(roster).map((r) => r.id.toLowerCase()));
const [mentorIds, menteeIds] = [ids(mentors), ids(mentees)];
const rows = records(outcomesCsv);
const joinedRows = rows.filter((r) => mentorIds.has(r.mentor_id.toLowerCase()) && menteeIds.has(r.mentee_id.toLowerCase()));
const round4 = (x) => Math.round(x * 1e4) / 1e4;

/** Pearson's correlation of two equally long lists. */
function pearson(x, y) {
  const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(x), mean(y)];
  let [sxy, sxx, syy] = [0, 0, 0];
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i] - my);
    sxx += (xi - mx) ** 2;
    syy += (y[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** The evaluation of the sample with the default options, computed once. */
const evaluation = matcher.evaluate(mentors, mentees, outcomesCsv, config);
const report = (measure) => evaluation.measures.find((m) => m.measure === measure);

test('the counts, the pairs left out and the unread column are the files\'', () => {
  assert.equal(rows.length, 132);
  assert.equal(joinedRows.length, 130);
  assert.equal(evaluation.source, 'outcomes.csv');
  assert.equal(evaluation.listed, 132);
  assert.equal(evaluation.joined, 130);
  assert.equal(evaluation.pairs.length, 130);
  assert.deepEqual(evaluation.pairs.map((p) => p.row), joinedRows.map((r) => r.row));
  assert.deepEqual(evaluation.ignored_columns, ['submitted']);
  assert.equal(evaluation.comments, rows.filter((r) => r.comment !== '').length);
  assert.deepEqual(evaluation.bootstrap, { resamples: 1000, seed: 1 });
  assert.deepEqual(
    evaluation.unknown.map(({ file, row, column, code }) => ({ file, row, column, code })),
    [
      { file: 'outcomes.csv', row: 42, column: 'mentor_id', code: 'unknown_pair_id' },
      { file: 'outcomes.csv', row: 92, column: 'mentee_id', code: 'unknown_pair_id' },
    ],
  );
  assert.match(evaluation.unknown[0].message, /M046/);
  assert.match(evaluation.unknown[1].message, /E9O1/);
  assert.deepEqual(evaluation.measures.map((m) => m.measure), ['rating', 'goals_attained', 'ended_early', 'meetings']);
});

test('the evaluation is the CLI\'s (data/expected/evaluate.json), the files labelled without their folder', () => {
  const golden = readFileSync(join(ROOT, 'data/expected/evaluate.json'), 'utf8').replaceAll('data/', '');
  assert.deepEqual(evaluation, JSON.parse(golden));
});

test('response rates, means and decile sizes follow from the file', () => {
  for (const { measure, answered, response_rate: rate, score } of evaluation.measures) {
    const answering = joinedRows.filter((r) => r[measure] !== '').length;
    assert.equal(answered, answering, measure);
    assert.equal(rate, round4(answering / 130), measure);
    // Tenths of the answering pairs by score: sizes ⌊(k+1)n/10⌋ − ⌊kn/10⌋.
    const sizes = Array.from({ length: 10 }, (_, k) => Math.floor(((k + 1) * answering) / 10) - Math.floor((k * answering) / 10));
    assert.deepEqual(score.bins.map((b) => b.pairs), sizes, measure);
    assert.equal(score.pairs, answering, measure);
    // Ascending, non-overlapping score ranges.
    score.bins.slice(1).forEach((bin, k) => assert.ok(bin.from >= score.bins[k].to, `${measure} decile ${k + 2}`));
  }
  for (const measure of ['rating', 'meetings']) {
    const values = joinedRows.filter((r) => r[measure] !== '').map((r) => Number(r[measure]));
    assert.equal(report(measure).mean, round4(values.reduce((a, b) => a + b, 0) / values.length), measure);
  }
  const ended = joinedRows.filter((r) => r.ended_early !== '');
  assert.equal(report('ended_early').mean, round4(ended.filter((r) => r.ended_early === 'yes').length / ended.length));
  assert.equal(report('ended_early').higher_is_better, false);
});

test('correlations recomputed from the pairs match the reported ones, inside their intervals', () => {
  for (const { measure, score, criteria } of evaluation.measures) {
    const answering = evaluation.pairs.filter((p) => p.values[measure] !== undefined);
    const r = pearson(answering.map((p) => p.score), answering.map((p) => p.values[measure]));
    assert.ok(Math.abs(r - score.correlation) < 1e-4, `${measure}: ${r} against ${score.correlation}`);
    assert.ok(score.interval[0] <= score.correlation && score.correlation <= score.interval[1], measure);
    const skills = criteria.find((c) => c.name === 'skills');
    const scored = answering.filter((p) => p.criteria.skills !== null);
    assert.equal(skills.pairs, scored.length);
    const rs = pearson(scored.map((p) => p.criteria.skills), scored.map((p) => p.values[measure]));
    assert.ok(Math.abs(rs - skills.correlation) < 1e-4, `${measure} by skills: ${rs} against ${skills.correlation}`);
  }
});

test('a matched pair is scored as the matching scores it', () => {
  const { matches } = matcher.matchRosters(mentors, mentees, config);
  const made = new Map(matches.map((m) => [`${m.mentor_id}/${m.mentee_id}`, m]));
  const both = evaluation.pairs.filter((p) => made.has(`${p.mentor_id}/${p.mentee_id}`));
  assert.ok(both.length > 100, `${both.length} of the outcomes' pairs are in the matching`);
  for (const pair of both) {
    const match = made.get(`${pair.mentor_id}/${pair.mentee_id}`);
    assert.equal(pair.score, match.score);
    assert.deepEqual(pair.criteria, match.criteria);
  }
});

test('a Matcher evaluates from its program without solving again', () => {
  const program = new matcher.Matcher(mentors, mentees, config);
  assert.equal(program.solves, 1);
  assert.deepEqual(program.evaluate(outcomesCsv), evaluation);
  assert.deepEqual(program.evaluate(outcomesCsv, { seed: 1, resamples: 1000 }), evaluation);
  assert.equal(program.solves, 1);
  program.free();
});

test('the same seed gives the same bytes, another seed other intervals', () => {
  const again = matcher.evaluate(mentors, mentees, outcomesCsv, config, { seed: 1 });
  assert.equal(JSON.stringify(again), JSON.stringify(evaluation));
  const other = matcher.evaluate(mentors, mentees, outcomesCsv, config, { seed: 2 });
  assert.deepEqual(other.bootstrap, { resamples: 1000, seed: 2 });
  const intervals = (e) => e.measures.flatMap((m) => [m.score, ...m.criteria].map((x) => x.interval));
  assert.notDeepEqual(intervals(other), intervals(evaluation));
  // Everything but the intervals and the seed is the same.
  const strip = (e) => JSON.stringify(e, (key, value) => (key === 'interval' || key === 'bootstrap' ? undefined : value));
  assert.equal(strip(other), strip(evaluation));
  const none = matcher.evaluate(mentors, mentees, outcomesCsv, config, { resamples: 0 });
  assert.ok(none.measures.every((m) => m.score.interval === null && m.criteria.every((c) => c.interval === null)));
  assert.equal(none.measures[0].score.correlation, evaluation.measures[0].score.correlation);
});

test('a bad outcomes file throws its problems located by file, row and column', () => {
  const bad = 'mentor_id,mentee_id,rating,meetings\nM008,E002,4,5\nM041,E003,nine,2\nM020,E004,3,-1\n';
  assert.throws(() => matcher.evaluate(mentors, mentees, bad, config), (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'MatcherError');
    assert.equal(error.code, 'bad_outcome');
    assert.equal(error.file, 'outcomes.csv');
    assert.equal(error.row, 3);
    assert.equal(error.column, 'rating');
    assert.deepEqual(error.diagnostics.map((d) => [d.row, d.column, d.code]), [[3, 'rating', 'bad_outcome'], [4, 'meetings', 'bad_outcome']]);
    return true;
  });
  const program = new matcher.Matcher(mentors, mentees, config);
  assert.throws(() => program.evaluate('mentor_id,mentee_id,score\nM008,E002,4\n'), {
    code: 'no_outcome_column', file: 'outcomes.csv', row: 1, column: null,
  });
  assert.throws(() => program.evaluate('mentor_id,mentee_id,rating\n,E002,4\n'), {
    code: 'empty_id', file: 'outcomes.csv', row: 2, column: 'mentor_id',
  });
  assert.throws(() => program.evaluate(42), { code: 'invalid_argument', message: /outcomes must be CSV text/ });
  assert.equal(program.solves, 1);
  program.free();
});

test('bad options are refused with a clear message', () => {
  const program = new matcher.Matcher(mentors, mentees, config);
  const cases = [
    [{ resamples: -1 }, /options\.resamples must be a whole number from 0 to 100000, got -1/],
    [{ resamples: 2.5 }, /options\.resamples .* got 2\.5/],
    [{ resamples: '1000' }, /options\.resamples .* got "1000"/],
    [{ resamples: 1e6 }, /options\.resamples .* got 1000000/],
    [{ seed: 2 ** 53 }, /options\.seed must be a whole number from 0 to 9007199254740991/],
    [{ seed: NaN }, /options\.seed/],
    [{ sed: 3 }, /options\.sed is not an option of evaluate \(resamples, seed\)/],
    ['fast', /options must be an object/],
    [[1000], /options must be an object/],
  ];
  for (const [options, message] of cases) {
    assert.throws(() => program.evaluate(outcomesCsv, options), { name: 'MatcherError', code: 'invalid_argument', message });
    assert.throws(() => matcher.evaluate(mentors, mentees, outcomesCsv, config, options), { code: 'invalid_argument', message });
  }
  assert.deepEqual(program.evaluate(outcomesCsv, { resamples: undefined, seed: null ?? undefined }).bootstrap, { resamples: 1000, seed: 1 });
  assert.deepEqual(program.evaluate(outcomesCsv, null).bootstrap, { resamples: 1000, seed: 1 });
  program.free();
});

test('a worker evaluates text or bytes without solving, and throws located errors', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const program = await engine.match(mentors, mentees, config);
  assert.deepEqual(await program.evaluate(outcomesCsv), evaluation);
  assert.deepEqual(await program.evaluate(new TextEncoder().encode(outcomesCsv), { seed: 2 }),
    matcher.evaluate(mentors, mentees, outcomesCsv, config, { seed: 2 }));
  await assert.rejects(program.evaluate('mentor_id,mentee_id,rating\nM008,E002,6\n'), (error) => {
    assert.ok(error instanceof Error);
    assert.deepEqual([error.name, error.code, error.file, error.row, error.column], ['MatcherError', 'bad_outcome', 'outcomes.csv', 2, 'rating']);
    return true;
  });
  await assert.rejects(program.evaluate(outcomesCsv, { resamples: -5 }), { code: 'invalid_argument', message: /options\.resamples/ });
  // A workbook's bytes are read by the workbook module under the outcomes label.
  await assert.rejects(program.evaluate(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])), (error) => {
    assert.equal(error.code, 'unreadable_workbook');
    assert.equal(error.file, 'outcomes.xlsx');
    return true;
  });
  assert.equal(program.solves, 1);
  assert.equal(engine.solves, 1);
});
