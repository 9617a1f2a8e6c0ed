// The threaded build in headless Chromium: used when the page is cross-origin
// isolated (as `npm run serve` serves it), the single-threaded build
// otherwise; both write the same bytes as the Node build and the CLI; and the
// benchmark of both in the same run, medians printed with the machine's name;
// the download sizes of the single-threaded build and of its peer-roster build.
//
// MATCHER_SKIP_BROWSER_BENCH=1 skips the benchmark (a couple of minutes).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import * as node from '../../pkg/node/matcher_wasm.js';
import { isolatedAndPlain, openPage } from '../support/browser.mjs';
import { expected, sample } from '../support/fixtures.mjs';

// A blank page beside the admin page, so only the workers under test run.
const BLANK = { 'blank.html': { body: '<!doctype html><title>bench</title>', contentType: 'text/html; charset=utf-8' } };

const live = isolatedAndPlain();

const blank = (t, server) => openPage(t, live.browser, server, { path: 'blank.html', routes: BLANK });

/**
 * In `page`, starts one MatcherWorker per entry of `threads` (keyed by the
 * same names) and keeps them in `globalThis.engines`; resolves to the threads
 * each runs on.
 */
function startEngines(page, threads) {
  return page.evaluate(async (threads) => {
    const { MatcherWorker } = await import('/pkg/worker/browser.js');
    const names = Object.keys(threads);
    const engines = await Promise.all(names.map((name) => MatcherWorker.create({ threads: threads[name] })));
    globalThis.engines = Object.fromEntries(names.map((name, i) => [name, engines[i]]));
    return Object.fromEntries(names.map((name) => [name, globalThis.engines[name].threads]));
  }, threads);
}

/** Solves once on engine `name` of `page`: the matches CSV, the JSON output and the fairness report. */
function outputs(page, name, mentors, mentees, config) {
  return page.evaluate(async ({ name, mentors, mentees, config }) => {
    const matcher = await globalThis.engines[name].match(mentors, mentees, config);
    await matcher.costOfDiversity();
    return { csv: await matcher.matchesCsv(), json: await matcher.json(), report: await matcher.report() };
  }, { name, mentors, mentees, config });
}

/** The same three outputs from the Node build. */
function nodeOutputs(mentors, mentees, config) {
  const matcher = new node.Matcher(mentors, mentees, config);
  try {
    matcher.costOfDiversity();
    return { csv: matcher.matchesCsv(), json: matcher.json(), report: matcher.report() };
  } finally {
    matcher.free();
  }
}

test('an isolated page runs the threaded build on every core, a plain page the single-threaded one', async (t) => {
  const threadedPage = await blank(t, live.isolated);
  assert.equal(await threadedPage.evaluate(() => globalThis.crossOriginIsolated), true);
  const threads = await startEngines(threadedPage, { auto: undefined, two: 2, one: 1 });
  // Two threads only on the threaded build: the worker falls back to one.
  const cores = await threadedPage.evaluate(() => navigator.hardwareConcurrency);
  assert.deepEqual(threads, { auto: cores, two: 2, one: 1 });

  const plainPage = await blank(t, live.plain);
  assert.equal(await plainPage.evaluate(() => globalThis.crossOriginIsolated), false);
  assert.deepEqual(await startEngines(plainPage, { auto: undefined, two: 2 }), { auto: 1, two: 1 });

  // The admin page itself, as `npm run serve` serves it, runs threaded.
  const admin = await openPage(t, live.browser, live.isolated);
  await admin.locator('#version').filter({ hasText: /^v\d/ }).waitFor();
  assert.equal(Number(await admin.locator('#version').getAttribute('data-threads')), threads.auto);
});

test('the threaded and single-threaded builds write the same bytes as the Node build', async (t) => {
  const page = await blank(t, live.isolated);
  assert.deepEqual(await startEngines(page, { threaded: 2, single: 1 }), { threaded: 2, single: 1 });

  const sampleNode = nodeOutputs(sample.mentors, sample.mentees, sample.config);
  assert.equal(sampleNode.csv, expected.csv());
  const generated = node.generateRosters(300, 1000, 7, 3);
  const generatedNode = nodeOutputs(generated.mentors, generated.mentees, null);
  for (const name of ['threaded', 'single']) {
    assert.deepEqual(await outputs(page, name, sample.mentors, sample.mentees, sample.config), sampleNode, `${name}: sample`);
    assert.deepEqual(await outputs(page, name, generated.mentors, generated.mentees, null), generatedNode, `${name}: generated`);
  }
});

