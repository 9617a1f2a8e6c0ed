/** Which side of the program a roster holds. */
export type Side = "mentor" | "mentee";

/**
 * `"different"` rewards pairs whose values differ, `"same"` pairs whose values agree; `"overlap"` (list
 * attributes only) scores the Jaccard similarity of the two lists.
 */
export type Preference = "different" | "same" | "overlap";

/** A `vocabulary` entry: a canonical term's aliases, or its aliases and the broader term it is a kind of. */
export type VocabularyTerm = string[] | { aliases?: string[]; parent?: string };

/**
 * `"coverage"`: match as many mentees as possible, then maximise the total score; `"total"`: the total score alone;
 * `"fair"`: as many as coverage, then the highest possible lowest matched score, then the total; `"stable"`: no
 * mentee and mentor who would both rather have each other (deferred acceptance by score), priced against the exact
 * coverage optimum in the report.
 */
export type Objective = "coverage" | "total" | "fair" | "stable";

/** A scoring criterion: what a weight and a mentee's `priority` cell name. */
export type Criterion = "skills" | "goals" | "values" | "diversity" | "pair_score" | "availability" | "picks";

/** How much each criterion counts in a pair's total score. */
export interface Weights {
  skills: number;
  goals: number;
  values: number;
  diversity: number;
  /** Your own pair scores (`pairScores`); counts only for the pairs they list. Default 0.25. */
  pair_score: number;
  /** Share of the mentee's weekly hours the mentor is free too; left out of results when 0 (the default). */
  availability?: number;
  /** Participants' picks and nice-to-have wants; left out of results at its default, 0.3. */
  picks?: number;
}

/**
 * What a mentee's picks do (`preferences.mode`): `"bonus"` scores them; `"only"` also keeps a picking mentee within
 * them; `"rank"` also makes the matching rank-maximal (the most 1st picks, then 2nd, …; objective coverage or total).
 */
export type PickMode = "bonus" | "only" | "rank";

/**
 * A run's configuration: the same keys as the CLI's TOML config, every one optional.
 * Unknown keys are errors.
 */
export interface Config {
  /** How much each criterion counts in the total score; finite, ≥ 0, not all 0. */
  weights?: Partial<Weights>;
  /** Background attributes scored by the diversity criterion: `{ department: "different" }` or `{ gender: { prefer: "different", weight: 0.5 } }`. */
  diversity?: Record<string, Preference | { prefer: Preference; weight?: number }>;
  /** Hard rules: a pair that breaks one is never made. */
  constraints?: {
    /** Pairs scoring below this (0–100) are never made. */
    min_score?: number;
    /** Attributes a pair must differ on. */
    require_different?: string[];
    /** Attributes a pair must share. */
    require_same?: string[];
    /** List attributes a pair must share at least one value of: `["languages"]`. */
    require_overlap?: string[];
    /** Numeric attributes a pair may differ on by at most this much: `{ timezone: 3 }`. */
    max_difference?: Record<string, number>;
    /** Numeric attributes a pair must differ on by at least this much: `{ years_experience: 2 }`. */
    min_difference?: Record<string, number>;
    /** Pairs sharing fewer hours a week are never made (where both gave availability); 0 = no rule. */
    min_overlap_hours?: number;
    /** Mentor attributes on which a mentee's mentors must all differ, when mentees want several mentors: `["department"]`. */
    distinct?: string[];
    /** A mentor with a `min_load` may instead take no mentee at all. */
    min_load_or_none?: boolean;
  };
  /** Availability slots are placed in UTC with the offsets of this week: any `YYYY-MM-DD` in it (default `"2027-01-04"`). */
  availability?: { week?: string };
  /** Which roster header means what, and list separators per column: `{ "Which skills would you like to develop?": { role: "skills", separator: "," } }`. */
  columns?: Record<string, string | { role?: string; separator?: string }>;
  /**
   * Canonical terms of skills, values and goals with their aliases and parent:
   * `{ "machine learning": ["ml", "ai/ml"], rust: { aliases: ["rs"], parent: "programming" } }`.
   */
  vocabulary?: Record<string, VocabularyTerm>;
  /** How the skills criterion credits related skills (a parent, child or sibling in the vocabulary). */
  skills?: {
    /** 0–1 (default 0.5): the share of credit a related skill earns, times its level ratio; 0 = exact matches only. */
    related?: number;
  };
  /** Attributes read as lists of values, compared by `"overlap"` and `require_overlap`: `{ languages: { list: true } }`. */
  attributes?: Record<string, { list?: boolean }>;
  /** What the rosters' `picks` do (default `"bonus"`); a mentor's picks never restrict. */
  preferences?: { mode?: PickMode };
  /**
   * Not in the TOML: the text of your own pair scores CSV (`mentor_id,mentee_id,score`, 0–100), scored as the
   * `pair_score` criterion and read as `pair-scores.csv` in errors. Pairs it leaves out are not applicable.
   */
  pairScores?: string | null;
  solver?: {
    objective?: Objective;
    /** Ignored in WebAssembly, which always runs on the calling thread. */
    threads?: number;
    /** Memory the solver may use: bytes, or a string such as `"512MiB"` (default 1 GiB). */
    max_memory?: number | string;
  };
}

