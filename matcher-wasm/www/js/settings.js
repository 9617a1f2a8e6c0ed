// The settings form: weights, per-attribute diversity preferences, rules and
// numeric limits, availability (minimum shared hours, reference week),
// minimum score, objective, how picks count (and the column mapping step's choices,
// columns.js). Reads into and fills from a
// config object of the same shape as the CLI's TOML config; what a loaded
// config sets that no control shows is kept (kept.js).

import { applyColumns, readColumns } from './columns.js';
import { byId, h, idPart, own } from './dom.js';
import { keep, renderKept, withKept } from './kept.js';
import { applyVocabulary, readVocabulary } from './terms.js';

const CRITERIA = [
  ['skills', 'Skills', 'skills the mentee wants that the mentor offers'],
  ['goals', 'Goals', 'goals the mentor can help with'],
  ['values', 'Values', 'values both hold'],
  ['diversity', 'Diversity', 'background attributes, by the preferences below'],
  ['pair_score', 'Pair scores', 'your own scores, for the pairs the pair scores file lists'],
  ['availability', 'Availability', "share of the mentee's weekly hours the mentor is free too"],
  ['picks', 'Picks', "people's own picks and wishes, from the rosters' picks and wants columns"],
];

/** The picks weight when a config leaves it out (matcher's `DEFAULT_PICKS_WEIGHT`). */
const PICKS_WEIGHT = 0.3;

const form = byId('settings');

/** Builds the weight sliders, starting from `weights`. */
export function renderWeights(weights) {
  byId('weights').replaceChildren(
    ...CRITERIA.map(([key, label, help]) => {
      const id = `weight-${key}`;
      const output = h('output', { for: id, id: `${id}-value` });
      const slider = h('input', {
        type: 'range', id, name: key, min: 0, max: 1, step: 0.05,
        'aria-describedby': `${id}-help`,
        oninput: () => (output.value = Number(slider.value).toFixed(2)),
      });
      // A weight at its default may be left out: availability's (0) and picks' (0.3).
      slider.value = weights[key] ?? (key === 'picks' ? PICKS_WEIGHT : 0);
      output.value = Number(slider.value).toFixed(2);
      return h('div', { class: 'weight' },
        h('label', { for: id }, label), slider, output,
        h('small', { id: `${id}-help`, class: 'muted' }, help));
    }),
  );
}

/**
 * The numeric rules, one column each in the attributes table: the config key
 * under `constraints`, the part of its inputs' ids and how its limit reads.
 */
const NUMERIC_RULES = [
  ['max_difference', 'max', 'maximum difference'],
  ['min_difference', 'min', 'minimum difference'],
];

/**
 * A limit input for a numeric rule. It has no `min`: the WebAssembly API
 * checks the limit and names the key in its error, which the page shows.
 */
function limitInput(name, id, [key, , words]) {
  return h('input', {
    type: 'number', id, step: 'any', placeholder: 'none',
    'data-config-key': `constraints.${key}.${name}`,
    'aria-label': `${name} ${words}`, 'aria-describedby': 'numeric-help',
  });
}

/** The preference and rule options that compare lists (`list`) or single values (the rest). */
const LIST_CHOICES = new Set(['overlap']);
const ANY_CHOICES = new Set(['ignore', 'none']);

/**
 * Offers a row's list choices when its List box is checked and its
 * single-value ones when not, moving a choice that no longer applies to
 * Ignore (None); the numeric limits apply to single values only.
 */
function fitToKind({ list, prefer, weight, rule, ...numeric }) {
  for (const select of [prefer, rule]) {
    for (const option of select.options) {
      option.disabled = !ANY_CHOICES.has(option.value) && LIST_CHOICES.has(option.value) !== list.checked;
    }
    if (select.selectedOptions[0]?.disabled) select.value = select.options[0].value;
  }
  weight.disabled = prefer.value === 'ignore';
  for (const [key] of NUMERIC_RULES) {
    numeric[key].disabled = list.checked;
    if (list.checked) numeric[key].value = '';
  }
}

