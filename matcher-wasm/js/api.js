// The public classes of the Worker-backed API, over an Engine (engine.js).
// browser.js and node.js subclass MatcherWorker with their way to start a worker.

import { Engine } from './engine.js';

/**
 * The matcher in a worker: every method returns a promise and none blocks
 * the calling thread. Create one with `await MatcherWorker.create()`.
 */
export class MatcherWorker {
  #engine;

  /** Use `MatcherWorker.create()`. */
  constructor(engine) {
    this.#engine = engine;
  }

  /**
   * Starts a worker and loads the module in it. `threads` (browser only):
   * more than 1 loads the threaded build when the page is cross-origin
   * isolated; the default is every core then, 1 otherwise.
   */
  static async create({ threads } = {}) {
    const engine = new Engine(() => this.spawn(), { threads: threads ?? this.defaultThreads() });
    await engine.start();
    return new this(engine);
  }

  /** Threads the worker's module runs on (1 on the single-threaded build). */
  get threads() {
    return this.#engine.info?.threads ?? 1;
  }

  /** Exact solves run by this engine so far, over every matcher it made. */
  get solves() {
    return this.#engine.solves;
  }

  /**
   * Parses, checks and solves a program once in the worker. `onProgress`
   * receives `{ stage, done, total }` while it scores and solves; `signal`
   * cancels it (the promise rejects with the signal's reason, an
   * `AbortError` by default).
   */
  match(mentorsCsv, menteesCsv, config, rounds, { signal, onProgress } = {}) {
    return this.#solve(RemoteMatcher, 'match', [mentorsCsv, menteesCsv, config ?? null, rounds ?? null], { signal, onProgress });
  }

  /**
   * Parses, checks and solves a peer program from one roster (`people.csv`:
   * each person a mentor, a mentee or both) once in the worker, as `match`
   * does two rosters. A worker on the single-threaded build loads the
   * peer-roster build the first time.
   */
  matchPeople(peopleCsv, config, rounds, { signal, onProgress } = {}) {
    return this.#solve(RemoteMatcher, 'matchPeople', [peopleCsv, config ?? null, rounds ?? null], { signal, onProgress });
  }

  /**
   * Pairs everyone on a peer roster two by two (buddy pairs) once in the
   * worker, keeping the locked pairs of `rounds` and never making its history
   * pairs: a `RemoteBuddyMatcher` answers the questions about that pairing.
   */
  matchBuddies(peopleCsv, config, rounds, { signal } = {}) {
    return this.#solve(RemoteBuddyMatcher, 'matchBuddies', [peopleCsv, config ?? null, rounds ?? null], { signal });
  }

  /**
   * Pairs everyone on a peer roster two by two (buddy pairs), exactly;
   * `rounds` keeps locked pairs and never repeats history pairs.
   */
  pairPeople(peopleCsv, config = null, rounds = null, { signal } = {}) {
    return this.#call('pairPeople', [peopleCsv, config, rounds], signal);
  }

  /** `pairPeople`'s result as the CLI's pairs CSV: one row per person, in roster order. */
  pairsCsv(peopleCsv, config = null, rounds = null, { signal } = {}) {
    return this.#call('pairsCsv', [peopleCsv, config, rounds], signal);
  }

  /** Every roster problem at once; empty when both rosters are fine. */
  validate(mentorsCsv, menteesCsv, config = null) {
    return this.#call('validate', [mentorsCsv, menteesCsv, config]);
  }

  /** One roster as the matcher reads it. */
  readRoster(csv, side, config = null) {
    return this.#call('readRoster', [csv, side, config]);
  }

  /**
   * Reads a sheet (the first when `sheet` is null) of a workbook's bytes in
   * the worker, loading the workbook module on first use: a `SheetRead` that
   * every method takes as a roster (or, read with side `'outcomes'`, as an
   * outcomes file), read once however often it is used.
   */
  readWorkbook(bytes, side, sheet = null) {
    return this.#call('readWorkbook', [bytes, side, sheet]);
  }

  /** How each column of one roster is read under the config's `columns`, from its header row alone. */
  rosterColumns(csv, side, config = null) {
    return this.#call('rosterColumns', [csv, side, config]);
  }

  /** The config object with every key filled in, checked as the CLI checks a `config.toml`. */
  checkConfig(config) {
    return this.#call('checkConfig', [config]);
  }

  /** The rosters' vocabulary: unmet wants, one-sided terms, likely one term. */
  vocabularyReport(mentorsCsv, menteesCsv, config = null) {
    return this.#call('vocabularyReport', [mentorsCsv, menteesCsv, config]);
  }

