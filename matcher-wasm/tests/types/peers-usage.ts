// Type-checked, never run: peer rosters as a TypeScript user writes them, in
// the peer-roster build (synchronous, like the main module) and in the worker
// (promises). Lines marked @ts-expect-error must stay type errors.

import { Matcher, pairPeople, pairsCsv, type PairsOutcome } from "../../pkg/node-peers/matcher_wasm.js";
import * as main from "../../pkg/node/matcher_wasm.js";
import type { MatcherWorker, RemoteMatcher } from "../../pkg/worker/index.js";

export function direct(peopleCsv: string): [string, PairsOutcome, string] {
  const program: Matcher = Matcher.fromPeople(peopleCsv, { constraints: { min_score: 20 } }, null, (p) => void p.stage);
  const pairs: PairsOutcome = pairPeople(peopleCsv, null);
  void pairs.pairs.map((p) => [p.a_id, p.b_id, p.score, p.a_learns, p.b_learns]);
  // @ts-expect-error: the size-budgeted main module has no peer rosters.
  void main.pairPeople;
  return [program.matchesCsv(), pairs, pairsCsv(peopleCsv)];
}

export async function worker(engine: MatcherWorker, peopleCsv: string, signal: AbortSignal): Promise<number> {
  const program: RemoteMatcher = await engine.matchPeople(peopleCsv, null, { locked: "mentor_id,mentee_id\n" }, {
    signal,
    onProgress: (p) => void p.done,
  });
  const { summary } = await engine.pairPeople(peopleCsv, { constraints: { min_score: 20 } }, null, { signal });
  const csv: string = await engine.pairsCsv(peopleCsv);
  // @ts-expect-error: a peer roster is CSV text.
  await engine.pairPeople(new Uint8Array(4));
  return (await program.outcome()).summary.matched + summary.pairs + csv.length;
}
