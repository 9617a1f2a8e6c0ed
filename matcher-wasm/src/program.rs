//! The `Matcher` class: one program, parsed, checked and solved once, with
//! every question about it answered from the stored optimum.

use crate::convert::{read_config, read_rounds, to_js, utf8};
use crate::error::Failure;
use crate::evaluation::{read_bootstrap, read_outcomes};
use crate::progress::Reporter;
use matcher::columns::ColumnRules;
#[cfg(feature = "peers")]
use matcher::people::People;
use matcher::roster::{read_columns, read_sheet_columns, ColumnReadings};
use matcher::workbook::SheetRead;
use matcher::{Config, Diagnostic, Program, Roster, Side};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The source label of the mentor roster in every diagnostic.
pub const MENTORS: &str = "mentors.csv";
/// The source label of the mentee roster in every diagnostic.
pub const MENTEES: &str = "mentees.csv";

/// A roster (or an outcomes file) as JavaScript gives it: CSV text, or a
/// workbook's sheet that the workbook module (`readWorkbook`) read.
pub enum RosterInput {
    /// CSV text.
    Text(String),
    /// A sheet, or the problem reading it.
    Sheet(Box<SheetRead>),
}

impl RosterInput {
    /// Reads the argument `name`: a string or a `SheetRead` object.
    pub fn from_js(value: JsValue, name: &str) -> Result<RosterInput, Failure> {
        if let Some(text) = value.as_string() {
            return Ok(RosterInput::Text(text));
        }
        crate::sheet_read::sheet_read(&value)
            .map(|read| RosterInput::Sheet(Box::new(read)))
            .map_err(|field| {
                Failure::new(
                    "invalid_argument",
                    &format!("{name} must be CSV text or what readWorkbook returns (its `{field}` does not read)"),
                )
            })
    }

    /// Parses the roster of `side` under the `[columns]` rules; CSV text is
    /// read under `source`, a sheet under its own label.
    pub fn read(
        self,
        side: Side,
        source: &str,
        rules: &ColumnRules,
    ) -> Result<Roster, Vec<Diagnostic>> {
        match self {
            RosterInput::Text(text) => {
                Roster::from_csv_reader_with(text.as_bytes(), side, source, rules)
            }
            RosterInput::Sheet(read) => Roster::from_sheet_read(*read, side, rules),
        }
    }

    /// How each column of the roster of `side` is read under the `[columns]`
    /// rules, from its header row alone (see [`RosterInput::read`]).
    pub fn columns(
        self,
        side: Side,
        source: &str,
        rules: &ColumnRules,
    ) -> Result<ColumnReadings, Diagnostic> {
        match self {
            RosterInput::Text(text) => read_columns(text.as_bytes(), side, source, rules),
            RosterInput::Sheet(read) => read_sheet_columns(*read, side, rules),
        }
    }
}

/// Parses both rosters under the config's `[columns]`, checking them against
/// each other; the outer error is an argument that is no roster.
pub fn rosters(
    mentors: JsValue,
    mentees: JsValue,
    config: &Config,
) -> Result<Result<(Roster, Roster), matcher::Error>, Failure> {
    let mentors = RosterInput::from_js(mentors, "mentorsCsv")?;
    let mentees = RosterInput::from_js(mentees, "menteesCsv")?;
    Ok(matcher::check_rosters(
        mentors.read(Side::Mentor, MENTORS, &config.columns),
        mentees.read(Side::Mentee, MENTEES, &config.columns),
    ))
}

/// The source label of a peer roster in every diagnostic.
#[cfg(feature = "peers")]
pub const PEOPLE: &str = "people.csv";

/// Parses a peer roster under the config's `[columns]`.
#[cfg(feature = "peers")]
pub fn read_people(csv: &str, config: &Config) -> Result<People, Failure> {
    People::from_reader(csv.as_bytes(), PEOPLE, &config.columns)
        .map_err(|problems| matcher::Error::Roster(problems).into())
}

/// A matched program. The constructor parses and checks both rosters, the
/// config and the rounds, and solves once; `outcome`, `matchesCsv`, `json`,
/// `report`, `suggest`, `explain` and `evaluate` read the stored optimum without solving,
/// `whyNot` with a mentor solves once more (the pair forced) and
/// `costOfDiversity` once, on its first call. `solves` counts them.
#[wasm_bindgen]
pub struct Matcher {
    program: Program<'static>,
}

