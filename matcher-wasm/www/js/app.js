// The admin page: load two rosters (or one peer roster), adjust the settings,
// match, explore the result and its fairness report, review it and download
// it. All work happens in the WebAssembly module, in a Worker (threaded when
// the page is cross-origin isolated; otherwise it loads the peer-roster build
// the first time a peer roster is matched), so the page stays responsive
// while it runs. Every Match click solves once; the report, the downloads,
// the suggestions and the explanations read that solve (the cost of diversity
// and a why-not with a partner solve once more).

import { MatcherWorker } from '../pkg/worker/browser.js';
import { decodeRoster } from './decode.js';
import { readColumns, renderColumns } from './columns.js';
import { byId, h } from './dom.js';
import { wireDropZone } from './dropzone.js';
import { clearEvaluation, renderEvaluation, renderOutcomeProblems } from './evaluation.js';
import { renderFairness, renderPairsFairness } from './fairness.js';
import {
  pairsTable, renderPairsSummary, SUGGESTED, suggestionsTable, unpairedTable,
} from './pairs.js';
import { matchesTable, renderProblems, renderSummary, unmatchedTable } from './results.js';
import { PAIR_IDS, Review } from './review.js';
import { DEFAULT_TOP, mentorSuggestionsTable, suggestionRows, suggestionsCsv } from './suggestions.js';
import { buddyVerdictLines, verdictLines } from './why-not.js';
import { addVocabularyLine } from './terms.js';
import { renderVocabulary } from './vocabulary.js';
import {
  applyConfig, markInvalid, readConfig, readListAttributes, renderWeights, setAttributes,
} from './settings.js';
import { setDefaults } from './kept.js';
import { toToml } from './toml.js';
import { parse as parseToml } from '../vendor/smol-toml/index.js';

const engine = await MatcherWorker.create();
const defaults = await engine.defaultConfig();
renderWeights(defaults.weights);
setDefaults(defaults);
/** The settings before any change: every key at its default. */
const untouched = readConfig();

/**
 * A loaded config over the untouched settings, section by section: a key it
 * leaves out (as the engine leaves out keys at their default) returns to its
 * default rather than keeping an earlier config's value. The column mapping
 * stays unless the config has one.
 */
function overDefaults(config) {
  const full = { ...untouched, ...config, columns: config.columns };
  for (const [section, values] of Object.entries(untouched)) {
    if (section !== 'columns') full[section] = { ...values, ...config[section] };
  }
  return full;
}

/**
 * The loaded rosters by side, as `{ name, input, encoding, bytes, ids }`
 * (`input`: CSV text, or the `SheetRead` of a workbook's `bytes`), or the
 * peer roster in their place, as `{ name, input }`, and the
 * optional pair scores file, as `{ name, text }`; whether the latest
 * check found them ready to match; the last successful run (its input, its
 * `RemoteMatcher`, outcome and suggested mentors as `suggestionRows`); the
 * running match's AbortController; and the roster changes begun and settled,
 * counted so that only the latest shows and Match waits for it.
 */
const state = {
  mentor: null, mentee: null, people: null, pairScores: null, ready: false, run: null, running: null, checks: 0, settled: 0,
  // The shown buddy pairing, as `{ people, config, rounds, program, outcome, costKnown }` (`program`: its
  // `RemoteBuddyMatcher`).
  pairs: null,
  // The outcomes file loaded, as `{ name, input }`, and its evaluation against the shown run.
  outcomes: null, evaluation: null,
};
/** Each side's group name, which is also the prefix of its element ids. */
const SIDES = { mentor: 'mentors', mentee: 'mentees' };
const review = new Review();
const table = matchesTable(review, renderReview);
const unmatched = unmatchedTable();
const mentorSuggestions = mentorSuggestionsTable();
/** Decisions on buddy pairs: their locked and history rows name a pair's two people. */
const pairReview = new Review(PAIR_IDS);
const buddyPairs = pairsTable(pairReview, renderReview);
const unpairedPeople = unpairedTable();
const partnerSuggestions = suggestionsTable();
/** Roster changes, one after another, so that files land in the order chosen. */
let changes = Promise.resolve();

