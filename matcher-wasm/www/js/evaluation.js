// The evaluation of an outcomes file (`RemoteMatcher.evaluate`): the counts,
// the pairs left out with their problems, and per outcome measure its
// response rate and mean, the outcome by score decile, a scatter plot of
// every answering pair's total score against its outcome, and the effect
// chart: each score's correlation with the outcome and its 95 % interval.

import { byId, h, svg } from './dom.js';
import { PagedTable } from './paged-table.js';
import { PROBLEM_COLUMNS } from './results.js';

/** Each measure's name on the page. */
const LABELS = {
  rating: 'Rating',
  goals_attained: 'Goals reached',
  ended_early: 'Ended early',
  meetings: 'Meetings',
};

/** The measures' fixed value ranges; the others run from 0 to their largest value. */
const RANGES = { rating: [1, 5], goals_attained: [0, 1], ended_early: [0, 1] };

/** A number with at most two decimals, as text: `4`, `0.25`, `71.33`. */
const short = (value) => String(Number(value.toFixed(2)));

/** The evaluation shown, and the tables made on first use. */
const shown = { evaluation: null, leftOut: null, problems: null };

/** A summary figure: a term, a value and a line of detail, keyed for reference. */
const figure = (key, term, value, detail) =>
  h('div', { 'data-key': key }, h('dt', {}, term), h('dd', {}, value, detail && h('small', {}, detail)));

/** A correlation with its interval: `0.31 (0.15 to 0.46)`, or `—` without one. */
function correlation({ correlation: r, interval }) {
  if (r === null) return '—';
  return interval ? `${r.toFixed(2)} (${interval[0].toFixed(2)} to ${interval[1].toFixed(2)})` : r.toFixed(2);
}

/** The scatter plot's and the effect chart's common size and margins. */
const WIDTH = 560;

/**
 * Total score (x, 0–100) against the outcome (y) for every pair that
 * answered `measure`, one dot each, at its exact place.
 */
function scatter(pairs, measure) {
  const [height, pad] = [300, { top: 14, right: 18, bottom: 46, left: 58 }];
  const points = pairs.filter((p) => p.values[measure] !== undefined);
  const ys = points.map((p) => p.values[measure]);
  const [low, high] = RANGES[measure] ?? [0, Math.max(1, ...ys)];
  const plot = { width: WIDTH - pad.left - pad.right, height: height - pad.top - pad.bottom };
  const x = (score) => pad.left + (score / 100) * plot.width;
  const y = (value) => pad.top + plot.height - ((value - low) / (high - low)) * plot.height;
  const label = LABELS[measure];
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', id: 'outcome-scatter-chart',
    'aria-label': `Scatter plot of ${label.toLowerCase()} against total score, one dot for each of the ${points.length} pairs that answered.`,
  });
  for (let tick = 0; tick <= 100; tick += 20) {
    chart.append(svg('line', { x1: x(tick), x2: x(tick), y1: pad.top, y2: pad.top + plot.height, class: 'grid' }));
    chart.append(svg('text', { x: x(tick), y: pad.top + plot.height + 16, class: 'tick' }, tick));
  }
  for (let k = 0; k <= 4; k++) {
    const value = low + ((high - low) * k) / 4;
    chart.append(svg('line', { x1: pad.left, x2: pad.left + plot.width, y1: y(value), y2: y(value), class: 'grid' }));
    chart.append(svg('text', { x: pad.left - 6, y: y(value) + 4, class: 'tick y' }, short(value)));
  }
  chart.append(svg('text', { x: pad.left + plot.width / 2, y: height - 6, class: 'axis-label' }, 'Total score (0–100)'));
  chart.append(svg('text', {
    x: 14, y: pad.top + plot.height / 2, class: 'axis-label',
    transform: `rotate(-90 14 ${pad.top + plot.height / 2})`,
  }, label));
  for (const pair of points) {
    const value = pair.values[measure];
    const dot = svg('circle', { cx: x(pair.score), cy: y(value), r: 3.5, class: 'point', 'data-mentee': pair.mentee_id });
    dot.append(svg('title', {}, `${pair.mentee_id} with ${pair.mentor_id}: score ${short(pair.score)}, ${label.toLowerCase()} ${short(value)}`));
    chart.append(dot);
  }
  return chart;
}

/**
 * One row per score (the total, then each criterion): its correlation with
 * the outcome as a dot, the 95 % interval as a line, a zero line, and the
 * number of pairs behind it.
 */