#[wasm_bindgen]
impl Matcher {
    /// Matches mentees to mentors optimally, keeping the locked pairs of
    /// `rounds` and never repeating its history pairs; `onProgress` is called
    /// with `{ stage, done, total }` while it scores and solves.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(js_name = mentorsCsv, unchecked_param_type = "RosterInput")]
        mentors_csv: JsValue,
        #[wasm_bindgen(js_name = menteesCsv, unchecked_param_type = "RosterInput")]
        mentees_csv: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
        #[wasm_bindgen(
            js_name = onProgress,
            unchecked_optional_param_type = "((progress: Progress) => void) | null"
        )]
        on_progress: JsValue,
    ) -> Result<Matcher, Failure> {
        let (config, rounds) = (read_config(config)?, read_rounds(rounds)?);
        let (mentors, mentees) = rosters(mentors_csv, mentees_csv, &config)??;
        Self::solve(mentors, mentees, config, &rounds, on_progress)
    }

    /// A peer program from one roster (`people.csv`): each person has a
    /// `role` of mentor, mentee or both (empty), `skills` they offer,
    /// `learning` they want and a `capacity` as a mentor. Nobody is paired
    /// with themselves, and two people at most once.
    #[cfg(feature = "peers")]
    #[wasm_bindgen(js_name = fromPeople)]
    pub fn from_people(
        #[wasm_bindgen(js_name = peopleCsv)] people_csv: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "Config | null")] config: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Rounds | null")] rounds: JsValue,
        #[wasm_bindgen(
            js_name = onProgress,
            unchecked_optional_param_type = "((progress: Progress) => void) | null"
        )]
        on_progress: JsValue,
    ) -> Result<Matcher, Failure> {
        let (config, rounds) = (read_config(config)?, read_rounds(rounds)?);
        let people = read_people(people_csv, &config)?;
        let (mentors, mentees) = people.directed();
        Self::solve(mentors, mentees, config, &rounds, on_progress)
    }

    /// Solves a program, reporting to `on_progress` (a function, or nothing).
    fn solve(
        mentors: Roster,
        mentees: Roster,
        config: Config,
        rounds: &matcher::Rounds,
        on_progress: JsValue,
    ) -> Result<Matcher, Failure> {
        let callback = match on_progress.dyn_into::<js_sys::Function>() {
            Ok(callback) => Some(callback),
            Err(other) if other.is_undefined() || other.is_null() => None,
            Err(_) => {
                return Err(Failure::new(
                    "invalid_argument",
                    "onProgress must be a function",
                ))
            }
        };
        let reporter = Reporter::new(callback);
        let program = Program::with_progress(mentors, mentees, config, rounds, &reporter)?;
        Ok(Matcher { program })
    }

    /// The optimal matching: every mentee matched or unmatched with a reason
    /// (the CLI's JSON output).
    #[wasm_bindgen(unchecked_return_type = "MatchOutcome")]
    pub fn outcome(&self) -> Result<JsValue, Failure> {
        to_js(self.program.outcome())
    }

    /// `matches.csv`, byte for byte what the CLI writes.
    #[wasm_bindgen(js_name = matchesCsv)]
    pub fn matches_csv(&self) -> Result<String, Failure> {
        let mut csv = Vec::new();
        self.program.write_csv(&mut csv)?;
        utf8(csv)
    }

    /// The JSON output as text, byte for byte what the CLI writes.
    pub fn json(&self) -> Result<String, Failure> {
        let mut json = Vec::new();
        self.program.write_json(&mut json)?;
        utf8(json)
    }

    /// The fairness and diversity report: `cost_of_diversity` is `null` until
    /// `costOfDiversity()` was called. It solves nothing, except under the
    /// `stable` objective, whose first report solves the exact optimum for the
    /// price of stability.
    #[wasm_bindgen(unchecked_return_type = "FairnessReport")]
    pub fn report(&self) -> Result<JsValue, Failure> {
        to_js(&self.program.fairness_report()?)
    }

    /// What the diversity weight costs the other criteria: solves the program
    /// once more with `weights.diversity = 0` on the first call; `null` when
    /// diversity is the only weight.
    #[wasm_bindgen(js_name = costOfDiversity, unchecked_return_type = "DiversityCost | null")]
    pub fn cost_of_diversity(&self) -> Result<JsValue, Failure> {
        to_js(&self.program.cost_of_diversity()?)
    }

    /// Up to `k` mentors for every mentee, best first, ranked by score minus
    /// the mentor's price in the optimal matching.
    #[wasm_bindgen(unchecked_return_type = "Suggestions[]")]
    pub fn suggest(&self, k: usize) -> Result<JsValue, Failure> {
        to_js(&self.program.suggest(k))
    }

    /// Where a mentee stands (its match, or why it has none) and, with
    /// `mentorId`, why that pair was (not) made and exactly what forcing it
    /// would cost (one more solve).
    #[wasm_bindgen(js_name = whyNot, unchecked_return_type = "Verdict")]
    pub fn why_not(
        &self,
        #[wasm_bindgen(js_name = menteeId)] mentee_id: &str,
        #[wasm_bindgen(js_name = mentorId, unchecked_optional_param_type = "string | null")]
        mentor_id: JsValue,
    ) -> Result<JsValue, Failure> {
        let mentor_id = optional_id(mentor_id, "mentorId")?;
        to_js(&self.program.why_not(mentee_id, mentor_id.as_deref())?)
    }

    /// The full score breakdown of one pair, made or not, and any rule that
    /// forbids it.
    #[wasm_bindgen(unchecked_return_type = "Explanation")]
    pub fn explain(
        &self,
        #[wasm_bindgen(js_name = menteeId)] mentee_id: &str,
        #[wasm_bindgen(js_name = mentorId)] mentor_id: &str,
    ) -> Result<JsValue, Failure> {
        to_js(&self.program.explain(mentee_id, mentor_id)?)
    }

    /// How the pairs of an outcomes file went against how this program
    /// scores them: by score decile and criterion, with correlations and
    /// seeded bootstrap intervals (`options`: `{ resamples?, seed? }`,
    /// 1 000 and 1 by default). It solves nothing.
    #[wasm_bindgen(unchecked_return_type = "Evaluation")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RosterInput")] outcomes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions | null")] options: JsValue,
    ) -> Result<JsValue, Failure> {
        let bootstrap = read_bootstrap(options)?;
        to_js(&self.program.evaluate(&read_outcomes(outcomes)?, bootstrap))
    }

    /// How many exact solves this matcher has run.
    #[wasm_bindgen(getter)]
    pub fn solves(&self) -> usize {
        self.program.solves()
    }
}

/// An optional id argument: a string, or `undefined`/`null` for none.
pub fn optional_id(value: JsValue, name: &str) -> Result<Option<String>, Failure> {
    match value.as_string() {
        Some(id) => Ok(Some(id)),
        None if value.is_null() || value.is_undefined() => Ok(None),
        None => Err(Failure::new(
            "invalid_argument",
            &format!("{name} must be a string"),
        )),
    }
}