/** Records the solves run so far where tests and curious admins can read them. */
function countSolves() {
  byId('run-status').dataset.solves = engine.solves;
}

/** "1 problem", "3 problems". */
const counted = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The shown run (a matching or a buddy pairing): `{ program, outcome, costKnown, … }`, or null. */
const shown = () => state.run ?? state.pairs;

/** The shown run's review, its proposed pairs and their table. */
function shownReview() {
  return state.pairs
    ? { decisions: pairReview, proposed: state.pairs.outcome.pairs, table: buddyPairs }
    : { decisions: review, proposed: state.run?.outcome.matches ?? [], table };
}

/** The review bar: how many pairs carry each decision, and the rejected ones. */
function renderReview() {
  const { decisions, proposed } = shownReview();
  const { accepted, pinned, rejected } = decisions.counts();
  const draft = proposed.filter((m) => decisions.decisionOf(m) === 'draft').length;
  byId('review-status').textContent = accepted + pinned + rejected === 0
    ? 'No decisions yet: every pair is a draft.'
    : `${accepted} accepted, ${pinned} pinned, ${rejected} rejected; ${draft} draft.`;
  const pairs = decisions.rejectedPairs();
  byId('rejected').hidden = pairs.length === 0;
  byId('rejected').textContent = `Never proposed again: ${pairs.join(', ')}.`;
}

/** Drops the shown run: its results, and its program in the worker; or the shown pairing. */
function dropRun() {
  shown()?.program.free();
  state.run = null;
  state.pairs = null;
  byId('results').hidden = true;
  byId('pairs-results').hidden = true;
}

/**
 * Match and Re-run work only on checked rosters, with no run under way. The
 * settings form's `data-checking` tells (tests, mostly) whether a check is under way.
 */
function updateRunButtons() {
  byId('settings').dataset.checking = state.settled !== state.checks;
  const idle = !state.running && state.settled === state.checks;
  byId('run').disabled = !(idle && state.ready);
  byId('rerun').disabled = !(idle && state.ready && shown());
}

/** Workbook kinds as the summary names them. */
const WORKBOOKS = { xlsx: 'an Excel workbook', ods: 'an OpenDocument spreadsheet' };

/**
 * " (read as windows-1252, cells separated by semicolons)" for a file that is
 * not plain UTF-8 CSV; " (read as an Excel workbook, sheet Sheet1)" for a workbook.
 */
function readAs(encoding = 'UTF-8', { delimiter, workbook, sheet }) {
  if (workbook) return ` (read as ${WORKBOOKS[workbook]}, sheet ${sheet})`;
  const separator = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' }[delimiter];
  return encoding === 'UTF-8' && delimiter === ',' ? '' : ` (read as ${encoding}, cells separated by ${separator})`;
}

/**
/**
 * The sheet picker of a side: shown when its roster is a workbook of several
 * sheets, with the sheet read selected; choosing another reads that one.
 */
function showSheets(group, format) {
  const picker = byId(`${group}-sheet`);
  const sheets = format?.sheets ?? [];
  picker.hidden = sheets.length < 2;
  byId(`${group}-sheet-label`).hidden = picker.hidden;
  picker.replaceChildren(...sheets.map((name) => h('option', { value: name }, name)));
  if (format?.sheet) picker.value = format.sheet;
}

/**
 * Parses what is loaded under the column mapping: per-file status, how each
 * file's columns are read, attributes to configure, problems.
 */
