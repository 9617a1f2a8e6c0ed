// Peer rosters on the admin page in headless Chromium: the peer sample, in
// mentor-mentee mode and as buddy pairs, gives the CLI's golden files, both on
// a page that is not cross-origin isolated (single-threaded: the worker loads
// the peer-roster build on the first peer run) and on an isolated one (the
// threaded build, which has peer rosters itself). Buddy pairs' review, report,
// why-not and suggestions show what the CLI writes for the same files.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { download, isolatedAndPlain, openPage } from '../support/browser.mjs';
import { peers, ROOT } from '../support/fixtures.mjs';
import { native } from '../support/native.mjs';

const live = isolatedAndPlain();

/** What the native CLI writes for `args` on the peer roster and its config. */
function cli(...args) {
  const inputs = ['--people', 'data/peers/people.csv', '--config', 'data/peers/config.toml'];
  return execFileSync(native(), [...args, ...inputs], { cwd: ROOT, encoding: 'utf8' });
}

for (const [name, server, threaded] of [['a plain page', () => live.plain, false], ['an isolated page', () => live.isolated, true]]) {
  test(`${name} runs the peer sample, directed and as buddy pairs, as the CLI does`, async (t) => {
    const fetched = [];
    const page = await openPage(t, live.browser, server(), {
      beforeLoad: (page) => page.context().on('request', (request) => fetched.push(new URL(request.url()).pathname)),
    });
    await page.locator('#version').filter({ hasText: /^v\d/ }).waitFor();
    assert.equal(await page.getAttribute('#version', 'data-threads') !== '1', threaded);
    const peerBuild = () => fetched.filter((path) => path.startsWith('/pkg/web-peers/'));
    assert.deepEqual(peerBuild(), [], 'the peer-roster build loads only when a peer roster is matched');

    await page.click('#load-peer-sample');
    await page.locator('#people-status').filter({ hasText: 'sample people.csv: a peer roster' }).waitFor();
    assert.equal(await page.innerText('#mentors-status'), 'Not used: a peer roster is loaded.');
    await page.locator('#run:enabled').waitFor();
    await page.click('#run');
    await page.locator('#results').waitFor();
    assert.match(await page.innerText('#run-status'), /^Matched \d+ of \d+ in \d+ ms\.$/);
    assert.equal(await download(page, '#download-csv'), peers.matchesCsv());
    assert.deepEqual(peerBuild().length > 0, !threaded);

    await page.check('#buddy-pairs');
    await page.click('#run');
    await page.locator('#pairs-results').waitFor();
    assert.ok(await page.isHidden('#results'));
    assert.match(await page.innerText('#run-status'), /^Paired 60 of 60 people in 30 pairs in \d+ ms\.$/);
    assert.match(await page.innerText('#pairs-pager .pager-status'), /^Rows 1–30 of 30/);
    assert.ok(await page.isHidden('#unpaired-section'));
    assert.equal(await download(page, '#download-pairs'), peers.pairsCsv());

    // Two rosters again: the peer roster makes way, and so does its pairing.
    await page.click('#load-sample');
    await page.locator('#people-status').filter({ hasText: 'None' }).waitFor();
    assert.ok(await page.isHidden('#pairs-results'));
  });
}

