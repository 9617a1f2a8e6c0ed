// The main README's embedding example runs as written in Chromium: its HTML
// is served beside the admin page (so `./pkg/worker/` and `sample/` resolve),
// and the page logs exactly what its `// => …` comments say.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pageHarness } from '../support/browser.mjs';
import { ROOT } from '../support/fixtures.mjs';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const [example] = [...README.matchAll(/```html\n([\s\S]*?)```/g)].map(([, code]) => code)
  .filter((code) => code.includes('matcher-wasm/worker'));

const harness = pageHarness();

test('the README embeds the Worker API in a page', () => {
  assert.ok(example, 'an html example importing matcher-wasm/worker');
});

test('the README embedding example runs in Chromium and logs what it says', { skip: !example }, async (t) => {
  const html = `<!doctype html><meta charset="utf-8"><title>embed</title>\n${example}`;
  const logs = [];
  await harness.open(t, {
    path: 'embed-example.html',
    routes: { 'embed-example.html': { body: html, contentType: 'text/html; charset=utf-8' } },
    beforeLoad: (page) => page.on('console', (message) => logs.push(message.text())),
  });
  const expected = [...example.matchAll(/^\s*\/\/ => (.*)$/gm)].map(([, line]) => line);
  assert.ok(expected.length >= 3, 'the example says what it logs');
  const deadline = Date.now() + 60_000;
  while (!expected.every((line) => logs.includes(line)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const line of expected) {
    assert.ok(logs.includes(line), `logs ${JSON.stringify(line)}; logged:\n${logs.join('\n')}`);
  }
});