async function checkRosters() {
  const attributes = [];
  let problems = [];
  const statuses = [];
  const readings = { mentor: null, mentee: null };
  const config = { columns: readColumns(), attributes: readListAttributes() };
  for (const [side, group] of Object.entries(SIDES)) {
    const roster = state[side];
    showSheets(group, roster?.input.sheet?.format);
    if (!roster) {
      statuses.push([group, state.people ? 'Not used: a peer roster is loaded.' : 'No file yet.', '']);
      continue;
    }
    try {
      readings[side] = await engine.rosterColumns(roster.input, side, config);
      const parsed = await engine.readRoster(roster.input, side, config);
      attributes.push(...parsed.attributes);
      roster.ids = parsed.people.map((p) => p.id);
      statuses.push([group, `${roster.name}: ${parsed.people.length} ${group}${readAs(roster.encoding, parsed.format)}`, 'ok']);
    } catch (error) {
      const found = error.diagnostics ?? [];
      problems.push(...found);
      statuses.push([group, `${roster.name}: ${counted(found.length, 'problem')}, listed below`, 'bad']);
    }
  }
  if (state.mentor && state.mentee && problems.length === 0) {
    problems = await engine.validate(state.mentor.input, state.mentee.input, config);
  }
  statuses.push(['people', state.people
    ? `${state.people.name}: a peer roster, read when matched`
    : 'None: mentors and mentees come from two files.', state.people ? 'ok' : '']);
  if (state.pairScores) {
    const { name, input: text } = state.pairScores;
    try {
      await engine.checkConfig({ pairScores: text });
      statuses.push(['pair-scores', `${name}: scored as the pair_score criterion`, 'ok']);
    } catch (error) {
      const found = error.diagnostics ?? [];
      problems.push(...found);
      statuses.push(['pair-scores', `${name}: ${counted(found.length, 'problem')}, listed below`, 'bad']);
    }
  }
  return { attributes, problems, statuses, readings };
}

/** Checks the rosters again under changed settings (the column mapping, the vocabulary). */
function recheck() {
  changeRosters(async () => {});
}

// Marking an attribute as a list (or not) changes which columns take a separator.
byId('settings').addEventListener('lists-change', recheck);

/** Adds a vocabulary line the panel suggests to the settings, and checks the rosters again under it. */
function addToVocabulary(line) {
  addVocabularyLine(line);
  recheck();
}

/** The loaded rosters' vocabulary report; null when the settings do not read (Match says why). */
async function vocabularyReport() {
  try {
    return await engine.vocabularyReport(state.mentor.input, state.mentee.input, readConfig());
  } catch {
    return null;
  }
}

/**
 * Changes the rosters: `load()` sets `state.mentor` and/or `state.mentee`,
 * then they are checked and shown. Results and decisions on the old rosters
 * go at once, and a running match stops; Match waits until the check is done,
 * so no run is ever dropped by a check that started before it. `shown` runs
 * once this change's check shows, before Match is enabled.
 */
function changeRosters(load, shown = () => {}) {
  const check = ++state.checks;
  state.running?.abort();
  state.ready = false;
  dropRun();
  review.clear();
  pairReview.clear();
  byId('run-status').textContent = '';
  updateRunButtons();
  changes = changes.then(async () => {
    try {
      await load();
      // A newer change follows: its check will show.
      if (check !== state.checks) return;
      const { attributes, problems, statuses, readings } = await checkRosters();
      if (check !== state.checks) return;
      for (const [group, text, tone] of statuses) {
        byId(`${group}-status`).textContent = text;
        byId(`${group}-status`).className = `file-status ${tone}`.trim();
      }
      setAttributes(attributes);
      renderProblems(problems);
      renderColumns(readings, problems, recheck, Object.keys(readListAttributes()));
      const clean = state.mentor && state.mentee && problems.length === 0;
      renderVocabulary(clean ? await vocabularyReport() : null, addToVocabulary);
      if (check !== state.checks) return;
      state.ready = Boolean(state.people || (state.mentor && state.mentee)) && problems.length === 0;
      shown();
    } catch (error) {
      if (check === state.checks) renderProblems([], error);
    } finally {
      if (check === state.checks) state.settled = check;
      updateRunButtons();
    }
  });
}

