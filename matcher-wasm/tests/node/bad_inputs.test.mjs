// The bad-input corpus (matcher/tests/fixtures/bad/) through the WebAssembly
// package: every case the CLI refuses with exit 2 throws an Error carrying the
// same message, file, row and column; every case it matches gives the same
// matches.csv. The expectations are the CLI's insta snapshots. Workbook cases
// (.xlsx) go through the workbook module, as the Worker API sends them.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { rosterInput } from '../../pkg/worker/host.js';
import * as workbook from '../../pkg/node-workbook/matcher_wasm_workbook.js';
import { ROOT } from '../support/fixtures.mjs';

const CORPUS = join(ROOT, 'matcher/tests/fixtures/bad');
const SNAPSHOTS = join(ROOT, 'matcher-cli/tests/it/snapshots');
const read = (name) => readFileSync(join(CORPUS, name), 'utf8');

/** The two rosters of a case, paired as matcher-cli/tests/it/bad_inputs.rs pairs them. */
async function rosters(name) {
  if (name === 'mentees_10mb_cell') {
    return [read('mentors.csv'), read('mentees.csv').replace('Joan Clarke', 'x'.repeat(10 << 20))];
  }
  if (existsSync(join(CORPUS, `${name}.xlsx`))) {
    const bytes = readFileSync(join(CORPUS, `${name}.xlsx`));
    return [read('mentors.csv'), await rosterInput(bytes, 'mentee', async () => workbook)];
  }
  const [side, defect] = [name.slice(0, 7), name.slice(8)];
  const partner = (other) => {
    const file = `${other}_${defect}.csv`;
    return existsSync(join(CORPUS, file)) ? file : `${other}.csv`;
  };
  return side === 'mentors'
    ? [read(`${name}.csv`), read(partner('mentees'))]
    : [read(partner('mentors')), read(`${name}.csv`)];
}

/** A snapshot's exit code, standard output and standard error. */
function snapshot(file) {
  const body = readFileSync(join(SNAPSHOTS, file), 'utf8').split('\n---\n').slice(1).join('\n---\n');
  const [, code, stdout, stderr] = body.match(/^exit code: (\d+)\n--- stdout ---\n([^]*)--- stderr ---\n?([^]*)$/);
  return { code: Number(code), stdout, stderr: stderr.trimEnd() };
}

const cases = readdirSync(SNAPSHOTS)
  .filter((f) => f.startsWith('it__bad_inputs__') && f.endsWith('.snap'))
  .map((f) => ({ name: f.slice('it__bad_inputs__'.length, -'.snap'.length), ...snapshot(f) }));

test('the corpus is all there', () => {
  assert.equal(cases.length, 35);
  assert.equal(cases.filter((c) => c.code === 0).length, 8);
});

/** Corpus files whose bytes are not UTF-8 (the CLI decodes them itself). */
const NOT_UTF8 = ['mentees_marked_utf8_bad_byte', 'mentees_utf16', 'mentees_windows_1252'];

for (const c of cases) {
  // The package takes text: a file that is not UTF-8 reaches it only decoded.
  if (NOT_UTF8.includes(c.name)) continue;
  test(`${c.name}: the same outcome as the CLI`, async () => {
    const [mentors, mentees] = await rosters(c.name);
    if (c.code === 0) {
      assert.equal(matcher.matchesCsv(mentors, mentees), c.stdout);
      return;
    }
    assert.equal(c.code, 2);
    const lines = c.stderr.split('\n').map((line) => line.replace(/^error: /, ''));
    assert.throws(() => matcher.matchesCsv(mentors, mentees), (error) => {
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'MatcherError');
      assert.equal(error.message, lines.join('\n'));
      const first = error.diagnostics[0];
      // In a workbook the sheet and cell (`Responses!C3`) stand where a CSV's row does.
      const place = first.sheet ? [first.cell ? `${first.sheet}!${first.cell}` : first.sheet] : [first.row];
      const at = [first.file, ...place, first.column].filter((x) => x !== null).join(':');
      assert.ok(lines[0].startsWith(`${at}: `), `${lines[0]} starts with ${at}`);
      assert.deepEqual([error.file, error.row, error.column], [first.file, first.row, first.column]);
      assert.deepEqual([error.sheet, error.cell], [first.sheet ?? null, first.cell ?? null]);
      assert.equal(error.code, first.code);
      return true;
    });
  });
}