/** The kind of a roster problem. */
export type DiagnosticCode =
  | "empty_file"
  | "unreadable_workbook"
  | "unknown_sheet"
  | "formula_error"
  | "no_rows"
  | "invalid_utf8"
  | "csv_syntax"
  | "missing_header"
  | "missing_id_column"
  | "duplicate_column"
  | "ragged_row"
  | "comma_separated_list"
  | "cell_too_long"
  | "empty_id"
  | "duplicate_id"
  | "bad_capacity"
  | "bad_min_load"
  | "bad_role"
  | "bad_skill_level"
  | "bad_priority"
  | "bad_timezone"
  | "bad_availability"
  | "bad_number"
  | "unknown_exclude_id"
  | "swapped_files"
  | "zero_capacity"
  | "all_pairs_excluded"
  | "unknown_pair_id"
  | "duplicate_lock"
  | "duplicate_pair"
  | "lock_over_capacity"
  | "lock_forbidden"
  | "bad_parent"
  | "bad_outcome"
  | "no_outcome_column"
  | "unknown_pick_id"
  | "duplicate_pick"
  | "pick_excluded"
  | "bad_want"
  | "unknown_want_attribute";

/**
 * One problem in a roster, located by file, spreadsheet row (the header is row 1) and column;
 * in a workbook also by sheet and cell (`mentees.xlsx:Sheet1!C14`).
 */
export interface Diagnostic {
  file: string;
  row: number | null;
  column: string | null;
  code: DiagnosticCode;
  message: string;
  hint: string | null;
  /** The workbook sheet (absent for a CSV file). */
  sheet?: string;
  /** The cell (`"C14"`) or row (`"14"`) in `sheet`, for a problem at a row. */
  cell?: string;
}

/**
 * What every function throws: a real `Error` whose `name` is `"MatcherError"`.
 * For roster problems `file`, `row` and `column` locate the first one and
 * `diagnostics` lists them all; for a config problem `key` names the setting.
 */
export interface MatcherError extends Error {
  name: "MatcherError";
  /** A `DiagnosticCode`, or `"config"`, `"unknown_id"`, `"solve"`, `"invalid_argument"`, `"internal"`. */
  code: DiagnosticCode | "config" | "unknown_id" | "solve" | "infeasible" | "threads" | "invalid_argument" | "internal";
  file: string | null;
  row: number | null;
  column: string | null;
  /** The workbook sheet of the first problem, `null` for CSV. */
  sheet: string | null;
  /** Its cell (`"C14"`) or row (`"14"`) in `sheet`. */
  cell: string | null;
  /** The config key at fault, e.g. `"weights.skils"`. */
  key: string | null;
  diagnostics: Diagnostic[];
}

/** Per-criterion scores, 0–100 with two decimals; `null` when the criterion does not apply. */
export interface CriterionScores {
  skills: number | null;
  goals: number | null;
  values: number | null;
  diversity: number | null;
  /** Present when pair scores (`pairScores`) score the pair: its own score. */
  pair_score?: number | null;
  /** Present when both gave availability. */
  availability?: number;
  /** Present when either side picked or wished: participants' picks and nice-to-have wants. */
  picks?: number;
}

