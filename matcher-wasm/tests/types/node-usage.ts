// Type-checked (tsc --noEmit), never run: every function and result shape of the
// generated .d.ts, as a TypeScript user of the Node build writes them. Lines
// marked @ts-expect-error must stay type errors.

import {
  checkConfig, defaultConfig, explain, generateRosters, matchesCsv, matchRosters, readRoster, rosterColumns, suggest,
  validate, version, whyNot, fairnessReport, evaluate, Matcher,
  type Evaluation, type MeasureReport, type Effect, type Bin, type PairOutcome, type OutcomeValues, type Measure,
  type DiversityCost, type Progress,
  type ColumnReadings, type Config, type Diagnostic, type Explanation, type Forbidden, type MatcherError,
  type MatchOutcome, type Roster, type Rounds, type Suggestions, type Verdict, type FairnessReport,
} from "../../pkg/node/matcher_wasm.js";

declare const mentorsCsv: string;
declare const menteesCsv: string;

const config: Config = {
  weights: { skills: 0.35, goals: 0.25 },
  diversity: { department: "different", gender: { prefer: "different", weight: 0.5 } },
  constraints: {
    min_score: 20, require_different: ["department"], require_same: [],
    max_difference: { timezone: 3 }, min_difference: { years_experience: 2 },
  },
  solver: { objective: "coverage", threads: 0 },
};

const outcome: MatchOutcome = matchRosters(mentorsCsv, menteesCsv, config);
matchRosters(mentorsCsv, menteesCsv);
matchRosters(mentorsCsv, menteesCsv, null);
// @ts-expect-error unknown config keys are type errors too
matchRosters(mentorsCsv, menteesCsv, { wieghts: {} });
// @ts-expect-error preferences are "different" or "same"
matchRosters(mentorsCsv, menteesCsv, { diversity: { gender: "diffrent" } });

for (const m of outcome.matches) {
  const pair: [string, string, string, string, number, string] =
    [m.mentee_id, m.mentee_name, m.mentor_id, m.mentor_name, m.score, m.reason];
  const skills: number | null = m.criteria.skills;
  // @ts-expect-error a criterion may not apply
  m.criteria.goals.toFixed(2);
  const covered: (number | null)[] = m.skills.map((s) => s.offered);
  const shared: string[] = [...m.shared_goals, ...m.shared_values];
  const met: (boolean | null)[] = m.attributes.map((a) => a.met);
  void [pair, skills, covered, shared, met];
}
for (const u of outcome.unmatched) {
  const reason: "no_capacity" | "all_candidates_forbidden" | "below_min_score" | "no_pick_free" = u.reason;
  void [reason, u.mentee_id, u.mentee_name, u.detail];
}
const loads: number[] = outcome.mentors.map((m) => m.capacity - m.assigned);
const { summary } = outcome;
const mean: number | undefined = summary.score?.mean;
const totals: number[] = [summary.mentees, summary.matched, summary.unmatched, summary.mentors,
  summary.mentors_used, summary.capacity, summary.total_score, summary.dual_bound, summary.gap];
const objective: "coverage" | "total" | "fair" | "stable" = summary.objective;
void [loads, mean, totals, objective];

const csv: string = matchesCsv(mentorsCsv, menteesCsv, config);
const problems: Diagnostic[] = validate(mentorsCsv, menteesCsv);
const located: (number | null)[] = problems.map((d) => d.row);
const suggestions: Suggestions[] = suggest(mentorsCsv, menteesCsv, undefined, 3);
const best: number | undefined = suggestions[0]?.mentors[0]?.score;
const explanation: Explanation = explain(mentorsCsv, menteesCsv, config, "E002", "M008");
const forbidden: Forbidden | undefined = explanation.forbidden;
if (forbidden?.rule === "require_different") {
  const attribute: string = forbidden.attribute;
  void attribute;
} else if (forbidden?.rule === "max_difference") {
  const apart: [number, number] = [forbidden.difference, forbidden.max];
  void apart;
} else if (forbidden?.rule === "min_overlap_hours") {
  const short: [number, number] = [forbidden.hours, forbidden.min];
  void short;
}
// Related skills and list attributes.
const related: Config = {
  skills: { related: 0.5 },
  attributes: { languages: { list: true } },
  diversity: { languages: "overlap" },
  constraints: { require_overlap: ["languages"] },
  vocabulary: { javascript: ["js"], rust: { aliases: ["rs"], parent: "programming" }, "c++": { parent: "programming" } },
};
// @ts-expect-error a list attribute is declared with `list`
matchRosters(mentorsCsv, menteesCsv, { attributes: { languages: { lists: true } } });
// @ts-expect-error the parent is one term
matchRosters(mentorsCsv, menteesCsv, { vocabulary: { rust: { parent: ["programming"] } } });
const relatedSkill: [string, number, string] | undefined = explanation.skills
  .map((s) => s.related).filter((r) => r !== undefined).map((r) => [r.skill, r.level, r.parent] as [string, number, string])[0];