/** The median of `values`. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Times `runs` solves of generated rosters on engines `single` and `threaded`
 * of `page`, alternating so both see the same load; resolves to their times
 * in ms and a hash of each engine's last matches CSV.
 */
function bench(page, { mentors, mentees, capacity, runs }) {
  return page.evaluate(async ({ mentors, mentees, capacity, runs }) => {
    const { single, threaded } = globalThis.engines;
    const rosters = await single.generateRosters(mentors, mentees, 42, capacity);
    const times = { single: [], threaded: [] };
    const digests = {};
    for (let run = 0; run < runs; run++) {
      for (const [name, engine] of run % 2 ? [['threaded', threaded], ['single', single]] : [['single', single], ['threaded', threaded]]) {
        const started = performance.now();
        const matcher = await engine.match(rosters.mentors, rosters.mentees);
        times[name].push(performance.now() - started);
        if (run === runs - 1) {
          const bytes = new TextEncoder().encode(await matcher.matchesCsv());
          const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
          digests[name] = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
        }
        await matcher.free();
      }
    }
    return { times, digests };
  }, { mentors, mentees, capacity, runs });
}

const BENCHES = [
  { label: '2 000 mentees × 500 mentors, capacity 4', mentees: 2000, mentors: 500, capacity: 4, runs: 5, target: 'under 250 ms' },
  { label: '20 000 mentees × 5 000 mentors, capacity 4', mentees: 20000, mentors: 5000, capacity: 4, runs: 3, target: 'under 3 s on 2 threads, ≥ 1.6× the single-threaded build' },
  { label: '20 000 mentees × 1 000 mentors, capacity 1 (over-subscribed)', mentees: 20000, mentors: 1000, capacity: 1, runs: 3, target: 'well under 10 s' },
];

test('benchmark: the threaded build against the single-threaded one in Chromium', {
  skip: process.env.MATCHER_SKIP_BROWSER_BENCH === '1' && 'MATCHER_SKIP_BROWSER_BENCH=1',
  timeout: 300_000,
}, async (t) => {
  const page = await blank(t, live.isolated);
  assert.deepEqual(await startEngines(page, { threaded: 2, single: 1 }), { threaded: 2, single: 1 });
  t.diagnostic(`machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} logical CPUs; Chromium ${live.browser.version()}`);
  for (const spec of BENCHES) {
    const { times, digests } = await bench(page, spec);
    const single = median(times.single);
    const threaded = median(times.threaded);
    t.diagnostic(`${spec.label}: median of ${spec.runs}: single-threaded ${single.toFixed(0)} ms, `
      + `2 threads ${threaded.toFixed(0)} ms, ${(single / threaded).toFixed(2)}× (target: ${spec.target}); `
      + `runs: single ${times.single.map(Math.round).join(', ')}, 2 threads ${times.threaded.map(Math.round).join(', ')}`);
    // Both builds find the same matching.
    assert.equal(digests.threaded, digests.single, `${spec.label}: the builds' matches differ`);
    // Loose enough for a two-core machine shared with other jobs, tight
    // enough to catch threads that stall each other.
    assert.ok(threaded <= single * 1.5, `${spec.label}: 2 threads took ${threaded.toFixed(0)} ms, single ${single.toFixed(0)} ms`);
  }
});

test('the single-threaded wasm stays under 400 KiB gzipped, its peer-roster build under 440 KiB', (t) => {
  const gzipped = (build) => gzipSync(readFileSync(new URL(`../../pkg/${build}/matcher_wasm_bg.wasm`, import.meta.url)), { level: 9 }).length;
  const [single, threaded, peers] = [gzipped('web'), gzipped('web-threads'), gzipped('web-peers')];
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  t.diagnostic(`gzipped: single-threaded ${kib(single)}, threaded ${kib(threaded)}, peer-roster build ${kib(peers)} (${single}, ${threaded}, ${peers} bytes)`);
  assert.ok(single < 400 * 1024, `${single} bytes gzipped`);
  // Loaded only when a peer roster is matched, so not the page's first download;
  // bounded all the same: peer rosters may add 40 KiB to the main module's budget
  // (they add 20 KB to it now).
  assert.ok(peers < 440 * 1024, `peer-roster build: ${peers} bytes gzipped`);
});
