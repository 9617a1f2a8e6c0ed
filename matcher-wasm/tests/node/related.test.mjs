// Related skills and list attributes through the WebAssembly package: the
// data/related program gives the CLI's bytes, explanations carry the related
// skill and the shared values, and misuse throws located errors.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { ROOT, thrown } from '../support/fixtures.mjs';

const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const mentors = read('data/related/mentors.csv');
const mentees = read('data/related/mentees.csv');
/** data/related/config.toml as an object. */
const config = {
  weights: { skills: 0.35, goals: 0.25, values: 0.2, diversity: 0.2 },
  skills: { related: 0.5 },
  attributes: { languages: { list: true } },
  columns: { 'Languages you speak': { role: 'languages', separator: ',' } },
  diversity: { department: 'different', languages: { prefer: 'overlap', weight: 0.5 } },
  constraints: { require_overlap: ['languages'] },
  vocabulary: {
    programming: ['coding'],
    rust: { parent: 'programming' },
    'c++': { aliases: ['cpp'], parent: 'programming' },
    go: { aliases: ['golang'], parent: 'programming' },
    python: { parent: 'programming' },
    'machine learning': { aliases: ['ml'], parent: 'data science' },
    statistics: { parent: 'data science' },
    sql: { parent: 'data science' },
  },
};

test('the related program gives exactly the CLI golden output', () => {
  assert.equal(matcher.matchesCsv(mentors, mentees, config), read('data/expected/related-matches.csv'));
});

test('explanations carry the related skill and the shared values', () => {
  const x = matcher.explain(mentors, mentees, config, 'S02', 'R04');
  assert.equal(x.score, 31.98);
  assert.deepEqual(x.skills, [
    { skill: 'machine learning', wanted: 4, offered: null, related: { skill: 'data science', level: 3, parent: 'data science' } },
    { skill: 'sql', wanted: 2, offered: null, related: { skill: 'data science', level: 3, parent: 'data science' } },
  ]);
  const languages = x.attributes.find((a) => a.attribute === 'languages');
  assert.deepEqual(languages, {
    attribute: 'languages', prefer: 'overlap', mentee: 'hindi', mentor: 'english; hindi', met: true, shared: ['hindi'],
  });
  const forbidden = matcher.explain(mentors, mentees, config, 'S04', 'R01').forbidden;
  assert.deepEqual(forbidden, { rule: 'require_overlap', attribute: 'languages' });
  // Without parents (or with no credit) the related skills score nothing.
  const exact = matcher.explain(mentors, mentees, { ...config, skills: { related: 0 } }, 'S02', 'R04');
  assert.equal(exact.criteria.skills, 0);
  assert.equal(exact.skills[0].related, undefined);
});

test('misuse throws errors naming the config key or the file, row and column', () => {
  let error = thrown(() => matcher.matchRosters(mentors, mentees, {
    ...config, constraints: { require_same: ['languages'] },
  }));
  assert.deepEqual([error.code, error.key], ['config', 'constraints.require_same']);
  assert.match(error.message, /"languages" is a list attribute, compared only by overlap/);
  error = thrown(() => matcher.matchRosters(mentors, mentees, {
    ...config, vocabulary: { ...config.vocabulary, programming: { aliases: ['coding'], parent: 'rust' } },
  }));
  assert.deepEqual([error.code, error.key], ['config', 'vocabulary.programming.parent']);
  assert.match(error.message, /the parents make a cycle: programming → rust → programming/);
  error = thrown(() => matcher.matchRosters(mentors, mentees, { ...config, skills: { related: -1 } }));
  assert.deepEqual([error.code, error.key], ['config', 'skills.related']);
  // The mentors' language column read with `;`: its commas are a located error.
  error = thrown(() => matcher.matchRosters(mentors, mentees, {
    ...config, columns: { 'Languages you speak': 'languages' },
  }));
  assert.deepEqual([error.code, error.file, error.row, error.column], ['comma_separated_list', 'mentors.csv', 2, 'languages']);
  // validate lists the same problem rather than leaving it to the match.
  const problems = matcher.validate(mentors, mentees, { ...config, columns: { 'Languages you speak': 'languages' } });
  assert.deepEqual(problems.map((p) => [p.code, p.file, p.row, p.column]), [['comma_separated_list', 'mentors.csv', 2, 'languages']]);
  assert.deepEqual(matcher.validate(mentors, mentees, config), []);
});
