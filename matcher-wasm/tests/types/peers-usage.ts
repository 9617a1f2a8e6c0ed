// Type-checked, never run: peer rosters as a TypeScript user writes them, in
// the peer-roster build (synchronous, like the main module) and in the worker
// (promises). Lines marked @ts-expect-error must stay type errors.

import {
  BuddyMatcher,
  Matcher,
  pairPeople,
  pairsCsv,
  type BuddyVerdict,
  type PairsOutcome,
  type PairsReport,
  type PartnerSuggestions,
} from "../../pkg/node-peers/matcher_wasm.js";
import * as main from "../../pkg/node/matcher_wasm.js";
import type { MatcherWorker, RemoteBuddyMatcher, RemoteMatcher, RemoteProgram } from "../../pkg/worker/index.js";

export function direct(peopleCsv: string): [string, PairsOutcome, string] {
  const program: Matcher = Matcher.fromPeople(peopleCsv, { constraints: { min_score: 20 } }, null, (p) => void p.stage);
  const pairs: PairsOutcome = pairPeople(peopleCsv, null);
  void pairs.pairs.map((p) => [p.a_id, p.b_id, p.score, p.a_learns, p.b_learns]);
  // @ts-expect-error: the size-budgeted main module has no peer rosters.
  void main.pairPeople;
  return [program.matchesCsv(), pairs, pairsCsv(peopleCsv)];
}

export function buddies(peopleCsv: string): number {
  const buddies: BuddyMatcher = BuddyMatcher.fromPeople(peopleCsv, null, { history: "mentor_id,mentee_id\n" });
  const outcome: PairsOutcome = buddies.outcome();
  const csv: string = buddies.pairsCsv();
  const verdict: BuddyVerdict = buddies.whyNot("P37", "P11");
  const change = verdict.pair?.forcing?.total_change ?? 0;
  const partner = verdict.person.status === "paired" ? verdict.person.b_id : verdict.person.reason;
  const cost = buddies.costOfDiversity()?.cost ?? 0;
  const report: PairsReport = buddies.report();
  const suggestions: PartnerSuggestions[] = buddies.suggest(3);
  // @ts-expect-error: a buddy pairing has no mentor loads.
  void report.mentor_load;
  void buddies.whyNot("P37").pair;
  return outcome.summary.pairs + csv.length + change + partner.length + cost + suggestions[0].partners.length +
    (report.worst_off?.score ?? 0) + buddies.solves;
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

export async function remoteBuddies(engine: MatcherWorker, peopleCsv: string, signal: AbortSignal): Promise<number> {
  const buddies: RemoteBuddyMatcher = await engine.matchBuddies(peopleCsv, null, { locked: "mentor_id,mentee_id\n" }, {
    signal,
  });
  const outcome: PairsOutcome = await buddies.outcome();
  const csv: string = await buddies.pairsCsv();
  const report: PairsReport = await buddies.report({ signal });
  const cost = (await buddies.costOfDiversity({ signal }))?.cost ?? 0;
  const suggestions: PartnerSuggestions[] = await buddies.suggest(3);
  const verdict: BuddyVerdict = await buddies.whyNot("P37", "P11", { signal });
  const alone: BuddyVerdict = await buddies.whyNot("P37");
  const program: RemoteProgram = buddies;
  // @ts-expect-error: a buddy pairing has no mentor loads.
  void report.mentor_load;
  // @ts-expect-error: explain is the one-mentor matcher's; whyNot with a partner explains a pair.
  await buddies.explain("P37", "P11");
  // @ts-expect-error: matchBuddies reports no progress.
  await engine.matchBuddies(peopleCsv, null, null, { onProgress: () => {} });
  await program.free();
  return outcome.summary.pairs + csv.length + cost + suggestions.length + (verdict.pair?.score ?? 0) +
    alone.id.length + program.solves;
}
