// Suggested mentors (`RemoteMatcher.suggest`): every mentee's best mentors,
// one row per mentee and rank as `matcher suggest` lists them, as a paged
// table and as the CLI's CSV.

import { csv } from './csv.js';
import { byId, h } from './dom.js';
import { PagedTable } from './paged-table.js';

/** How many mentors per mentee the CLI suggests unless told (`matcher suggest --top`). */
export const DEFAULT_TOP = 3;

/** The CLI's suggestions CSV header. */
const HEADER = ['mentee_id', 'mentee_name', 'rank', 'mentor_id', 'mentor_name', 'score', 'assigned', 'reason'];

/** Every mentee's suggestions (`Suggestions[]`) as rows: one per mentee and rank, best first. */
export const suggestionRows = (all) => all.flatMap((s) => s.mentors.map((m, i) => ({
  mentee_id: s.mentee_id, mentee_name: s.mentee_name, rank: i + 1, ...m,
})));

/** The rows as `matcher suggest` writes them: CSV, byte for byte. */
export function suggestionsCsv(rows) {
  return csv([HEADER, ...rows.map((r) => [r.mentee_id, r.mentee_name, r.rank, r.mentor_id, r.mentor_name,
    r.score.toFixed(2), r.assigned ? 'yes' : 'no', r.reason])]);
}

/** A person cell: the name, with the id beneath it. */
const person = (name, id) => [h('span', { class: 'name' }, name || id), h('small', {}, id)];

/** The suggested mentors table, a page at a time: the CSV's columns. */
export function mentorSuggestionsTable() {
  return new PagedTable(byId('mentor-suggestions'), {
    caption: 'Suggested mentors',
    columns: [
      { label: 'Mentee', key: (r) => r.mentee_name || r.mentee_id, cell: (r) => person(r.mentee_name, r.mentee_id) },
      { label: 'Rank', numeric: true, key: (r) => r.rank, cell: (r) => String(r.rank) },
      { label: 'Mentor', key: (r) => r.mentor_name || r.mentor_id, cell: (r) => person(r.mentor_name, r.mentor_id) },
      { label: 'Score', numeric: true, key: (r) => r.score, cell: (r) => r.score.toFixed(2) },
      { label: 'Assigned', key: (r) => (r.assigned ? 'yes' : 'no'), cell: (r) => (r.assigned ? 'yes' : 'no') },
      { label: 'Reason', key: (r) => r.reason, cell: (r) => r.reason },
    ],
    filter: byId('mentor-suggestions-filter'),
    search: (r) => [r.mentee_id, r.mentee_name, r.mentor_id, r.mentor_name, r.reason],
  });
}
