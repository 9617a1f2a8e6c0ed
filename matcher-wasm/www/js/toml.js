// A config object written as TOML, the way the CLI reads `config.toml`:
// top-level keys holding objects become sections, nested objects inline
// tables. Keys that are not bare words are quoted; null and undefined are
// left out (TOML has no null).

/** A key, quoted unless it is a bare word. */
const key = (name) => (/^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name));

/** Whether `value` is written at all. */
const present = (value) => value !== null && value !== undefined;

/**
 * One value. JSON's string escapes are all TOML basic-string escapes, and
 * JavaScript writes finite numbers as TOML reads them.
 */
function value(v) {
  if (Array.isArray(v)) return `[${v.filter(present).map(value).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v).filter(([, x]) => present(x));
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${key(k)} = ${value(x)}`).join(', ')} }`;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`cannot write ${v} in a config`);
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** `config` as TOML text, after a `# comment` line. */
export function toToml(config, comment) {
  const lines = [`# ${comment}`];
  const sections = [];
  for (const [name, v] of Object.entries(config)) {
    if (!present(v)) continue;
    if (typeof v === 'object' && !Array.isArray(v)) sections.push([name, v]);
    else lines.push(`${key(name)} = ${value(v)}`);
  }
  for (const [name, table] of sections) {
    lines.push('', `[${key(name)}]`);
    for (const [k, v] of Object.entries(table)) if (present(v)) lines.push(`${key(k)} = ${value(v)}`);
  }
  return `${lines.join('\n')}\n`;
}
