// The browser Worker behind `MatcherWorker`: loads the threaded build when the
// page is cross-origin isolated and more than one thread is asked for, the
// single-threaded build otherwise, then serves requests (host.js), loading
// the workbook reader the first time a roster is a workbook.

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
    const workbook = async () => {
      const reader = await import('../web-workbook/matcher_wasm_workbook.js');
      await reader.default();
      return reader;
    };
    const serve = host(wasm, post, workbook);
    self.addEventListener('message', (event) => serve(event.data));
    post({ id: data.id, value: readiness(wasm, threads) });
  } catch (error) {
    post({ id: data.id, error: copyError(error) });
  }
});