test('buddy pairs on the page: report, review, round 2, why-not and suggestions as the CLI writes them', async (t) => {
  const page = await openPage(t, live.browser, live.plain);
  await page.locator('#version').filter({ hasText: /^v\d/ }).waitFor();
  await page.click('#load-peer-sample');
  await page.locator('#people-status').filter({ hasText: 'sample people.csv: a peer roster' }).waitFor();
  await page.check('#buddy-pairs');
  await page.locator('#run:enabled').waitFor();
  await page.click('#run');
  await page.locator('#pairs-results').waitFor();
  assert.equal(await page.getAttribute('#run-status', 'data-solves'), '1');

  // The report: the CLI's figures for the first round, the cost of diversity once asked (one more solve).
  const { report } = JSON.parse(cli('match', '--pairs', '--report', '--quiet', '--format', 'json'));
  const figure = (key) => page.innerText(`#pairs-results [data-key="${key}"] dd`);
  const { worst_off: worst } = report;
  assert.equal(await figure('worst-off'), `${worst.score.toFixed(2)}\n${worst.a_id} with ${worst.b_id}`);
  assert.deepEqual(await page.locator('#pairs-results #deciles tbody td').allInnerTexts(),
    report.deciles.map((d) => d.toFixed(2)));
  for (const { attribute, met, not_met: notMet, missing } of report.diversity) {
    const tab = page.locator('#pairs-results .crosstab').filter({ has: page.locator(`table[data-attribute="${attribute}"]`) });
    assert.equal(await tab.locator('p').innerText(), `${met} pairs meet it, ${notMet} do not, ${missing} have no value on a side.`);
  }
  await page.click('#cost-of-diversity');
  await page.locator('#run-status[data-solves="2"]').waitFor();
  assert.match(await figure('cost-of-diversity'), new RegExp(`^${report.cost_of_diversity.cost.toFixed(2)}\n`));

  // Suggestions: each person's best partners, as \`suggest --pairs\` lists them.
  const [first] = JSON.parse(cli('suggest', '--pairs', '--top', '3', '--format', 'json'));
  const row = await page.locator('#partner-suggestions tbody tr').first().locator('td').allInnerTexts();
  assert.equal(row.length, 4);
  first.partners.forEach((p, i) => assert.match(row[i + 1], new RegExp(`${p.partner_id} · ${p.score.toFixed(2)}`)));

  // Review: accept one pair, reject another; the files are the CLI's --locked and --history.
  await page.selectOption('#pairs select[data-a="P02"][data-b="P50"]', 'accepted');
  await page.selectOption('#pairs select[data-a="P03"][data-b="P06"]', 'rejected');
  assert.equal(await page.innerText('#review-status'), '1 accepted, 0 pinned, 1 rejected; 28 draft.');
  const locked = await download(page, '#download-locked');
  const history = await download(page, '#download-history');
  assert.equal(locked, 'mentor_id,mentee_id\nP02,P50\n');
  assert.equal(history, 'mentor_id,mentee_id\nP03,P06\n');
  const final = (await download(page, '#download-final')).split('\n');
  assert.equal(final[0], 'person_id,person_name,partner_id,partner_name,score,decision');
  assert.ok(final.includes('P02,Sarah Romero,P50,Felix Horvat,71.93,accepted'), final.join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'buddy-review-'));
  writeFileSync(join(dir, 'locked.csv'), locked);
  writeFileSync(join(dir, 'history.csv'), history);
  const round2 = ['--locked', join(dir, 'locked.csv'), '--history', join(dir, 'history.csv')];

  // Round 2 honours them: the CLI's pairs for the same files, the locked pair still accepted.
  await page.click('#rerun');
  await page.locator('#run-status').filter({ hasText: /^Paired 60 of 60/ }).waitFor();
  assert.equal(await download(page, '#download-pairs'), cli('match', '--pairs', '--quiet', ...round2));
  assert.equal(await page.inputValue('#pairs select[data-a="P02"][data-b="P50"]'), 'accepted');
  assert.equal(await page.locator('#pairs select[data-a="P03"][data-b="P06"]').count(), 0);

  // Why (not)?: the CLI's explanation, line for line, with the pair forced (one more solve).
  const solves = Number(await page.getAttribute('#run-status', 'data-solves'));
  await page.fill('#why-person', 'P37');
  await page.fill('#why-partner', 'P11');
  await page.click('#why-not-ask');
  await page.locator(`#run-status[data-solves="${solves + 1}"]`).waitFor();
  const expected = cli('explain', '--pairs', '--person', 'P37', '--partner', 'P11', ...round2);
  assert.match(expected, /forcing the pair: total score/);
  assert.equal(await page.textContent('#why-not-text'), expected.trimEnd());
  await page.fill('#why-partner', '');
  await page.click('#why-not-ask');
  await page.locator('#why-not-text').filter({ hasNotText: 'forcing' }).waitFor();
  assert.equal(await page.textContent('#why-not-text'), cli('explain', '--pairs', '--person', 'P37', ...round2).trimEnd());
  await page.fill('#why-person', 'P99');
  await page.click('#why-not-ask');
  await page.locator('#why-not-text').filter({ hasText: 'P99' }).waitFor();
});
