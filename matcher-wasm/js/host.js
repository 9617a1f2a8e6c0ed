// The worker half of the Worker-backed API: runs each request against the
// wasm module, one at a time, and posts back its value, its progress and the
// number of solves it cost. Platform-neutral: the worker entries
// (browser-worker.js, node-worker.js) give it the module, a way to post, and
// loaders of the workbook reader and of the peer-roster build.

/** Module functions a client may call by name. */
const FUNCTIONS = new Set(['validate', 'readRoster', 'rosterColumns', 'checkConfig', 'vocabularyReport', 'generateRosters', 'defaultConfig', 'version']);
/** Peer-roster functions, answered by a build with them (see `host`). */
const PEER_FUNCTIONS = new Set(['pairPeople', 'pairsCsv']);
/** Methods a client may call on a handle, by the kind of program it holds. */
const MATCHER_METHODS = new Set(['outcome', 'matchesCsv', 'json', 'report', 'costOfDiversity', 'suggest', 'whyNot', 'explain', 'evaluate']);
const BUDDY_METHODS = new Set(['outcome', 'pairsCsv', 'report', 'costOfDiversity', 'suggest', 'whyNot']);

/**
 * The requests that solve a program and keep it under a handle: how each
 * makes it from the module and its arguments (`progress` is the callback or
 * undefined), the methods its handle answers, and whether it needs the
 * peer-roster build.
 */
const MAKERS = {
  match: {
    make: (module, [mentors, mentees, config, rounds], progress) => new module.Matcher(mentors, mentees, config, rounds, progress),
    methods: MATCHER_METHODS,
    peers: false,
  },
  matchPeople: {
    make: (module, [people, config, rounds], progress) => module.Matcher.fromPeople(people, config, rounds, progress),
    methods: MATCHER_METHODS,
    peers: true,
  },
  matchBuddies: {
    make: (module, [people, config, rounds]) => module.BuddyMatcher.fromPeople(people, config, rounds),
    methods: BUDDY_METHODS,
    peers: true,
  },
};

/** Roster arguments of the module functions by position, with their side. */
const ROSTER_ARGS = {
  validate: [[0, 'mentor'], [1, 'mentee']],
  vocabularyReport: [[0, 'mentor'], [1, 'mentee']],
  readRoster: [[0, null]],
  rosterColumns: [[0, null]],
};

/** File arguments of the `Matcher` methods by position, with the side the workbook module labels them by. */
const METHOD_FILE_ARGS = {
  evaluate: [[0, 'outcomes']],
};

/**
 * Whether `bytes` start as a zip archive or an OLE compound file: a workbook,
 * or what only the workbook reader can tell apart from one.
 */
export function isWorkbook(bytes) {
  const starts = (magic) => magic.every((byte, i) => bytes[i] === byte);
  return starts([0x50, 0x4b, 0x03, 0x04]) || starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/**
 * A roster argument as the module takes it (CSV text or a `SheetRead`): file
 * bytes (`Uint8Array`, `ArrayBuffer`, or `{ bytes, sheet }` to pick a sheet)
 * are a workbook read by the workbook module, loaded on first use by
 * `workbook()`, or else UTF-8 text.
 */
export async function rosterInput(value, side, workbook) {
  const picked = value && typeof value === 'object' && 'bytes' in value ? value : { bytes: value, sheet: null };
  const { bytes, sheet = null } = picked;
  if (!(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))) return value;
  const view = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isWorkbook(view)) return new TextDecoder().decode(view);
  return (await workbook()).readWorkbook(view, side, sheet);
}

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
 * through `post`; `workbook()` loads the workbook module when a roster is
 * given as a workbook's bytes, and `peers()` the peer-roster build (the whole
 * module with `Matcher.fromPeople`, `BuddyMatcher`, `pairPeople` and `pairsCsv`) the first
 * time a peer roster comes, unless `wasm` has them itself (the threaded
 * build). Returns the handler for each incoming request.
 */
export function host(wasm, post, workbook, peers) {
  /** Live programs (`Matcher`s and `BuddyMatcher`s) by handle, as `{ program, methods }`. */
  const programs = new Map();
  let nextHandle = 1;

  /** The module that answers a request: the peer-roster build for peer rosters, loaded once. */
  let peerModule = null;
  const moduleFor = async ({ op, name }) => {
    if (!MAKERS[op]?.peers && !(op === 'call' && PEER_FUNCTIONS.has(name))) return wasm;
    peerModule ??= typeof wasm.pairPeople === 'function' ? wasm : await peers();
    return peerModule;
  };

  const kept = (handle) => {
    const found = programs.get(handle);
    if (!found) throw Object.assign(new Error('This matcher was freed.'), { code: 'freed' });
    return found;
  };

  /** The request's roster (and outcomes file) arguments read (see `rosterInput`). */
  const prepare = async ({ op, name, args }) => {
    const named = (table) => (Object.hasOwn(table, name) ? table[name] : []);
    const rosters = op === 'match' ? [[0, 'mentor'], [1, 'mentee']]
      : op === 'call' ? named(ROSTER_ARGS) : op === 'ask' ? named(METHOD_FILE_ARGS) : [];
    const ready = [...args ?? []];
    for (const [at, side] of rosters) ready[at] = await rosterInput(ready[at], side ?? ready[1], workbook);
    return ready;
  };

  /** Keeps a solved program, answering `methods`, under a new handle. */
  const keep = (program, methods) => {
    programs.set(nextHandle, { program, methods });
    return { value: nextHandle++, solves: program.solves };
  };

  const run = (module, { op, name, args, handle, progress }, report) => {
    switch (op) {
      case 'call':
        if (!FUNCTIONS.has(name) && !PEER_FUNCTIONS.has(name)) throw new Error(`Unknown function ${name}`);
        return { value: module[name](...args), solves: 0 };
      case 'match':
      case 'matchPeople':
      case 'matchBuddies': {
        const { make, methods } = MAKERS[op];
        return keep(make(module, args, progress ? report : undefined), methods);
      }
      case 'ask': {
        const { program, methods } = kept(handle);
        if (!methods.has(name)) throw new Error(`Unknown method ${name}`);
        const before = program.solves;
        const value = program[name](...args);
        return { value, solves: program.solves - before };
      }
      case 'free':
        programs.get(handle)?.program.free();
        programs.delete(handle);
        return { value: undefined, solves: 0 };
      default:
        throw new Error(`Unknown request ${op}`);
    }
  };

  /** `readWorkbook(bytes, side, sheet?)`, answered by the workbook module. */
  const readWorkbook = async ([bytes, side, sheet]) => {
    const read = await rosterInput({ bytes, sheet: sheet ?? null }, side, workbook);
    if (typeof read === 'string') throw Object.assign(new Error('The file is not an .xlsx or .ods workbook.'), { name: 'MatcherError', code: 'invalid_argument' });
    return { value: read, solves: 0 };
  };

  return async (request) => {
    const { id } = request;
    try {
      const args = await prepare(request);
      const { value, solves } = request.op === 'call' && request.name === 'readWorkbook'
        ? await readWorkbook(args)
        : run(await moduleFor(request), { ...request, args }, (event) => post({ id, progress: event }));
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