const sharedValues: string[] | undefined = explanation.attributes[0]?.shared;
if (forbidden?.rule === "require_overlap") {
  const attribute: string = forbidden.attribute;
  void attribute;
}
void [related, relatedSkill, sharedValues];
const overlap = explanation.availability;
const sharedSlots: [string, string][] | undefined = overlap?.slots.map((s) => [s.mentee, s.mentor]);
const zones: [string, string, number, number] | undefined =
  overlap && [overlap.mentee_zone, overlap.mentor_zone, overlap.hours, overlap.mentee_hours];
const availabilityScore: number | undefined = explanation.criteria.availability;
void [sharedSlots, zones, availabilityScore];
const withAvailability: Config = {
  weights: { availability: 0.3 },
  constraints: { min_overlap_hours: 1.5 },
  availability: { week: "2027-01-04" },
};
matchRosters(mentorsCsv, menteesCsv, withAvailability);
// @ts-expect-error the reference week is a date string
matchRosters(mentorsCsv, menteesCsv, { availability: { week: 2027 } });
const doubled: number = explanation.weights.skills;
const priority: "skills" | "goals" | "values" | "diversity" | "pair_score" | "availability" | "picks" | undefined =
  explanation.priority;
const own: number | null | undefined = explanation.criteria.pair_score;
const ownFile: string | undefined = explanation.pair_scores_file;
matchRosters(mentorsCsv, menteesCsv, { weights: { pair_score: 0.5 }, pairScores: "mentor_id,mentee_id,score\nM1,E1,87\n" });
// @ts-expect-error pairScores is the CSV text
matchRosters(mentorsCsv, menteesCsv, { pairScores: [["M1", "E1", 87]] });
void [doubled, priority, own, ownFile];
const rounds: Rounds = { locked: "mentor_id,mentee_id\nM008,E002\n", history: "mentor_id,mentee_id\n" };
matchRosters(mentorsCsv, menteesCsv, config, rounds);
matchesCsv(mentorsCsv, menteesCsv, null, { history: "mentor_id,mentee_id\n" });
// @ts-expect-error rounds are CSV texts
matchRosters(mentorsCsv, menteesCsv, config, { locked: [["M008", "E002"]] });
const firstIsMine: boolean | undefined = suggest(mentorsCsv, menteesCsv, config, 3, rounds)[0]?.mentors[0]?.assigned;
const lockedFlag: true | undefined = outcome.matches[0]?.locked;
const verdict: Verdict = whyNot(mentorsCsv, menteesCsv, config, "E002", "M010", rounds);
whyNot(mentorsCsv, menteesCsv, config, "E131");
if (verdict.mentee.status === "unmatched") {
  const why: "no_capacity" | "all_candidates_forbidden" | "below_min_score" | "no_pick_free" = verdict.mentee.reason;
  void why;
} else {
  const mentor: string = verdict.mentee.mentor_id;
  void mentor;
}
const cost: number | undefined = verdict.pair?.forcing?.total_change;
const holders: string[] = verdict.pair?.holders.map((h) => h.mentee_id) ?? [];
const moved: (string | null)[] = verdict.pair?.forcing?.moves.map((m) => m.to) ?? [];
void [firstIsMine, lockedFlag, cost, holders, moved];
const report: FairnessReport = fairnessReport(mentorsCsv, menteesCsv, { solver: { objective: "fair" } }, rounds);
const worst: number | undefined = report.worst_off?.score;
const lost: number | undefined = report.cost_of_diversity?.cost;
const crossed: number[] = report.diversity.flatMap((d) => d.pairs.map((p) => p.count));
void [worst, lost, crossed, report.deciles, report.mentor_load.utilisation];
const roster: Roster = readRoster(mentorsCsv, "mentor");
const capacities: number[] = roster.people.map((p) => p.capacity);
// @ts-expect-error the side is "mentor" or "mentee"
readRoster(mentorsCsv, "mentors");
const readings: ColumnReadings = rosterColumns(menteesCsv, "mentee", { columns: { "Topics": { role: "goals", separator: "," } } });
const separators: (string | null)[] = readings.columns.map((c) => c.separator);
const checked: Config = checkConfig({ columns: { "Participant ID": "id" } });
void [separators, checked];
const generated: { mentors: string; mentees: string } = generateRosters(500, 2000, 42);
generateRosters(5, 5, 1, 4);
const defaults: Config = defaultConfig();
const semver: string = version();
void [csv, located, best, capacities, generated, defaults, semver];

