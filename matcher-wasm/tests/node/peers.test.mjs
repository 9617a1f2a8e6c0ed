// Peer rosters under Node: the peer-roster build (`matcher-wasm/peers`, the
// whole API with `Matcher.fromPeople`, `BuddyMatcher`, `pairPeople` and `pairsCsv`) and the
// Worker API, which loads that build the first time a peer roster comes. Both
// write the CLI's golden files byte for byte; the main module stays without them.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import * as main from '../../pkg/node/matcher_wasm.js';
import * as withPeers from '../../pkg/node-peers/matcher_wasm.js';
import { MatcherWorker } from '../../pkg/worker/node.js';
import { edit, peers, ROOT, sample } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const { people, config, round2 } = peers;
const { BuddyMatcher } = withPeers;

/** The CLI's inputs of the second round: the locked pairs and the history of data/peers/. */
const ROUND2 = ['--locked', 'data/peers/locked.csv', '--history', 'data/peers/history.csv'];

/** The native CLI's JSON output for `args` on the peer roster and its config (first round, unless `args` add files). */
function cli(...args) {
  const inputs = ['--people', 'data/peers/people.csv', '--config', 'data/peers/config.toml'];
  return JSON.parse(execFileSync(native(), [...args, ...inputs, '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }));
}

/** The numbers of a line of text, in order. */
const numbers = (line) => line.match(/[-+]?\d+(\.\d+)?/g).map(Number);

test('the peer-roster build writes the CLI golden files', () => {
  const program = withPeers.Matcher.fromPeople(people, config);
  assert.equal(program.matchesCsv(), peers.matchesCsv());
  assert.equal(program.solves, 1);
  assert.equal(withPeers.pairsCsv(people, config), peers.pairsCsv());
  const { summary, pairs, unpaired } = withPeers.pairPeople(people, config);
  assert.deepEqual([summary.people, summary.pairs, summary.unpaired, summary.gap], [60, 30, 0, 0]);
  assert.equal(pairs.length, 30);
  assert.deepEqual(unpaired, []);
});

test('the peer-roster build is the main module with peer rosters: the same answers to the rest', () => {
  assert.equal(main.pairPeople, undefined);
  assert.equal(main.Matcher.fromPeople, undefined);
  assert.equal(withPeers.version(), main.version());
  assert.equal(withPeers.threaded(), false);
  assert.equal(withPeers.matchesCsv(sample.mentors, sample.mentees, sample.config),
    main.matchesCsv(sample.mentors, sample.mentees, sample.config));
});

test('the worker loads the peer-roster build on the first peer roster and writes the golden files', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const stages = new Set();
  const program = await engine.matchPeople(people, config, null, { onProgress: ({ stage }) => stages.add(stage) });
  assert.equal(await program.matchesCsv(), peers.matchesCsv());
  assert.deepEqual(await program.outcome(), withPeers.Matcher.fromPeople(people, config).outcome());
  assert.ok(stages.has('solving'), [...stages].join(', '));
  // Questions about the peer program are answered by the build that solved it, from that solve.
  const [mentee] = (await program.outcome()).matches;
  assert.equal((await program.explain(mentee.mentee_id, mentee.mentor_id)).score, mentee.score);
  assert.equal(program.solves, 1);
  assert.equal(await engine.pairsCsv(people, config), peers.pairsCsv());
  assert.deepEqual(await engine.pairPeople(people, config), withPeers.pairPeople(people, config));
  // The main module still answers two-roster programs beside it.
  const two = await engine.match(sample.mentors, sample.mentees, sample.config);
  assert.equal(await two.matchesCsv(), main.matchesCsv(sample.mentors, sample.mentees, sample.config));
  assert.equal(engine.solves, 2);
});

test('a bad peer roster is a located error from the worker, as from the build', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const bad = edit(people, 'P02,Sarah Romero,mentor,2,', 'P02,Sarah Romero,mentor,two,');
  const check = (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'MatcherError');
    assert.deepEqual([error.file, error.row, error.column], ['people.csv', 3, 'capacity']);
    return true;
  };
  assert.throws(() => withPeers.pairPeople(bad, config), check);
  await assert.rejects(engine.pairPeople(bad, config), check);
  await assert.rejects(engine.matchPeople(bad, config), check);
});