  /** Synthetic rosters, as `matcher generate` writes them. */
  generateRosters(mentors, mentees, seed, capacity) {
    return this.#call('generateRosters', [mentors, mentees, seed, capacity]);
  }

  /** The default config, every key filled in. */
  defaultConfig() {
    return this.#call('defaultConfig', []);
  }

  /** The package version. */
  version() {
    return this.#call('version', []);
  }

  /** Stops the worker; pending requests reject with code `"terminated"`. */
  terminate() {
    this.#engine.terminate();
  }

  async #call(name, args, signal) {
    return (await this.#engine.request({ op: 'call', name, args }, { signal })).value;
  }

  /** Solves a program in the worker with request `op` and wraps its handle as a `Remote` (a `RemoteProgram`). */
  async #solve(Remote, op, args, options) {
    return new Remote(this.#engine, await this.#engine.request({ op, args }, options));
  }
}

/**
 * How each `RemoteProgram` reaches its program in the worker: `ask(name,
 * args, signal)` resolves to a method's value, `free()` releases it. Kept
 * outside the classes so that subclasses ask through it too.
 */
const links = new WeakMap();

/** Asks `program`'s program in the worker `name(...args)`. */
const ask = (program, name, args, signal) => links.get(program).ask(name, args, signal);

/**
 * A program solved in the worker, known by its handle: what every kind of
 * program answers from its stored optimum, as promises. `RemoteMatcher` and
 * `RemoteBuddyMatcher` add what their kind answers besides.
 */
export class RemoteProgram {
  #solves;

  /** Made by the `MatcherWorker` method that solves the program. */
  constructor(engine, { value: handle, solves, generation }) {
    this.#solves = solves;
    links.set(this, {
      ask: async (name, args, signal) => {
        const reply = await engine.request({ op: 'ask', name, args, handle }, { signal, generation });
        this.#solves += reply.solves;
        return reply.value;
      },
      free: () => engine.request({ op: 'free', handle }, { generation }).catch(() => {}),
    });
  }

  /** Exact solves run for this program so far. */
  get solves() {
    return this.#solves;
  }

  /** The optimal matching or pairing (the CLI's JSON output, as an object). */
  outcome() {
    return ask(this, 'outcome', []);
  }

  /**
   * The fairness report; its cost of diversity is filled once `costOfDiversity()` ran. Under the `stable`
   * objective a matcher's first call solves the exact optimum for the price of stability.
   */
  report({ signal } = {}) {
    return ask(this, 'report', [], signal);
  }

  /** What the diversity weight costs the other criteria (one more solve, once). */
  costOfDiversity({ signal } = {}) {
    return ask(this, 'costOfDiversity', [], signal);
  }

  /** Up to `k` mentors for every mentee (partners for every person), best first. */
  suggest(k) {
    return ask(this, 'suggest', [k]);
  }

  /**
   * A mentee's match (a person's pair) or why it has none; with the other
   * id, why that pair was (not) made and what forcing it costs (one more solve).
   */
  whyNot(id, otherId, { signal } = {}) {
    return ask(this, 'whyNot', [id, otherId ?? null], signal);
  }

  /** Releases the program in the worker. */
  async free() {
    await links.get(this).free();
  }
}

/**
 * A matched program living in the worker: the questions of the module's
 * `Matcher`, answered from the stored optimum, as promises.
 */
export class RemoteMatcher extends RemoteProgram {
  /** `matches.csv`, byte for byte what the CLI writes. */
  matchesCsv() {
    return ask(this, 'matchesCsv', []);
  }

  /** The JSON output as text. */
  json() {
    return ask(this, 'json', []);
  }

  /** One pair's score breakdown. */
  explain(menteeId, mentorId) {
    return ask(this, 'explain', [menteeId, mentorId]);
  }

  /**
   * How the pairs of an outcomes file went against how this program scores
   * them (no solve): CSV text, a `SheetRead` (`readWorkbook(bytes,
   * 'outcomes')`) or the file's bytes. `options`: `{ resamples, seed }`,
   * 1000 and 1 by default.
   */
  evaluate(outcomes, options = null) {
    return ask(this, 'evaluate', [outcomes, options]);
  }
}

/**
 * Buddy pairs living in the worker (the module's `BuddyMatcher`): the
 * pairing, its report, suggested partners and why (not) a pair, answered from
 * the stored optimum, as promises.
 */
export class RemoteBuddyMatcher extends RemoteProgram {
  /** The pairs CSV, byte for byte what the CLI writes: one row per person, in roster order. */
  pairsCsv() {
    return ask(this, 'pairsCsv', []);
  }
}
