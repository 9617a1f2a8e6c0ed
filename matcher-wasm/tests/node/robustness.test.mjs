// No input reaches a panic: every call returns or throws a MatcherError. A
// panic would surface as a WebAssembly `RuntimeError: unreachable` instead.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { sample } from '../support/fixtures.mjs';

/** Mulberry32: a tiny seeded PRNG, so a failure can be replayed. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [',', ';', ':', '"', '\n', '\r\n', '\t', ' ', '\u0000', '\uFEFF', 'é', '🙂', '0', '9',
  '-1', '99999999999999999999', ':6', ':0', 'id', 'capacity', 'exclude', 'M001', 'E001', '=1+1'];

/** A copy of `text` with a few random cuts, insertions and duplicated lines. */
function mutate(text, next) {
  let out = text;
  const edits = 1 + Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length);
    const kind = next();
    if (kind < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 40));
    else if (kind < 0.8) out = out.slice(0, at) + PIECES[Math.floor(next() * PIECES.length)] + out.slice(at);
    else {
      const lines = out.split('\n');
      const line = Math.floor(next() * lines.length);
      lines.splice(line, 0, lines[Math.floor(next() * lines.length)]);
      out = lines.join('\n');
    }
  }
  return next() < 0.05 ? out.slice(0, Math.floor(next() * out.length)) : out;
}

/** A config that is sometimes valid, often not. */
function config(next) {
  const pick = (...values) => values[Math.floor(next() * values.length)];
  const number = () => pick(0, 0.5, 1, -1, 100, 101, NaN, Infinity, 1e308, '1', null);
  return pick(
    undefined,
    {},
    sample.config,
    { weights: { skills: number(), goals: number(), values: number(), diversity: number() } },
    { diversity: { [pick('department', 'gender', '', ' ', 'nope')]: pick('different', 'same', 'other', { prefer: 'same', weight: number() }, 3) } },
    { constraints: { min_score: number(), require_different: pick([], ['department'], [''], 'department'), require_same: pick(['language'], [1]) } },
    { solver: { objective: pick('coverage', 'total', 'fair'), threads: pick(0, 1, 2, -1, 1.5) } },
    { [pick('weight', 'Weights', 'solver ')]: {} },
  );
}

/** Runs `f`; a throw must be a MatcherError with a string code. */
function survives(f, context) {
  try {
    f();
  } catch (error) {
    assert.ok(error instanceof Error, `${context}: threw a non-Error ${error}`);
    assert.equal(error.name, 'MatcherError', `${context}: ${error.stack}`);
    assert.equal(typeof error.code, 'string', context);
  }
}

/** The sample's matches.csv before any odd input, to check the module stays healthy. */
const healthy = matcher.matchesCsv(sample.mentors, sample.mentees, sample.config);

test('mutated rosters and random configs never panic', () => {
  const next = random(20240611);
  for (let i = 0; i < 250; i++) {
    const mentors = next() < 0.6 ? mutate(sample.mentors, next) : sample.mentors;
    const mentees = next() < 0.6 ? mutate(sample.mentees, next) : sample.mentees;
    const cfg = config(next);
    const context = `case ${i}`;
    survives(() => matcher.matchRosters(mentors, mentees, cfg), context);
    survives(() => matcher.validate(mentors, mentees), context);
    survives(() => matcher.readRoster(mentees, 'mentee'), context);
    if (i % 10 === 0) {
      survives(() => matcher.matchesCsv(mentors, mentees, cfg), context);
      survives(() => matcher.suggest(mentors, mentees, cfg, Math.floor(next() * 5)), context);
      survives(() => matcher.explain(mentors, mentees, cfg, 'E001', 'M001'), context);
    }
  }
  assert.equal(matcher.matchesCsv(sample.mentors, sample.mentees, sample.config), healthy);
});

test('edge-case inputs never panic', () => {
  const rosters = [
    '', ' ', '\n', '\uFEFF', 'id', 'id\n', 'id\n\n\n', 'id,id\na,b\n', 'name\nAda\n', '"unclosed\n',
    'id,capacity\nm1,-1\n', 'id,capacity\nm1,4294967296\n', 'id,capacity\nm1,0\n', 'id,skills\nx,python:99999999999999999999\n',
    'id,skills\nx,;;;:;:\n', 'id,exclude\nx,E999\n', 'id\nx\nx\n', 'ID , Skills\n a , b:2 \n', 'id\r\nx\r\n', 'id,a\nx\n',
    '\u0000,\u0000\n\u0000,\u0000\n', `id,skills\n${'x,'.repeat(1) + 'a;'.repeat(5000)}\n`,
  ];
  for (const mentors of rosters) {
    for (const mentees of rosters) {
      const context = JSON.stringify([mentors.slice(0, 40), mentees.slice(0, 40)]);
      survives(() => matcher.matchRosters(mentors, mentees), context);
      survives(() => matcher.validate(mentors, mentees), context);
    }
    survives(() => matcher.readRoster(mentors, 'mentor'), mentors);
  }
  survives(() => matcher.suggest(sample.mentors, sample.mentees, undefined, 2 ** 32 - 1), 'huge k');
  survives(() => matcher.explain(sample.mentors, sample.mentees, null, '', ''), 'empty ids');
  const circular = {};
  circular.self = circular;
  for (const odd of [circular, () => 1, 'config', 42, { weights: 1n }, { weights: { skills: 2n } }]) {
    survives(() => matcher.matchRosters(sample.mentors, sample.mentees, odd), String(odd));
  }
  survives(() => matcher.generateRosters(0, 0, 0), 'empty generation');
  assert.equal(matcher.matchesCsv(sample.mentors, sample.mentees, sample.config), healthy);
});