/** A wish on the other side's attributes, from a `wants` cell: `language=spanish`. */
export interface Want {
  attribute: string;
  value: string;
  /** Written with a leading `!`: a pair that does not meet it is never made. */
  must: boolean;
}

/** One wish of either side checked against the pair. */
export interface WantCheck extends Want {
  /** Whose wish it is. */
  by: Side;
  met: boolean;
}

/** What a pair's `picks` criterion is made of. */
export interface PickDetail {
  /** The mentor's rank among the mentee's picks (1 = their first), `null` when not picked. */
  mentee_pick: number | null;
  /** How many picks the mentee gave. */
  mentee_picks: number;
  /** The mentee's rank among the mentor's picks, `null` when not picked. */
  mentor_pick: number | null;
  mentor_picks: number;
  /** The mentee's wishes, then the mentor's. */
  wants: WantCheck[];
}

/** How one skill the mentee wants is covered. */
export interface SkillCoverage {
  skill: string;
  /** The level wanted, 1–5. */
  wanted: number;
  /** The level the mentor offers, `null` when not offered. */
  offered: number | null;
  /** When not offered: the related skill the mentor offers that earns partial credit. */
  related?: RelatedSkill;
}

/** A skill the mentor offers related to a wanted one; explanations print it as `related: c++ (programming)`. */
export interface RelatedSkill {
  skill: string;
  /** Its level, 1–5. */
  level: number;
  /** The parent the two share (the offered skill itself when it is the wanted one's parent). */
  parent: string;
}

/** How one diversity attribute compares. */
export interface AttributeComparison {
  attribute: string;
  prefer: Preference;
  mentee: string | null;
  mentor: string | null;
  /** Whether the preference is met; `null` when a side has no value. */
  met: boolean | null;
  /** For a list attribute (`"overlap"`): the values both hold. `mentee` and `mentor` list theirs joined by `"; "`. */
  shared?: string[];
}

/** Why a pair may never be made. */
export type Forbidden =
  | { rule: "excluded"; by: Side }
  | { rule: "unavailable" }
  | { rule: "require_different"; attribute: string }
  | { rule: "require_same"; attribute: string }
  | { rule: "max_difference"; attribute: string; difference: number; max: number }
  | { rule: "min_difference"; attribute: string; difference: number; min: number }
  | { rule: "require_overlap"; attribute: string }
  | { rule: "min_overlap_hours"; hours: number; min: number }
  | { rule: "not_picked" }
  | { rule: "must_have"; attribute: string; value: string; by: Side }
  | { rule: "below_min_score" };

/** One stretch of the week both are free, in each one's local time: `"mon 18:00–20:00"`. */
export interface SharedSlot {
  mentee: string;
  mentor: string;
}

/** The hours a week a pair shares, from their `timezone` and `availability` columns. */
export interface Overlap {
  hours: number;
  /** The mentee's own hours a week. */
  mentee_hours: number;
  /** An IANA name such as `"Europe/Berlin"`, `"UTC+05:30"`, or `"UTC"` when none was given. */
  mentee_zone: string;
  mentor_zone: string;
  slots: SharedSlot[];
}

/** The full breakdown of one pair's score. */
export interface Explanation {
  mentee_id: string;
  mentor_id: string;
  /** Total score, 0–100 with two decimals. */
  score: number;
  criteria: CriterionScores;
  /** The weights of the total: the config's, with the mentee's priority criterion's doubled. */
  weights: Weights;
  /** Present when the mentee named a priority. */
  priority?: Criterion;
  skills: SkillCoverage[];
  shared_goals: string[];
  shared_values: string[];
  attributes: AttributeComparison[];
  /** Present with pair scores: the file they were read from (`pair-scores.csv` in JavaScript). */
  pair_scores_file?: string;
  /** Present when both gave availability. */
  availability?: Overlap;
  /** Present when either side picked or wished: what the `picks` criterion is made of. */
  picks?: PickDetail;
  /** Present when a rule forbids the pair. */
  forbidden?: Forbidden;
}