for (const [side, group] of Object.entries(SIDES)) {
  wireDropZone(byId(`${group}-drop`), byId(`${group}-file`), (file) => changeRosters(async () => {
    const roster = { name: file.name, ...decodeRoster(file.name, new Uint8Array(await file.arrayBuffer())) };
    if (roster.bytes) roster.input = await engine.readWorkbook(roster.bytes, side);
    state[side] = roster;
    state.people = null;
  }));
  byId(`${group}-sheet`).addEventListener('change', (event) => changeRosters(async () => {
    state[side].input = await engine.readWorkbook(state[side].bytes, side, event.target.value);
  }));
}

wireDropZone(byId('people-drop'), byId('people-file'), (file) => changeRosters(async () => {
  const { input } = decodeRoster(file.name, new Uint8Array(await file.arrayBuffer()));
  if (typeof input !== 'string') throw new Error(`${file.name}: a peer roster is read from CSV; save the sheet as "CSV UTF-8"`);
  state.people = { name: file.name, input };
  state.mentor = null;
  state.mentee = null;
}));

wireDropZone(byId('pair-scores-drop'), byId('pair-scores-file'), (file) => changeRosters(async () => {
  const { input } = decodeRoster(file.name, new Uint8Array(await file.arrayBuffer()));
  if (typeof input !== 'string') throw new Error(`${file.name}: pair scores are read from CSV; save the sheet as "CSV UTF-8"`);
  state.pairScores = { name: file.name, input };
}));

/** Fetches a file next to the page. */
async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`Could not load ${path}: ${response.status} ${response.statusText}`);
  return response.text();
}

byId('load-sample').addEventListener('click', () => {
  let config;
  changeRosters(async () => {
    const [mentors, mentees, text] = await Promise.all(
      ['sample/mentors.csv', 'sample/mentees.csv', 'sample/config.json'].map(fetchText),
    );
    state.mentor = { name: 'sample mentors.csv', input: mentors };
    state.mentee = { name: 'sample mentees.csv', input: mentees };
    state.people = null;
    config = JSON.parse(text);
  }, () => applyConfig(config));
});

