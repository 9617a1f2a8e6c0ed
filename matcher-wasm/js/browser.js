// The Worker-backed API for browsers and bundlers: the matcher runs in a
// module Worker, off the page's main thread.

import { MatcherWorker as Base } from './api.js';

export { RemoteBuddyMatcher, RemoteMatcher, RemoteProgram } from './api.js';

/** The matcher in a browser Worker (see api.js). */
export class MatcherWorker extends Base {
  /** Starts the module Worker next to this file. */
  static spawn() {
    const worker = new Worker(new URL('./browser-worker.js', import.meta.url), { type: 'module' });
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
      onMessage: (receive) => worker.addEventListener('message', (event) => receive(event.data)),
      onError: (fail) => worker.addEventListener('error', (event) => fail(event.error ?? new Error(event.message || 'the worker script failed to load'))),
    };
  }

  /** Every core when cross-origin isolated (threads need shared memory), else 1. */
  static defaultThreads() {
    return globalThis.crossOriginIsolated ? navigator.hardwareConcurrency || 1 : 1;
  }
}