/** A pair that was made. */
export interface Match extends Explanation {
  mentee_name: string;
  mentor_name: string;
  /** A one-line reason a person can read. */
  reason: string;
  /** Present (and `true`) when the pair was locked from an earlier round. */
  locked?: true;
}

export type UnmatchedReason = "no_capacity" | "all_candidates_forbidden" | "below_min_score" | "no_pick_free";

/** A mentee left unmatched. */
export interface Unmatched {
  mentee_id: string;
  mentee_name: string;
  reason: UnmatchedReason;
  /** The reason in words. */
  detail: string;
  /** For a mentee who wants several mentors: how many they got before their places ran out (absent when none). */
  filled?: number;
}

/** How many mentees a mentor was given. */
export interface MentorLoad {
  id: string;
  name: string;
  assigned: number;
  capacity: number;
  /** The fewest mentees the mentor must take (`min_load`); absent when 0. */
  min_load?: number;
}

/** Two people paired by `pairPeople`. */
export interface BuddyPair {
  /** The earlier person in the roster. */
  a_id: string;
  a_name: string;
  b_id: string;
  b_name: string;
  /** The mean of `a_learns` and `b_learns`, 0–100. */
  score: number;
  /** The score with `a` as the mentee of `b`. */
  a_learns: number;
  /** The score with `b` as the mentee of `a`. */
  b_learns: number;
  /** Both directions' reasons. */
  reason: string;
  /** Present (true) when the pair was locked by `rounds.locked`. */
  locked?: boolean;
}

/** A person `pairPeople` left without a partner. */
export interface Unpaired {
  id: string;
  name: string;
  reason: UnmatchedReason;
  detail: string;
}

/** The result of `pairPeople`: buddy pairs from one peer roster. */
export interface PairsOutcome {
  pairs: BuddyPair[];
  unpaired: Unpaired[];
  summary: {
    people: number;
    pairs: number;
    unpaired: number;
    objective: Objective;
    total_score: number;
    /** The proven bound on `total_score`. */
    dual_bound: number;
    /** `dual_bound - total_score`: 0 proves the pairing optimal. */
    gap: number;
  };
}

/** A person's place in a buddy pairing: their pair, or why they have none. */
export type PairStanding = (BuddyPair & { status: "paired" }) | (Unpaired & { status: "unpaired" });

/** A buddy pairing with two people forced together and everyone else paired again around them (exact). */
export interface PairForcing {
  total_score: number;
  forced_total_score: number;
  /** `forced_total_score - total_score`. */
  total_change: number;
  /** Change in the number of people paired (0 or negative under `coverage`). */
  paired_change: number;
  /** Every person whose partner changes, in roster order; `null` = unpaired. */
  moves: { id: string; from: string | null; to: string | null }[];
}

/** Two people, paired or not (`BuddyMatcher.whyNot` with a partner). */
export interface PairQuestion {
  made: boolean;
  /** They were paired in an earlier cycle (history) and are never paired again. */
  repeat: boolean;
  /** Why they may never be paired (a rule or `min_score` either way, or the history); `null` if they may. */
  forbidden: string | null;
  /** The pair's score, the mean of both ways. */
  score: number;
  /** The person as the partner's mentee. */
  learns: Explanation;
  /** The partner as the person's mentee. */
  partner_learns: Explanation;
  /** The partner's own place in the pairing. */
  partner: PairStanding;
  /** `null` when they are paired, may never be, or one of them is locked with someone else. */
  forcing: PairForcing | null;
}

/** The answer of `BuddyMatcher.whyNot`. */
export interface BuddyVerdict {
  id: string;
  person: PairStanding;
  /** Present when a partner was named. */
  pair?: PairQuestion;
}

/** One person's best partners (`BuddyMatcher.suggest`): the optimal partner first, then by pair score. */
export interface PartnerSuggestions {
  id: string;
  name: string;
  partners: {
    partner_id: string;
    partner_name: string;
    /** The pair's score, the mean of both ways. */
    score: number;
    /** The optimal pairing pairs the two. */
    paired: boolean;
    reason: string;
  }[];
}

