// The settings' vocabulary: one line per canonical term and its aliases,
// `javascript = js, ecmascript` (or, as the vocabulary panel and the TOML
// config write it, `"javascript" = ["js", "ecmascript"]`), and optionally its
// parent after a `;`: `rust = rs; parent: programming`, or without aliases
// `c++; parent: programming`. A line that does not read marks the field
// invalid, so the form cannot be submitted with it.

import { byId } from './dom.js';

const field = byId('vocabulary-terms');

/** `"text"` without its quotes, trimmed. */
const unquote = (text) => text.trim().replace(/^"(.*)"$/, '$1').trim();

/** A line's trailing `; parent: term`, if it has one: `[the rest, the parent]`. */
function splitParent(line) {
  const match = /^(.*);\s*parent\s*:(.*)$/i.exec(line);
  return match ? [match[1], unquote(match[2])] : [line, null];
}

/** One line as `[term, aliases, parent]`; throws an `Error` saying how to write it. */
function parseLine(line, number) {
  const [head, parent] = splitParent(line);
  const at = head.indexOf('=');
  const term = unquote(at >= 0 ? head.slice(0, at) : head);
  const rest = at >= 0 ? head.slice(at + 1).trim() : '';
  let aliases;
  try {
    if (rest.startsWith('[')) aliases = JSON.parse(rest);
    else aliases = rest === '' && parent !== null ? [] : rest.split(',').map(unquote);
  } catch {
    aliases = null;
  }
  if (!term || (at < 0 && parent === null) || parent === ''
    || !Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || !a.trim())) {
    throw new Error(`line ${number}: write a term and its aliases, e.g. javascript = js, ecmascript`
      + ' (and its parent after a semicolon: rust = rs; parent: programming)');
  }
  return [term, aliases.map((a) => a.trim()), parent];
}

/** The terms of `text` as the config's `vocabulary` (a map without a prototype); `skip(error)` for each line that does not read. */
function parse(text, skip) {
  const terms = Object.create(null);
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const [term, aliases, parent] = parseLine(line, i + 1);
      const known = terms[term];
      const all = [...(Array.isArray(known) ? known : known?.aliases ?? []), ...aliases];
      const parentOf = parent ?? (Array.isArray(known) ? null : known?.parent ?? null);
      terms[term] = parentOf === null ? all : { aliases: all, parent: parentOf };
    } catch (error) {
      skip(error);
    }
  });
  return terms;
}

/** Marks the field invalid, with the first problem, while a line does not read. */
function check() {
  let problem = '';
  parse(field.value, (error) => {
    problem ||= error.message;
  });
  field.setCustomValidity(problem);
}
field.addEventListener('input', check);

/** The vocabulary the field holds; a line that does not read is left out (the form is invalid meanwhile). */
export const readVocabulary = () => parse(field.value, () => {});

/** One entry of a config's `vocabulary` as a line of the field. */
function line(term, entry) {
  const aliases = Array.isArray(entry) ? entry : entry.aliases ?? [];
  const head = aliases.length > 0 || Array.isArray(entry) ? `${term} = ${aliases.join(', ')}` : term;
  return Array.isArray(entry) || entry.parent === undefined ? head : `${head}; parent: ${entry.parent}`;
}

/** Writes a config's `vocabulary` into the field. */
export function applyVocabulary(vocabulary = {}) {
  field.value = Object.entries(vocabulary).map(([term, entry]) => line(term, entry)).join('\n');
  check();
}

/** Adds one line (as the vocabulary panel suggests it) to the field. */
export function addVocabularyLine(line) {
  field.value = `${field.value.trimEnd()}${field.value.trim() ? '\n' : ''}${line}`;
  check();
}
