// The sample program as a sign-up form exports it (data/forms/): question
// headers mapped by [columns], comma-separated answers, aliases in the
// sample vocabulary (data/vocabulary.csv), a semicolon-separated mentee file. The package reads it as
// the CLI does: exactly the sample's matches; so do its workbook copies (mentees.xlsx, mentors.ods)
// read by the workbook module.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { readWorkbook } from '../../pkg/node-workbook/matcher_wasm_workbook.js';
import { MatcherWorker } from '../../pkg/worker/node.js';
import { expected, ROOT, thrown } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const FORMS = join(ROOT, 'data/forms');
const read = (name) => readFileSync(join(FORMS, name), 'utf8');
const columns = JSON.parse(execFileSync('python3', ['-c',
  'import json, sys, tomllib; json.dump(tomllib.load(open(sys.argv[1], "rb")), sys.stdout)',
  join(FORMS, 'config.toml')], { encoding: 'utf8' }));
// The sample vocabulary (data/vocabulary.csv: term,canonical) as the config's `vocabulary`.
const vocabulary = {};
for (const line of readFileSync(join(ROOT, 'data/vocabulary.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [term, canonical] = line.split(',');
  (vocabulary[canonical] ??= []).push(term);
}
const config = { ...columns, vocabulary };
/** What the CLI writes for the form export (data/expected/forms-matches.csv). */
const formsMatches = () => readFileSync(join(ROOT, 'data/expected/forms-matches.csv'), 'utf8');
/** A matches CSV without the weekly overlap its reasons end in. */
const withoutOverlaps = (csv) => csv.split('\n').map((line) => {
  const at = line.indexOf('; overlap ');
  return at < 0 ? line : `${line.slice(0, at)}"`;
}).join('\n');

test('a form export with its columns and vocabulary makes the sample pairs, as the CLI does', () => {
  const program = new matcher.Matcher(read('mentors.csv'), read('mentees.csv'), config);
  assert.equal(program.matchesCsv(), formsMatches());
  // Languages and availability forbid only pairs the sample does not make.
  assert.equal(withoutOverlaps(program.matchesCsv()), expected.csv());
  program.free();
});

test('readRoster and validate read by the config columns and say how', () => {
  const roster = matcher.readRoster(read('mentees.csv'), 'mentee', config);
  assert.equal(roster.people[0].id, 'E001');
  assert.deepEqual(roster.format, { encoding: 'UTF-8', byte_order_mark: false, delimiter: ';' });
  assert.deepEqual(matcher.validate(read('mentors.csv'), read('mentees.csv'), config), []);
});

test('without the separators, the comma-separated answers are located errors', () => {
  const columns = { 'Participant ID': 'id', 'Which skills would you like to develop?': 'skills' };
  const error = thrown(() => matcher.readRoster(read('mentees.csv'), 'mentee', { columns }));
  assert.equal(error.code, 'comma_separated_list');
  assert.equal(error.file, 'mentees.csv');
  assert.equal(error.row, 2);
  assert.equal(error.column, 'which skills would you like to develop?');
});

test('the vocabulary report is the CLI\'s, and its suggestions make one term', () => {
  const cli = JSON.parse(execFileSync(native(), ['vocab', '--mentors', 'data/forms/mentors.csv', '--mentees',
    'data/forms/mentees.csv', '--config', 'data/forms/config.toml', '--vocabulary', 'data/vocabulary.csv', '--format', 'json'], { cwd: ROOT, encoding: 'utf8' }));
  const report = matcher.vocabularyReport(read('mentors.csv'), read('mentees.csv'), config);
  assert.deepEqual(report, cli);
  // Without the aliases, `JS` is a term of its own that only mentors use.
  const bare = matcher.vocabularyReport(read('mentors.csv'), read('mentees.csv'), { ...config, vocabulary: {} });
  assert.deepEqual(bare.one_sided.find((u) => u.term === 'js'), { list: 'skills', term: 'js', mentor_rows: [24, 35], mentee_rows: [] });
});

test('rosterColumns says how each header is read, with or without the columns, and where there is no id yet', () => {
  const bare = matcher.rosterColumns(read('mentees.csv'), 'mentee');
  assert.deepEqual(bare.format, { encoding: 'UTF-8', byte_order_mark: false, delimiter: ';' });
  assert.deepEqual(bare.columns.map((c) => c.header), ['Timestamp', 'Email address', 'Participant ID', 'Full name',
    'Department', 'Gender', 'Location', 'Language', 'Which skills would you like to develop?',
    'What matters to you at work?', 'What are your goals?', 'Exclude', 'Which languages do you speak?',
    'Your time zone', 'When are you available? (your local time)']);
  assert.deepEqual(bare.columns[8], {
    header: 'Which skills would you like to develop?', name: 'which skills would you like to develop?',
    role: 'which skills would you like to develop?', attribute: true, separator: null,
  });
  assert.deepEqual(bare.columns[11], { header: 'Exclude', name: 'exclude', role: 'exclude', attribute: false, separator: ';' });
  const mapped = matcher.rosterColumns(read('mentees.csv'), 'mentee', config);
  assert.deepEqual(mapped.columns[8], {
    header: 'Which skills would you like to develop?', name: 'which skills would you like to develop?',
    role: 'skills', attribute: false, separator: ',',
  });
  assert.equal(mapped.columns[2].role, 'id');
  assert.deepEqual(mapped.columns.slice(12).map((c) => [c.role, c.separator]),
    [['languages', ','], ['timezone', null], ['availability', null]]);
  assert.equal(thrown(() => matcher.rosterColumns('', 'mentee')).code, 'empty_file');
  assert.equal(thrown(() => matcher.rosterColumns('id\n', 'mentors')).code, 'invalid_argument');
});

test('checkConfig fills in a config and refuses what the CLI refuses, naming the key', () => {
  const checked = matcher.checkConfig(columns);
  assert.deepEqual(checked.columns['Which skills can you offer?'], { role: 'skills', separator: ',' });
  assert.deepEqual(checked.weights, { skills: 0.35, goals: 0.25, values: 0.2, diversity: 0.2, pair_score: 0.25 });
  const bad = thrown(() => matcher.checkConfig({ columns: { 'Full name': { role: 'name', separator: ',' } } }));
  assert.equal(bad.code, 'config');
  assert.equal(bad.key, 'columns.Full name');
  assert.equal(thrown(() => matcher.checkConfig({ column: {} })).code, 'config');
});

const bytes = (name) => readFileSync(join(FORMS, name));

test('the workbook copies read by the workbook module give the form export\'s matches', () => {
  const mentors = readWorkbook(bytes('mentors.ods'), 'mentor');
  const mentees = readWorkbook(bytes('mentees.xlsx'), 'mentee', null);
  assert.equal(mentees.source, 'mentees.xlsx');
  assert.equal(mentees.problem, null);
  assert.deepEqual(mentees.sheet.format, { workbook: 'xlsx', sheet: 'Sheet1', sheets: ['Sheet1', 'Notes'] });
  assert.equal(matcher.matchesCsv(mentors, mentees, config), formsMatches());
  const roster = matcher.readRoster(mentors, 'mentor', config);
  assert.deepEqual(roster.format, { workbook: 'ods', sheet: 'Mentors', sheets: ['Mentors', 'Notes'] });
  assert.deepEqual(roster.people, matcher.readRoster(read('mentors.csv'), 'mentor', config).people);
});

test('an unknown sheet and a damaged workbook are thrown as located MatcherErrors', () => {
  const unknown = readWorkbook(bytes('mentees.xlsx'), 'mentee', 'Responses');
  assert.equal(unknown.problem.code, 'unknown_sheet');
  assert.deepEqual(matcher.validate(read('mentors.csv'), unknown, config), [unknown.problem]);
  let error = thrown(() => matcher.matchesCsv(read('mentors.csv'), unknown, config));
  assert.equal(error.code, 'unknown_sheet');
  assert.equal(error.file, 'mentees.xlsx');
  assert.equal(error.message, 'mentees.xlsx: the workbook has no sheet "Responses"; its sheets are "Sheet1", "Notes" (hint: name one of its sheets, or leave the sheet out to read the first)');
  const damaged = Buffer.from(bytes('mentors.ods'));
  damaged.fill(0, 1000, 1400);
  error = thrown(() => matcher.readRoster(readWorkbook(damaged, 'mentor'), 'mentor', config));
  assert.equal(error.code, 'unreadable_workbook');
  assert.equal(error.file, 'mentors.ods');
  // Without its columns, the sheet's problems name the sheet and the cell.
  error = thrown(() => matcher.readRoster(readWorkbook(bytes('mentees.xlsx'), 'mentee'), 'mentee', { columns: { 'Participant ID': 'id', 'Which skills would you like to develop?': 'skills' } }));
  assert.equal(error.code, 'comma_separated_list');
  assert.deepEqual([error.file, error.sheet, error.cell, error.row], ['mentees.xlsx', 'Sheet1', 'I2', 2]);
  assert.ok(error.message.startsWith('mentees.xlsx:Sheet1!I2:which skills would you like to develop?: the list'), error.message);
});

test('the worker takes a workbook\'s bytes and a sheet, loading the reader on demand', async () => {
  const worker = await MatcherWorker.create();
  try {
    const program = await worker.match(bytes('mentors.ods'), { bytes: bytes('mentees.xlsx'), sheet: 'Sheet1' }, config);
    assert.equal(await program.matchesCsv(), formsMatches());
    const roster = await worker.readRoster(new Uint8Array(bytes('mentees.csv')), 'mentee', config);
    assert.equal(roster.format.delimiter, ';');
    const readings = await worker.rosterColumns(bytes('mentors.ods'), 'mentor', config);
    assert.equal(readings.format.sheet, 'Mentors');
    assert.equal(readings.columns.find((c) => c.header === 'Participant ID').role, 'id');
    await assert.rejects(worker.readRoster({ bytes: bytes('mentees.xlsx'), sheet: 'Nope' }, 'mentee', config),
      (error) => error.code === 'unknown_sheet' && error.file === 'mentees.xlsx');
  } finally {
    worker.terminate();
  }
});