/** The fairness and diversity report on a buddy pairing (`BuddyMatcher.report`, the CLI's `--pairs --report`). */
export interface PairsReport {
  /** The lowest-scoring pair (the earliest among equals); `null` when nobody is paired. */
  worst_off: { a_id: string; b_id: string; score: number } | null;
  /** The pair score at every tenth of the pairs, lowest (0 %) to highest (100 %): 11 values, or none. */
  deciles: number[];
  /** `null` when diversity is the only weight, and until `BuddyMatcher.costOfDiversity()` was called. */
  cost_of_diversity: DiversityCost | null;
  /** Pairs counted by each diversity attribute; a pair's two values sorted (`null` = no value, first). */
  diversity: DiversityTally<{ first: string | null; second: string | null }>[];
}

/** Score statistics over the matched pairs, 0–100. */
export interface ScoreStats {
  mean: number;
  median: number;
  min: number;
  max: number;
}

/** Totals of a run. */
export interface Summary {
  mentees: number;
  matched: number;
  unmatched: number;
  /** Mentor places asked for and filled, when some mentee wants several mentors (a mentee `capacity` above 1). */
  places?: { wanted: number; filled: number };
  mentors: number;
  mentors_used: number;
  /** Total mentor capacity. */
  capacity: number;
  /** `null` when nobody was matched. */
  score: ScoreStats | null;
  /** Mean of each criterion over the matched pairs where it applies. */
  criteria: CriterionScores;
  objective: Objective;
  total_score: number;
  /** The solver's proven bound on `total_score`. */
  dual_bound: number;
  /** `dual_bound - total_score`: 0 proves the matching optimal. */
  gap: number;
  /** How many matched mentees got their 1st pick, their 2nd, …; absent when no mentee picked. */
  pick_ranks?: number[];
}

/** The result of `matchRosters`: the same shape as the CLI's JSON output. */
export interface MatchOutcome {
  /** Matched mentees, in input order. */
  matches: Match[];
  /** Unmatched mentees, in input order. */
  unmatched: Unmatched[];
  /** Every mentor with their load, in input order. */
  mentors: MentorLoad[];
  summary: Summary;
}

/**
 * Decisions from earlier rounds, as the texts of CSV files with the header
 * `mentor_id,mentee_id` (read as `locked.csv` and `history.csv` in errors).
 * Re-matching after a decline: lock the accepted pairs, add the declined ones
 * to the history, run again.
 */
export interface Rounds {
  /** Pairs kept as they are, each using one of its mentor's places. */
  locked?: string;
  /** Pairs from earlier cycles, never made again. */
  history?: string;
}

/** One suggested mentor. */
export interface Suggestion {
  mentor_id: string;
  mentor_name: string;
  score: number;
  /** Whether the optimal matching gives the mentee this mentor (then it is first). */
  assigned: boolean;
  reason: string;
}

/** Suggested mentors for one mentee, best first: score minus the mentor's price in the optimal matching. */
export interface Suggestions {
  mentee_id: string;
  mentee_name: string;
  mentors: Suggestion[];
}

/** A mentee's place in the optimal matching: its match, or why it has none. */
export type Standing = (Match & { status: "matched" }) | (Unmatched & { status: "unmatched" });

/** A mentee holding one of a mentor's places. */
export interface Holder {
  mentee_id: string;
  mentee_name: string;
  score: number;
  locked: boolean;
}

/** A mentee whose mentor changes when a pair is forced; `null` = unmatched. */
export interface Move {
  mentee_id: string;
  from: string | null;
  to: string | null;
}

/** The cohort with a pair forced in and everyone else re-optimised (exact). */
export interface Forcing {
  total_score: number;
  forced_total_score: number;
  /** `forced_total_score - total_score`. */
  total_change: number;
  /** Change in the number of matched mentees (0 or negative). */
  matched_change: number;
  moves: Move[];
}

/** One pair, made or not. */
export interface PairVerdict {
  made: boolean;
  /** The pair was made in an earlier cycle (history) and is never repeated. */
  repeat: boolean;
  explanation: Explanation;
  /**
   * Present when the mentee picked the mentor: its rank among their picks (1 = their first). Not honoured unless
   * `made`; `forcing` is what honouring it would cost.
   */
  mentee_pick?: number;
  /** The mentor's capacity. */
  capacity: number;
  /** Who holds the mentor's places in the optimal matching. */
  holders: Holder[];
  /** `null` when the pair is made, forbidden, repeated, or forcing it would break a lock. */
  forcing: Forcing | null;
}

