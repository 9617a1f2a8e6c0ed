// The settings form: weights, per-attribute diversity preferences and rules,
// minimum score and objective. Reads into and fills from a config object of
// the same shape as the CLI's TOML config.

import { byId, h } from './dom.js';

const CRITERIA = [
  ['skills', 'Skills', 'skills the mentee wants that the mentor offers'],
  ['goals', 'Goals', 'goals the mentor can help with'],
  ['values', 'Values', 'values both hold'],
  ['diversity', 'Diversity', 'background attributes, by the preferences below'],
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

/** One row of the attributes table. */
function attributeRow(name) {
  const id = (part) => `attr-${part}-${name.replace(/[^a-z0-9]+/gi, '-')}`;
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
  return h('tr', { 'data-attribute': name },
    h('th', { scope: 'row' }, name), h('td', {}, prefer), h('td', {}, weight), h('td', {}, rule));
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
  byId('attributes-help').hidden = names.length > 0;
}

/** The config the form describes. */
export function readConfig() {
  const weights = Object.fromEntries(
    CRITERIA.map(([key]) => [key, Number(form.elements[key].value)]),
  );
  const diversity = {};
  const requireDifferent = [];
  const requireSame = [];
  for (const [name, row] of rows()) {
    const [prefer, weight, rule] = row.querySelectorAll('select, input');
    if (prefer.value !== 'ignore') diversity[name] = { prefer: prefer.value, weight: Number(weight.value) };
    if (rule.value === 'different') requireDifferent.push(name);
    if (rule.value === 'same') requireSame.push(name);
  }
  return {
    weights,
    diversity,
    constraints: {
      min_score: Number(byId('min-score').value),
      require_different: requireDifferent,
      require_same: requireSame,
    },
    solver: { objective: byId('objective').value },
  };
}

/** Fills the form from a config object; keys it leaves out keep their value. */
export function applyConfig(config) {
  for (const [key, value] of Object.entries(config.weights ?? {})) {
    form.elements[key].value = value;
    form.elements[key].dispatchEvent(new Event('input'));
  }
  const diversity = config.diversity ?? {};
  const { min_score: minScore, require_different: different = [], require_same: same = [] } =
    config.constraints ?? {};
  setAttributes([...rows().keys(), ...Object.keys(diversity), ...different, ...same]);
  for (const [name, row] of rows()) {
    const [prefer, weight, rule] = row.querySelectorAll('select, input');
    const entry = diversity[name];
    prefer.value = typeof entry === 'string' ? entry : (entry?.prefer ?? 'ignore');
    weight.value = typeof entry === 'object' ? (entry.weight ?? 1) : 1;
    weight.disabled = prefer.value === 'ignore';
    rule.value = different.includes(name) ? 'different' : same.includes(name) ? 'same' : 'none';
  }
  if (minScore !== undefined) byId('min-score').value = minScore;
  if (config.solver?.objective) byId('objective').value = config.solver.objective;
}
