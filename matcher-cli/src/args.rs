//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use matcher::bytesize::ByteSize;
use std::path::PathBuf;

/// Exact, explainable mentor–mentee matching from CSV rosters.
#[derive(Debug, Parser)]
#[command(name = "matcher", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Match mentees to mentors: an exact, explained, capacity-respecting assignment.
    Match(MatchArgs),
    /// Check both rosters and report every problem at once.
    Validate(ValidateArgs),
    /// Report the rosters' vocabulary: wants no mentor offers, one-sided terms, likely misspellings.
    Vocab(ValidateArgs),
    /// Explain a mentee's match or why they have none; with --mentor, why that pair was (not) made.
    Explain(ExplainArgs),
    /// Suggest mentors for every mentee, ranked so that popular mentors are not first for everyone.
    Suggest(SuggestArgs),
    /// Solve an assignment on your own score (or cost) matrix.
    Solve(SolveArgs),
    /// Write seeded synthetic rosters of any size.
    Generate(GenerateArgs),
    /// Report how the pairs of an outcomes file went, by score decile and per criterion.
    Evaluate(EvaluateArgs),
    /// Fit the criterion weights to an outcome; write a config with them if the data support it.
    Calibrate(CalibrateArgs),
    /// Print the default configuration, with comments.
    Init,
}

/// The roster files: a mentors and a mentees file, or one peer roster.
#[derive(Debug, Args)]
pub struct Rosters {
    /// Mentors CSV, .xlsx or .ods (id, name, capacity, min_load, skills, values, goals, exclude, picks, wants, any attributes).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "people",
        requires = "mentees"
    )]
    pub mentors: Option<PathBuf>,
    /// Mentees CSV, .xlsx or .ods (id, name, capacity, skills, values, goals, exclude, picks, wants, any attributes).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "people",
        requires = "mentors"
    )]
    pub mentees: Option<PathBuf>,
    /// One peer roster instead of two files: each person has a `role` of mentor, mentee or both (empty),
    /// `skills` they offer, `learning` they want, and a `capacity` as mentor.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["mentors", "mentees"])]
    pub people: Option<PathBuf>,
    /// The sheet to read from a workbook roster (default: its first sheet).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The sheet to read from the mentors workbook; overrides --sheet.
    #[arg(long, value_name = "NAME")]
    pub mentors_sheet: Option<String>,
    /// The sheet to read from the mentees workbook; overrides --sheet.
    #[arg(long, value_name = "NAME")]
    pub mentees_sheet: Option<String>,
}

/// Rosters plus a configuration.
#[derive(Debug, Args)]
pub struct Inputs {
    #[command(flatten)]
    pub rosters: Rosters,
    /// Configuration TOML (see `matcher init`); defaults apply without it.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Vocabulary CSV (`term,canonical`): aliases added to the config's `[vocabulary]`.
    #[arg(long, value_name = "FILE")]
    pub vocabulary: Option<PathBuf>,
    /// Your own pair scores CSV (`mentor_id,mentee_id,score`, 0–100), scored as
    /// the `pair_score` criterion (`[weights] pair_score`); pairs it leaves out
    /// are not applicable.
    #[arg(long, value_name = "FILE")]
    pub pair_scores: Option<PathBuf>,
    /// Worker threads (0 = every core); overrides `solver.threads`.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub rounds: RoundFiles,
}

/// Decisions from earlier rounds, as CSV files with the columns `mentor_id,mentee_id`.
#[derive(Debug, Args)]
pub struct RoundFiles {
    /// Pairs to keep as they are (each uses one of its mentor's places); the
    /// rest is optimised around them.
    #[arg(long, value_name = "FILE")]
    pub locked: Option<PathBuf>,
    /// Pairs made in earlier cycles, never made again.
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
}

/// Output formats for tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values.
    Csv,
    /// Pretty-printed JSON.
    Json,
}

/// Output formats for reports meant to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Plain text.
    Text,
    /// Pretty-printed JSON.
    Json,
}

/// Where and how a command writes its table.
#[derive(Debug, Args)]
pub struct Output {
    /// Write the result here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
}

/// `matcher match`.
#[derive(Debug, Args)]
pub struct MatchArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// `csv`: matches.csv, one row per mentee; `json`: matches, unmatched, mentors and summary.
    #[command(flatten)]
    pub output: Output,
    /// Print no summary or progress on standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// Memory the solver may use, e.g. `512MiB`, `4GiB` or bytes; overrides `solver.max_memory`.
    #[arg(long, value_name = "SIZE")]
    pub max_memory: Option<ByteSize>,
    /// Add a fairness and diversity report to the JSON output (needs `--format json`).
    #[arg(long)]
    pub report: bool,
    /// Pair everyone on the `--people` roster into undirected buddy pairs (each person in at most one
    /// pair, scored both ways) instead of mentor–mentee pairs.
    #[arg(long, requires = "people")]
    pub pairs: bool,
}

/// `matcher validate` and `matcher vocab`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub rosters: Rosters,
    /// Configuration TOML whose `[columns]` and `[vocabulary]` say how to read the rosters.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Vocabulary CSV (`term,canonical`): aliases added to the config's `[vocabulary]`.
    #[arg(long, value_name = "FILE")]
    pub vocabulary: Option<PathBuf>,
    /// How to print the problems or the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// An outcomes file and the bootstrap of its intervals.
