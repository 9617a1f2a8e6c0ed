// "Why (not)?" answers as text, line for line as `matcher explain` writes
// them: a mentee's match (`RemoteMatcher.whyNot`) or a person's buddy pair
// (`RemoteBuddyMatcher.whyNot`, as `matcher explain --pairs`), or why they
// have none; with the other id named, the pair's score breakdown and what
// forcing it would cost. Both kinds share the breakdown and the forcing lines.

/** Rust's `{:.2}`: two decimals. */
const fixed = (x) => x.toFixed(2);
/** Rust's `{:+.2}`: two decimals with a sign. */
const signed = (x) => `${x < 0 ? '' : '+'}${fixed(x)}`;
/** Rust's `{:+}` of a whole number. */
const signedCount = (n) => `${n < 0 ? '' : '+'}${n}`;
/** A list, or "none" when empty. */
const listOrNone = (items) => (items.length === 0 ? 'none' : items.join(', '));
/** Criteria in the order the CLI lists them. */
const CRITERIA = ['skills', 'goals', 'values', 'diversity', 'pair_score', 'availability', 'picks'];
/** The weights an explanation leaves out at their defaults (see `Weights`). */
const OMITTED_WEIGHTS = { availability: 0, picks: 0.3 };

/** `1st`, `2nd`, `3rd`, `4th`, …, `11th`, `21st`, … */
function ordinal(n) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A related skill as explanations print it: `related: c++ (programming)`, or `related: programming`. */
const related = ({ skill, parent }) => `related: ${skill}${parent === skill ? '' : ` (${parent})`}`;

/** Why a pair may never be made (a `Forbidden`), in words. */
function forbiddenText(f) {
  switch (f.rule) {
    case 'excluded': return `excluded by the ${f.by}`;
    case 'unavailable': return "the mentor's capacity is 0";
    case 'require_different': return `require_different: same ${f.attribute}`;
    case 'require_same': return `require_same: different ${f.attribute}`;
    case 'max_difference': return `max_difference: ${f.attribute} differs by ${f.difference}, more than ${f.max}`;
    case 'min_difference': return `min_difference: ${f.attribute} differs by ${f.difference}, less than ${f.min}`;
    case 'require_overlap': return `require_overlap: no shared ${f.attribute}`;
    case 'min_overlap_hours': return `min_overlap_hours: ${f.hours} h a week together, fewer than ${f.min}`;
    case 'not_picked': return "only picks: not among the mentee's picks";
    case 'must_have': return `a must-have not met: the ${f.by} wants ${f.attribute}=${f.value}`;
    case 'below_min_score': return 'score below min_score';
    default: return f.rule;
  }
}

/** What a pair's `picks` criterion is made of (a `PickDetail`), a line each: each side's pick, then each wish. */
function pickLines(picks) {
  const lines = [];
  for (const [side, rank, count] of [
    ['mentee', picks.mentee_pick, picks.mentee_picks],
    ['mentor', picks.mentor_pick, picks.mentor_picks],
  ]) {
    if (count === 0) continue;
    lines.push(rank === null || rank === undefined
      ? `picks: not among the ${side}'s ${count} picks`
      : `picks: the ${side}'s ${ordinal(rank)} pick of ${count}`);
  }
  for (const wish of picks.wants) {
    lines.push(`wants (${wish.by}, ${wish.must ? 'must-have' : 'nice-to-have'}): `
      + `${wish.attribute}=${wish.value}: ${wish.met ? 'met' : 'not met'}`);
  }
  return lines;
}

/** The hours a pair shares (an `Overlap`), in both people's time, or `no overlap`. */
function overlapText(o) {
  if (o.slots.length === 0) return 'no overlap';
  const slots = o.slots.map((s) => `${s.mentee} (mentee, ${o.mentee_zone}) = ${s.mentor} (mentor, ${o.mentor_zone})`);
  return `overlap ${slots.join(', ')}`;
}

/** A pair's breakdown (`Explanation`): its score, each criterion's, and what they rest on. */
function explanation(x) {
  const lines = [`mentee ${x.mentee_id} with mentor ${x.mentor_id}: score ${fixed(x.score)}`];
  if (x.forbidden) lines.push(`  never matched: ${forbiddenText(x.forbidden)}`);
  const weight = (criterion) => x.weights[criterion] ?? OMITTED_WEIGHTS[criterion];
  for (const criterion of CRITERIA) {
    const score = x.criteria[criterion] ?? null;
    const unused = (criterion === 'pair_score' && !x.pair_scores_file)
      || (criterion === 'availability' && score === null && weight('availability') === 0)
      || (criterion === 'picks' && !x.picks);
    if (unused) continue;
    const priority = x.priority === criterion ? ", doubled: the mentee's priority" : '';
    const shown = score === null ? 'n/a' : fixed(score);
    lines.push(`  ${criterion.padEnd(10)} ${shown.padStart(6)}  (weight ${weight(criterion)}${priority})`);
  }
  for (const s of x.skills) {
    const offered = s.offered !== null && s.offered !== undefined ? `offered at ${s.offered}`
      : s.related ? `not offered; ${related(s.related)} at ${s.related.level}` : 'not offered';
    lines.push(`    skill ${s.skill}: wanted at ${s.wanted}, ${offered}`);
  }
  if (x.picks) lines.push(...pickLines(x.picks).map((line) => `    ${line}`));
  lines.push(`    shared goals: ${listOrNone(x.shared_goals)}`, `    shared values: ${listOrNone(x.shared_values)}`);
  const o = x.availability;
  if (o) lines.push(`    availability: ${o.hours} of the mentee's ${o.mentee_hours} h a week shared: ${overlapText(o)}`);
  for (const a of x.attributes) {
    const verdict = a.met === true ? 'met' : a.met === false ? 'not met' : 'not scored';
    const shared = a.shared ? `, shared: ${listOrNone(a.shared)}` : '';
    lines.push(`    ${a.attribute}: mentee ${a.mentee ?? '(none)'}, mentor ${a.mentor ?? '(none)'} (prefer ${a.prefer}: ${verdict}${shared})`);
  }
  return lines;
}

