// Type-checked, never run: the Worker-backed API as a TypeScript user writes it.
// Lines marked @ts-expect-error must stay type errors.

import { MatcherWorker, type MatchOutcome, type MatcherError, type Progress, type RemoteMatcher } from "../../pkg/worker/index.js";

export async function run(mentorsCsv: string, menteesCsv: string, signal: AbortSignal): Promise<MatchOutcome> {
  const engine = await MatcherWorker.create({ threads: 2 });
  const seen: Progress[] = [];
  const program: RemoteMatcher = await engine.match(mentorsCsv, menteesCsv, { constraints: { min_score: 10 } }, null, {
    signal,
    onProgress: (p) => seen.push(p),
  });
  const csv: string = await program.matchesCsv();
  const verdict = await program.whyNot("E001", "M001", { signal });
  const cost = await program.costOfDiversity();
  const count: number = engine.solves + program.solves + engine.threads + csv.length + (cost?.cost ?? 0);
  void verdict.mentee;
  void count;
  // @ts-expect-error: explain takes (menteeId, mentorId), both strings.
  await program.explain("E001");
  // @ts-expect-error: the constructor is private; use MatcherWorker.create().
  new MatcherWorker();
  try {
    await engine.validate(mentorsCsv, menteesCsv);
    const readings = await engine.rosterColumns(menteesCsv, "mentee", await engine.checkConfig({ columns: { ID: "id" } }));
    void readings.columns.map((c) => [c.header, c.role, c.separator]);
  } catch (error) {
    const e = error as MatcherError;
    void [e.code, e.file, e.row, e.column];
  }
  engine.terminate();
  return program.outcome();
}

// Workbooks: bytes, { bytes, sheet } or a SheetRead read once in the worker.
export async function workbooks(engine: MatcherWorker, bytes: Uint8Array, csv: string): Promise<MatchOutcome> {
  const mentees = await engine.readWorkbook(bytes, "mentee", "Sheet1");
  await engine.validate(new ArrayBuffer(8), { bytes, sheet: null });
  const program = await engine.match(csv, mentees);
  return program.outcome();
}

// How pairs went, in the worker: text, bytes, or a SheetRead read as an outcomes file.
export async function outcomes(engine: MatcherWorker, program: RemoteMatcher, bytes: Uint8Array): Promise<number> {
  const sheet = await engine.readWorkbook(bytes, "outcomes");
  const first = await program.evaluate(sheet, { seed: 3 });
  const second = await program.evaluate(bytes);
  const third = await program.evaluate("mentor_id,mentee_id,rating\nM1,E1,4\n", null);
  // @ts-expect-error the options are an object
  await program.evaluate(bytes, 1000);
  return first.joined + second.measures.length + third.pairs.length;
}
