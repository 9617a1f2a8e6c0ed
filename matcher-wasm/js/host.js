// The worker half of the Worker-backed API: runs each request against the
// wasm module, one at a time, and posts back its value, its progress and the
// number of solves it cost. Platform-neutral: the worker entries
// (browser-worker.js, node-worker.js) give it the module and a way to post.

/** Module functions a client may call by name. */
const FUNCTIONS = new Set(['validate', 'readRoster', 'rosterColumns', 'checkConfig', 'vocabularyReport', 'generateRosters', 'defaultConfig', 'version']);
/** `Matcher` methods a client may call on a handle. */
const METHODS = new Set(['outcome', 'matchesCsv', 'json', 'report', 'costOfDiversity', 'suggest', 'whyNot', 'explain']);

/** A thrown value as plain data that survives `postMessage`, fields and all. */
export function copyError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const { name, message, stack } = error;
  const fields = {};
  for (const key of Object.keys(error)) fields[key] = error[key];
  return { name, message, stack, fields };
}

/**
 * Serves requests with `wasm` (the loaded matcher module), posting replies
 * through `post`. Returns the handler for each incoming request.
 */
export function host(wasm, post) {
  /** Live `Matcher`s by handle. */
  const programs = new Map();
  let nextHandle = 1;

  const program = (handle) => {
    const found = programs.get(handle);
    if (!found) throw Object.assign(new Error('This matcher was freed.'), { code: 'freed' });
    return found;
  };

  const run = ({ op, name, args, handle, progress }, report) => {
    switch (op) {
      case 'call':
        if (!FUNCTIONS.has(name)) throw new Error(`Unknown function ${name}`);
        return { value: wasm[name](...args), solves: 0 };
      case 'match': {
        const [mentors, mentees, config, rounds] = args;
        const matcher = new wasm.Matcher(mentors, mentees, config, rounds, progress ? report : undefined);
        programs.set(nextHandle, matcher);
        return { value: nextHandle++, solves: matcher.solves };
      }
      case 'ask': {
        if (!METHODS.has(name)) throw new Error(`Unknown method ${name}`);
        const matcher = program(handle);
        const before = matcher.solves;
        const value = matcher[name](...args);
        return { value, solves: matcher.solves - before };
      }
      case 'free':
        programs.get(handle)?.free();
        programs.delete(handle);
        return { value: undefined, solves: 0 };
      default:
        throw new Error(`Unknown request ${op}`);
    }
  };

  return (request) => {
    const { id } = request;
    try {
      const { value, solves } = run(request, (event) => post({ id, progress: event }));
      post({ id, value, solves });
    } catch (error) {
      post({ id, error: copyError(error) });
    }
  };
}

/**
 * What the worker tells the client once the module is ready: its version,
 * threads, and, on the threaded build, the shared memory and the address of
 * its progress counters so the client can follow a run the worker is blocked in.
 */
export function readiness(wasm, threads) {
  const memory = wasm.progressMemory();
  const shared = typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
  return {
    version: wasm.version(),
    threads,
    counters: shared ? { memory, address: wasm.progressCounters() } : null,
  };
}