/** One row of the attributes table. */
function attributeRow(name) {
  const id = (part) => `attr-${part}-${idPart(name)}`;
  const list = h('input', {
    type: 'checkbox', id: id('list'), 'aria-label': `${name} is a list`,
    'aria-describedby': 'list-help',
    onchange: () => {
      fitToKind(controls(row));
      form.dispatchEvent(new Event('lists-change'));
    },
  });
  const weight = h('input', {
    type: 'number', id: id('weight'), min: 0, step: 0.1, value: 1, disabled: true,
    'aria-label': `${name} diversity weight`,
  });
  const prefer = h('select', {
    id: id('prefer'), 'aria-label': `${name} diversity preference`,
    onchange: () => (weight.disabled = prefer.value === 'ignore'),
  },
  h('option', { value: 'ignore' }, 'Ignore'),
  h('option', { value: 'different' }, 'Different'),
  h('option', { value: 'same' }, 'Same'),
  h('option', { value: 'overlap', disabled: true }, 'Overlap'));
  const rule = h('select', { id: id('rule'), 'aria-label': `${name} rule` },
    h('option', { value: 'none' }, 'None'),
    h('option', { value: 'different' }, 'Must differ'),
    h('option', { value: 'same' }, 'Must match'),
    h('option', { value: 'overlap', disabled: true }, 'Must share one'));
  const [max, min] = NUMERIC_RULES.map((numeric) => limitInput(name, id(numeric[1]), numeric));
  const distinct = h('input', {
    type: 'checkbox', id: id('distinct'), 'data-config-key': 'constraints.distinct',
    'aria-label': `a mentee's mentors differ on ${name}`, 'aria-describedby': 'distinct-help',
  });
  const row = h('tr', { 'data-attribute': name },
    h('th', { scope: 'row' }, name), h('td', {}, list), h('td', {}, prefer), h('td', {}, weight),
    h('td', {}, rule), h('td', {}, max), h('td', {}, min), h('td', {}, distinct));
  return row;
}

/** A row's controls, in column order. */
function controls(row) {
  const [list, prefer, weight, rule, max_difference, min_difference, distinct] = row.querySelectorAll('select, input');
  return { list, prefer, weight, rule, max_difference, min_difference, distinct };
}

/** The rows of the attributes table, by attribute name. */
function rows() {
  return new Map(
    [...byId('attributes').tBodies[0].rows].map((row) => [row.dataset.attribute, row]),
  );
}

/**
 * Lists `names` in the attributes table, keeping the choices already made for
 * attributes that stay.
 */
export function setAttributes(names) {
  const existing = rows();
  byId('attributes').tBodies[0].replaceChildren(
    ...[...new Set(names)].map((name) => existing.get(name) ?? attributeRow(name)),
  );
  for (const help of ['attributes', 'numeric-help', 'list-help', 'distinct-help']) byId(help).hidden = names.length === 0;
  byId('attributes-help').hidden = names.length > 0;
  renderKept(new Set(rows().keys()));
}

/** The config's `attributes`: those marked as lists (a map without a prototype). */
export function readListAttributes() {
  const attributes = Object.create(null);
  for (const [name, row] of rows()) {
    if (controls(row).list.checked) attributes[name] = { list: true };
  }
  return attributes;
}

/**
 * The config the form describes. Maps keyed by attribute name have no
 * prototype, so that `__proto__` or `constructor` is a key like any other.
 */
