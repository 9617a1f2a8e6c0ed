// The fairness and diversity report of a run (`Matcher.report`): the worst-off
// pair, the cost of diversity, mentor load, blocking pairs (and the price of
// stability for the stable objective), score deciles and, per diversity
// attribute, a cross-tab of the pairs by the mentee's and the mentor's value.
// A buddy pairing's report (`BuddyMatcher.report`) shows the same, less mentor
// load and stability, its cross-tabs by the pair's two values.

import { byId, h, idPart } from './dom.js';

const NONE = '(none)';

/** A summary figure: a term, a value and a line of detail, keyed for reference. */
const figure = (key, term, value, detail) =>
  h('div', { 'data-key': key }, h('dt', {}, term), h('dd', {}, value, h('small', {}, detail)));

/** Whether a pair of values meets the preference. */
const meets = (prefer, mentee, mentor) =>
  mentee !== null && mentor !== null && (prefer === 'same' ? mentee === mentor : mentee !== mentor);

/** The sides of a one-mentor report's cross-tabs (mentee down, mentor across), and their corner label. */
const MENTEE_MENTOR = { down: 'mentee', across: 'mentor', corner: 'mentee ↓ · mentor →' };
/** The sides of a buddy pairing's cross-tabs: a pair's two values, sorted (`null` first). */
const FIRST_SECOND = { down: 'first', across: 'second', corner: 'one ↓ · other →' };

/** One attribute's cross-tab: the `sides.down` values down, the `sides.across` values across. */
function crossTab({ attribute, prefer, met, not_met: notMet, missing, pairs }, sides) {
  const values = (side) => [...new Set(pairs.map((p) => p[side]))];
  const [rows, columns] = [values(sides.down), values(sides.across)];
  // Keyed by both values as JSON: a missing value (null) is not the text "null".
  const key = (mentee, mentor) => JSON.stringify([mentee, mentor]);
  const count = new Map(pairs.map((p) => [key(p[sides.down], p[sides.across]), p.count]));
  const label = (value) => value ?? NONE;
  const id = `crosstab-${idPart(attribute)}`;
  return h('div', { class: 'crosstab' },
    h('h4', { id }, `${attribute}: prefer ${prefer}`),
    h('p', { class: 'muted' }, `${met} pairs meet it, ${notMet} do not, ${missing} have no value on a side.`),
    h('div', { class: 'scroll' }, h('table', { 'aria-labelledby': id, 'data-attribute': attribute },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, sides.corner),
        columns.map((c) => h('th', { scope: 'col', class: 'num' }, label(c))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, label(r)),
        columns.map((c) => {
          const n = count.get(key(r, c));
          return h('td', { class: meets(prefer, r, c) ? 'num met' : 'num' }, n ?? '');
        })))))));
}

/** The cost of diversity: its figures, or a button that works them out. */
function costFigure(cost, workOut) {
  if (workOut) {
    const button = h('button', { type: 'button', id: 'cost-of-diversity' }, 'Work it out');
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = 'Solving again without diversity…';
      workOut();
    });
    return figure('cost-of-diversity', 'Cost of diversity', button, 'one more solve, without the diversity weight');
  }
  return figure('cost-of-diversity', 'Cost of diversity', cost ? cost.cost.toFixed(2) : '—',
    cost
      ? `skills, goals and values: ${cost.this_matching_without_diversity.toFixed(2)} here, `
        + `${cost.best_without_diversity.toFixed(2)} at best without diversity`
      : 'diversity is the only weight');
}

/** Percent with one decimal. */
const percent = (share) => `${(share * 100).toFixed(1)} %`;

/** The pick-rank shares: "1st 40.0 %, 2nd 10.0 %, …, none 20.0 %, unmatched 5.0 %". */
function pickShares({ mentees, ranks, beyond, none, unmatched }) {
  const ordinal = (n) => `${n}${['st', 'nd', 'rd'][n - 1] ?? 'th'}`;
  const parts = ranks.filter((r) => r.mentees > 0).map((r) => `${ordinal(r.rank)} ${percent(r.share)}`);
  for (const [label, n] of [['later', beyond], ['none', none], ['unmatched', unmatched]]) {
    if (n > 0) parts.push(`${label} ${percent(n / mentees)}`);
  }
  return `of the ${mentees} mentees who gave picks: ${parts.join(', ') || 'none'}`;
}

