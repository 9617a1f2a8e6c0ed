// The admin page: load two rosters, adjust the settings, match, explore the
// result and its fairness report, review it and download it. All work happens
// in the WebAssembly module.

import init, * as matcher from '../pkg/matcher_wasm.js';
import { byId, h } from './dom.js';
import { renderFairness } from './fairness.js';
import { MatchesTable, renderProblems, renderSummary, renderUnmatched } from './results.js';
import { Review } from './review.js';
import { applyConfig, markInvalid, readConfig, renderWeights, setAttributes } from './settings.js';

await init();

/** The loaded rosters by side, as `{ name, text }`, and the last successful run. */
const state = { mentor: null, mentee: null, run: null };
/** Each side's group name, which is also the prefix of its element ids. */
const SIDES = { mentor: 'mentors', mentee: 'mentees' };
const review = new Review();
const table = new MatchesTable(review, renderReview);

byId('version').textContent = `v${matcher.version()}`;
renderWeights(matcher.defaultConfig().weights);

/** "1 problem", "3 problems". */
const counted = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The review bar: how many pairs carry each decision, and the rejected ones. */
function renderReview() {
  const { accepted, pinned, rejected } = review.counts();
  const draft = (state.run?.outcome.matches ?? []).filter((m) => review.decisionOf(m) === 'draft').length;
  byId('review-status').textContent = accepted + pinned + rejected === 0
    ? 'No decisions yet: every pair is a draft.'
    : `${accepted} accepted, ${pinned} pinned, ${rejected} rejected; ${draft} draft.`;
  const pairs = review.rejectedPairs();
  byId('rejected').hidden = pairs.length === 0;
  byId('rejected').textContent = `Never proposed again: ${pairs.join(', ')}.`;
}

/** Parses what is loaded: per-file status, attributes to configure, problems. */
function rostersChanged() {
  const attributes = [];
  let problems = [];
  for (const [side, group] of Object.entries(SIDES)) {
    const roster = state[side];
    const status = byId(`${group}-status`);
    if (!roster) continue;
    try {
      const parsed = matcher.readRoster(roster.text, side);
      attributes.push(...parsed.attributes);
      status.textContent = `${roster.name}: ${parsed.people.length} ${group}`;
      status.className = 'file-status ok';
    } catch (error) {
      const found = error.diagnostics ?? [];
      problems.push(...found);
      status.textContent = `${roster.name}: ${counted(found.length, 'problem')}, listed below`;
      status.className = 'file-status bad';
    }
  }
  if (state.mentor && state.mentee && problems.length === 0) {
    problems = matcher.validate(state.mentor.text, state.mentee.text);
  }
  setAttributes(attributes);
  renderProblems(problems);
  byId('run').disabled = !(state.mentor && state.mentee) || problems.length > 0;
  // Results and decisions on other rosters would mislead.
  state.run = null;
  review.clear();
  byId('results').hidden = true;
  byId('run-status').textContent = '';
}


async function loadFile(side, file) {
  state[side] = { name: file.name, text: await file.text() };
  rostersChanged();
}

for (const [side, group] of Object.entries(SIDES)) {
  const input = byId(`${group}-file`);
  input.addEventListener('change', () => input.files[0] && loadFile(side, input.files[0]));
  const zone = byId(`${group}-drop`);
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const file = event.dataTransfer.files[0];
    if (file) loadFile(side, file);
  });
}

/** Fetches a file next to the page. */
async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`Could not load ${path}: ${response.status} ${response.statusText}`);
  return response.text();
}

byId('load-sample').addEventListener('click', async () => {
  try {
    const [mentors, mentees, config] = await Promise.all(
      ['sample/mentors.csv', 'sample/mentees.csv', 'sample/config.json'].map(fetchText),
    );
    state.mentor = { name: 'sample mentors.csv', text: mentors };
    state.mentee = { name: 'sample mentees.csv', text: mentees };
    rostersChanged();
    applyConfig(JSON.parse(config));
  } catch (error) {
    renderProblems([], error);
  }
});

/** Matches with the form's settings, keeping the review's decisions. */
async function match() {
  const status = byId('run-status');
  status.textContent = 'Matching…';
  // Let the status paint before the (synchronous) run.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
  const input = {
    mentors: state.mentor.text, mentees: state.mentee.text, config: readConfig(), rounds: review.rounds(),
  };
  try {
    const started = performance.now();
    const outcome = matcher.matchRosters(input.mentors, input.mentees, input.config, input.rounds);
    const milliseconds = performance.now() - started;
    state.run = { ...input, outcome };
    markInvalid(null);
    renderProblems([]);
    renderSummary(outcome, milliseconds);
    table.show(outcome.matches);
    renderUnmatched(outcome.unmatched);
    renderFairness(matcher.fairnessReport(input.mentors, input.mentees, input.config, input.rounds));
    renderReview();
    byId('results').hidden = false;
    status.textContent = `Matched ${outcome.summary.matched} of ${outcome.summary.mentees} in ${Math.round(milliseconds)} ms.`;
  } catch (error) {
    renderProblems(error.diagnostics ?? [], error);
    status.textContent = 'Not matched: see the problems above.';
    // A config error names its key: take the admin to that setting.
    markInvalid(error.key ?? null)?.focus();
  }
}

byId('settings').addEventListener('submit', (event) => {
  event.preventDefault();
  match();
});

byId('rerun').addEventListener('click', match);

byId('clear-decisions').addEventListener('click', () => {
  review.clear();
  table.refresh();
  renderReview();
});

/** Saves `text` as a file through the browser's download. */
function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

byId('download-csv').addEventListener('click', () => {
  const { mentors, mentees, config, rounds } = state.run;
  download('matches.csv', 'text/csv', matcher.matchesCsv(mentors, mentees, config, rounds));
});

byId('download-final').addEventListener('click', () => {
  const { mentees, outcome } = state.run;
  const ids = matcher.readRoster(mentees, 'mentee').people.map((p) => p.id);
  download('final-pairs.csv', 'text/csv', review.finalCsv(outcome, ids));
});

for (const file of ['locked', 'history']) {
  byId(`download-${file}`).addEventListener('click', () => {
    download(`${file}.csv`, 'text/csv', review.rounds()[file]);
  });
}

byId('download-json').addEventListener('click', () => {
  download('matches.json', 'application/json', `${JSON.stringify(state.run.outcome, null, 2)}\n`);
});