/** The answer of `whyNot`. */
export interface Verdict {
  mentee: Standing;
  /** Present when a mentor was named. */
  pair?: PairVerdict;
}

/** What the diversity weight costs the other criteria (`Matcher.costOfDiversity`). */
/**
 * One diversity attribute over the pairs: how many meet its preference, miss
 * it, or lack a value, and how many pairs have each combination of values.
 */
export interface DiversityTally<Values> {
  attribute: string;
  prefer: Preference;
  met: number;
  not_met: number;
  missing: number;
  pairs: (Values & { count: number })[];
}

export interface DiversityCost {
  /** The best total score with `weights.diversity = 0`. */
  best_without_diversity: number;
  /** This matching's total, scored with `weights.diversity = 0`. */
  this_matching_without_diversity: number;
  /** `best_without_diversity - this_matching_without_diversity`. */
  cost: number;
}

/** Progress of a match, passed to `onProgress`: scoring counts mentees; solving is not counted (`total` 0). */
export interface Progress {
  stage: "scoring" | "solving";
  done: number;
  total: number;
}

/** The fairness and diversity report on a matching (`fairnessReport`, the CLI's `match --report`). */
export interface FairnessReport {
  /** The lowest-scoring matched pair; `null` when nobody is matched. */
  worst_off: { mentee_id: string; mentor_id: string; score: number } | null;
  /** The score at every tenth of the matched pairs, lowest (0 %) to highest (100 %): 11 values, or none. */
  deciles: number[];
  /** Over mentors with capacity > 0. */
  mentor_load: { min: number; max: number; mean: number; idle: number; full: number; utilisation: number };
  /**
   * The total without the diversity criterion, best possible vs this matching; `null` when diversity is the only
   * weight, and in `Matcher.report()` until `Matcher.costOfDiversity()` was called.
   */
  cost_of_diversity: DiversityCost | null;
  /** Pairs counted by each diversity attribute's values (`null` = no value). */
  diversity: DiversityTally<{ mentee: string | null; mentor: string | null }>[];
  /** Blocking pairs under the pairs' scores, and how far down their ranking mentees were matched. */
  stability: Stability;
  /** With the `stable` objective: the stable matching against the exact coverage optimum of the same input. */
  price_of_stability?: {
    stable_matched: number;
    stable_total: number;
    optimum_matched: number;
    optimum_total: number;
  };
}

/**
 * A matching's blocking pairs: a mentee and an allowed mentor who prefer each other strictly to what they have (the
 * mentee's match, or none; the mentor's free place or least preferred mentee not locked). Each side prefers its
 * stated picks, in order, over everyone else, then goes by score (`preferences`).
 */
export interface Stability {
  /** `"scores"` when nobody gave picks, else `"picks_where_given"`: stated picks where given, scores otherwise. */
  preferences: "scores" | "picks_where_given";
  blocking_pairs: number;
  /** Mentees in at least one blocking pair. */
  mentees_blocking: number;
  /** The first 100 blocking pairs, by mentee then mentor in input order. */
  listed: {
    mentee_id: string;
    mentor_id: string;
    score: number;
    /** Present when the mentee picked the mentor: its rank among their picks. */
    mentee_pick?: number;
    /** Present when the mentor picked the mentee: its rank among their picks. */
    mentor_pick?: number;
    /** The score of the mentee's own match; `null` when unmatched. */
    mentee_has: number | null;
    /** The mentee the mentor would give up; `null` when the mentor has a free place. */
    mentor_gives_up: { mentee_id: string; score: number } | null;
  }[];
  /** Matched mentees (not locked) whose mentor is their 1st … 5th choice in their own order (equals share a rank). */
  ranks: { rank: number; mentees: number; share: number }[];
  /** Matched mentees (not locked) whose mentor ranks below the 5th. */
  beyond: number;
  /** Present when someone gave picks: which of their picks the mentees (not locked) who gave some got. */
  picks?: PickShares;
}

