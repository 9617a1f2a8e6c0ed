// Headless Chromium for the browser tests: Debian's, driven by playwright-core,
// with pages that may reach only the test server and fail their test on any
// page error, console error or blocked request.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer, WWW } from './serve.mjs';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** Launches the browser. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * Opens `path` of `server` in a fresh context of `browser` that may reach only
 * that server, and checks, when test `t` ends, that nothing failed or tried to
 * leave. `routes` maps extra paths to `{ body, contentType }` served in place;
 * `beforeLoad(page)` runs before the page loads (to listen from the start).
 */
export async function openPage(t, browser, server, {
  path = '', viewport = { width: 1280, height: 900 }, routes = {}, beforeLoad = () => {},
} = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const problems = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const extra = routes[url.slice(server.url.length)];
    if (url.startsWith(server.url) && extra) {
      return route.fulfill({ ...extra, headers: server.headers });
    }
    if (url.startsWith(server.url)) return route.continue();
    problems.push(`blocked request to ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await beforeLoad(page);
  t.after(async () => {
    await context.close();
    assert.deepEqual(problems, []);
  });
  await page.goto(server.url + path);
  return page;
}

/**
 * For one test file: the admin page's folder served cross-origin isolated and
 * a browser, started before its tests and closed after them. `open(t,
 * options)` opens a page as `openPage` does; `ready(t, options)` also waits
 * until the admin page shows its version, which it sets once it is wired up.
 */
export function pageHarness() {
  let server;
  let browser;
  before(async () => {
    server = await startServer(WWW);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  const open = (t, options) => openPage(t, browser, server, options);
  const ready = async (t, options) => {
    const page = await open(t, options);
    await page.locator('#version').filter({ hasText: /^v\d/ }).waitFor();
    return page;
  };
  return { open, ready };
}

/**
 * For one test file: the admin page's folder served twice, cross-origin
 * isolated and not, and a browser, started before its tests and closed after
 * them; `{ isolated, plain, browser }` once started.
 */
export function isolatedAndPlain() {
  const live = { isolated: null, plain: null, browser: null };
  before(async () => {
    [live.isolated, live.plain, live.browser] = await Promise.all([
      startServer(WWW),
      startServer(WWW, 0, { isolated: false }),
      launchBrowser(),
    ]);
  });
  after(async () => {
    await live.browser?.close();
    await live.isolated?.close();
    await live.plain?.close();
  });
  return live;
}

/** Clicks a download button of `page` and returns the downloaded file's text. */
export async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return readFileSync(await file.path(), 'utf8');
}
