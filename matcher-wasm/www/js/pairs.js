// Rendering a buddy-pairs run (`matchBuddies`): its summary, the pairs (with
// the review's decisions), the people left without a partner and everyone's
// suggested partners, as paged tables.

import { byId, h } from './dom.js';
import { PagedTable } from './paged-table.js';
import { decisionColumn, decisionRow } from './results.js';

/** A person cell: the name, with the id beneath it. */
const person = (name, id) => [h('span', { class: 'name' }, name || id), h('small', {}, id)];

/**
 * The pairs table: both people, the pair's score, each one's score as the
 * other's mentee, the reasons, and the pair's decision in `review` (a
 * `Review` of `PAIR_IDS`); `onDecision` runs after one changes.
 */
export function pairsTable(review, onDecision) {
  const label = (p) => `${p.a_name || p.a_id} with ${p.b_name || p.b_id}`;
  return new PagedTable(byId('pairs'), {
    caption: 'Buddy pairs',
    columns: [
      { label: 'Person', key: (p) => p.a_name || p.a_id, cell: (p) => person(p.a_name, p.a_id) },
      { label: 'Partner', key: (p) => p.b_name || p.b_id, cell: (p) => person(p.b_name, p.b_id) },
      { label: 'Score', numeric: true, key: (p) => p.score, cell: (p) => h('span', { class: 'meter', style: `--value: ${p.score}%` }, p.score.toFixed(2)) },
      { label: 'Person learns', numeric: true, key: (p) => p.a_learns, cell: (p) => p.a_learns.toFixed(2) },
      { label: 'Partner learns', numeric: true, key: (p) => p.b_learns, cell: (p) => p.b_learns.toFixed(2) },
      { label: 'Reason', key: (p) => p.reason, cell: (p) => p.reason },
      decisionColumn(review, onDecision, label, (p) => ({ 'data-a': p.a_id, 'data-b': p.b_id })),
    ],
    row: decisionRow(review),
    filter: byId('pairs-filter'),
    search: (p) => [p.a_id, p.a_name, p.b_id, p.b_name, p.reason],
  });
}

/** The people left without a partner, with their reasons. */
export function unpairedTable() {
  return new PagedTable(byId('unpaired'), {
    caption: 'Unpaired people',
    columns: [
      { label: 'Person', key: (u) => u.name || u.id, cell: (u) => person(u.name, u.id) },
      { label: 'Reason', key: (u) => u.reason, cell: (u) => h('code', {}, u.reason) },
      { label: 'Detail', key: (u) => u.detail, cell: (u) => u.detail },
    ],
  });
}

/** How many partners the suggestions table lists for each person. */
export const SUGGESTED = 3;

/** One suggested partner: name and id, the pair's score, and whether the pairing pairs them. */
const partnerCell = (s) => s && [
  h('span', { class: 'name' }, s.partner_name || s.partner_id),
  h('small', {}, `${s.partner_id} · ${s.score.toFixed(2)}${s.paired ? ' · paired' : ''}`),
];

/** Everyone's best partners (`suggest`), best first: `SUGGESTED` columns of them. */
export function suggestionsTable() {
  const ordinal = ['Best partner', 'Second', 'Third'];
  return new PagedTable(byId('partner-suggestions'), {
    caption: 'Suggested partners',
    columns: [
      { label: 'Person', key: (s) => s.name || s.id, cell: (s) => person(s.name, s.id) },
      ...ordinal.slice(0, SUGGESTED).map((label, i) => ({
        label,
        numeric: true,
        key: (s) => s.partners[i]?.score ?? null,
        cell: (s) => partnerCell(s.partners[i]),
      })),
    ],
    filter: byId('suggestions-filter'),
    search: (s) => [s.id, s.name, ...s.partners.flatMap((p) => [p.partner_id, p.partner_name])],
  });
}

/** The pairing's summary figures. */
export function renderPairsSummary({ pairs, summary }, milliseconds) {
  const total = pairs.reduce((sum, p) => sum + p.score, 0);
  const lowest = pairs.reduce((low, p) => Math.min(low, p.score), Infinity);
  const items = [
    ['Paired', `${summary.people - summary.unpaired} of ${summary.people}`],
    ['Pairs', String(summary.pairs)],
    ['Mean score', pairs.length ? (total / pairs.length).toFixed(2) : '—'],
    ['Lowest score', pairs.length ? lowest.toFixed(2) : '—'],
    ['Optimality gap', summary.gap === 0 ? '0 · optimal' : summary.gap.toFixed(2)],
    ['Time', `${Math.round(milliseconds)} ms`],
  ];
  byId('pairs-summary').replaceChildren(...items.map(([term, value]) =>
    h('div', {}, h('dt', {}, term), h('dd', {}, value))));
}