/** Among the mentees (not locked) who gave picks: how many got their 1st … 5th pick, another mentor, or none. */
export interface PickShares {
  /** Mentees who gave picks; every share is of them. */
  mentees: number;
  /** Those matched with their 1st … 5th pick. */
  ranks: { rank: number; mentees: number; share: number }[];
  /** Those matched with a pick ranked below the 5th. */
  beyond: number;
  /** Those matched outside their picks. */
  none: number;
  /** Those left unmatched. */
  unmatched: number;
}

/** A skill with its level, 1–5. */
export interface Skill {
  name: string;
  level: number;
}

/** One person as the matcher reads them: lists normalised (trimmed, lower-cased). */
export interface Person {
  id: string;
  name: string;
  /** The spreadsheet row (the header is row 1). */
  row: number;
  /** Mentors: how many mentees they take; mentees: how many mentors they want. */
  capacity: number;
  /** The fewest mentees a mentor must take (0 for mentees). */
  min_load: number;
  /** The criterion whose weight is doubled for this mentee (`null` for mentors and when empty). */
  priority: Criterion | null;
  skills: Skill[];
  values: string[];
  goals: string[];
  exclude: string[];
  /** Ids on the other side picked, most wanted first. */
  picks: string[];
  /** Wishes on the other side's attributes. */
  wants: Want[];
  /** Background attribute values, aligned with `Roster.attributes`. */
  attributes: (string | null)[];
}

/** A parsed roster. */
export interface Roster {
  side: Side;
  source: string;
  /** Names of the background attribute columns, in column order. */
  attributes: string[];
  people: Person[];
  /** How the roster was read: the text's cell separator, or the workbook's sheet. */
  format: TextFormat | WorkbookFormat;
}

/** Which sheet of which kind of workbook a roster was read from. */
export interface WorkbookFormat {
  workbook: "xlsx" | "ods";
  sheet: string;
  /** Every sheet of the workbook, in order. */
  sheets: string[];
}

/** A workbook sheet's cells as text, as typed (numbers as `3`, dates as `2026-03-01`). */
export interface Sheet {
  format: WorkbookFormat;
  /** The sheet row (1-based) of `rows[0]`. */
  first_row: number;
  /** The sheet column (0 = A) of every row's first cell. */
  first_column: number;
  rows: string[][];
}

/**
 * What the workbook module's `readWorkbook(bytes, side, sheet?)` returns (see the package
 * README): the sheet, or the problem reading it, under the label `mentors.xlsx`, `mentees.ods`….
 * Every function takes it in place of CSV text.
 */
export interface SheetRead {
  source: string;
  sheet: Sheet | null;
  problem: Diagnostic | null;
}

/** A roster: CSV text, or a workbook sheet read by `readWorkbook`. */
export type RosterInput = string | SheetRead;

/** How one header cell of a roster is read (`rosterColumns`). */
export interface ColumnReading {
  /** The header cell as written, trimmed: the key of a `[columns]` rule for it. */
  header: string;
  /** The normalised header name, as diagnostics name the column. */
  name: string;
  /** `id`, `name`, `capacity`, `priority`, `skills`, `values`, `goals`, `exclude`, `picks`, `wants`, or an attribute's name. */
  role: string;
  /** Whether the column is a background attribute. */
  attribute: boolean;
  /** A list column's item separator; null for other columns. */
  separator: string | null;
}

/** A roster's columns as read under the config's `[columns]`, from its header row alone. */
export interface ColumnReadings {
  columns: ColumnReading[];
  /** How the roster was read: the text's cell separator, or the workbook's sheet. */
  format: TextFormat | WorkbookFormat;
}

/** A roster file's encoding and cell separator (text passed as a string is UTF-8). */
export interface TextFormat {
  encoding: "UTF-8" | "UTF-16LE" | "UTF-16BE" | "windows-1252";
  byte_order_mark: boolean;
  delimiter: "," | ";" | "\t";
}

/** A list a term is used in. */
export type ListKind = "skills" | "values" | "goals";

/** One term, or one spelling of it, with the roster rows (header = row 1) that use it. */
export interface TermUse {
  list: ListKind;
  term: string;
  mentor_rows: number[];
  mentee_rows: number[];
}

