// Your own pair scores through the package: the config's `pairScores` (CSV
// text, read as pair-scores.csv) gives the CLI's matches with --pair-scores,
// in every function that scores and in the Worker API; bad files throw located errors.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { MatcherWorker } from '../../pkg/worker/node.js';
import { ROOT, sample, thrown } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const pairScores = readFileSync(join(ROOT, 'data/pair-scores.csv'), 'utf8');
const config = { ...sample.config, pairScores };

/** What the CLI writes for `args`, run in data/ so that files are named as the package names them. */
const cli = (...args) => execFileSync(native(), [...args, '--mentors', 'mentors.csv', '--mentees', 'mentees.csv',
  '--config', 'config.toml', '--pair-scores', 'pair-scores.csv'], { cwd: join(ROOT, 'data'), encoding: 'utf8' });

test('pairScores gives the CLI\'s matches and explanations with --pair-scores', () => {
  assert.equal(matcher.matchesCsv(sample.mentors, sample.mentees, config), cli('match', '--quiet'));
  const x = matcher.explain(sample.mentors, sample.mentees, config, 'E002', 'M008');
  assert.equal(x.score, 44.17);
  assert.equal(x.criteria.pair_score, 12.5);
  assert.equal(x.weights.pair_score, 0.25);
  assert.equal(x.pair_scores_file, 'pair-scores.csv');
  const verdict = matcher.whyNot(sample.mentors, sample.mentees, config, 'E002', 'M008');
  assert.match(verdict.mentee.reason ?? JSON.stringify(verdict), /pair score 0\.125 \(from pair-scores\.csv\)/);
  const outcome = matcher.matchRosters(sample.mentors, sample.mentees, config);
  assert.equal(typeof outcome.summary.criteria.pair_score, 'number');
  // Without it, nothing of pair scores shows.
  const plain = matcher.explain(sample.mentors, sample.mentees, sample.config, 'E002', 'M008');
  assert.equal('pair_score' in plain.criteria, false);
  assert.equal(plain.score, 52.08);
});

test('the Worker API takes pairScores in the config', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const program = await engine.match(sample.mentors, sample.mentees, config);
  assert.equal(await program.matchesCsv(), matcher.matchesCsv(sample.mentors, sample.mentees, config));
});

test('a bad pair-scores text throws an Error located in pair-scores.csv', () => {
  const bad = (text) => thrown(() => matcher.matchRosters(sample.mentors, sample.mentees, { pairScores: text }));
  let error = bad('mentor_id,mentee_id,score\nM001,E001,87\nM001,E002,250\n');
  assert.deepEqual([error.code, error.file, error.row, error.column], ['bad_number', 'pair-scores.csv', 3, 'score']);
  error = bad('mentor_id,mentee_id,score\nM001,E001,87\nm001,e001,1\n');
  assert.deepEqual([error.code, error.row, error.column], ['duplicate_pair', 3, 'mentee_id']);
  error = bad('mentor_id,mentee_id,score\nM001,E999,87\n');
  assert.deepEqual([error.code, error.row, error.column], ['unknown_pair_id', 2, 'mentee_id']);
  error = bad('mentor,mentee,score\n');
  assert.equal(error.code, 'missing_id_column');
  error = thrown(() => matcher.matchRosters(sample.mentors, sample.mentees, { pairScores: 5 }));
  assert.deepEqual([error.code, error.key], ['config', 'pairScores']);
});
