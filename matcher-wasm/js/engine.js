// The client half of the Worker-backed API: promises for requests, progress
// events, cancellation by AbortSignal, and errors rebuilt as real `Error`s.
// Platform-neutral: browser.js and node.js give it a way to start a worker.

/** How often, in milliseconds, the threaded build's shared counters are read. */
const POLL_MS = 50;
/** Progress stages by their counter code. */
const STAGES = [null, 'scoring', 'solving'];

/** Rebuilds an `Error` from its copy (host.js `copyError`), with every field. */
function revive({ name, message, stack, fields }) {
  const error = new Error(message);
  Object.assign(error, fields);
  error.name = name;
  if (stack) error.stack = stack;
  return error;
}

/** An `Error` with a machine-readable `code`, like the module's own. */
function failure(code, message) {
  return Object.assign(new Error(message), { name: 'MatcherError', code });
}

/** The reason an aborted signal gives, or a standard `AbortError`. */
function abortReason(signal) {
  return signal.reason ?? new DOMException('The request was cancelled.', 'AbortError');
}

/**
 * Follows a run through the threaded build's shared counters (stage, done,
 * total), calling `onProgress` when they change, until the returned stop
 * function is called.
 */
function pollCounters({ memory, address }, onProgress) {
  let last = '';
  const timer = setInterval(() => {
    const [stage, done, total] = new Uint32Array(memory.buffer, address, 3);
    const key = `${stage}/${done}/${total}`;
    if (STAGES[stage] && key !== last) {
      last = key;
      onProgress({ stage: STAGES[stage], done, total });
    }
  }, POLL_MS);
  return () => clearInterval(timer);
}

/**
 * A matcher engine in a worker. Requests run one at a time in order;
 * cancelling one stops the worker (the only way to stop a running solve), so
 * requests queued behind it fail with code `"terminated"` and matchers made
 * before it are gone. The next request starts a fresh worker.
 */
export class Engine {
  #spawn;
  #threads;
  /** The running worker: `{ link, ready, generation }`, or null. */
  #worker = null;
  #generation = 0;
  #nextId = 1;
  /** Pending requests by id: `{ resolve, reject, onProgress, generation }`. */
  #pending = new Map();
  #solves = 0;
  #info = null;

  /**
   * `spawn()` starts a worker and returns its link:
   * `{ post(message), terminate(), onMessage(fn), onError(fn), busy?(flag) }`.
   */
  constructor(spawn, { threads = 1 } = {}) {
    this.#spawn = spawn;
    this.#threads = threads;
  }

  /** Starts the worker, if none runs, and waits until its module is ready. */
  async start() {
    if (!this.#worker) {
      const link = this.#spawn();
      const generation = ++this.#generation;
      link.onMessage((message) => this.#receive(message));
      link.onError((error) => this.#stop(generation, () => failure('worker_failed', `The matcher worker failed: ${error?.message ?? error}`)));
      const ready = this.#send(link, generation, { op: 'init', threads: this.#threads });
      this.#worker = { link, ready, generation };
      ready.then(({ value }) => { this.#info = value; }, () => this.#stop(generation, () => failure('worker_failed', 'The matcher worker did not start.')));
    }
    await this.#worker.ready;
    return this.#worker.generation;
  }

  /** The package version, number of threads and (threaded build) shared counters. */
  get info() {
    return this.#info;
  }

  /** Exact solves run by every request of this engine so far. */
  get solves() {
    return this.#solves;
  }

  /**
   * Sends a request and resolves to `{ value, solves, generation }`: its
   * value, the solves it ran, and the worker it ran in. `generation` (optional) ties
   * it to the worker a handle lives in; `signal` cancels; `onProgress`
   * receives `{ stage, done, total }` events.
   */
  async request(message, { signal, onProgress, generation } = {}) {
    signal?.throwIfAborted();
    const current = await this.start();
    // Cancelled while the worker started: nothing was sent yet.
    signal?.throwIfAborted();
    if (generation !== undefined && generation !== current) {
      throw failure('terminated', 'This matcher lived in a worker that was stopped; match again.');
    }
    const worker = this.#worker;
    const counters = onProgress && this.#info?.counters;
    const stopPolling = counters ? pollCounters(counters, onProgress) : () => {};
    const onAbort = () => this.#stop(worker.generation, () => failure('terminated', 'The worker was stopped to cancel an earlier request.'), abortReason(signal));
    const reply = this.#send(worker.link, worker.generation, { ...message, progress: Boolean(onProgress) && !counters }, onProgress, signal);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await reply;
    } finally {
      stopPolling();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops the worker now; pending requests fail with code `"terminated"`. */
  terminate() {
    if (this.#worker) this.#stop(this.#worker.generation, () => failure('terminated', 'The matcher worker was terminated.'));
  }

  #send(link, generation, message, onProgress, signal) {
    const id = this.#nextId++;
    const reply = new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress, generation, signal });
    });
    try {
      link.post({ id, ...message });
    } catch (error) {
      // An argument that cannot be copied to the worker.
      this.#pending.delete(id);
      throw error;
    }
    link.busy?.(true);
    return reply;
  }

  #receive({ id, value, error, progress, solves }) {
    const pending = this.#pending.get(id);
    if (!pending) return;
    if (progress) {
      pending.onProgress?.(progress);
      return;
    }
    this.#pending.delete(id);
    if (this.#pending.size === 0) this.#worker?.link.busy?.(false);
    this.#solves += solves ?? 0;
    if (error) pending.reject(revive(error));
    else pending.resolve({ value, solves: solves ?? 0, generation: pending.generation });
  }

  /**
   * Terminates the worker of `generation` (if it still runs) and rejects its
   * pending requests: those cancelled by their own signal with `reason`, the
   * others with `otherwise()`.
   */
  #stop(generation, otherwise, reason) {
    if (this.#worker?.generation !== generation) return;
    this.#worker.link.terminate();
    this.#worker = null;
    this.#info = null;
    for (const [id, pending] of this.#pending) {
      if (pending.generation !== generation) continue;
      this.#pending.delete(id);
      pending.reject(pending.signal?.aborted ? (reason ?? abortReason(pending.signal)) : otherwise());
    }
  }
}