/** Spellings that are likely one term, most used first, with the `[vocabulary]` line that makes them one. */
export interface LikelyOneTerm {
  /** `same_term`: matching reads them as one already; `punctuation`: equal without it; `near_miss`: one edit apart. */
  likeness: "same_term" | "punctuation" | "near_miss";
  spellings: TermUse[];
  /** Empty for `same_term`. */
  vocabulary: string;
}

/** The rosters' vocabulary, to fix before matching. */
export interface VocabularyReport {
  /** Skills and goals mentees want that no mentor offers, most wanted first. */
  unmet: TermUse[];
  /** Other terms only one side uses. */
  one_sided: TermUse[];
  likely_one_term: LikelyOneTerm[];
}

/** Synthetic rosters as CSV text. */
export interface GeneratedRosters {
  mentors: string;
  mentees: string;
}

/** An outcome an outcomes file may measure: its column's name. */
export type Measure = "rating" | "goals_attained" | "ended_early" | "meetings";

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Bootstrap resamples per interval, a whole number up to 100 000 (default 1 000; 0 leaves intervals out). */
  resamples?: number;
  /** The bootstrap's seed, a whole number up to 2^53 − 1 (default 1): the same seed gives the same intervals. */
  seed?: number;
}

/** The bootstrap behind an evaluation's intervals. */
export interface Bootstrap {
  resamples: number;
  seed: number;
}

/** One pair's answers; a measure is absent where the cell is empty or the file has no such column. */
export interface OutcomeValues {
  /** 1–5. */
  rating?: number;
  /** The share of the mentee's goals reached, 0–1. */
  goals_attained?: number;
  /** 1 when the pair ended early, 0 when not. */
  ended_early?: number;
  meetings?: number;
}

/** The outcome's mean over the pairs whose score lies in a range. */
export interface Bin {
  /** The lowest score in the range, 0–100. */
  from: number;
  /** The highest. */
  to: number;
  pairs: number;
  mean: number;
}

/** How an outcome moves with one score: the total (`"score"`) or a criterion. */
export interface Effect {
  name: "score" | Criterion;
  /** Pairs that answered and to which the score applies. */
  pairs: number;
  /** Pearson's correlation; `null` with fewer than 3 pairs or no spread. */
  correlation: number | null;
  /** Its 95 % bootstrap interval; `null` without a correlation or with 0 resamples. */
  interval: [number, number] | null;
  /** The outcome's mean by score range, lowest first: tenths of the pairs for the total, fifths of 0–100 for a criterion. */
  bins: Bin[];
}

/** What one outcome column shows. */
export interface MeasureReport {
  measure: Measure;
  /** What its values mean (`"rating from 1 to 5"`). */
  unit: string;
  higher_is_better: boolean;
  /** Joined pairs that answered it. */
  answered: number;
  /** `answered` over the joined pairs, 0–1. */
  response_rate: number;
  /** Its mean over the pairs that answered. */
  mean: number | null;
  /** The outcome by total score. */
  score: Effect;
  /** The outcome by each criterion that applies to some answering pair. */
  criteria: Effect[];
}

/** One pair of the outcomes file that both rosters know: its scores and answers. */
export interface PairOutcome {
  mentee_id: string;
  mentor_id: string;
  /** The outcomes file's row. */
  row: number;
  /** The total score, 0–100. */
  score: number;
  criteria: CriterionScores;
  values: OutcomeValues;
  /** Present when the pair has a comment. */
  comment?: string;
}

/** How the pairs of an outcomes file went, against how they were scored (the CLI's `evaluate --format json`). */
export interface Evaluation {
  /** The outcomes file's label. */
  source: string;
  /** Rows in the file. */
  listed: number;
  /** Pairs both rosters know: the ones the figures rest on. */
  joined: number;
  /** One `unknown_pair_id` problem per id the rosters do not have; those rows are left out. */
  unknown: Diagnostic[];
  /** Header names the file has that are not read. */
  ignored_columns: string[];
  /** Pairs with a comment. */
  comments: number;
  bootstrap: Bootstrap;
  /** One report per outcome column of the file. */
  measures: MeasureReport[];
  /** Every joined pair, in file order. */
  pairs: PairOutcome[];
}
