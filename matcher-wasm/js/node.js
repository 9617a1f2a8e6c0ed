// The Worker-backed API for Node: the matcher runs in a worker_threads worker.

import process from 'node:process';
import { Worker } from 'node:worker_threads';
import { MatcherWorker as Base } from './api.js';

export { RemoteBuddyMatcher, RemoteMatcher, RemoteProgram } from './api.js';

/** The matcher in a Node worker thread (see api.js). */
export class MatcherWorker extends Base {
  /** Starts the worker next to this file; it keeps Node alive only while busy. */
  static spawn() {
    // `--input-type` (of `node -e`) would stop the worker's file from loading.
    const execArgv = process.execArgv.filter((flag) => !flag.startsWith('--input-type'));
    const worker = new Worker(new URL('./node-worker.js', import.meta.url), { execArgv });
    worker.unref();
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
      onMessage: (receive) => worker.on('message', receive),
      onError: (fail) => worker.on('error', fail),
      busy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  }

  /** The Node build is single-threaded. */
  static defaultThreads() {
    return 1;
  }
}