test('a peer run cancelled at once rejects, and the engine answers the next one', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const cancel = new AbortController();
  const run = engine.pairPeople(people, config, null, { signal: cancel.signal });
  cancel.abort();
  await assert.rejects(run, { name: 'AbortError' });
  assert.equal(engine.solves, 0);
  assert.equal(await engine.pairsCsv(people, config), peers.pairsCsv());
});

test('the worker pairs buddies keeping locked pairs and skipping history ones', async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  assert.equal(await engine.pairsCsv(people, config, round2.rounds), round2.pairsCsv());
  const { pairs } = await engine.pairPeople(people, config, round2.rounds);
  assert.ok(pairs.some((pair) => pair.locked), 'no locked pair');
});

test('BuddyMatcher writes the CLI golden pairs, first round and second (locks and history)', () => {
  const first = BuddyMatcher.fromPeople(people, config);
  assert.equal(first.pairsCsv(), peers.pairsCsv());
  assert.deepEqual(first.outcome(), withPeers.pairPeople(people, config));
  const second = BuddyMatcher.fromPeople(people, config, round2.rounds);
  assert.equal(second.pairsCsv(), round2.pairsCsv());
  assert.equal(withPeers.pairsCsv(people, config, round2.rounds), round2.pairsCsv());
  const locked = second.outcome().pairs.filter((p) => p.locked).map((p) => [p.a_id, p.b_id]);
  assert.deepEqual(locked, [['P01', 'P23'], ['P02', 'P50']]);
  assert.deepEqual([first.solves, second.solves], [1, 1]);
});

test('BuddyMatcher.whyNot prices forcing a pair as the CLI does, with one more solve', () => {
  const program = BuddyMatcher.fromPeople(people, config, round2.rounds);
  const verdict = program.whyNot('P37', 'P11');
  assert.equal(program.solves, 2);
  const lines = round2.whyNotP37P11().split('\n');
  const at = (start) => lines.find((line) => line.trimStart().startsWith(start));
  assert.equal(verdict.id, 'P37');
  assert.deepEqual([verdict.person.status, verdict.person.a_id, verdict.person.b_id], ['paired', 'P34', 'P37']);
  assert.equal(verdict.person.score, numbers(at('P37 is paired with P34'))[2]);
  const { pair } = verdict;
  assert.deepEqual([pair.made, pair.repeat, pair.forbidden], [false, false, null]);
  assert.equal(pair.score, numbers(at('P37 with P11: pair score'))[2]);
  assert.equal(pair.learns.score, numbers(at('mentee P37 with mentor P11'))[2]);
  assert.equal(pair.partner_learns.score, numbers(at('mentee P11 with mentor P37'))[2]);
  assert.deepEqual([pair.partner.status, pair.partner.a_id, pair.partner.b_id], ['paired', 'P03', 'P11']);
  // "total score 1714.62 -> 1710.67 (-3.94), paired people +0; 16 person(s) move:"
  const [before, after, change, paired, moved] = numbers(at('forcing the pair'));
  const { forcing } = pair;
  const cents = (x) => Math.round(x * 100) / 100;
  assert.deepEqual(
    [cents(forcing.total_score), cents(forcing.forced_total_score), cents(forcing.total_change)],
    [before, after, change],
  );
  assert.ok(forcing.total_change < 0, `forcing costs: ${forcing.total_change}`);
  assert.equal(forcing.paired_change, paired);
  const moves = lines.filter((line) => /^ {4}P\d+: /.test(line)).map((line) => line.trim().split(/: | -> /));
  assert.equal(moves.length, moved);
  assert.deepEqual(forcing.moves.map((m) => [m.id, m.from, m.to]), moves);
  // Without a partner: only the person's standing, and no solve.
  assert.deepEqual(program.whyNot('P37'), { id: 'P37', person: verdict.person });
  assert.equal(program.solves, 2);
});

test("BuddyMatcher's report and suggestions are the CLI's JSON", () => {
  const program = BuddyMatcher.fromPeople(people, config);
  const { report, ...outcome } = cli('match', '--pairs', '--report', '--quiet');
  assert.deepEqual(program.outcome(), outcome);
  assert.notEqual(report.cost_of_diversity, null);
  assert.deepEqual(program.report(), { ...report, cost_of_diversity: null });
  assert.equal(program.solves, 1);
  assert.deepEqual(program.costOfDiversity(), report.cost_of_diversity);
  assert.deepEqual(program.report(), report);
  assert.equal(program.solves, 2);
  assert.deepEqual(program.suggest(4), cli('suggest', '--pairs', '--top', '4'));
  assert.equal(program.solves, 2);
});