export function readConfig() {
  const weights = Object.fromEntries(
    CRITERIA.map(([key]) => [key, Number(form.elements[key].value)]),
  );
  const diversity = Object.create(null);
  const required = { different: [], same: [], overlap: [] };
  const distinct = [];
  const limits = Object.fromEntries(NUMERIC_RULES.map(([key]) => [key, Object.create(null)]));
  const shown = rows();
  for (const [name, row] of shown) {
    const { prefer, weight, rule, distinct: differ, ...numeric } = controls(row);
    if (prefer.value !== 'ignore') diversity[name] = { prefer: prefer.value, weight: Number(weight.value) };
    required[rule.value]?.push(name);
    if (differ.checked) distinct.push(name);
    for (const [key] of NUMERIC_RULES) {
      // Empty: no rule on this attribute. (The browser refuses to submit text that is no number.)
      if (numeric[key].value !== '') limits[key][name] = Number(numeric[key].value);
    }
  }
  return withKept({
    weights,
    diversity,
    attributes: readListAttributes(),
    constraints: {
      min_score: Number(byId('min-score').value),
      require_different: required.different,
      require_same: required.same,
      require_overlap: required.overlap,
      ...limits,
      min_overlap_hours: Number(byId('min-overlap-hours').value),
      distinct,
      min_load_or_none: byId('min-load-or-none').checked,
    },
    ...(byId('reference-week').value && { availability: { week: byId('reference-week').value } }),
    solver: { objective: byId('objective').value },
    preferences: { mode: byId('pick-mode').value },
    skills: { related: Number(byId('related-credit').value) },
    vocabulary: readVocabulary(),
    columns: readColumns(),
  }, new Set(shown.keys()));
}

/**
 * Fills the form from a config object; keys it leaves out keep their value,
 * and those no control shows are kept as they are (kept.js).
 */
export function applyConfig(config) {
  keep(config);
  for (const [key, value] of Object.entries(config.weights ?? {})) {
    form.elements[key].value = value;
    form.elements[key].dispatchEvent(new Event('input'));
  }
  const diversity = config.diversity ?? {};
  const constraints = config.constraints ?? {};
  const {
    min_score: minScore, require_different: different = [], require_same: same = [], require_overlap: overlap = [],
    distinct = [],
  } = constraints;
  const attributes = config.attributes ?? {};
  const limits = Object.fromEntries(NUMERIC_RULES.map(([key]) => [key, constraints[key] ?? {}]));
  setAttributes([
    ...rows().keys(), ...Object.keys(diversity), ...different, ...same, ...overlap,
    ...distinct, ...Object.keys(attributes), ...Object.values(limits).flatMap(Object.keys),
  ]);
  // Own keys only: an attribute named `constructor` is not Object's.
  for (const [name, row] of rows()) {
    const rowControls = controls(row);
    const { list, prefer, weight, rule, distinct: differ, ...numeric } = rowControls;
    list.checked = own(attributes, name)?.list === true;
    differ.checked = distinct.includes(name);
    fitToKind(rowControls);
    for (const [key] of NUMERIC_RULES) numeric[key].value = own(limits[key], name) ?? '';
    const entry = own(diversity, name);
    prefer.value = typeof entry === 'string' ? entry : (entry?.prefer ?? 'ignore');
    weight.value = typeof entry === 'object' ? (entry?.weight ?? 1) : 1;
    weight.disabled = prefer.value === 'ignore';
    rule.value = different.includes(name) ? 'different'
      : same.includes(name) ? 'same' : overlap.includes(name) ? 'overlap' : 'none';
  }
  if (minScore !== undefined) byId('min-score').value = minScore;
  if (config.skills?.related !== undefined) byId('related-credit').value = config.skills.related;
  if (constraints.min_overlap_hours !== undefined) byId('min-overlap-hours').value = constraints.min_overlap_hours;
  if (constraints.min_load_or_none !== undefined) byId('min-load-or-none').checked = constraints.min_load_or_none;
  if (config.availability?.week) byId('reference-week').value = config.availability.week;
  if (config.solver?.objective) byId('objective').value = config.solver.objective;
  if (config.preferences?.mode) byId('pick-mode').value = config.preferences.mode;
  if (config.vocabulary) applyVocabulary(config.vocabulary);
  if (config.columns) applyColumns(config.columns);
  renderKept(new Set(rows().keys()));
}

/**
 * Marks the control of the config key `key` (as a WebAssembly config error
 * names it) invalid and returns it; clears every other mark. `null` only clears.
 */
export function markInvalid(key) {
  let marked = null;
  for (const control of form.querySelectorAll('[data-config-key]')) {
    if (control.dataset.configKey === key) {
      control.setAttribute('aria-invalid', 'true');
      marked = control;
    } else {
      control.removeAttribute('aria-invalid');
    }
  }
  return marked;
}
