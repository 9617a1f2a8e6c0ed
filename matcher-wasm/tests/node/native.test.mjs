// The WebAssembly package and the native CLI give the same bytes for the same
// input: generated rosters for several seeds and configs, matched by both.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as matcher from '../../pkg/node/matcher_wasm.js';
import { native } from '../support/native.mjs';

/** The same config as a JS object and as TOML. */
const CONFIGS = [
  [null, ''],
  [
    { diversity: { department: 'different', location: 'same' }, constraints: { min_score: 30, require_different: ['gender'] } },
    '[diversity]\ndepartment = "different"\nlocation = "same"\n[constraints]\nmin_score = 30\nrequire_different = ["gender"]\n',
  ],
  [
    { weights: { skills: 1, goals: 0, values: 0.5, diversity: 0 }, solver: { objective: 'total', max_memory: 0 } },
    '[weights]\nskills = 1\ngoals = 0\nvalues = 0.5\ndiversity = 0\n[solver]\nobjective = "total"\nmax_memory = 0\n',
  ],
];

test('wasm and the native CLI write the same matches.csv and JSON', () => {
  const bin = native();
  const dir = mkdtempSync(join(tmpdir(), 'matcher-native-'));
  try {
    for (const seed of [1, 2, 3, 4, 5]) {
      const out = join(dir, String(seed));
      execFileSync(bin, ['generate', '--mentors', '40', '--mentees', '120', '--seed', String(seed), '--out', out]);
      const mentors = readFileSync(join(out, 'mentors.csv'), 'utf8');
      const mentees = readFileSync(join(out, 'mentees.csv'), 'utf8');
      CONFIGS.forEach(([config, toml], i) => {
        const configPath = join(out, `config${i}.toml`);
        writeFileSync(configPath, toml);
        const run = (format) => execFileSync(bin, ['match', '--quiet', '--format', format,
          '--mentors', join(out, 'mentors.csv'), '--mentees', join(out, 'mentees.csv'), '--config', configPath],
        { encoding: 'utf8', maxBuffer: 1 << 26 });
        const context = `seed ${seed}, config ${i}`;
        assert.equal(matcher.matchesCsv(mentors, mentees, config), run('csv'), context);
        assert.deepEqual(matcher.matchRosters(mentors, mentees, config), JSON.parse(run('json')), context);
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