test("the worker's buddy matcher answers as the CLI: second round's pairs, report, suggestions and why-not", async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const program = await engine.matchBuddies(people, config, round2.rounds);
  assert.equal(program.solves, 1);
  assert.equal(await program.pairsCsv(), round2.pairsCsv());
  const { report, ...outcome } = cli('match', '--pairs', '--report', '--quiet', ...ROUND2);
  assert.deepEqual(await program.outcome(), outcome);
  assert.notEqual(report.cost_of_diversity, null);
  assert.deepEqual(await program.report(), { ...report, cost_of_diversity: null });
  assert.equal(program.solves, 1);
  assert.deepEqual(await program.costOfDiversity(), report.cost_of_diversity);
  assert.deepEqual(await program.report(), report);
  assert.equal(program.solves, 2);
  assert.deepEqual(await program.suggest(4), cli('suggest', '--pairs', '--top', '4', ...ROUND2));
  assert.equal(program.solves, 2);
  assert.deepEqual(await program.whyNot('P37'), cli('explain', '--pairs', '--person', 'P37', ...ROUND2));
  assert.equal(program.solves, 2);
  const verdict = await program.whyNot('P37', 'P11');
  assert.deepEqual(verdict, cli('explain', '--pairs', '--person', 'P37', '--partner', 'P11', ...ROUND2));
  assert.ok(verdict.pair.forcing.moves.length > 0);
  assert.equal(program.solves, 3);
  assert.equal(engine.solves, 3);
  // The first round is another program beside it, with its own answers.
  const first = await engine.matchBuddies(people, config);
  assert.equal(await first.pairsCsv(), peers.pairsCsv());
  assert.deepEqual(await first.suggest(2), cli('suggest', '--pairs', '--top', '2'));
  assert.deepEqual(await program.outcome(), outcome);
});

test("the worker's buddy matcher: located errors, freeing, cancelling", async (t) => {
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  const bad = edit(people, 'P02,Sarah Romero,mentor,2,', 'P02,Sarah Romero,mentor,two,');
  await assert.rejects(engine.matchBuddies(bad, config), (error) => {
    assert.equal(error.name, 'MatcherError');
    assert.deepEqual([error.code, error.file, error.row, error.column], ['bad_capacity', 'people.csv', 3, 'capacity']);
    return true;
  });
  const program = await engine.matchBuddies(people, config);
  await assert.rejects(program.whyNot('P99', 'P11'), { name: 'MatcherError', code: 'unknown_id' });
  await assert.rejects(program.whyNot('P37', 11), { name: 'MatcherError', code: 'invalid_argument' });
  await program.free();
  await assert.rejects(program.outcome(), { code: 'freed' });
  const cancel = new AbortController();
  const run = engine.matchBuddies(people, config, null, { signal: cancel.signal });
  cancel.abort();
  await assert.rejects(run, { name: 'AbortError' });
  const again = await engine.matchBuddies(people, config);
  assert.equal(await again.pairsCsv(), peers.pairsCsv());
});

test('BuddyMatcher throws located errors', () => {
  const located = (code, file, row) => (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'MatcherError');
    assert.deepEqual([error.code, error.file, error.row], [code, file, row]);
    return true;
  };
  const bad = edit(people, 'P02,Sarah Romero,mentor,2,', 'P02,Sarah Romero,mentor,two,');
  assert.throws(() => BuddyMatcher.fromPeople(bad, config), located('bad_capacity', 'people.csv', 3));
  const program = BuddyMatcher.fromPeople(people, config);
  assert.throws(() => program.whyNot('P99', 'P11'), { name: 'MatcherError', code: 'unknown_id' });
  assert.throws(() => program.whyNot('P37', 11), { name: 'MatcherError', code: 'invalid_argument' });
  assert.throws(() => BuddyMatcher.fromPeople(people, { solver: { objective: 'stable' } }), {
    name: 'MatcherError',
    code: 'config',
  });
});