try {
  matchRosters(mentorsCsv, menteesCsv);
} catch (e) {
  const error = e as MatcherError;
  const where: [string, string | null, number | null, string | null, string | null] =
    [error.code, error.file, error.row, error.column, error.key];
  const all: Diagnostic[] = error.diagnostics;
  const message: string = error.message;
  void [where, all, message];
}

// One program, many questions.
const program = new Matcher(mentorsCsv, menteesCsv, config, null, (p: Progress) => {
  const share: number = p.total === 0 ? 0 : p.done / p.total;
  const stage: "scoring" | "solving" = p.stage;
  void [share, stage];
});
const programOutcome: MatchOutcome = program.outcome();
const programCsv: string = program.matchesCsv();
const programJson: string = program.json();
const programReport: FairnessReport = program.report();
const programCost: DiversityCost | null = program.costOfDiversity();
const programSuggestions: Suggestions[] = program.suggest(3);
const programVerdict: Verdict = program.whyNot("E002", "M010");
const programExplanation: Explanation = program.explain("E002", "M008");
const solves: number = program.solves;
// @ts-expect-error solves is read-only
program.solves = 0;
program.free();
void [programOutcome, programCsv, programJson, programReport, programCost, programSuggestions, programVerdict,
  programExplanation, solves];

// Workbooks: the workbook module's SheetRead goes wherever CSV text does.
import { readWorkbook } from "../../pkg/node-workbook/matcher_wasm_workbook.js";
import type { SheetRead, WorkbookFormat } from "../../pkg/node/matcher_wasm.js";
declare const workbookBytes: Uint8Array;
const sheetRead: SheetRead = readWorkbook(workbookBytes, "mentee", "Sheet1");
const fromSheet: MatchOutcome = matchRosters(mentorsCsv, sheetRead, config);
void fromSheet;
const readFormat = readRoster(readWorkbook(workbookBytes, "mentor"), "mentor").format;
if ("workbook" in readFormat) {
  const book: WorkbookFormat = readFormat;
  const names: string[] = [book.sheet, ...book.sheets];
  void names;
}
const sheetRows: string[][] | undefined = sheetRead.sheet?.rows;
void sheetRows;
const where: [string | undefined, string | undefined] = [sheetRead.problem?.sheet, sheetRead.problem?.cell];
void where;
// @ts-expect-error: a side is "mentor" or "mentee"
readWorkbook(workbookBytes, "mentors");
// @ts-expect-error: rosters are text or a SheetRead, not bytes (the Worker API takes bytes)
matchRosters(mentorsCsv, workbookBytes);

// How pairs went: one-shot, and on a Matcher without solving.
declare const outcomesCsv: string;
const evaluation: Evaluation = evaluate(mentorsCsv, menteesCsv, outcomesCsv, config, { resamples: 500, seed: 7 });
const measureReport: MeasureReport = evaluation.measures[0];
const measure: Measure = measureReport.measure;
const effects: Effect[] = [measureReport.score, ...measureReport.criteria];
const bins: Bin[] = effects.flatMap((e) => e.bins);
const pair: PairOutcome = evaluation.pairs[0];
const values: OutcomeValues = pair.values;
const interval: [number, number] | null = measureReport.score.interval;
void [measure, bins, values.rating ?? values.meetings, interval, evaluation.unknown[0]?.row, evaluation.bootstrap.seed];
new Matcher(mentorsCsv, menteesCsv).evaluate(outcomesCsv);
new Matcher(mentorsCsv, menteesCsv).evaluate(outcomesCsv, null);
// @ts-expect-error options are resamples and seed only
evaluate(mentorsCsv, menteesCsv, outcomesCsv, null, { resample: 5 });
// @ts-expect-error "score" is not an outcome measure
const notMeasure: Measure = "score";
void notMeasure;