function effectChart(report) {
  const effects = [report.score, ...report.criteria];
  const [rowHeight, pad] = [30, { top: 24, right: 84, bottom: 44, left: 110 }];
  const height = pad.top + effects.length * rowHeight + pad.bottom;
  const plotWidth = WIDTH - pad.left - pad.right;
  const x = (r) => pad.left + ((r + 1) / 2) * plotWidth;
  const bottom = pad.top + effects.length * rowHeight;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', id: 'outcome-effects-chart',
    'aria-label': `Correlation of ${LABELS[report.measure].toLowerCase()} with each score and its 95 % interval. `
      + effects.map((e) => `${e.name}: ${correlation(e)}, ${e.pairs} pairs`).join('; '),
  });
  for (const tick of [-1, -0.5, 0, 0.5, 1]) {
    chart.append(svg('line', { x1: x(tick), x2: x(tick), y1: pad.top, y2: bottom, class: tick === 0 ? 'zero' : 'grid' }));
    chart.append(svg('text', { x: x(tick), y: bottom + 16, class: 'tick' }, tick));
  }
  chart.append(svg('text', { x: x(0), y: height - 6, class: 'axis-label' }, 'Correlation with the outcome (dot) and its 95 % interval (line)'));
  chart.append(svg('text', { x: WIDTH - 4, y: pad.top - 8, class: 'count' }, 'pairs'));
  effects.forEach((effect, i) => {
    const middle = pad.top + i * rowHeight + rowHeight / 2;
    const row = svg('g', { class: 'effect', 'data-name': effect.name });
    row.append(svg('title', {}, `${effect.name}: correlation ${correlation(effect)}, ${effect.pairs} pairs`));
    row.append(svg('text', { x: pad.left - 8, y: middle + 4, class: 'name' }, effect.name === 'score' ? 'total score' : effect.name));
    if (effect.interval) {
      const [lo, hi] = effect.interval;
      row.append(svg('line', { x1: x(lo), x2: x(hi), y1: middle, y2: middle, class: 'interval' }));
    }
    if (effect.correlation !== null) {
      row.append(svg('circle', { cx: x(effect.correlation), cy: middle, r: 5, class: 'dot' }));
    } else {
      row.append(svg('text', { x: x(0) + 8, y: middle + 4, class: 'none' }, 'no correlation: too few pairs or no spread'));
    }
    row.append(svg('text', { x: WIDTH - 4, y: middle + 4, class: 'count' }, effect.pairs));
    chart.append(row);
  });
  return chart;
}

/** The outcome by score decile: one row per tenth of the answering pairs. */
function renderDeciles(report) {
  const table = byId('outcome-deciles');
  const label = LABELS[report.measure];
  table.caption.textContent = `Mean ${label.toLowerCase()} by tenth of the pairs by total score, lowest first`;
  table.tHead.replaceChildren(h('tr', {}, h('th', { scope: 'col' }, 'Tenth'), h('th', { scope: 'col', class: 'num' }, 'Scores'),
    h('th', { scope: 'col', class: 'num' }, 'Pairs'), h('th', { scope: 'col', class: 'num' }, `Mean ${label.toLowerCase()}`)));
  table.tBodies[0].replaceChildren(...report.score.bins.map((bin, i) => h('tr', {},
    h('th', { scope: 'row' }, i + 1),
    h('td', { class: 'num' }, `${bin.from.toFixed(2)}–${bin.to.toFixed(2)}`),
    h('td', { class: 'num' }, bin.pairs),
    h('td', { class: 'num' }, short(bin.mean)))));
}

/** Shows the measure picked in the select: its figures, deciles and charts. */
function renderMeasure() {
  const { evaluation } = shown;
  const report = evaluation.measures.find((m) => m.measure === byId('outcome-measure').value) ?? evaluation.measures[0];
  const label = LABELS[report.measure];
  byId('outcome-figures').replaceChildren(
    figure('response-rate', 'Response rate', `${(report.response_rate * 100).toFixed(1)} %`,
      `${report.answered} of ${evaluation.joined} pairs answered`),
    figure('mean', `Mean ${label.toLowerCase()}`, report.mean === null ? '—' : short(report.mean), report.unit),
    figure('correlation', 'Correlation with score', correlation(report.score),
      `${report.higher_is_better ? 'higher is better' : 'lower is better'}; 95 % interval in brackets`),
  );
  renderDeciles(report);
  byId('outcome-scatter').replaceChildren(scatter(evaluation.pairs, report.measure));
  byId('outcome-effects').replaceChildren(effectChart(report));
}

byId('outcome-measure').addEventListener('change', renderMeasure);

/** Shows `evaluation`, keeping the measure picked when it has it. */
export function renderEvaluation(evaluation) {
  shown.evaluation = evaluation;
  const select = byId('outcome-measure');
  const picked = select.value;
  select.replaceChildren(...evaluation.measures.map(({ measure, unit }) =>
    h('option', { value: measure }, `${LABELS[measure]} (${unit})`)));
  if (evaluation.measures.some((m) => m.measure === picked)) select.value = picked;
  const left = evaluation.listed - evaluation.joined;
  byId('evaluation-summary').replaceChildren(
    figure('listed', 'Pairs listed', evaluation.listed, `rows of ${evaluation.source}`),
    figure('joined', 'In the rosters', evaluation.joined, 'the pairs the figures rest on'),
    figure('left-out', 'Left out', left, left === 0 ? 'every pair is in the rosters' : 'ids the rosters do not have, listed below'),
    figure('not-read', 'Columns not read', evaluation.ignored_columns.length,
      evaluation.ignored_columns.length === 0 ? 'none' : evaluation.ignored_columns.join(', ')),
  );
  byId('outcome-left-out').hidden = evaluation.unknown.length === 0;
  shown.leftOut ??= new PagedTable(byId('outcome-left-out-table'), { caption: 'Pairs left out', columns: PROBLEM_COLUMNS });
  shown.leftOut.show(evaluation.unknown);
  byId('outcome-problems').hidden = true;
  byId('evaluation').hidden = false;
  renderMeasure();
}

/** Shows an outcomes file's problems, located as a roster's are, in place of an evaluation. */
export function renderOutcomeProblems(diagnostics) {
  shown.evaluation = null;
  byId('evaluation').hidden = true;
  byId('outcome-problems').hidden = diagnostics.length === 0;
  shown.problems ??= new PagedTable(byId('outcome-problems-table'), { caption: 'Problems in the outcomes file', columns: PROBLEM_COLUMNS });
  shown.problems.show(diagnostics);
}

/** Hides any evaluation and problems shown. */
export function clearEvaluation() {
  renderOutcomeProblems([]);
}
