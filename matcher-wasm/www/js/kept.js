// What a loaded config sets that the settings form has no control for: the
// solver's thread count and memory, and rules on attributes without a row in
// the attributes table (no column of the loaded rosters). Nothing is dropped:
// these are kept as loaded, passed on with the form's config and written into
// the downloaded one, and listed under the settings so none applies unseen.

import { byId } from './dom.js';

/** Config sections keyed by attribute name, as key paths. */
const BY_ATTRIBUTE = [['diversity'], ['attributes'], ['constraints', 'max_difference'], ['constraints', 'min_difference']];
/** Constraints that list attribute names. */
const NAMES = ['require_different', 'require_same', 'require_overlap', 'distinct'];

/** The defaults (`defaultConfig()`), to tell a solver key set on purpose from its default. */
let defaults = { solver: {} };
/** The config last loaded, its solver keys gathered over every load. */
let loaded = { solver: {} };

/** The value at `path` of `config`, or undefined. */
const at = (config, path) => path.reduce((part, key) => part?.[key], config);

/** Sets the defaults the solver keys are compared with. */
export function setDefaults(config) {
  defaults = config;
}

/**
 * Remembers a config loaded into the form. Its attribute rules replace the
 * kept ones, as they replace the table's; solver keys it leaves out keep
 * their value.
 */
export function keep(config) {
  loaded = { ...config, solver: { ...loaded.solver, ...config.solver } };
}

/**
 * `config` (the form's, whose attribute maps have no prototype) with the kept
 * settings added: the solver's threads and memory, and the loaded rules on
 * attributes that `shown` (a Set of the table's attribute names) lacks.
 */
export function withKept(config, shown) {
  for (const path of BY_ATTRIBUTE) {
    const into = at(config, path);
    for (const [name, rule] of Object.entries(at(loaded, path) ?? {})) {
      if (!shown.has(name)) into[name] = rule;
    }
  }
  for (const key of NAMES) {
    config.constraints[key].push(...(loaded.constraints?.[key] ?? []).filter((name) => !shown.has(name)));
  }
  for (const key of ['threads', 'max_memory']) {
    if (loaded.solver[key] !== undefined) config.solver[key] = loaded.solver[key];
  }
  return config;
}

/** The kept settings that differ from no setting at all, as lines for the admin. */
function keptLines(shown) {
  const lines = [];
  if (loaded.solver.threads) {
    lines.push(`solver.threads = ${loaded.solver.threads}: not applied here (the page uses the browser's cores); kept in the downloaded config.`);
  }
  const memory = loaded.solver.max_memory;
  if (memory !== undefined && memory !== defaults.solver.max_memory) {
    lines.push(`solver.max_memory = ${memory}: applied, and kept in the downloaded config.`);
  }
  const hidden = new Set();
  for (const path of BY_ATTRIBUTE) {
    for (const name of Object.keys(at(loaded, path) ?? {})) if (!shown.has(name)) hidden.add(`${path.join('.')}.${name}`);
  }
  for (const key of NAMES) {
    for (const name of loaded.constraints?.[key] ?? []) if (!shown.has(name)) hidden.add(`constraints.${key}: ${name}`);
  }
  if (hidden.size > 0) {
    lines.push(`On attributes the rosters have no column for, applied as loaded and kept: ${[...hidden].join('; ')}.`);
  }
  return lines;
}

/** Lists the kept settings under the config buttons (hidden when there are none). */
export function renderKept(shown) {
  const note = byId('kept-note');
  const lines = keptLines(shown);
  note.hidden = lines.length === 0;
  note.textContent = lines.length === 0 ? '' : `From the loaded config, with no control on this page: ${lines.join(' ')}`;
}
