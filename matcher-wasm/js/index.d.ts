// Types of the Worker-backed API (`matcher-wasm/worker`): the module's
// functions and `Matcher` methods as promises, run in a worker.

import type {
  BuddyVerdict,
  ColumnReadings,
  Config,
  Diagnostic,
  DiversityCost,
  EvaluateOptions,
  Evaluation,
  Explanation,
  FairnessReport,
  GeneratedRosters,
  MatchOutcome,
  PairsOutcome,
  PairsReport,
  PartnerSuggestions,
  Progress,
  Roster,
  RosterInput,
  Rounds,
  SheetRead,
  Side,
  Suggestions,
  Verdict,
  VocabularyReport,
} from "../web/matcher_wasm.js";

export type * from "../web/matcher_wasm.js";

/**
 * A roster as the worker takes it: CSV text, a `SheetRead`, or the file's
 * bytes. Bytes of an `.xlsx` or `.ods` workbook (recognised by content) are
 * read by the workbook module, loaded in the worker on first use: the first
 * sheet, or the one named by `{ bytes, sheet }`. Other bytes are UTF-8 text.
 */
export type RosterSource =
  | RosterInput
  | ArrayBuffer
  | ArrayBufferView
  | { bytes: ArrayBuffer | ArrayBufferView; sheet?: string | null };

/** Options of `MatcherWorker.create`. */
export interface WorkerOptions {
  /**
   * Threads to solve on (browsers only). Above 1 the threaded build is
   * loaded, which needs a cross-origin isolated page (COOP/COEP headers);
   * elsewhere the single-threaded build runs. Default: every core when
   * isolated, else 1.
   */
  threads?: number;
}

/** Options of a request that may run long. */
export interface RequestOptions {
  /** Cancels the request: it rejects with the signal's reason (an `AbortError` by default). */
  signal?: AbortSignal;
}

/** Options of `MatcherWorker.match`. */
export interface MatchOptions extends RequestOptions {
  /** Called with the stage, units done and units in it while the program is scored and solved. */
  onProgress?: (progress: Progress) => void;
}

/**
 * The matcher in a worker (a module Worker in browsers, a `worker_threads`
 * worker in Node). Requests run one at a time, in order. Cancelling one stops
 * the worker: requests queued behind it reject with `code: "terminated"`,
 * matchers made in it are gone, and the next request starts a new worker.
 * Errors are the module's own: `name`, `code`, `file`, `row`, `column`,
 * `sheet`, `cell`, `key`, `diagnostics`.
 */
export declare class MatcherWorker {
  private constructor();
  /** Starts a worker and loads the module in it. */
  static create(options?: WorkerOptions): Promise<MatcherWorker>;
  /** Threads the module runs on: 1 on the single-threaded build. */
  readonly threads: number;
  /** Exact solves run so far by every matcher of this worker. */
  readonly solves: number;
  /** Parses, checks and solves a program once. */
  match(
    mentorsCsv: RosterSource,
    menteesCsv: RosterSource,
    config?: Config | null,
    rounds?: Rounds | null,
    options?: MatchOptions,
  ): Promise<RemoteMatcher>;
  /**
   * Parses, checks and solves a peer program from one roster (`people.csv`: a `role` of mentor, mentee or both,
   * `skills` offered, `learning` wanted, `capacity` as a mentor) once, as the CLI's `match --people`. A worker on
   * the single-threaded build loads the peer-roster build the first time.
   */
  matchPeople(
    peopleCsv: string,
    config?: Config | null,
    rounds?: Rounds | null,
    options?: MatchOptions,
  ): Promise<RemoteMatcher>;
  /**
   * Pairs everyone on a peer roster two by two, each in at most one pair, scored both ways (`match --people
   * --pairs`), once; the locked pairs of `rounds` are kept and its history pairs never made. A worker on the
   * single-threaded build loads the peer-roster build the first time.
   */
  matchBuddies(
    peopleCsv: string,
    config?: Config | null,
    rounds?: Rounds | null,
    options?: RequestOptions,
  ): Promise<RemoteBuddyMatcher>;
  /** Pairs everyone on a peer roster two by two, each in at most one pair, scored both ways (`match --people --pairs`). */
  pairPeople(
    peopleCsv: string,
    config?: Config | null,
    rounds?: Rounds | null,
    options?: RequestOptions,
  ): Promise<PairsOutcome>;
  /** `pairPeople`'s result as the CLI's pairs CSV: one row per person, in roster order. */
  pairsCsv(
    peopleCsv: string,
    config?: Config | null,
    rounds?: Rounds | null,
    options?: RequestOptions,
  ): Promise<string>;
  /** Every roster problem at once; empty when both rosters are fine. */
  validate(mentorsCsv: RosterSource, menteesCsv: RosterSource, config?: Config | null): Promise<Diagnostic[]>;
  /** One roster as the matcher reads it. */
  readRoster(csv: RosterSource, side: Side, config?: Config | null): Promise<Roster>;
  /**
   * A sheet of a workbook's bytes (the first when `sheet` is null), read once in the worker by the
   * workbook module (loaded on first use): every method takes the result as a roster. A file that
   * cannot be read gives a `SheetRead` with its `problem`, thrown by the methods that read it. Side
   * `"outcomes"` reads an outcomes file (labelled `outcomes.xlsx`) for `RemoteMatcher.evaluate`.
   */
  readWorkbook(bytes: ArrayBuffer | ArrayBufferView, side: Side | "outcomes", sheet?: string | null): Promise<SheetRead>;
  /** How each column of one roster is read under the config's `columns`, from its header row alone. */
  rosterColumns(csv: RosterSource, side: Side, config?: Config | null): Promise<ColumnReadings>;
  /** The config object with every key filled in, checked as the CLI checks a `config.toml`. */
  checkConfig(config: Config): Promise<Config>;
  /** The rosters' vocabulary: unmet wants, one-sided terms, likely one term. */
  vocabularyReport(mentorsCsv: RosterSource, menteesCsv: RosterSource, config?: Config | null): Promise<VocabularyReport>;
  /** Synthetic rosters, as `matcher generate` writes them. */
  generateRosters(mentors: number, mentees: number, seed: number, capacity?: number | null): Promise<GeneratedRosters>;
  /** The default config, every key filled in. */
  defaultConfig(): Promise<Config>;
  /** The package version. */
  version(): Promise<string>;
  /** Stops the worker now; pending requests reject with `code: "terminated"`. */
  terminate(): void;
}

