// The review workflow: every proposed pair starts as a draft; the admin
// accepts, pins or rejects pairs, re-runs for everyone else (accepted and
// pinned pairs locked, rejected ones never proposed again) and exports the
// final list, and the decisions as the CLI's `--locked` and `--history` files.
// The same for buddy pairs, whose locked and history rows name a pair's two people.

import { csv, parseCsv } from './csv.js';

/** The decisions a pair can carry, as shown in the table's select. */
export const DECISIONS = [
  ['draft', 'Draft'],
  ['accepted', 'Accept'],
  ['pinned', 'Pin'],
  ['rejected', 'Reject'],
];

/** A pair's key: both ids as JSON, so no two pairs share one. */
const pairKey = (mentor, mentee) => JSON.stringify([mentor, mentee]);

/** A proposed match's ids as the locked and history files have them: mentor, then mentee. */
export const MATCH_IDS = (match) => [match.mentor_id, match.mentee_id];
/** A buddy pair's ids as the locked and history files have them: its two people. */
export const PAIR_IDS = (pair) => [pair.a_id, pair.b_id];

/** The admin's decisions on pairs, kept across re-runs. */
export class Review {
  /**
   * Accepted and pinned pairs by `pairKey`, in the order decided:
   * `{ mentor, mentee, decision }` (a mentee who wants several mentors may
   * keep several).
   */
  #kept = new Map();
  /** Rejected pairs as `[mentorId, menteeId]` by `pairKey`, in the order rejected. */
  #rejected = new Map();
  /** A proposed pair's two ids, as `MATCH_IDS` or `PAIR_IDS` read them. */
  #ids;

  /** Decisions on the pairs whose two ids `ids` reads (`MATCH_IDS` by default). */
  constructor(ids = MATCH_IDS) {
    this.#ids = ids;
  }

  /** Forgets every decision (new rosters). */
  clear() {
    this.#kept.clear();
    this.#rejected.clear();
  }

  /** The decision on a proposed match: draft unless accepted, pinned or rejected. */
  decisionOf(match) {
    const key = pairKey(...this.#ids(match));
    return this.#kept.get(key)?.decision ?? (this.#rejected.has(key) ? 'rejected' : 'draft');
  }

  /** Records `decision` on a proposed match. */
  decide(match, decision) {
    this.#decidePair(...this.#ids(match), decision);
  }

  /**
   * Takes every pair of a pair file as the CLI reads it (`name`: `locked.csv`,
   * whose pairs are accepted, or `history.csv`, whose pairs are rejected): a
   * header with the columns `mentor_id` and `mentee_id`, then one pair a row.
   * Returns how many pairs it read; throws, naming the file and row, when a
   * row lacks an id (and decides nothing then).
   */
  load(name, text, decision) {
    const [header = [], ...rows] = parseCsv(text);
    const names = ['mentor_id', 'mentee_id'];
    const columns = names.map((column) => header.findIndex((cell) => cell.trim().toLowerCase() === column));
    if (columns.includes(-1)) throw new Error(`${name}: row 1: a pair file needs the header mentor_id,mentee_id`);
    const pairs = [];
    rows.forEach((row, i) => {
      if (row.every((cell) => cell.trim() === '')) return;
      const ids = columns.map((column) => row[column]?.trim() ?? '');
      const missing = ids.findIndex((id) => id === '');
      if (missing !== -1) throw new Error(`${name}: row ${i + 2}: no ${names[missing]}`);
      pairs.push(ids);
    });
    for (const [mentor, mentee] of pairs) this.#decidePair(mentor, mentee, decision);
    return pairs.length;
  }

  /** Records `decision` on the pair of `mentor` and `mentee` (a pair file's two ids). */
  #decidePair(mentor, mentee, decision) {
    const key = pairKey(mentor, mentee);
    this.#kept.delete(key);
    this.#rejected.delete(key);
    if (decision === 'accepted' || decision === 'pinned') {
      this.#kept.set(key, { mentor, mentee, decision });
    } else if (decision === 'rejected') {
      this.#rejected.set(key, [mentor, mentee]);
    }
  }

  /** How many pairs carry each decision other than draft. */
  counts() {
    const kept = [...this.#kept.values()];
    return {
      accepted: kept.filter((k) => k.decision === 'accepted').length,
      pinned: kept.filter((k) => k.decision === 'pinned').length,
      rejected: this.#rejected.size,
    };
  }

  /** The rejected pairs as `"mentee – mentor"` texts. */
  rejectedPairs() {
    return [...this.#rejected.values()].map(([mentor, mentee]) => `${mentee} – ${mentor}`);
  }

  /**
   * The decisions as the `rounds` argument of `matchRosters`, which are also
   * the files `locked.csv` and `history.csv` the CLI reads with `--locked` and
   * `--history`: `mentor_id,mentee_id` rows, accepted and pinned pairs locked
   * (in the order decided), rejected ones history (in the order rejected).
   */
  rounds() {
    const header = ['mentor_id', 'mentee_id'];
    const locked = [...this.#kept.values()].map(({ mentor, mentee }) => [mentor, mentee]);
    return { locked: csv([header, ...locked]), history: csv([header, ...this.#rejected.values()]) };
  }

  /**
   * The final list: every mentee of `menteeIds` (input order) with each of
   * their mentors, score and decision (one row, `unmatched`, when they have
   * no mentor).
   */
  finalCsv(outcome, menteeIds) {
    const matches = new Map();
    for (const m of outcome.matches) matches.set(m.mentee_id, [...matches.get(m.mentee_id) ?? [], m]);
    const names = new Map(outcome.unmatched.map((u) => [u.mentee_id, u.mentee_name]));
    const rows = menteeIds.flatMap((id) => {
      const theirs = matches.get(id) ?? [];
      if (theirs.length === 0) return [[id, names.get(id), '', '', '', 'unmatched']];
      return theirs.map((m) =>
        [id, m.mentee_name, m.mentor_id, m.mentor_name, m.score.toFixed(2), this.decisionOf(m)]);
    });
    return csv([['mentee_id', 'mentee_name', 'mentor_id', 'mentor_name', 'score', 'decision'], ...rows]);
  }

  /**
   * The final list of a buddy pairing: every pair with its score and
   * decision, then every unpaired person (`unpaired`), in the outcome's order.
   */
  finalPairsCsv(outcome) {
    const rows = [
      ...outcome.pairs.map((p) => [p.a_id, p.a_name, p.b_id, p.b_name, p.score.toFixed(2), this.decisionOf(p)]),
      ...outcome.unpaired.map((u) => [u.id, u.name, '', '', '', 'unpaired']),
    ];
    return csv([['person_id', 'person_name', 'partner_id', 'partner_name', 'score', 'decision'], ...rows]);
  }
}
