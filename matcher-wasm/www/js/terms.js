// The settings' vocabulary: one line per canonical term and its aliases,
// `javascript = js, ecmascript` (or, as the vocabulary panel and the TOML
// config write it, `"javascript" = ["js", "ecmascript"]`). A line that does
// not read marks the field invalid, so the form cannot be submitted with it.

import { byId } from './dom.js';

const field = byId('vocabulary-terms');

/** `"text"` without its quotes, trimmed. */
const unquote = (text) => text.trim().replace(/^"(.*)"$/, '$1').trim();

/** One line as `[term, aliases]`; throws an `Error` saying how to write it. */
function parseLine(line, number) {
  const at = line.indexOf('=');
  const term = at > 0 ? unquote(line.slice(0, at)) : '';
  const rest = line.slice(at + 1).trim();
  let aliases;
  try {
    aliases = rest.startsWith('[') ? JSON.parse(rest) : rest.split(',').map(unquote);
  } catch {
    aliases = null;
  }
  if (!term || !Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || !a.trim())) {
    throw new Error(`line ${number}: write a term and its aliases, e.g. javascript = js, ecmascript`);
  }
  return [term, aliases.map((a) => a.trim())];
}

/** The terms of `text` as the config's `vocabulary` (a map without a prototype); `skip(error)` for each line that does not read. */
function parse(text, skip) {
  const terms = Object.create(null);
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      const [term, aliases] = parseLine(line, i + 1);
      terms[term] = [...(terms[term] ?? []), ...aliases];
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

/** Writes a config's `vocabulary` into the field. */
export function applyVocabulary(vocabulary = {}) {
  field.value = Object.entries(vocabulary).map(([term, aliases]) => `${term} = ${aliases.join(', ')}`).join('\n');
  check();
}

/** Adds one line (as the vocabulary panel suggests it) to the field. */
export function addVocabularyLine(line) {
  field.value = `${field.value.trimEnd()}${field.value.trim() ? '\n' : ''}${line}`;
  check();
}
