//! WebAssembly bindings for [`matcher`]: plain JavaScript objects in and out.
//!
//! Every function takes rosters as CSV text (or as workbook sheets read by
//! the separate workbook module, `readWorkbook`) and a config object of the same
//! shape as the CLI's TOML config, delegates to the core crate, and returns its
//! result as plain objects shaped like the CLI's JSON output. Failures are
//! thrown as `Error` objects with `code`, `file`, `row` and `column` set
//! ([`Failure`]). The TypeScript types live in `src/types.d.ts`.

#[cfg(feature = "peers")]
mod buddies;
mod convert;
mod error;
mod evaluation;
mod key_path;
mod program;
mod progress;
mod sheet_read;

#[cfg(feature = "peers")]
pub use buddies::BuddyMatcher;
pub use error::Failure;
pub use program::Matcher;

use convert::{read_config, to_js, utf8};
use evaluation::{read_bootstrap, read_outcomes};
use matcher::generate::{self, Spec};
use matcher::Side;
use program::{optional_id, rosters, RosterInput, MENTEES, MENTORS};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "threads")]
pub use wasm_bindgen_rayon::init_thread_pool;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[cfg(feature = "panic-messages")]
#[wasm_bindgen(start, private)]
fn start() {
    console_error_panic_hook::set_once();
}

/// A program solved once for a one-shot function: no progress reported.
fn solved(
    mentors_csv: JsValue,
    mentees_csv: JsValue,
    config: JsValue,
    rounds: JsValue,
) -> Result<Matcher, Failure> {
    Matcher::new(mentors_csv, mentees_csv, config, rounds, JsValue::UNDEFINED)
}