/**
 * Blocking pairs and first choices, under the preferences the report used
 * (stated picks where given, scores otherwise), with the pick-rank shares
 * when someone gave picks; with the `stable` objective, the price of
 * stability beside them: the stable matching against the exact optimum.
 */
function stabilityFigures({ stability, price_of_stability: price }) {
  const first = stability.ranks[0];
  const swap = `${stability.mentees_blocking} mentees would rather swap; ${percent(first?.share ?? 0)} got their 1st choice`;
  const figures = [
    figure('blocking-pairs', 'Blocking pairs', String(stability.blocking_pairs),
      stability.picks ? `by stated picks where given, scores otherwise: ${swap}` : `${swap} by score`),
  ];
  if (stability.picks) {
    const got = stability.picks.ranks[0];
    figures.push(figure('pick-ranks', 'First picks', percent(got?.share ?? 0), pickShares(stability.picks)));
  }
  if (price) {
    const cost = price.optimum_total - price.stable_total;
    figures.push(figure('price-of-stability', 'Price of stability', cost.toFixed(2),
      `total ${price.stable_total.toFixed(2)} stable vs ${price.optimum_total.toFixed(2)} at the optimum; `
        + `${price.stable_matched} vs ${price.optimum_matched} matched`));
  }
  return figures;
}

/** Shows the score deciles and the cross-tabs (`sides` of each) of a report. */
function renderSpread({ deciles, diversity }, sides) {
  byId('deciles').hidden = deciles.length === 0;
  byId('deciles').tHead.replaceChildren(h('tr', {}, h('th', { scope: 'row' }, 'Share of pairs'),
    deciles.map((_, i) => h('th', { scope: 'col', class: 'num' }, `${i * 10} %`))));
  byId('deciles').tBodies[0].replaceChildren(h('tr', {}, h('th', { scope: 'row' }, 'Score'),
    deciles.map((d) => h('td', { class: 'num' }, d.toFixed(2)))));
  byId('crosstabs').replaceChildren(...diversity.map((tally) => crossTab(tally, sides)));
}

/**
 * Shows `report` in the fairness section. `workOutCost`, when given, is
 * called by a button to fill in the cost of diversity, which the report
 * leaves out until asked (it takes one more solve).
 */
export function renderFairness(report, workOutCost) {
  const { worst_off: worst, cost_of_diversity: cost, mentor_load: load } = report;
  byId('fairness-summary').replaceChildren(
    figure('worst-off', 'Worst-off pair', worst ? worst.score.toFixed(2) : '—',
      worst ? `${worst.mentee_id} with ${worst.mentor_id}` : 'nobody is matched'),
    costFigure(cost, workOutCost),
    figure('mentor-load', 'Mentees per mentor', `${load.min}–${load.max}`,
      `mean ${load.mean.toFixed(2)}; ${load.idle} idle, ${load.full} full`),
    figure('utilisation', 'Places taken', `${(load.utilisation * 100).toFixed(1)} %`, 'of the available mentors\' places'),
    ...stabilityFigures(report),
  );
  renderSpread(report, MENTEE_MENTOR);
}

/** Shows a buddy pairing's `report` in the fairness section; `workOutCost` as for `renderFairness`. */
export function renderPairsFairness(report, workOutCost) {
  const { worst_off: worst, cost_of_diversity: cost } = report;
  byId('fairness-summary').replaceChildren(
    figure('worst-off', 'Worst-off pair', worst ? worst.score.toFixed(2) : '—',
      worst ? `${worst.a_id} with ${worst.b_id}` : 'nobody is paired'),
    costFigure(cost, workOutCost),
  );
  renderSpread(report, FIRST_SECOND);
}
