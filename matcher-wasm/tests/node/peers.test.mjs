// Peer rosters under Node: the peer-roster build (`matcher-wasm/peers`, the
// whole API with `Matcher.fromPeople`, `pairPeople` and `pairsCsv`) and the
// Worker API, which loads that build the first time a peer roster comes. Both
// write the CLI's golden files byte for byte; the main module stays without them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as main from '../../pkg/node/matcher_wasm.js';
import * as withPeers from '../../pkg/node-peers/matcher_wasm.js';
import { MatcherWorker } from '../../pkg/worker/node.js';
import { edit, peers, sample } from '../support/fixtures.mjs';

const { people, config } = peers;

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

test('buddy pairs keep locked pairs and skip history ones, in the peer build and the worker', async (t) => {
  assert.equal(withPeers.pairsCsv(people, config, peers.rounds), peers.pairsRound2Csv());
  const engine = await MatcherWorker.create();
  t.after(() => engine.terminate());
  assert.equal(await engine.pairsCsv(people, config, peers.rounds), peers.pairsRound2Csv());
  const { pairs } = await engine.pairPeople(people, config, peers.rounds);
  assert.ok(pairs.some((pair) => pair.locked), 'no locked pair');
});