/** How a kind of program names who moves when a pair is forced, and what it counts. */
const MATCHING = { people: 'matched mentees', change: 'matched_change', who: 'mentee(s)', id: 'mentee_id', none: '(unmatched)' };
const PAIRING = { people: 'paired people', change: 'paired_change', who: 'person(s)', id: 'id', none: '(unpaired)' };

/**
 * What forcing the pair costs (`forcing`) and who moves, in the words of
 * `kind` (`MATCHING` or `PAIRING`); or, when it cannot be forced though no
 * rule forbids it (`ruled`), that it would break a locked pair.
 */
function forcingLines(forcing, ruled, kind) {
  if (!forcing) return ruled ? [] : ['  forcing the pair would break a locked pair'];
  const f = forcing;
  const id = (p) => p ?? kind.none;
  return [
    `  forcing the pair: total score ${fixed(f.total_score)} -> ${fixed(f.forced_total_score)} (${signed(f.total_change)}), `
      + `${kind.people} ${signedCount(f[kind.change])}; ${f.moves.length} ${kind.who} move:`,
    ...f.moves.map((m) => `    ${m[kind.id]}: ${id(m.from)} -> ${id(m.to)}`),
  ];
}

/** A mentee's standing (`Standing`) as one line: their match, or why they have none. */
function menteeStanding(s) {
  if (s.status === 'unmatched') return `mentee ${s.mentee_id} is unmatched: ${s.reason} (${s.detail})`;
  return `mentee ${s.mentee_id} is matched with mentor ${s.mentor_id}, score ${fixed(s.score)}`
    + `${s.locked ? ' (locked)' : ''}: ${s.reason}`;
}

/** The lines of a `Verdict` (one mentee, and maybe one mentor), as `matcher explain` writes them. */
export function verdictLines(verdict) {
  const lines = [menteeStanding(verdict.mentee)];
  const { pair } = verdict;
  if (!pair) return lines;
  const x = pair.explanation;
  lines.push(...explanation(x));
  if (pair.repeat) lines.push('  never matched: paired in an earlier cycle (history)');
  if (pair.made) return [...lines, '  made: the pair is in the optimal matching'];
  const holders = pair.holders.map((h) => `${h.mentee_id} (${fixed(h.score)}${h.locked ? ', locked' : ''})`);
  lines.push(`  mentor ${x.mentor_id} has ${pair.holders.length} of ${pair.capacity} places taken`
    + `${holders.length === 0 ? '' : `: ${holders.join(', ')}`}`);
  if (pair.mentee_pick !== undefined && pair.mentee_pick !== null) {
    const honouring = pair.forcing ? '; honouring it costs what forcing the pair costs' : '';
    lines.push(`  a pick not honoured: ${x.mentor_id} is ${x.mentee_id}'s ${ordinal(pair.mentee_pick)} pick`
      + ` of ${x.picks?.mentee_picks ?? 0}${honouring}`);
  }
  return [...lines, ...forcingLines(pair.forcing, Boolean(x.forbidden) || pair.repeat, MATCHING)];
}

/** A person's buddy standing (`PairStanding`) as one line: their pair, or why they have none. */
function personStanding(id, s) {
  if (s.status === 'unpaired') return `${s.id} is unpaired: ${s.reason} (${s.detail})`;
  const partner = s.a_id === id ? s.b_id : s.a_id;
  return `${id} is paired with ${partner}, score ${fixed(s.score)}${s.locked ? ' (locked)' : ''}: ${s.reason}`;
}

/** The lines of a `BuddyVerdict`, as `matcher explain --pairs` writes them. */
export function buddyVerdictLines(verdict) {
  const lines = [personStanding(verdict.id, verdict.person)];
  const { pair } = verdict;
  if (!pair) return lines;
  const [me, them] = [pair.learns.mentee_id, pair.learns.mentor_id];
  lines.push(`${me} with ${them}: pair score ${fixed(pair.score)} (the mean of both ways)`,
    ...explanation(pair.learns), ...explanation(pair.partner_learns));
  if (pair.forbidden) lines.push(`  never paired: ${pair.forbidden}`);
  if (pair.made) return [...lines, '  made: the pair is in the optimal pairing'];
  return [...lines, `  ${personStanding(them, pair.partner)}`, ...forcingLines(pair.forcing, Boolean(pair.forbidden), PAIRING)];
}
