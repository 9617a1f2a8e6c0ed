// The Worker-backed API under Node (worker_threads): the same answers as the
// synchronous module, progress, cancellation, errors as real `Error`s, solves
// counted.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { MatcherWorker } from '../../pkg/worker/node.js';
import { expected, menteesWithBadLevel, sample } from '../support/fixtures.mjs';

const { mentors, mentees, config } = sample;

test('a worker answers every question from one solve, as the module does', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  assert.equal(engine.threads, 1);
  assert.equal(await engine.version(), matcher.version());
  const program = await engine.match(mentors, mentees, config);
  assert.equal(program.solves, 1);
  assert.equal(await program.matchesCsv(), expected.csv());
  assert.deepEqual(await program.outcome(), expected.json());
  assert.deepEqual(JSON.parse(await program.json()), expected.json());
  assert.deepEqual(await program.suggest(3), matcher.suggest(mentors, mentees, config, 3));
  assert.deepEqual(await program.explain('E002', 'M008'), matcher.explain(mentors, mentees, config, 'E002', 'M008'));
  assert.deepEqual(await program.report(), { ...matcher.fairnessReport(mentors, mentees, config), cost_of_diversity: null });
  assert.equal(engine.solves, 1);
  assert.deepEqual(await program.whyNot('E002', 'M010'), matcher.whyNot(mentors, mentees, config, 'E002', 'M010'));
  assert.deepEqual(await program.costOfDiversity(), new matcher.Matcher(mentors, mentees, config).costOfDiversity());
  assert.deepEqual(await program.report(), matcher.fairnessReport(mentors, mentees, config));
  assert.equal(program.solves, 3);
  assert.equal(engine.solves, 3);
  assert.deepEqual(await engine.validate(mentors, mentees), []);
  assert.deepEqual(await engine.readRoster(mentors, 'mentor'), matcher.readRoster(mentors, 'mentor'));
  assert.deepEqual(await engine.rosterColumns(mentors, 'mentor'), matcher.rosterColumns(mentors, 'mentor'));
  assert.deepEqual(await engine.checkConfig(config), matcher.checkConfig(config));
  assert.deepEqual(await engine.generateRosters(5, 7, 3, 2), matcher.generateRosters(5, 7, 3, 2));
  assert.deepEqual(await engine.defaultConfig(), matcher.defaultConfig());
  await program.free();
  await assert.rejects(program.outcome(), { code: 'freed' });
});

test('errors arrive as the same Error objects, located', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  let direct;
  try {
    matcher.matchRosters(mentors, menteesWithBadLevel());
  } catch (error) {
    direct = error;
  }
  const error = await engine.match(mentors, menteesWithBadLevel()).then(() => null, (e) => e);
  assert.ok(error instanceof Error);
  for (const key of ['name', 'message', 'code', 'file', 'row', 'column', 'key', 'diagnostics']) {
    assert.deepEqual(error[key], direct[key], key);
  }
  assert.equal(error.file, 'mentees.csv');
  assert.equal(typeof error.row, 'number');
  const config = await engine.match(mentors, mentees, { weights: { skills: -1 } }).then(() => null, (e) => e);
  assert.equal(config.code, 'config');
  assert.equal(config.key, 'weights.skills');
  // The worker survives a failed request.
  assert.equal((await engine.match(mentors, mentees, sample.config)).solves, 1);
});

test('progress events arrive while a large program is scored and solved', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const big = await engine.generateRosters(300, 1200, 7, 4);
  const events = [];
  const program = await engine.match(big.mentors, big.mentees, null, null, { onProgress: (p) => events.push(p) });
  assert.equal(program.solves, 1);
  const stages = [...new Set(events.map((e) => e.stage))];
  assert.deepEqual(stages, ['scoring', 'solving']);
  const scoring = events.filter((e) => e.stage === 'scoring');
  assert.ok(scoring.length > 10, `${scoring.length} scoring events`);
  assert.ok(scoring.every((e, i) => i === 0 || e.done >= scoring[i - 1].done));
  assert.ok(scoring.every((e) => e.done <= e.total && e.total === scoring[0].total));
  assert.equal(scoring.at(-1).done, scoring[0].total);
});

test('an AbortSignal cancels a running match; the worker restarts for the next request', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const small = await engine.match(mentors, mentees, config);
  const big = await engine.generateRosters(2000, 8000, 11, 4);
  const controller = new AbortController();
  const queued = engine.version();
  let started;
  const progressed = new Promise((resolve) => { started = resolve; });
  const running = engine.match(big.mentors, big.mentees, null, null, { signal: controller.signal, onProgress: started });
  const after = engine.version();
  await progressed;
  const cancelledAt = performance.now();
  controller.abort();
  await assert.rejects(running, { name: 'AbortError' });
  assert.ok(performance.now() - cancelledAt < 1000, 'rejects at once');
  assert.equal(await queued, matcher.version(), 'requests before it complete');
  await assert.rejects(after, { code: 'terminated' });
  await assert.rejects(small.outcome(), { code: 'terminated' });
  // A new worker serves the next request.
  const again = await engine.match(mentors, mentees, config);
  assert.equal(await again.matchesCsv(), expected.csv());
  // An already-aborted signal rejects without starting anything.
  await assert.rejects(engine.match(mentors, mentees, config, null, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  assert.equal(await again.matchesCsv(), expected.csv());
});

test('an idle worker does not keep Node running', async () => {
  const { execFileSync } = await import('node:child_process');
  const script = `
    import { MatcherWorker } from ${JSON.stringify(new URL('../../pkg/worker/node.js', import.meta.url).href)};
    const engine = await MatcherWorker.create();
    console.log(await engine.version());
  `;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(output.trim(), matcher.version());
});
