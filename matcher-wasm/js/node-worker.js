// The Node worker_threads worker behind `MatcherWorker`: the Node build of the
// module, serving requests (host.js).

import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { host, readiness } from './host.js';

const wasm = createRequire(import.meta.url)('../node/matcher_wasm.js');
const post = (message) => parentPort.postMessage(message);
const serve = host(wasm, post);

parentPort.once('message', (init) => {
  post({ id: init.id, value: readiness(wasm, 1) });
  parentPort.on('message', serve);
});
