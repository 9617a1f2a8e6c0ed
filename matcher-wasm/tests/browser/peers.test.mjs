// Peer rosters on the admin page in headless Chromium: the peer sample, in
// mentor-mentee mode and as buddy pairs, gives the CLI's golden files, both on
// a page that is not cross-origin isolated (single-threaded: the worker loads
// the peer-roster build on the first peer run) and on an isolated one (the
// threaded build, which has peer rosters itself).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isolatedAndPlain, openPage } from '../support/browser.mjs';
import { peers } from '../support/fixtures.mjs';

const live = isolatedAndPlain();

/** Clicks a download button and returns the downloaded file's text. */
async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path(), 'utf8');
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
