// The npm README's Node examples run as written against the built package,
// imported by its name (so through package.json's `exports`), and print what
// their `// => …` comments say.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../support/fixtures.mjs';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const README = readFileSync(join(PKG, 'README.md'), 'utf8');
const EXAMPLES = [...README.matchAll(/```js\n([\s\S]*?)```/g)].map(([, code]) => code);

test('the README has Node examples', () => {
  assert.ok(EXAMPLES.filter((code) => !code.includes('init()')).length >= 2);
});

for (const [i, code] of EXAMPLES.entries()) {
  // Browser examples need a page to fetch the wasm from; the browser tests cover them.
  if (code.includes('init()')) continue;
  test(`README example ${i + 1} runs and prints what it says`, (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'matcher-readme-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(PKG, join(dir, 'node_modules', 'matcher-wasm'), 'dir');
    for (const file of ['mentors.csv', 'mentees.csv', 'outcomes.csv']) copyFileSync(join(ROOT, 'data', file), join(dir, file));
    copyFileSync(join(ROOT, 'data/forms/mentees.xlsx'), join(dir, 'mentees.xlsx'));
    copyFileSync(join(ROOT, 'data/peers/people.csv'), join(dir, 'people.csv'));
    writeFileSync(join(dir, 'example.mjs'), code);
    const output = execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
    const lines = output.split('\n');
    for (const [, expected] of code.matchAll(/^\s*\/\/ => (.*)$/gm)) {
      assert.ok(lines.includes(expected), `prints ${JSON.stringify(expected)}; printed:\n${output}`);
    }
  });
}