/// Matches mentees to mentors optimally, keeping the locked pairs of `rounds`
/// and never repeating its history pairs. Every mentee appears in the result,
/// matched or unmatched with a reason. (One-shot: `new Matcher(…)` answers
/// more questions from one solve.)
#[wasm_bindgen(js_name = matchRosters, unchecked_return_type = "MatchOutcome")]
pub fn match_rosters(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<JsValue, Failure> {
    solved(mentors_csv, mentees_csv, config, rounds)?.outcome()
}

/// Pairs everyone on a peer roster two by two (the CLI's `match --people
/// FILE --pairs`): each person in at most one pair, never with themselves,
/// scored both ways; exact. The locked pairs of `rounds` are kept (their two
/// columns are the pair's two people) and its history pairs never made.
/// (One-shot: `BuddyMatcher.fromPeople(…)` answers more questions from one solve.)
#[cfg(feature = "peers")]
#[wasm_bindgen(js_name = pairPeople, unchecked_return_type = "PairsOutcome")]
pub fn pair_people(
    #[wasm_bindgen(js_name = peopleCsv)] people_csv: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<JsValue, Failure> {
    BuddyMatcher::from_people(people_csv, config, rounds)?.outcome()
}

/// [`pair_people`]'s result as CSV: one row per person, in roster order.
#[cfg(feature = "peers")]
#[wasm_bindgen(js_name = pairsCsv)]
pub fn pairs_csv(
    #[wasm_bindgen(js_name = peopleCsv)] people_csv: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<String, Failure> {
    BuddyMatcher::from_people(people_csv, config, rounds)?.pairs_csv()
}

/// The fairness and diversity report on the optimal matching (the CLI's
/// `match --report`): worst-off pair, score deciles, mentor load spread, the
/// cost of diversity and a cross-tab per diversity attribute.
#[wasm_bindgen(js_name = fairnessReport, unchecked_return_type = "FairnessReport")]
pub fn fairness_report(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<JsValue, Failure> {
    let matcher = solved(mentors_csv, mentees_csv, config, rounds)?;
    matcher.cost_of_diversity()?;
    matcher.report()
}

/// Matches the rosters and returns `matches.csv`, byte for byte what the CLI writes.
#[wasm_bindgen(js_name = matchesCsv)]
pub fn matches_csv(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<String, Failure> {
    solved(mentors_csv, mentees_csv, config, rounds)?.matches_csv()
}

/// Every problem in both rosters at once, sorted by file and row; empty when
/// they can be matched.
#[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
pub fn validate(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
) -> Result<JsValue, Failure> {
    let config = read_config(config)?;
    match rosters(mentors_csv, mentees_csv, &config)? {
        Ok((mentors, mentees)) => to_js(&matcher::check_cells(&mentors, &mentees, &config)),
        Err(matcher::Error::Roster(problems)) => to_js(&problems),
        Err(other) => Err(other.into()),
    }
}

/// Up to `k` mentors for every mentee, best first, ranked by score minus the
/// mentor's price in the optimal matching: a mentor comes first for at most
/// `capacity` mentees, and a matched mentee's first suggestion is its mentor.
#[wasm_bindgen(unchecked_return_type = "Suggestions[]")]
pub fn suggest(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Config | null | undefined")] config: JsValue,
    k: usize,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<JsValue, Failure> {
    solved(mentors_csv, mentees_csv, config, rounds)?.suggest(k)
}

/// Where a mentee stands in the optimal matching (its match, or why it has
/// none) and, with `mentorId`, why that pair was (not) made: its score, who
/// holds the mentor's places, and exactly what forcing it would cost.
#[wasm_bindgen(js_name = whyNot, unchecked_return_type = "Verdict")]
pub fn why_not(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Config | null | undefined")] config: JsValue,
    #[wasm_bindgen(js_name = menteeId)] mentee_id: &str,
    #[wasm_bindgen(js_name = mentorId, unchecked_optional_param_type = "string | null")]
    mentor_id: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
) -> Result<JsValue, Failure> {
    optional_id(mentor_id.clone(), "mentorId")?;
    solved(mentors_csv, mentees_csv, config, rounds)?.why_not(mentee_id, mentor_id)
}

/// The full score breakdown of one pair, made or not, and any rule that
/// forbids it. Solves nothing.
#[wasm_bindgen(unchecked_return_type = "Explanation")]
pub fn explain(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Config | null | undefined")] config: JsValue,
    #[wasm_bindgen(js_name = menteeId)] mentee_id: &str,
    #[wasm_bindgen(js_name = mentorId)] mentor_id: &str,
) -> Result<JsValue, Failure> {
    let config = read_config(config)?;
    let (mentors, mentees) = rosters(mentors_csv, mentees_csv, &config)??;
    to_js(&matcher::explain(
        &mentors, &mentees, &config, mentee_id, mentor_id,
    )?)
}

/// How the pairs of an outcomes file (`mentor_id,mentee_id` and any of
/// `rating`, `goals_attained`, `ended_early`, `meetings`, `comment`) went
/// against how the rosters and config score them: by score decile and
/// criterion, with correlations and seeded bootstrap intervals (`options`:
/// `{ resamples?, seed? }`, 1 000 and 1 by default). Solves nothing.
#[wasm_bindgen(unchecked_return_type = "Evaluation")]
pub fn evaluate(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(js_name = outcomesCsv, unchecked_param_type = "RosterInput")]
    outcomes_csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions | null")] options: JsValue,
) -> Result<JsValue, Failure> {
    let bootstrap = read_bootstrap(options)?;
    let config = read_config(config)?;
    let (mentors, mentees) = rosters(mentors_csv, mentees_csv, &config)??;
    let outcomes = read_outcomes(outcomes_csv)?;
    to_js(&matcher::evaluate(
        &mentors, &mentees, &config, &outcomes, bootstrap,
    )?)
}

/// Where the module's memory holds the current run's progress: three
/// little-endian 32-bit counters (stage: 0 none, 1 scoring, 2 solving; units
/// done; units in the stage). On the threaded build the memory is shared, so
/// another thread can follow a run that is blocking this one.
#[wasm_bindgen(js_name = progressCounters)]
pub fn progress_counters() -> usize {
    progress::counters_address()
}

/// The module's memory, in which [`progress_counters`] points: shared on the
/// threaded build, so a worker's client can read a run's progress from it.
#[wasm_bindgen(js_name = progressMemory, unchecked_return_type = "WebAssembly.Memory")]
pub fn progress_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// Parses one roster as the matcher reads it: normalised lists, background
/// attribute columns, spreadsheet row numbers.
#[wasm_bindgen(js_name = readRoster, unchecked_return_type = "Roster")]
pub fn read_roster(
    #[wasm_bindgen(unchecked_param_type = "RosterInput")] csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Side")] side: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
) -> Result<JsValue, Failure> {
    let config = read_config(config)?;
    let (side, source) = side_of(side)?;
    let roster = RosterInput::from_js(csv, "csv")?
        .read(side, source, &config.columns)
        .map_err(matcher::Error::Roster)?;
    to_js(&roster)
}

/// How each column of one roster is read under the config's `[columns]`
/// (its role, and a list column's separator), from the header row alone: a
/// roster that does not read yet (no `id` column) still shows its columns.
#[wasm_bindgen(js_name = rosterColumns, unchecked_return_type = "ColumnReadings")]
pub fn roster_columns(
    #[wasm_bindgen(unchecked_param_type = "RosterInput")] csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Side")] side: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
) -> Result<JsValue, Failure> {
    let config = read_config(config)?;
    let (side, source) = side_of(side)?;
    let readings = RosterInput::from_js(csv, "csv")?
        .columns(side, source, &config.columns)
        .map_err(|problem| matcher::Error::Roster(vec![problem]))?;
    to_js(&readings)
}

/// The config object with every key filled in, checked as the CLI checks a
/// `config.toml`: unknown keys, weights, rules and `[columns]`.
#[wasm_bindgen(js_name = checkConfig, unchecked_return_type = "Config")]
pub fn check_config(
    #[wasm_bindgen(unchecked_param_type = "Config")] config: JsValue,
) -> Result<JsValue, Failure> {
    let config = read_config(config)?;
    config.validate().map_err(matcher::Error::Config)?;
    to_js(&config)
}

/// `"mentor"` or `"mentee"` as a side and the source label of its roster.
fn side_of(side: &str) -> Result<(Side, &'static str), Failure> {
    match side {
        "mentor" => Ok((Side::Mentor, MENTORS)),
        "mentee" => Ok((Side::Mentee, MENTEES)),
        _ => Err(Failure::new(
            "invalid_argument",
            "side must be \"mentor\" or \"mentee\"",
        )),
    }
}

/// The rosters' vocabulary under the config's `[columns]` and `[vocabulary]`:
/// skills and goals mentees want that no mentor offers, terms only one side
/// uses, and spellings that are likely one term, each with its rows.
#[wasm_bindgen(js_name = vocabularyReport, unchecked_return_type = "VocabularyReport")]
pub fn vocabulary_report(
    #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
    mentors_csv: JsValue,
    #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
    mentees_csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
) -> Result<JsValue, Failure> {
    let config = read_config(config)?;
    let (mentors, mentees) = rosters(mentors_csv, mentees_csv, &config)??;
    let report =
        matcher::vocabulary_report::vocabulary_report(&mentors, &mentees, &config.vocabulary);
    to_js(&report)
}

/// Two synthetic rosters as CSV text: the same seed gives the same bytes as
/// `matcher generate` on every platform. `capacity` gives every mentor the same
/// capacity; left out, capacities spread realistically from 1 to 5.
#[wasm_bindgen(js_name = generateRosters, unchecked_return_type = "GeneratedRosters")]
pub fn generate_rosters(
    mentors: usize,
    mentees: usize,
    seed: u32,
    capacity: Option<u32>,
) -> Result<JsValue, Failure> {
    let spec = Spec {
        mentors,
        mentees,
        seed: seed.into(),
        capacity,
        picks: false,
    };
    let (mut mentors_csv, mut mentees_csv) = (Vec::new(), Vec::new());
    generate::write(&spec, &mut mentors_csv, &mut mentees_csv)?;
    to_js(&GeneratedRosters {
        mentors: utf8(mentors_csv)?,
        mentees: utf8(mentees_csv)?,
    })
}

/// What [`generate_rosters`] returns.
#[derive(Serialize)]
struct GeneratedRosters {
    mentors: String,
    mentees: String,
}

/// The default config with every key filled in: a starting point to edit.
#[wasm_bindgen(js_name = defaultConfig, unchecked_return_type = "Config")]
pub fn default_config() -> Result<JsValue, Failure> {
    to_js(&matcher::Config::default())
}

/// Whether this is the threaded build, whose rayon pool runs on Web Workers
/// started by `initThreadPool(threads)`.
#[wasm_bindgen]
pub fn threaded() -> bool {
    cfg!(feature = "threads")
}

/// The version of the package (and of the matcher crate it is built from).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
