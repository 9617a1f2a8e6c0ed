// The settings form: weights, per-attribute diversity preferences, rules and
// numeric limits, minimum score and objective (and the column mapping step's
// choices, columns.js). Reads into and fills from a
// config object of the same shape as the CLI's TOML config.

import { applyColumns, readColumns } from './columns.js';
import { byId, h, idPart, own } from './dom.js';
import { applyVocabulary, readVocabulary } from './terms.js';

const CRITERIA = [
  ['skills', 'Skills', 'skills the mentee wants that the mentor offers'],
  ['goals', 'Goals', 'goals the mentor can help with'],
  ['values', 'Values', 'values both hold'],
  ['diversity', 'Diversity', 'background attributes, by the preferences below'],
  ['pair_score', 'Pair scores', 'your own scores, for the pairs the pair scores file lists'],
];

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
      slider.value = weights[key];
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

/** One row of the attributes table. */
function attributeRow(name) {
  const id = (part) => `attr-${part}-${idPart(name)}`;
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
  h('option', { value: 'same' }, 'Same'));
  const rule = h('select', { id: id('rule'), 'aria-label': `${name} rule` },
    h('option', { value: 'none' }, 'None'),
    h('option', { value: 'different' }, 'Must differ'),
    h('option', { value: 'same' }, 'Must match'));
  const [max, min] = NUMERIC_RULES.map((numeric) => limitInput(name, id(numeric[1]), numeric));
  return h('tr', { 'data-attribute': name },
    h('th', { scope: 'row' }, name), h('td', {}, prefer), h('td', {}, weight), h('td', {}, rule),
    h('td', {}, max), h('td', {}, min));
}

/** A row's controls, in column order. */
function controls(row) {
  const [prefer, weight, rule, max_difference, min_difference] = row.querySelectorAll('select, input');
  return { prefer, weight, rule, max_difference, min_difference };
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
  byId('attributes').hidden = names.length === 0;
  byId('numeric-help').hidden = names.length === 0;
  byId('attributes-help').hidden = names.length > 0;
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
  const requireDifferent = [];
  const requireSame = [];
  const limits = Object.fromEntries(NUMERIC_RULES.map(([key]) => [key, Object.create(null)]));
  for (const [name, row] of rows()) {
    const { prefer, weight, rule, ...numeric } = controls(row);
    if (prefer.value !== 'ignore') diversity[name] = { prefer: prefer.value, weight: Number(weight.value) };
    if (rule.value === 'different') requireDifferent.push(name);
    if (rule.value === 'same') requireSame.push(name);
    for (const [key] of NUMERIC_RULES) {
      // Empty: no rule on this attribute. (The browser refuses to submit text that is no number.)
      if (numeric[key].value !== '') limits[key][name] = Number(numeric[key].value);
    }
  }
  return {
    weights,
    diversity,
    constraints: {
      min_score: Number(byId('min-score').value),
      require_different: requireDifferent,
      require_same: requireSame,
      ...limits,
    },
    solver: { objective: byId('objective').value },
    vocabulary: readVocabulary(),
    columns: readColumns(),
  };
}

/** Fills the form from a config object; keys it leaves out keep their value. */
export function applyConfig(config) {
  for (const [key, value] of Object.entries(config.weights ?? {})) {
    form.elements[key].value = value;
    form.elements[key].dispatchEvent(new Event('input'));
  }
  const diversity = config.diversity ?? {};
  const constraints = config.constraints ?? {};
  const { min_score: minScore, require_different: different = [], require_same: same = [] } = constraints;
  const limits = Object.fromEntries(NUMERIC_RULES.map(([key]) => [key, constraints[key] ?? {}]));
  setAttributes([
    ...rows().keys(), ...Object.keys(diversity), ...different, ...same,
    ...Object.values(limits).flatMap(Object.keys),
  ]);
  // Own keys only: an attribute named `constructor` is not Object's.
  for (const [name, row] of rows()) {
    const { prefer, weight, rule, ...numeric } = controls(row);
    for (const [key] of NUMERIC_RULES) numeric[key].value = own(limits[key], name) ?? '';
    const entry = own(diversity, name);
    prefer.value = typeof entry === 'string' ? entry : (entry?.prefer ?? 'ignore');
    weight.value = typeof entry === 'object' ? (entry?.weight ?? 1) : 1;
    weight.disabled = prefer.value === 'ignore';
    rule.value = different.includes(name) ? 'different' : same.includes(name) ? 'same' : 'none';
  }
  if (minScore !== undefined) byId('min-score').value = minScore;
  if (config.solver?.objective) byId('objective').value = config.solver.objective;
  if (config.vocabulary) applyVocabulary(config.vocabulary);
  if (config.columns) applyColumns(config.columns);
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
