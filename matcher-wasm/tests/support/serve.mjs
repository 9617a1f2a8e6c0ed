// A tiny static file server for the admin page, on 127.0.0.1 only.
//
// Used by the browser tests (`startServer`) and by hand: `npm run serve -- [port]
// [--not-isolated]` serves matcher-wasm/www/ (run scripts/build.sh first so
// www/pkg/ exists). Pages are cross-origin isolated by default (COOP, COEP and
// CORP headers), so the page runs the threaded build; `--not-isolated` leaves
// the headers out and the page on the single-threaded build.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8',
};

export const WWW = fileURLToPath(new URL('../../www/', import.meta.url));

/** Resolves a URL path inside `root`, or null when it would escape it. */
function resolvePath(root, urlPath) {
  const path = normalize(join(root, decodeURIComponent(urlPath)));
  return path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

/** The headers that make a page cross-origin isolated, so it may share memory with its workers. */
export const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};

async function respond(root, headers, req, res) {
  const { pathname } = new URL(req.url, 'http://127.0.0.1');
  let path = resolvePath(root, pathname);
  try {
    if (path && (await stat(path)).isDirectory()) path = join(path, 'index.html');
    if (!path) throw new Error('outside the root');
    const body = await readFile(path);
    res.writeHead(200, {
      ...headers,
      'content-type': MIME[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }
}

/**
 * Serves `root` on 127.0.0.1 (port 0 picks a free one), cross-origin isolated
 * unless `isolated` is false. `headers` are the ones every response carries.
 * @returns {Promise<{ url: string, headers: Record<string, string>, close: () => Promise<void> }>}
 */
export async function startServer(root = WWW, port = 0, { isolated = true } = {}) {
  const headers = isolated ? { ...ISOLATION } : {};
  const server = createServer((req, res) => void respond(root, headers, req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}/`,
    headers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const isolated = !args.includes('--not-isolated');
  const port = Number(args.find((arg) => !arg.startsWith('--')) ?? 8000);
  const { url } = await startServer(WWW, port, { isolated });
  const mode = isolated ? 'cross-origin isolated: threaded build' : 'not isolated: single-threaded build';
  console.log(`serving ${WWW} at ${url} (${mode}; Ctrl-C to stop)`);
}
