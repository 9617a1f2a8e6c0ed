// The Node worker_threads worker behind `MatcherWorker`: the Node build of the
// module, serving requests (host.js), of the workbook reader, loaded the
// first time a roster is a workbook, and of the peer-roster build, loaded the
// first time a peer roster comes.

import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import { host, readiness } from './host.js';

const require = createRequire(import.meta.url);
const wasm = require('../node/matcher_wasm.js');
const post = (message) => parentPort.postMessage(message);
const serve = host(
  wasm,
  post,
  async () => require('../node-workbook/matcher_wasm_workbook.js'),
  async () => require('../node-peers/matcher_wasm.js'),
);

parentPort.once('message', (init) => {
  post({ id: init.id, value: readiness(wasm, 1) });
  parentPort.on('message', serve);
});
