// The review workflow: every proposed pair starts as a draft; the admin
// accepts, pins or rejects pairs, re-runs for everyone else (accepted and
// pinned pairs locked, rejected ones never proposed again) and exports the
// final list, and the decisions as the CLI's `--locked` and `--history` files.
// The same for buddy pairs, whose locked and history rows name a pair's two people.

/** The decisions a pair can carry, as shown in the table's select. */
export const DECISIONS = [
  ['draft', 'Draft'],
  ['accepted', 'Accept'],
  ['pinned', 'Pin'],
  ['rejected', 'Reject'],
];

/** One CSV cell: quoted when needed, formula-like text neutralised as the core does. */
function csvCell(value) {
  let text = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV text of `rows` (arrays of cells), one line each, `\n` ended. */
const csv = (rows) => rows.map((row) => `${row.map(csvCell).join(',')}\n`).join('');

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
    const [mentor, mentee] = this.#ids(match);
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
