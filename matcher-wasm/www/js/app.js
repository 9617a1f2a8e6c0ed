// The admin page: load two rosters, adjust the settings, match, explore the
// result and its fairness report, review it and download it. All work happens
// in the WebAssembly module, in a Worker (threaded when the page is
// cross-origin isolated), so the page stays responsive while it runs. Every
// Match click solves once; the report, the downloads and the explanations
// read that solve.

import { MatcherWorker } from '../pkg/worker/browser.js';
import { byId, h } from './dom.js';
import { renderFairness } from './fairness.js';
import { MatchesTable, renderProblems, renderSummary, renderUnmatched } from './results.js';
import { Review } from './review.js';
import { applyConfig, markInvalid, readConfig, renderWeights, setAttributes } from './settings.js';

const engine = await MatcherWorker.create();

/**
 * The loaded rosters by side, as `{ name, text, ids }`; the last successful
 * run (its input, its `RemoteMatcher` and outcome); the running match's
 * AbortController; and a counter that lets only the latest roster check land.
 */
const state = { mentor: null, mentee: null, run: null, running: null, checks: 0 };
/** Each side's group name, which is also the prefix of its element ids. */
const SIDES = { mentor: 'mentors', mentee: 'mentees' };
const review = new Review();
const table = new MatchesTable(review, renderReview);

byId('version').textContent = `v${await engine.version()}`;
byId('version').dataset.threads = engine.threads;
renderWeights((await engine.defaultConfig()).weights);

/** Records the solves run so far where tests and curious admins can read them. */
function countSolves() {
  byId('run-status').dataset.solves = engine.solves;
}

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

/** Drops the shown run: its results, and its program in the worker. */
function dropRun() {
  state.run?.program.free();
  state.run = null;
  byId('results').hidden = true;
}

/** Parses what is loaded: per-file status, attributes to configure, problems. */
async function rostersChanged() {
  const check = ++state.checks;
  const attributes = [];
  let problems = [];
  const statuses = [];
  for (const [side, group] of Object.entries(SIDES)) {
    const roster = state[side];
    if (!roster) continue;
    try {
      const parsed = await engine.readRoster(roster.text, side);
      attributes.push(...parsed.attributes);
      roster.ids = parsed.people.map((p) => p.id);
      statuses.push([group, `${roster.name}: ${parsed.people.length} ${group}`, 'ok']);
    } catch (error) {
      const found = error.diagnostics ?? [];
      problems.push(...found);
      statuses.push([group, `${roster.name}: ${counted(found.length, 'problem')}, listed below`, 'bad']);
    }
  }
  if (state.mentor && state.mentee && problems.length === 0) {
    problems = await engine.validate(state.mentor.text, state.mentee.text);
  }
  // A newer file arrived while this one was read: its check will show.
  if (check !== state.checks) return;
  for (const [group, text, tone] of statuses) {
    byId(`${group}-status`).textContent = text;
    byId(`${group}-status`).className = `file-status ${tone}`;
  }
  setAttributes(attributes);
  renderProblems(problems);
  byId('run').disabled = !(state.mentor && state.mentee) || problems.length > 0;
  // Results and decisions on other rosters would mislead.
  dropRun();
  review.clear();
  byId('run-status').textContent = '';
}

async function loadFile(side, file) {
  state[side] = { name: file.name, text: await file.text() };
  await rostersChanged();
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
    await rostersChanged();
    applyConfig(JSON.parse(config));
  } catch (error) {
    renderProblems([], error);
  }
});

/** Shows a run's progress: the stage and how far into it. */
function showProgress({ stage, done, total }) {
  const bar = byId('run-progress');
  bar.max = Math.max(total, 1);
  bar.value = done;
  const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
  byId('run-status').textContent = `${stage === 'scoring' ? 'Scoring pairs' : 'Solving'}… ${percent} %`;
}

/** Puts the page in (or out of) its running state: Cancel shown, Match disabled. */
function running(controller) {
  state.running = controller;
  byId('run').disabled = Boolean(controller);
  byId('rerun').disabled = Boolean(controller);
  byId('cancel').hidden = !controller;
  byId('run-progress').hidden = !controller;
  byId('run-progress').removeAttribute('value');
}

/** Shows the fairness report; the cost of diversity on demand (one more solve). */
function showFairness(report, program) {
  renderFairness(report, report.cost_of_diversity === null && !state.run?.costKnown
    ? async () => {
      await program.costOfDiversity();
      if (state.run?.program !== program) return;
      state.run.costKnown = true;
      countSolves();
      showFairness(await program.report(), program);
    }
    : null);
}

/** Matches with the form's settings, keeping the review's decisions. */
async function match() {
  const status = byId('run-status');
  const input = {
    mentors: state.mentor.text, mentees: state.mentee.text, config: readConfig(), rounds: review.rounds(),
  };
  const controller = new AbortController();
  running(controller);
  status.textContent = 'Matching…';
  try {
    const started = performance.now();
    const program = await engine.match(input.mentors, input.mentees, input.config, input.rounds, {
      signal: controller.signal,
      onProgress: showProgress,
    });
    const milliseconds = performance.now() - started;
    const [outcome, report] = await Promise.all([program.outcome(), program.report()]);
    state.run?.program.free();
    state.run = { ...input, program, outcome, costKnown: false };
    markInvalid(null);
    renderProblems([]);
    renderSummary(outcome, milliseconds);
    table.show(outcome.matches);
    renderUnmatched(outcome.unmatched);
    showFairness(report, program);
    renderReview();
    byId('results').hidden = false;
    status.textContent = `Matched ${outcome.summary.matched} of ${outcome.summary.mentees} in ${Math.round(milliseconds)} ms.`;
    byId('results-title').focus();
  } catch (error) {
    if (error.name === 'AbortError') {
      // Cancelling stops the worker, and the shown run's program with it.
      dropRun();
      status.textContent = 'Cancelled.';
    } else {
      renderProblems(error.diagnostics ?? [], error);
      status.textContent = 'Not matched: see the problems above.';
      // A config error names its key: take the admin to that setting, else to the problems.
      (markInvalid(error.key ?? null) ?? byId('problems-title')).focus();
    }
  } finally {
    running(null);
    countSolves();
  }
}

byId('cancel').addEventListener('click', () => state.running?.abort());

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

byId('download-csv').addEventListener('click', async () => {
  download('matches.csv', 'text/csv', await state.run.program.matchesCsv());
  countSolves();
});

byId('download-final').addEventListener('click', () => {
  download('final-pairs.csv', 'text/csv', review.finalCsv(state.run.outcome, state.mentee.ids));
});

for (const file of ['locked', 'history']) {
  byId(`download-${file}`).addEventListener('click', () => {
    download(`${file}.csv`, 'text/csv', review.rounds()[file]);
  });
}

byId('download-json').addEventListener('click', () => {
  download('matches.json', 'application/json', `${JSON.stringify(state.run.outcome, null, 2)}\n`);
});
