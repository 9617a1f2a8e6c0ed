// A tiny static file server for the admin page, on 127.0.0.1 only.
//
// Used by the browser tests (`startServer`) and by hand: `node tests/support/serve.mjs [port]`
// serves matcher-wasm/www/ (run scripts/build.sh first so www/pkg/ exists).

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

async function respond(root, req, res) {
  const { pathname } = new URL(req.url, 'http://127.0.0.1');
  let path = resolvePath(root, pathname);
  try {
    if (path && (await stat(path)).isDirectory()) path = join(path, 'index.html');
    if (!path) throw new Error('outside the root');
    const body = await readFile(path);
    res.writeHead(200, {
      'content-type': MIME[extname(path)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }
}

/**
 * Serves `root` on 127.0.0.1 (port 0 picks a free one).
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startServer(root = WWW, port = 0) {
  const server = createServer((req, res) => void respond(root, req, res));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startServer(WWW, Number(process.argv[2] ?? 8000));
  console.log(`serving ${WWW} at ${url} (Ctrl-C to stop)`);
}