byId('load-peer-sample').addEventListener('click', () => {
  let config;
  changeRosters(async () => {
    const [people, text] = await Promise.all(['sample/people.csv', 'sample/peers-config.json'].map(fetchText));
    state.people = { name: 'sample people.csv', input: people };
    state.mentor = null;
    state.mentee = null;
    config = JSON.parse(text);
  }, () => applyConfig(config));
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
  updateRunButtons();
  byId('cancel').hidden = !controller;
  byId('run-progress').hidden = !controller;
  byId('run-progress').removeAttribute('value');
}

/**
 * Shows the fairness report of the shown run, a matching's or a buddy
 * pairing's; the cost of diversity on demand (one more solve).
 */
function showFairness(report, program) {
  const render = state.pairs ? renderPairsFairness : renderFairness;
  render(report, report.cost_of_diversity === null && !shown()?.costKnown
    ? async () => {
      await program.costOfDiversity();
      if (shown()?.program !== program) return;
      shown().costKnown = true;
      countSolves();
      showFairness(await program.report(), program);
    }
    : null);
}

/** Puts the fairness report and the review in the results of the shown mode: `pairs-panels` or `match-panels`. */
function placePanels(container) {
  byId(container).append(byId('fairness'), byId('review'));
}

/**
 * Shows why a run failed: cancelled, or its problems (a config error takes
 * the admin to its setting).
 */
function showRunError(error) {
  const status = byId('run-status');
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
}

/** The form's config, with the pair scores file. */
const runConfig = () => ({ ...readConfig(), pairScores: state.pairScores?.input ?? null });

/**
 * Pairs everyone on the peer roster two by two with the form's settings,
 * keeping the accepted and pinned pairs and never proposing rejected ones.
 */
async function pairPeople() {
  const status = byId('run-status');
  const check = state.checks;
  const input = { people: state.people.input, config: runConfig(), rounds: pairReview.rounds() };
  const controller = new AbortController();
  running(controller);
  status.textContent = 'Pairing…';
  try {
    const started = performance.now();
    const { signal } = controller;
    const program = await engine.matchBuddies(input.people, input.config, input.rounds, { signal });
    const milliseconds = performance.now() - started;
    const [outcome, report, suggestions] = await Promise.all([
      program.outcome(), program.report({ signal }), program.suggest(SUGGESTED),
    ]);
    if (check !== state.checks) {
      program.free();
      return;
    }
    dropRun();
    state.pairs = { ...input, program, outcome, costKnown: false };
    markInvalid(null);
    renderProblems([]);
    renderPairsSummary(outcome, milliseconds);
    placePanels('pairs-panels');
    showFairness(report, program);
    renderReview();
    buddyPairs.show(outcome.pairs);
    unpairedPeople.show(outcome.unpaired);
    byId('unpaired-section').hidden = outcome.unpaired.length === 0;
    partnerSuggestions.show(suggestions);
    byId('people-ids').replaceChildren(...idOptions(suggestions));
    byId('why-not-text').hidden = true;
    byId('pairs-results').hidden = false;
    const { people, unpaired: alone } = outcome.summary;
    status.textContent = `Paired ${people - alone} of ${people} people in ${outcome.summary.pairs} pairs in ${Math.round(milliseconds)} ms.`;
    byId('pairs-title').focus();
  } catch (error) {
    if (check === state.checks) showRunError(error);
  } finally {
    running(null);
    countSolves();
  }
}

/**
 * Answers a why-not form from the shown run's program: `ask(program)` gets
 * the verdict (with a partner or mentor named, one more solve), `lines`
 * writes it into the text `textId`.
 */
function answerWhyNot(textId, ask, lines) {
  const { program } = shown();
  const text = byId(textId);
  text.hidden = false;
  text.textContent = 'Working it out…';
  ask(program)
    .then((verdict) => {
      if (shown()?.program === program) text.textContent = lines(verdict).join('\n');
    }, (error) => {
      if (shown()?.program === program) text.textContent = error.message;
    })
    .finally(countSolves);
}

/** A form field's trimmed value, or null when empty. */
const field = (id) => byId(id).value.trim() || null;

// A person's pair, and with a partner what pairing the two would cost.
byId('why-not-form').addEventListener('submit', (event) => {
  event.preventDefault();
  answerWhyNot('why-not-text', (program) => program.whyNot(field('why-person'), field('why-partner')), buddyVerdictLines);
});

// A mentee's match, and with a mentor why the pair was (not) made and what forcing it would cost.
byId('mentee-why-form').addEventListener('submit', (event) => {
  event.preventDefault();
  answerWhyNot('mentee-why-text', (program) => program.whyNot(field('why-mentee'), field('why-mentor')), verdictLines);
});

/** Options for a datalist: each id, with its name as the label. */
const idOptions = (people) => people.map(({ id, name }) => h('option', { value: id }, name));

/** How many mentors per mentee the suggestions list: the form's, or the CLI's default. */
function suggestedTop() {
  const top = Number(byId('suggest-top').value);
  return Number.isInteger(top) && top >= 1 ? top : DEFAULT_TOP;
}

/** Shows the suggested mentors of the shown run (`Suggestions[]` from its `suggest`). */
function showSuggestions(all) {
  state.run.suggestions = suggestionRows(all);
  mentorSuggestions.show(state.run.suggestions);
}

// Another number of mentors per mentee: asked of the stored optimum, no solve.
byId('suggest-top').addEventListener('change', async () => {
  const run = state.run;
  if (!run) return;
  const all = await run.program.suggest(suggestedTop());
  if (state.run === run) showSuggestions(all);
});

/** Matches with the form's settings, keeping the review's decisions; buddy pairs for a peer roster so marked. */
async function match() {
  if (byId('run').disabled) return;
  if (state.people && byId('buddy-pairs').checked) {
    await pairPeople();
    return;
  }
  const status = byId('run-status');
  // Rosters changed while this run was under way make it stale: their check shows instead.
  const check = state.checks;
  const input = {
    people: state.people?.input ?? null,
    mentors: state.mentor?.input ?? null,
    mentees: state.mentee?.input ?? null,
    config: runConfig(),
    rounds: review.rounds(),
  };
  const controller = new AbortController();
  running(controller);
  status.textContent = 'Matching…';
  try {
    const started = performance.now();
    const options = { signal: controller.signal, onProgress: showProgress };
    const program = await (input.people === null
      ? engine.match(input.mentors, input.mentees, input.config, input.rounds, options)
      : engine.matchPeople(input.people, input.config, input.rounds, options));
    const milliseconds = performance.now() - started;
    // Under `stable`, the report solves the optimum it prices the matching against: cancellable too.
    const [outcome, report, suggestions] = await Promise.all([
      program.outcome(), program.report({ signal: controller.signal }), program.suggest(suggestedTop()),
    ]);
    if (check !== state.checks) {
      program.free();
      return;
    }
    dropRun();
    state.run = { ...input, program, outcome, costKnown: false };
    markInvalid(null);
    renderProblems([]);
    renderSummary(outcome, milliseconds);
    placePanels('match-panels');
    table.show(outcome.matches);
    unmatched.show(outcome.unmatched);
    byId('unmatched-section').hidden = outcome.unmatched.length === 0;
    showSuggestions(suggestions);
    byId('mentee-ids').replaceChildren(...idOptions(suggestions.map((s) => ({ id: s.mentee_id, name: s.mentee_name }))));
    byId('mentor-ids').replaceChildren(...idOptions(outcome.mentors));
    byId('mentee-why-text').hidden = true;
    showFairness(report, program);
    renderReview();
    if (state.outcomes) evaluateOutcomes();
    else clearEvaluation();
    byId('results').hidden = false;
    status.textContent = `Matched ${outcome.summary.matched} of ${outcome.summary.mentees} in ${Math.round(milliseconds)} ms.`;
    byId('results-title').focus();
  } catch (error) {
    if (check === state.checks) showRunError(error);
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
  const { decisions, table: proposed } = shownReview();
  decisions.clear();
  proposed.refresh();
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

/** The run's mentees in roster order: a peer roster's are those its outcome lists, in that order. */
function menteeIds({ outcome }) {
  if (state.mentee) return state.mentee.ids;
  return [...new Set([...outcome.matches, ...outcome.unmatched].map((m) => m.mentee_id))];
}

byId('download-suggestions').addEventListener('click', () => {
  download('suggestions.csv', 'text/csv', suggestionsCsv(state.run.suggestions));
});

byId('download-final').addEventListener('click', () => {
  download('final-pairs.csv', 'text/csv', state.pairs
    ? pairReview.finalPairsCsv(state.pairs.outcome)
    : review.finalCsv(state.run.outcome, menteeIds(state.run)));
});

byId('download-pairs').addEventListener('click', async () => {
  download('pairs.csv', 'text/csv', await state.pairs.program.pairsCsv());
});

for (const file of ['locked', 'history']) {
  byId(`download-${file}`).addEventListener('click', () => {
    download(`${file}.csv`, 'text/csv', shownReview().decisions.rounds()[file]);
  });
}

/**
 * Takes an earlier round's pair file into the shown run's review: `locked.csv`
 * pairs accepted, `history.csv` pairs rejected; the next re-run applies them.
 */
for (const [file, decision] of [['locked', 'accepted'], ['history', 'rejected']]) {
  wireDropZone(byId(`load-${file}`), byId(`${file}-file`), async (chosen) => {
    const status = byId('decisions-status');
    const { decisions, table: proposed } = shownReview();
    try {
      const count = decisions.load(chosen.name, await chosen.text(), decision);
      status.textContent = `${chosen.name}: ${counted(count, 'pair')} ${decision}; re-run to apply.`;
    } catch (error) {
      status.textContent = error.message;
    }
    proposed.refresh();
    renderReview();
  });
}

byId('download-config').addEventListener('click', () => {
  const config = readConfig();
  // The CLI's config has a column rule's role as a plain string when it is all there is.
  config.columns = Object.fromEntries(Object.entries(config.columns)
    .map(([header, rule]) => [header, rule.separator === undefined ? rule.role : rule]));
  download('config.toml', 'application/toml',
    toToml(config, 'matcher config, written by the admin page: matcher match --config config.toml …'));
});

/** Loads a `config.toml` into the settings and the column mapping, then checks the rosters under it. */
wireDropZone(byId('load-config'), byId('config-file'), async (file) => {
  const status = byId('config-status');
  try {
    const parsed = parseToml(await file.text());
    const config = await engine.checkConfig(parsed);
    // The engine reads solver.threads as 0 (the page picks its own); the downloaded config keeps it.
    config.solver.threads = parsed.solver?.threads ?? 0;
    applyConfig(overDefaults(config));
    status.textContent = `Loaded ${file.name}.`;
    recheck();
  } catch (error) {
    status.textContent = `${file.name}: ${error.message}`;
  }
});

/**
 * Evaluates the loaded outcomes file against the shown run's scores (no
 * solve): the evaluation, or the file's problems listed by row and column.
 */
async function evaluateOutcomes() {
  const { program } = state.run;
  const { name, input } = state.outcomes;
  const status = byId('outcomes-status');
  status.textContent = `${name}: evaluating…`;
  status.className = 'file-status';
  try {
    const evaluation = await program.evaluate(input);
    if (state.run?.program !== program) return;
    state.evaluation = evaluation;
    renderEvaluation(evaluation);
    status.textContent = `${name}: ${evaluation.joined} of ${evaluation.listed} pairs evaluated`;
    status.className = 'file-status ok';
  } catch (error) {
    if (state.run?.program !== program) return;
    state.evaluation = null;
    const found = error.diagnostics ?? [];
    renderOutcomeProblems(found);
    status.textContent = found.length > 0 ? `${name}: ${counted(found.length, 'problem')}, listed below` : `${name}: ${error.message}`;
    status.className = 'file-status bad';
  } finally {
    countSolves();
  }
}

wireDropZone(byId('outcomes-drop'), byId('outcomes-file'), async (file) => {
  const status = byId('outcomes-status');
  try {
    const decoded = decodeRoster(file.name, new Uint8Array(await file.arrayBuffer()));
    const input = decoded.bytes ? await engine.readWorkbook(decoded.bytes, 'outcomes') : decoded.input;
    state.outcomes = { name: file.name, input };
  } catch (error) {
    state.outcomes = null;
    state.evaluation = null;
    clearEvaluation();
    status.textContent = error.message;
    status.className = 'file-status bad';
    return;
  }
  if (state.run) await evaluateOutcomes();
});

byId('download-evaluation').addEventListener('click', () => {
  download('evaluation.json', 'application/json', `${JSON.stringify(state.evaluation, null, 2)}\n`);
});

byId('download-json').addEventListener('click', () => {
  download('matches.json', 'application/json', `${JSON.stringify(state.run.outcome, null, 2)}\n`);
});

// Last, once every control above is wired: the version, which tells that the page is ready.
byId('version').textContent = `v${await engine.version()}`;
byId('version').dataset.threads = engine.threads;
