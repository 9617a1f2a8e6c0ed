// Rendering a run: the summary, the matches and the unmatched mentees (paged
// tables, sorted and filtered over the whole cohort), and roster problems.

import { byId, h } from './dom.js';
import { renderHistogram } from './histogram.js';
import { PagedTable } from './paged-table.js';
import { DECISIONS } from './review.js';

const score = (value) => (value === null ? '—' : value.toFixed(2));

/** A person cell: the name, with the id beneath it. */
const person = (name, id) => [h('span', { class: 'name' }, name || id), h('small', {}, id)];

/** The matches table's data columns: how to sort by them and how to show a cell. */
const DATA_COLUMNS = [
  { label: 'Mentee', key: (m) => m.mentee_name || m.mentee_id, cell: (m) => person(m.mentee_name, m.mentee_id) },
  { label: 'Mentor', key: (m) => m.mentor_name || m.mentor_id, cell: (m) => person(m.mentor_name, m.mentor_id) },
  { label: 'Score', numeric: true, key: (m) => m.score, cell: (m) => h('span', { class: 'meter', style: `--value: ${m.score}%` }, score(m.score)) },
  ...['skills', 'goals', 'values', 'diversity'].map((criterion) => ({
    label: criterion[0].toUpperCase() + criterion.slice(1),
    numeric: true,
    key: (m) => m.criteria[criterion],
    cell: (m) => score(m.criteria[criterion]),
  })),
  { label: 'Reason', key: (m) => m.reason, cell: (m) => m.reason },
];

/**
 * The Decision column of a table of proposed pairs: each pair's decision in
 * `review` as a select, labelled by `label(pair)` and carrying the `data`
 * attributes `data(pair)`; `onDecision` runs after one changes. Rows take
 * their decision's class (`decisionRow`).
 */
export function decisionColumn(review, onDecision, label, data) {
  const decision = (m) => h('select', {
    ...data(m),
    'aria-label': `Decision on ${label(m)}`,
    onchange: (event) => {
      review.decide(m, event.target.value);
      event.target.closest('tr').className = `decision-${event.target.value}`;
      onDecision();
    },
  }, DECISIONS.map(([value, text]) =>
    h('option', { value, selected: review.decisionOf(m) === value }, text)));
  return { label: 'Decision', key: (m) => review.decisionOf(m), cell: decision };
}

/** A table row's attributes: the class of its pair's decision in `review`. */
export const decisionRow = (review) => (m) => ({ class: `decision-${review.decisionOf(m)}` });

/**
 * The matches table, a page at a time. Its last column holds each pair's
 * decision in `review`; `onDecision` runs after one changes.
 */
export function matchesTable(review, onDecision) {
  const label = (m) => `${m.mentee_name || m.mentee_id} with ${m.mentor_name || m.mentor_id}`;
  return new PagedTable(byId('matches'), {
    caption: 'Matches',
    columns: [...DATA_COLUMNS, decisionColumn(review, onDecision, label, (m) => ({ 'data-mentee': m.mentee_id }))],
    row: decisionRow(review),
    filter: byId('filter'),
    search: (m) => [m.mentee_id, m.mentee_name, m.mentor_id, m.mentor_name, m.reason],
  });
}

/** The unmatched mentees with their reasons, a page at a time. */
export function unmatchedTable() {
  return new PagedTable(byId('unmatched'), {
    caption: 'Unmatched mentees',
    columns: [
      { label: 'Mentee', key: (u) => u.mentee_name || u.mentee_id, cell: (u) => person(u.mentee_name, u.mentee_id) },
      { label: 'Reason', key: (u) => u.reason, cell: (u) => h('code', {}, u.reason) },
      { label: 'Detail', key: (u) => u.detail, cell: (u) => u.detail },
    ],
    filter: byId('unmatched-filter'),
    search: (u) => [u.mentee_id, u.mentee_name, u.reason, u.detail],
  });
}

/** The summary figures and the histogram. */
export function renderSummary(outcome, milliseconds) {
  const { summary } = outcome;
  const stats = summary.score;
  const items = [
    ['Matched', `${summary.matched} of ${summary.mentees}`],
    ['Mentors used', `${summary.mentors_used} of ${summary.mentors}`],
    ['Mean score', stats ? stats.mean.toFixed(2) : '—'],
    ['Median score', stats ? stats.median.toFixed(2) : '—'],
    ['Lowest score', stats ? stats.min.toFixed(2) : '—'],
    ['Optimality gap', summary.gap === 0 ? '0 · optimal' : summary.gap.toFixed(2)],
    ...['skills', 'goals', 'values', 'diversity'].map((c) => [`Mean ${c}`, score(summary.criteria[c])]),
    ['Time', `${Math.round(milliseconds)} ms`],
  ];
  byId('summary').replaceChildren(...items.map(([term, value]) =>
    h('div', {}, h('dt', {}, term), h('dd', {}, value))));
  renderHistogram(byId('histogram'), outcome.matches.map((m) => m.score));
}

/** A problem's file, and in a workbook its sheet and cell as a formula names them: `mentees.xlsx:Sheet1!C14`. */
function fileOf({ file, sheet, cell }) {
  if (!sheet) return file;
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${file}:${name}${cell ? `!${cell}` : ''}`;
}

/** The columns of a table of located problems: file, row, column, message and hint. */
export const PROBLEM_COLUMNS = [
  { label: 'File', key: (d) => d.file, cell: fileOf },
  { label: 'Row', numeric: true, key: (d) => d.row ?? null, cell: (d) => d.row ?? '' },
  { label: 'Column', key: (d) => d.column ?? null, cell: (d) => d.column ?? '' },
  { label: 'Problem', key: (d) => d.message, cell: (d) => [d.message, d.hint && h('small', { class: 'hint' }, d.hint)] },
];

/** The problems table, a page at a time: made on first use. */
let problemsTable = null;

/**
 * Lists roster problems (diagnostics), or a single error without a location
 * such as a config problem. Hides the section when there is nothing to fix.
 */
export function renderProblems(diagnostics, error = null) {
  const section = byId('problems');
  section.hidden = diagnostics.length === 0 && !error;
  const one = diagnostics.length === 1;
  byId('problems-summary').textContent = error && diagnostics.length === 0
    ? error.message
    : `${diagnostics.length} ${one ? 'problem' : 'problems'} in the rosters: fix ${one ? 'it' : 'them'} and load the file again.`;
  byId('problems-list').hidden = diagnostics.length === 0;
  problemsTable ??= new PagedTable(byId('problems-table'), {
    caption: 'Problems',
    columns: PROBLEM_COLUMNS,
  });
  problemsTable.show(diagnostics);
}
