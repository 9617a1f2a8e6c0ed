// Type-checked, never run: the web build needs its wasm initialised first.

import init, { matchRosters, type MatchOutcome } from "../../pkg/web/matcher_wasm.js";

export async function run(mentorsCsv: string, menteesCsv: string): Promise<MatchOutcome> {
  await init();
  return matchRosters(mentorsCsv, menteesCsv, { constraints: { min_score: 10 } });
}
