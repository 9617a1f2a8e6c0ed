// Rendering a run: the summary, the sortable and filterable matches table, the
// unmatched mentees, and roster problems.

import { byId, h } from './dom.js';
import { renderHistogram } from './histogram.js';
import { DECISIONS } from './review.js';

const score = (value) => (value === null ? '—' : value.toFixed(2));

/** A person cell: the name, with the id beneath it. */
const person = (name, id) => [h('span', { class: 'name' }, name || id), h('small', {}, id)];

/** The matches table's columns: how to sort by them and how to show a cell. */
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

/** Orders nulls (criteria that do not apply) last in either direction. */
function compare(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return typeof a === 'number' ? a - b : a.localeCompare(b);
}

/**
 * The matches table: click (or press Enter on) a heading to sort by it. The
 * last column holds each pair's decision in `review`; `onDecision` runs after
 * one changes.
 */
export class MatchesTable {
  #table = byId('matches');
  #columns;
  #matches = [];
  #sort = { column: -1, descending: false };
  #filter = '';
  #review;

  constructor(review, onDecision) {
    const decision = (m) => h('select', {
      'data-mentee': m.mentee_id,
      'aria-label': `Decision on ${m.mentee_name || m.mentee_id} with ${m.mentor_name || m.mentor_id}`,
      onchange: (event) => {
        review.decide(m, event.target.value);
        event.target.closest('tr').className = `decision-${event.target.value}`;
        onDecision();
      },
    }, DECISIONS.map(([value, label]) =>
      h('option', { value, selected: review.decisionOf(m) === value }, label)));
    this.#columns = [
      ...DATA_COLUMNS,
      { label: 'Decision', key: (m) => review.decisionOf(m), cell: decision },
    ];
    this.#review = review;
    this.#table.tHead.replaceChildren(h('tr', {}, this.#columns.map((column, i) =>
      h('th', { scope: 'col', class: column.numeric ? 'num' : null },
        h('button', { type: 'button', onclick: () => this.sortBy(i) }, column.label)))));
    byId('filter').addEventListener('input', (event) => {
      this.#filter = event.target.value.trim().toLowerCase();
      this.#render();
    });
  }

  /** Shows `matches` in input order. */
  show(matches) {
    this.#matches = matches;
    this.#sort = { column: -1, descending: false };
    this.#render();
  }

  /** Shows the same matches again, after decisions changed elsewhere. */
  refresh() {
    this.#render();
  }

  /** Sorts by a column; again on the same column reverses. Numbers start highest first. */
  sortBy(column) {
    const same = this.#sort.column === column;
    this.#sort = { column, descending: same ? !this.#sort.descending : !!this.#columns[column].numeric };
    this.#render();
  }

  #render() {
    const { column, descending } = this.#sort;
    [...this.#table.tHead.rows[0].cells].forEach((th, i) => {
      if (i === column) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    let rows = this.#matches;
    if (this.#filter) {
      rows = rows.filter((m) => [m.mentee_id, m.mentee_name, m.mentor_id, m.mentor_name, m.reason]
        .some((text) => text.toLowerCase().includes(this.#filter)));
    }
    if (column >= 0) {
      const key = this.#columns[column].key;
      rows = rows.map((m, i) => [key(m), i, m])
        .sort(([a, i], [b, j]) => (descending && a !== null && b !== null ? -compare(a, b) : compare(a, b)) || i - j)
        .map(([, , m]) => m);
    }
    this.#table.tBodies[0].replaceChildren(...rows.map((m) =>
      h('tr', { class: `decision-${this.#review.decisionOf(m)}` },
        this.#columns.map((c) => h('td', { class: c.numeric ? 'num' : null }, c.cell(m))))));
  }
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

/** The unmatched mentees, with their reasons. */
export function renderUnmatched(unmatched) {
  byId('unmatched-section').hidden = unmatched.length === 0;
  byId('unmatched').tBodies[0].replaceChildren(...unmatched.map((u) => h('tr', {},
    h('td', {}, person(u.mentee_name, u.mentee_id)),
    h('td', {}, h('code', {}, u.reason)),
    h('td', {}, u.detail))));
}

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
  byId('problems-table').hidden = diagnostics.length === 0;
  byId('problems-table').tBodies[0].replaceChildren(...diagnostics.map((d) => h('tr', {},
    h('td', {}, d.file),
    h('td', { class: 'num' }, d.row ?? ''),
    h('td', {}, d.column ?? ''),
    h('td', {}, d.message, d.hint && h('small', { class: 'hint' }, d.hint)))));
}
