//! The matcher side of `benches/peers/compare.sh`.
//!
//! ```text
//! compare write DIR [--shapes 1000,2000,4000,2000x4000] [--kinds uniform,integer,roster|all]
//! compare solve DIR [--runs 5] [--min-runs 3] [--budget 10] [--engines auto,dense]
//!                   [--out results/matcher.json]
//! ```
//!
//! `write` generates the matrices and writes them as `DIR/{kind}-{rows}x{cols}.f64`
//! for the Python peers. `solve` runs `matcher::solve::solve` on every file in
//! `DIR` (plain assignment: capacity 1 per column, `coverage` objective) and
//! reports the median time, the matched count and the objective recomputed from
//! the assignment: progress on stderr, results as JSON (`--out`) in the same
//! shape as `peers.py`'s. Like `peers.py`, it stops after `--min-runs` runs
//! once `--budget` seconds are spent. `--engines auto,dense` also times
//! `matcher::solve::solve_dense` (the record `matcher[dense]`), interleaved
//! run by run with the engine `solve` picks, so both see the same load.

// A command-line tool: progress and errors on stderr are its job.
#![allow(clippy::print_stderr)]

/// The CLI's pool of workers pinned one per core, so the solve is timed as
/// `matcher solve` runs it.
#[path = "../../../matcher-cli/src/threads.rs"]
mod threads;

use matcher::solve::{solve, solve_dense, Objective, Problem, Solution, SolveError};
use matcher_benches::check::evaluate;
use matcher_benches::matrix::{parse_shapes, Kind, Matrix};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Instant;
use std::{env, fs};

const USAGE: &str =
    "usage: compare write DIR [--shapes 1000,2000,4000,2000x4000] [--kinds uniform,integer,roster|all]
       compare solve DIR [--runs 5] [--min-runs 3] [--budget 10] [--engines auto,dense] [--out FILE.json]";

/// One solver on one matrix: the shape shared with `peers.py`.
#[derive(Debug, Serialize)]
struct Record {
    solver: String,
    instance: String,
    kind: &'static str,
    rows: usize,
    cols: usize,
    times_s: Vec<f64>,
    median_s: Option<f64>,
    matched: Option<usize>,
    objective: Option<f64>,
    /// The solver's own total and dual bound, for a glance at the gap.
    reported_total: Option<f64>,
    dual_bound: Option<f64>,
    error: Option<String>,
}

