// The browser Worker behind `MatcherWorker`: loads the threaded build when the
// page is cross-origin isolated and more than one thread is asked for, the
// single-threaded build otherwise, then serves requests (host.js), loading
// the workbook reader the first time a roster is a workbook and, on the
// single-threaded build, the peer-roster build the first time a peer roster comes.

import { copyError, host, readiness } from './host.js';

/** Loads a build and starts its thread pool; `threads` is what it runs on. */
async function load(threads) {
  if (threads > 1 && self.crossOriginIsolated) {
    try {
      const wasm = await import('../web-threads/matcher_wasm.js');
      await wasm.default();
      await wasm.initThreadPool(threads);
      return { wasm, threads };
    } catch (error) {
      console.warn('matcher: the threaded build did not load, using one thread:', error);
    }
  }
  const wasm = await import('../web/matcher_wasm.js');
  await wasm.default();
  return { wasm, threads: 1 };
}

self.addEventListener('message', async function start({ data }) {
  self.removeEventListener('message', start);
  const post = (message) => self.postMessage(message);
  try {
    const { wasm, threads } = await load(data.threads);
    /** Imports and instantiates a module beside this one. */
    const loaded = async (loading) => {
      const module = await loading;
      await module.default();
      return module;
    };
    const workbook = () => loaded(import('../web-workbook/matcher_wasm_workbook.js'));
    const peers = () => loaded(import('../web-peers/matcher_wasm.js'));
    const serve = host(wasm, post, workbook, peers);
    self.addEventListener('message', (event) => serve(event.data));
    post({ id: data.id, value: readiness(wasm, threads) });
  } catch (error) {
    post({ id: data.id, error: copyError(error) });
  }
});
