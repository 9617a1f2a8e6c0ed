// The column mapping step: every header of the loaded rosters with what it is
// read as (a role, or a background attribute) and, for a list column, its
// item separator. Choices become the config's `columns` (the CLI's
// `[columns]`), so they are checked at once and saved in the downloaded
// config; a loaded config's `columns` fills them in again.

import { byId, h, idPart } from './dom.js';

/** The roles a column can take on each side (as `roster/header.rs` reads them). */
const ROLES = {
  mentor: ['id', 'name', 'capacity', 'skills', 'values', 'goals', 'exclude'],
  mentee: ['id', 'name', 'priority', 'skills', 'values', 'goals', 'exclude'],
};
/** Roles whose cells are lists of items. */
const LISTS = ['skills', 'values', 'goals', 'exclude'];
/** The attributes the settings mark as lists: their columns take a separator too. */
let listAttributes = new Set();
/** Whether a column read as `role` takes a separator: a list role or a list attribute. */
const separated = (role) => LISTS.includes(role)
  || (role.startsWith('attribute:') && listAttributes.has(role.slice('attribute:'.length)));
/** Item separators to choose from; the first is the default. */
const SEPARATORS = [[';', 'semicolon ;'], [',', 'comma ,']];
/** Each side's roster file name, as diagnostics name it. */
const FILES = { mentor: 'mentors.csv', mentee: 'mentees.csv' };
/** Column problems the step shows beside the column. */
const SHOWN = new Set(['comma_separated_list', 'duplicate_column']);

/** The `[columns]` rules: header as written → `{ role?, separator? }`. */
let rules = Object.create(null);

/** A header as the core compares it: trimmed, lower-cased, inner whitespace collapsed. */
const normalize = (text) => text.trim().split(/\s+/).filter(Boolean).join(' ').toLowerCase();

/** The config's `columns`: the rules chosen (or loaded) so far. */
export function readColumns() {
  const columns = Object.create(null);
  for (const [header, rule] of Object.entries(rules)) columns[header] = { ...rule };
  return columns;
}

/** Takes a loaded config's `columns` (`"skills"` or `{ role, separator }` per header) as the rules. */
export function applyColumns(columns = {}) {
  rules = Object.create(null);
  for (const [header, rule] of Object.entries(columns)) {
    rules[header] = typeof rule === 'string' ? { role: rule } : { ...rule };
  }
}

/** Sets the rule of the column `reading` from the role and separator chosen; the header's own reading needs none. */
function choose(reading, side, role, separator) {
  for (const header of Object.keys(rules)) {
    if (normalize(header) === reading.name) delete rules[header];
  }
  const own = ROLES[side].includes(reading.name) ? reading.name : `attribute:${reading.name}`;
  const rule = {};
  if (role !== own) rule.role = role.replace(/^attribute:/, '');
  if (separated(role) && separator !== SEPARATORS[0][0]) rule.separator = separator;
  if (Object.keys(rule).length > 0) rules[reading.header] = rule;
}

/** The role options for `reading` on `side`: the roles, and the column as an attribute. */
function roleOptions(reading, side) {
  const options = ROLES[side].map((role) => [role, role]);
  if (!ROLES[side].includes(reading.name)) options.push([`attribute:${reading.name}`, 'attribute (keep as is)']);
  if (reading.attribute && reading.role !== reading.name) {
    options.push([`attribute:${reading.role}`, `attribute “${reading.role}”`]);
  }
  return options;
}

/** One column's row: header, role picker, separator picker and what the check found. */
function columnRow(reading, side, problems, onChange) {
  const id = (part) => `column-${part}-${side}-${idPart(reading.name)}`;
  const label = `“${reading.header}” (${FILES[side]})`;
  const role = h('select', { id: id('role'), 'aria-label': `${label}: read as`, 'aria-describedby': id('check') },
    roleOptions(reading, side).map(([value, text]) => h('option', { value }, text)));
  role.value = reading.attribute ? `attribute:${reading.role}` : reading.role;
  const separator = h('select', { id: id('separator'), 'aria-label': `${label}: list separator`, 'aria-describedby': id('check') },
    SEPARATORS.map(([value, text]) => h('option', { value }, text)));
  separator.value = reading.separator ?? SEPARATORS[0][0];
  separator.disabled = !separated(role.value);
  const change = () => {
    choose(reading, side, role.value, separator.value);
    onChange();
  };
  role.addEventListener('change', change);
  separator.addEventListener('change', change);
  const found = problems.filter((d) => d.file === FILES[side] && d.column === reading.name && SHOWN.has(d.code));
  const check = h('td', { id: id('check') },
    found.map((d) => h('span', { class: 'column-problem', 'data-code': d.code, 'data-row': d.row ?? '' },
      `row ${d.row}: ${d.message}`)));
  return h('tr', { 'data-column': reading.name, class: found.length > 0 ? 'flagged' : null },
    h('th', { scope: 'row' }, reading.header), h('td', {}, role), h('td', {}, separator), check);
}

/** One roster's table of columns. */
function columnTable(readings, side, problems, onChange) {
  return h('table', { class: 'columns', id: `columns-${side}` },
    h('caption', {}, `${FILES[side]}: ${readings.columns.length} columns`),
    h('thead', {}, h('tr', {},
      ['Column', 'Read as', 'List separator', 'Check'].map((title) => h('th', { scope: 'col' }, title)))),
    h('tbody', {}, readings.columns.map((reading) => columnRow(reading, side, problems, onChange))));
}

/**
 * Shows each loaded roster's columns (`readings` by side: `rosterColumns`
 * results, or null) with the column problems among `problems`; `onChange()`
 * runs after every choice; the columns of the attributes named in `lists`
 * take a separator. The control that had the focus has it again.
 */
export function renderColumns(readings, problems, onChange, lists = []) {
  listAttributes = new Set(lists);
  const section = byId('columns');
  const focused = section.contains(document.activeElement) ? document.activeElement.id : null;
  const sides = Object.entries(readings).filter(([, r]) => r);
  section.hidden = sides.length === 0;
  byId('columns-tables').replaceChildren(
    ...sides.map(([side, r]) => columnTable(r, side, problems, onChange)));
  const flagged = section.querySelectorAll('tr.flagged').length;
  byId('columns-summary').textContent = flagged === 0
    ? 'Columns'
    : `Columns: ${flagged} to check`;
  if (flagged > 0) section.open = true;
  if (focused) byId(focused)?.focus();
}