fn main() -> ExitCode {
    // As the `matcher` CLI does: workers pinned one per core.
    let _ = threads::pool_builder(0).build_global();
    let args: Vec<String> = env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("compare: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, dir, flags) = match args {
        [command, dir, flags @ ..] => (command.as_str(), Path::new(dir), flags),
        _ => return Err("expected a command and a directory".into()),
    };
    let flag = |name: &str| -> Result<Option<&str>, String> {
        match flags.iter().position(|f| f == name) {
            None => Ok(None),
            Some(i) => flags
                .get(i + 1)
                .map(|v| Some(v.as_str()))
                .ok_or_else(|| format!("{name} needs a value")),
        }
    };
    match command {
        "write" => {
            let shapes = parse_shapes(flag("--shapes")?.unwrap_or("1000,2000,4000,2000x4000"))?;
            let kinds = match flag("--kinds")? {
                Some("all") => Kind::ALL.to_vec(),
                None => Kind::PLAIN.to_vec(),
                Some(list) => list
                    .split(',')
                    .map(|k| Kind::from_name(k.trim()).ok_or_else(|| format!("unknown kind {k:?}")))
                    .collect::<Result<Vec<_>, _>>()?,
            };
            write(dir, &kinds, &shapes)
        }
        "solve" => {
            let runs = Runs::new(
                number(flag("--runs")?, "--runs", 5)?,
                number(flag("--min-runs")?, "--min-runs", 3)?,
                number(flag("--budget")?, "--budget", 10.0)?,
            );
            let engines = flag("--engines")?
                .unwrap_or("auto")
                .split(',')
                .map(|e| Engine::from_name(e.trim()).ok_or_else(|| format!("unknown engine {e:?}")))
                .collect::<Result<Vec<_>, _>>()?;
            let records = solve_all(dir, runs, &engines)?;
            if let Some(out) = flag("--out")? {
                let json = serde_json::json!({ "results": records });
                let text = serde_json::to_string_pretty(&json).expect("serialisable");
                fs::write(out, text + "\n").map_err(|e| format!("{out}: {e}"))?;
            }
            Ok(())
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

/// The number a flag gives (`value`), or `default` without the flag.
fn number<T: FromStr>(value: Option<&str>, name: &str, default: T) -> Result<T, String> {
    match value {
        Some(v) => v.parse().map_err(|_| format!("{name}: not a number: {v}")),
        None => Ok(default),
    }
}

fn write(dir: &Path, kinds: &[Kind], shapes: &[(usize, usize)]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for &kind in kinds {
        for &(rows, cols) in shapes {
            let path = Matrix::generate(kind, rows, cols)
                .write(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}

/// The matrix files in `dir`, by kind, squares before rectangles, then size.
fn matrix_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "f64") {
            files.push(path);
        }
    }
    files.sort_by_cached_key(|path| {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let (kind, shape) = name.split_once('-').unwrap_or((name, ""));
        let kind = Kind::from_name(kind).map_or(usize::MAX, |k| k as usize);
        let (rows, cols) = parse_shapes(shape)
            .ok()
            .and_then(|s| s.first().copied())
            .unwrap_or_default();
        (kind, rows != cols, rows, cols)
    });
    Ok(files)
}

/// How many times each matrix is solved.
#[derive(Debug, Clone, Copy)]
struct Runs {
    /// At most this many.
    most: usize,
    /// At least this many (and one), then only while under `budget`.
    least: usize,
    /// Seconds per matrix after the first `least` runs.
    budget: f64,
}

impl Runs {
    fn new(most: usize, least: usize, budget: f64) -> Self {
        Self {
            most: most.max(1),
            least: least.max(1),
            budget,
        }
    }

    /// Whether another run follows the `times` so far.
    fn another(&self, times: &[f64]) -> bool {
        times.len() < self.most
            && (times.len() < self.least || times.iter().sum::<f64>() <= self.budget)
    }
}

/// Which of matcher's engines a record times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    /// `solve`: the engine matcher picks.
    Auto,
    /// `solve_dense`: the dense engine alone.
    Dense,
}

impl Engine {
    fn from_name(name: &str) -> Option<Engine> {
        match name {
            "auto" => Some(Engine::Auto),
            "dense" => Some(Engine::Dense),
            _ => None,
        }
    }

    /// The solver's name in the results.
    fn solver(self) -> &'static str {
        match self {
            Engine::Auto => "matcher",
            Engine::Dense => "matcher[dense]",
        }
    }

    fn solve(self, problem: &Problem<'_>) -> Result<Solution, SolveError> {
        match self {
            Engine::Auto => solve(problem),
            Engine::Dense => solve_dense(problem),
        }
    }
}

fn solve_all(dir: &Path, runs: Runs, engines: &[Engine]) -> Result<Vec<Record>, String> {
    let files = matrix_files(dir)?;
    if files.is_empty() {
        return Err(format!("no .f64 matrices in {}", dir.display()));
    }
    eprintln!(
        "{:<22} {:<15} {:>10} {:>8} {:>22}",
        "instance", "solver", "median s", "matched", "objective"
    );
    let mut records = Vec::new();
    for path in files {
        let matrix = Matrix::read(&path).map_err(|e| e.to_string())?;
        for record in solve_one(&matrix, runs, engines) {
            match &record.error {
                None => eprintln!(
                    "{:<22} {:<15} {:>10.4} {:>8} {:>22.6}",
                    record.instance,
                    record.solver,
                    record.median_s.unwrap_or(f64::NAN),
                    record.matched.unwrap_or(0),
                    record.objective.unwrap_or(f64::NAN),
                ),
                Some(error) => {
                    eprintln!("{:<22} {} error: {error}", record.instance, record.solver)
                }
            }
            records.push(record);
        }
    }
    Ok(records)
}

/// Times solves of the plain assignment on `matrix` with each engine, in
/// turn run after run, as `runs` says, and checks each engine's last answer.
fn solve_one(matrix: &Matrix, runs: Runs, engines: &[Engine]) -> Vec<Record> {
    let capacities = vec![1; matrix.cols];
    let problem = Problem {
        rows: matrix.rows,
        cols: matrix.cols,
        weights: &matrix.weights,
        capacities: &capacities,
        objective: Objective::Coverage,
    };
    let mut records: Vec<Record> = engines
        .iter()
        .map(|engine| Record {
            solver: engine.solver().to_owned(),
            instance: matrix.name(),
            kind: matrix.kind.name(),
            rows: matrix.rows,
            cols: matrix.cols,
            times_s: Vec::new(),
            median_s: None,
            matched: None,
            objective: None,
            reported_total: None,
            dual_bound: None,
            error: None,
        })
        .collect();
    let mut last: Vec<Option<Solution>> = engines.iter().map(|_| None).collect();
    // Another round while any engine (without an error) wants another run.
    while records
        .iter()
        .any(|r| r.error.is_none() && runs.another(&r.times_s))
    {
        for ((engine, record), last) in engines.iter().zip(&mut records).zip(&mut last) {
            if record.error.is_some() || !runs.another(&record.times_s) {
                continue;
            }
            let start = Instant::now();
            let solution = engine.solve(&problem);
            record.times_s.push(start.elapsed().as_secs_f64());

            match solution {
                Ok(solution) => *last = Some(solution),
                Err(e) => record.error = Some(e.to_string()),
            }
        }
    }
    for (record, last) in records.iter_mut().zip(last) {
        if let Some(solution) = last.filter(|_| record.error.is_none()) {
            check(matrix, &solution, record);
        }
    }
    records
}

/// Fills in `record`'s median and the value of `solution`, recomputed from
/// the matrix.
fn check(matrix: &Matrix, solution: &Solution, record: &mut Record) {
    record.median_s = Some(median(&record.times_s));
    record.reported_total = Some(solution.total);
    record.dual_bound = Some(solution.dual_bound);
    match evaluate(matrix.cols, &matrix.weights, None, &solution.assignment) {
        Ok(value) => {
            record.matched = Some(value.matched);
            record.objective = Some(value.total);
        }
        Err(e) => record.error = Some(format!("infeasible assignment: {e}")),
    }
}

fn median(times: &[f64]) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    (sorted[(n - 1) / 2] + sorted[n / 2]) / 2.0
}