#[derive(Debug, Args)]
pub struct OutcomeFile {
    /// Outcomes CSV, .xlsx or .ods: `mentor_id`, `mentee_id` and any of `rating` (1–5),
    /// `goals_attained` (0–1, %, yes/no), `ended_early` (yes/no), `meetings`, `comment`.
    #[arg(long, value_name = "FILE")]
    pub outcomes: PathBuf,
    /// Bootstrap resamples per interval.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub resamples: usize,
    /// Seed of the bootstrap resamples (and of calibrate's folds): the same seed, the same bytes.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
}

/// `matcher evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub outcomes: OutcomeFile,
    /// Write the report here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// `text` to read; `json` adds every pair's scores and answers.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// An outcome to calibrate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutcomeName {
    /// The pair's rating, 1–5.
    #[value(name = "rating")]
    Rating,
    /// The share of the mentee's goals reached.
    #[value(name = "goals_attained")]
    GoalsAttained,
    /// Whether the pair ended early (fitted so that not ending early is better).
    #[value(name = "ended_early")]
    EndedEarly,
    /// Meetings held.
    #[value(name = "meetings")]
    Meetings,
}

/// `matcher calibrate`.
#[derive(Debug, Args)]
pub struct CalibrateArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    #[command(flatten)]
    pub outcomes: OutcomeFile,
    /// The outcome to fit the weights to (default: the file's only outcome column).
    #[arg(long, value_enum, value_name = "NAME")]
    pub outcome: Option<OutcomeName>,
    /// The config file to write: --config's (or the defaults) with the fitted weights,
    /// headed by the calibration report. Written only when the data support a change.
    #[arg(long, short, value_name = "FILE")]
    pub out: PathBuf,
    /// Write the config even when the data do not support a change (with a warning in it).
    #[arg(long)]
    pub force: bool,
    /// How to print the calibration report on standard output.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// `matcher explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// The mentor's id: explain this pair, and what forcing it would cost. With `--pairs`, the
    /// partner's id (alias `--partner`).
    #[arg(long, value_name = "ID", visible_alias = "partner")]
    pub mentor: Option<String>,
    /// The mentee's id; with `--pairs`, the person's id (alias `--person`).
    #[arg(long, value_name = "ID", visible_alias = "person")]
    pub mentee: String,
    /// Explain the `--people` roster's buddy pairs (`match --pairs`): the person's pair and, with a
    /// partner, why the two were not paired and what pairing them would cost.
    #[arg(long, requires = "people")]
    pub pairs: bool,
    /// How to print the breakdown.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// `matcher suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub inputs: Inputs,
    /// How many mentors per mentee (with `--pairs`, partners per person).
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub top: usize,
    /// Suggest buddy partners on the `--people` roster (`match --pairs`): each person's best
    /// partners by the pair score, their partner in the optimal pairing first.
    #[arg(long, requires = "people")]
    pub pairs: bool,
    /// `csv`: one row per mentee and rank; `json`: one object per mentee.
    #[command(flatten)]
    pub output: Output,
}

/// `matcher generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of mentors.
    #[arg(long, value_name = "N")]
    pub mentors: usize,
    /// Number of mentees.
    #[arg(long, value_name = "N")]
    pub mentees: usize,
    /// Seed; the same seed writes the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Give every mentor this capacity (default: a realistic spread of 1–5).
    #[arg(long, value_name = "N")]
    pub capacity: Option<u32>,
    /// Add `picks` columns: a third of the mentees pick 1–3 mentors, one
    /// mentor in twenty picks 1–2 mentees.
    #[arg(long)]
    pub picks: bool,
    /// Folder to write mentors.csv and mentees.csv into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// `matcher solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The matrix: CSV (header row optional, an empty cell forbids the pair), or
    /// raw little-endian f64 values when `--shape` is given.
    #[arg(long, value_name = "FILE")]
    pub matrix: PathBuf,
    /// Read the matrix as raw little-endian f64 of this shape, e.g. `4000x4000`.
    #[arg(long, value_name = "ROWSxCOLS", value_parser = parse_shape)]
    pub shape: Option<(usize, usize)>,
    /// The values are costs to minimise (default: scores to maximise).
    #[arg(long, conflicts_with = "maximize")]
    pub minimize: bool,
    /// The values are scores to maximise (the default).
    #[arg(long)]
    pub maximize: bool,
    /// `csv`: row,col,value per row (0-based); `json`: assignment, objective and dual bound.
    #[command(flatten)]
    pub output: Output,
    /// Print no summary on standard error.
    #[arg(long, short)]
    pub quiet: bool,
    /// Memory limit, e.g. `512MiB`, `4GiB` or bytes: a matrix over half of it is refused.
    #[arg(long, value_name = "SIZE", default_value = "1GiB")]
    pub max_memory: ByteSize,
}

fn parse_shape(text: &str) -> Result<(usize, usize), String> {
    let (rows, cols) = text
        .split_once(['x', 'X'])
        .ok_or("expected ROWSxCOLS, e.g. 4000x4000")?;
    let number = |s: &str| s.trim().parse::<usize>().map_err(|e| format!("{s:?}: {e}"));
    Ok((number(rows)?, number(cols)?))
}