/** A program solved in the worker, known by its handle; questions are answered from its stored optimum. */
export declare abstract class RemoteProgram {
  protected constructor();
  /** Exact solves run for this program so far. */
  readonly solves: number;
  /** Releases the program in the worker. */
  free(): Promise<void>;
}

/** A program matched in the worker (`match`, `matchPeople`). */
export declare class RemoteMatcher extends RemoteProgram {
  private constructor();
  /** The optimal matching. */
  outcome(): Promise<MatchOutcome>;
  /** `matches.csv`, byte for byte what the CLI writes. */
  matchesCsv(): Promise<string>;
  /** The JSON output as text. */
  json(): Promise<string>;
  /**
   * The fairness report; `cost_of_diversity` is filled once `costOfDiversity()` ran. Under the `stable` objective
   * the first call solves the exact optimum for the price of stability.
   */
  report(options?: RequestOptions): Promise<FairnessReport>;
  /** What the diversity weight costs the other criteria: one more solve, on the first call. */
  costOfDiversity(options?: RequestOptions): Promise<DiversityCost | null>;
  /** Up to `k` mentors for every mentee, best first. */
  suggest(k: number): Promise<Suggestions[]>;
  /** A mentee's match or why it has none; with `mentorId`, what forcing the pair costs (one more solve). */
  whyNot(menteeId: string, mentorId?: string | null, options?: RequestOptions): Promise<Verdict>;
  /** One pair's score breakdown. */
  explain(menteeId: string, mentorId: string): Promise<Explanation>;
  /**
   * How the pairs of an outcomes file (text, a `SheetRead`, or its bytes) went against how this
   * program scores them: by score decile and criterion, with seeded bootstrap intervals. No solve.
   */
  evaluate(outcomes: RosterSource, options?: EvaluateOptions | null): Promise<Evaluation>;
}

/** Buddy pairs solved in the worker (`matchBuddies`): the module's `BuddyMatcher`, as promises. */
export declare class RemoteBuddyMatcher extends RemoteProgram {
  private constructor();
  /** The optimal pairing: every person paired, or unpaired with a reason. */
  outcome(): Promise<PairsOutcome>;
  /** The pairs CSV, byte for byte what the CLI writes: one row per person, in roster order. */
  pairsCsv(): Promise<string>;
  /** The fairness and diversity report; `cost_of_diversity` is filled once `costOfDiversity()` ran. No solve. */
  report(options?: RequestOptions): Promise<PairsReport>;
  /** What the diversity weight costs the other criteria: one more solve, on the first call. */
  costOfDiversity(options?: RequestOptions): Promise<DiversityCost | null>;
  /** Up to `k` partners for every person, in roster order, best first. */
  suggest(k: number): Promise<PartnerSuggestions[]>;
  /** A person's pair or why they have none; with `partnerId`, why the two were (not) paired and what forcing them costs (one more solve). */
  whyNot(personId: string, partnerId?: string | null, options?: RequestOptions): Promise<BuddyVerdict>;
}
