// The rosters' vocabulary, shown once both rosters read cleanly: what mentees
// want that no mentor offers, and spellings that are likely one term, each
// with the rows to look at and the config line that merges them.

import { byId, h } from './dom.js';

/** "mentees.csv rows 4, 17" for one side of a term's use, or null. */
function rowsOf(file, rows) {
  if (rows.length === 0) return null;
  const shown = rows.slice(0, 8).join(', ') + (rows.length > 8 ? ', …' : '');
  return `${file} row${rows.length === 1 ? '' : 's'} ${shown}`;
}

/** One term with where it is used. */
function use(term) {
  const where = [rowsOf('mentors.csv', term.mentor_rows), rowsOf('mentees.csv', term.mentee_rows)].filter(Boolean);
  return h('li', {}, h('strong', {}, term.term), ` (${term.list}): ${where.join('; ')}`);
}

const WHY = {
  punctuation: 'equal without punctuation',
  near_miss: 'one letter apart',
};

/**
 * Renders `report` (from `vocabularyReport`) into `#vocabulary`, or hides it
 * when `report` is null. Spellings matching already reads as one term are
 * left out: there is nothing to fix. Each group's button hands its
 * vocabulary line to `add`.
 */
export function renderVocabulary(report, add) {
  const section = byId('vocabulary');
  const groups = report?.likely_one_term.filter((g) => g.likeness !== 'same_term') ?? [];
  section.hidden = !report || (report.unmet.length === 0 && groups.length === 0);
  if (section.hidden) return;
  byId('vocabulary-summary').textContent =
    `Vocabulary: ${report.unmet.length} wanted by mentees that no mentor offers, ${groups.length} likely misspelled`;
  byId('vocabulary-unmet').replaceChildren(...report.unmet.map(use));
  byId('vocabulary-likely').replaceChildren(...groups.map((group) => h('li', {},
    `${WHY[group.likeness]}: `,
    h('ul', {}, group.spellings.map(use)),
    'To make them one term: ', h('code', {}, group.vocabulary), ' ',
    h('button', { type: 'button', onclick: () => add(group.vocabulary) }, 'Add to the vocabulary'))));
}
