// "Why (not)?" for buddy pairs (`whyNot`): a person's pair, or why they have
// none, and with a partner named, the pair scored both ways, the partner's
// own pair and what forcing the two together would cost. Written line for
// line as `matcher explain --pairs` writes it, less the pick and availability
// details of a score, and with a rule that forbids one direction named by its
// code (the pair's own "never paired" line says why in words).

/** Rust's `{:.2}`: two decimals. */
const fixed = (x) => x.toFixed(2);
/** Rust's `{:+.2}`: two decimals with a sign. */
const signed = (x) => `${x < 0 ? '' : '+'}${fixed(x)}`;
/** A list, or "none" when empty. */
const listOrNone = (items) => (items.length === 0 ? 'none' : items.join(', '));
/** Criteria in the order the CLI lists them. */
const CRITERIA = ['skills', 'goals', 'values', 'diversity', 'pair_score', 'availability', 'picks'];
/** The weights an explanation leaves out at their defaults (see `Weights`). */
const OMITTED_WEIGHTS = { availability: 0, picks: 0.3 };

/** A related skill as explanations print it: `related: c++ (programming)`, or `related: programming`. */
const related = ({ skill, parent }) => `related: ${skill}${parent === skill ? '' : ` (${parent})`}`;

/** A person's standing as one line: their pair, or why they have none. */
function standing(id, s) {
  if (s.status === 'unpaired') return `${s.id} is unpaired: ${s.reason} (${s.detail})`;
  const partner = s.a_id === id ? s.b_id : s.a_id;
  return `${id} is paired with ${partner}, score ${fixed(s.score)}${s.locked ? ' (locked)' : ''}: ${s.reason}`;
}

/** One direction of a pair (`Explanation`): its score, each criterion's, and what they rest on. */
function explanation(x) {
  const lines = [`mentee ${x.mentee_id} with mentor ${x.mentor_id}: score ${fixed(x.score)}`];
  if (x.forbidden) lines.push(`  never matched: ${[x.forbidden.rule, x.forbidden.attribute].filter(Boolean).join(' ')}`);
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
  lines.push(`    shared goals: ${listOrNone(x.shared_goals)}`, `    shared values: ${listOrNone(x.shared_values)}`);
  for (const a of x.attributes) {
    const verdict = a.met === true ? 'met' : a.met === false ? 'not met' : 'not scored';
    const shared = a.shared ? `, shared: ${listOrNone(a.shared)}` : '';
    lines.push(`    ${a.attribute}: mentee ${a.mentee ?? '(none)'}, mentor ${a.mentor ?? '(none)'} (prefer ${a.prefer}: ${verdict}${shared})`);
  }
  return lines;
}

/** What forcing the pair costs, and who moves; or why it cannot be forced. */
function forcingLines(pair) {
  const f = pair.forcing;
  if (!f) return pair.forbidden ? [] : ['  forcing the pair would break a locked pair'];
  const id = (p) => p ?? '(unpaired)';
  return [
    `  forcing the pair: total score ${fixed(f.total_score)} -> ${fixed(f.forced_total_score)} (${signed(f.total_change)}), `
      + `paired people ${f.paired_change < 0 ? '' : '+'}${f.paired_change}; ${f.moves.length} person(s) move:`,
    ...f.moves.map((m) => `    ${m.id}: ${id(m.from)} -> ${id(m.to)}`),
  ];
}

/** The lines of a `BuddyVerdict`, as `matcher explain --pairs` writes them. */
export function verdictLines(verdict) {
  const lines = [standing(verdict.id, verdict.person)];
  const { pair } = verdict;
  if (!pair) return lines;
  const [me, them] = [pair.learns.mentee_id, pair.learns.mentor_id];
  lines.push(`${me} with ${them}: pair score ${fixed(pair.score)} (the mean of both ways)`,
    ...explanation(pair.learns), ...explanation(pair.partner_learns));
  if (pair.forbidden) lines.push(`  never paired: ${pair.forbidden}`);
  if (pair.made) return [...lines, '  made: the pair is in the optimal pairing'];
  return [...lines, `  ${standing(them, pair.partner)}`, ...forcingLines(pair)];
}
