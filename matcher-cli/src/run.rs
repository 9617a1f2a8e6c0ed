//! Orchestration: open files, call the core, write results.

use crate::args::{
    Cli, Command, Format, GenerateArgs, Inputs, MatchArgs, ReportFormat, Rosters, RoundFiles,
    SolveArgs, SuggestArgs, ValidateArgs,
};
use crate::outcomes;
use crate::pairs;
use crate::threads;
use crate::{bar, output};
use matcher::columns::ColumnRules;
use matcher::matrix::Matrix;
use matcher::pair_scores::PairScores;
use matcher::people::People;
use matcher::rounds::PairFile;
use matcher::solve::{self, Objective, Problem};
use matcher::vocabulary_report::vocabulary_report;
use matcher::{Config, Program, Roster, Rounds};
use std::fmt;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Why a command failed, and so its exit code.
#[derive(Debug)]
pub enum Failure {
    /// The input is at fault: exit 2.
    Input(String),
    /// Anything else: exit 1.
    Other(String),
    /// The data do not support what was asked (a calibration's new weights): exit 3.
    Refused(String),
    /// Standard output was closed early (e.g. piped into `head`): not an error.
    BrokenPipe,
}

impl Failure {
    /// 2 for bad input, 3 for a refusal, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Input(_) => 2,
            Failure::Refused(_) => 3,
            Failure::Other(_) => 1,
            Failure::BrokenPipe => 0,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            Failure::Input(m) | Failure::Other(m) | Failure::Refused(m) => m.as_str(),
            Failure::BrokenPipe => "broken pipe",
        };
        for (i, line) in message.lines().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "error: {line}")?;
        }
        Ok(())
    }
}

impl From<matcher::Error> for Failure {
    fn from(e: matcher::Error) -> Self {
        if e.is_bad_input() {
            Failure::Input(e.to_string())
        } else {
            Failure::Other(e.to_string())
        }
    }
}

/// A failure to write output: broken pipes are success, the rest exit 1.
fn write_failure(path: Option<&Path>, e: io::Error) -> Failure {
    match (e.kind(), path) {
        (io::ErrorKind::BrokenPipe, _) => Failure::BrokenPipe,
        (_, Some(path)) => Failure::Other(format!("could not write {}: {e}", path.display())),
        (_, None) => Failure::Other(format!("could not write to standard output: {e}")),
    }
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Match(args) => run_match(args),
        Command::Validate(args) => validate(&args, &optional_config(&args)?),
        Command::Vocab(args) => {
            let config = optional_config(&args)?;
            let (mentors, mentees) = parse_rosters(&args.rosters, &config.columns)??;
            let report = vocabulary_report(&mentors, &mentees, &config.vocabulary);
            write_to(None, |w| match args.format {
                ReportFormat::Text => output::vocabulary(w, &report, &mentors, &mentees),
                ReportFormat::Json => output::json(w, &report),
            })
        }
        Command::Explain(args) if args.pairs => pairs::run_explain(&args),
        Command::Explain(args) => {
            let (mentors, mentees, config) = load(&args.inputs)?;
            let rounds = read_rounds(&args.inputs.rounds)?;
            let program = Program::new(mentors, mentees, config, &rounds)?;
            let verdict = program.why_not(&args.mentee, args.mentor.as_deref())?;
            write_to(None, |w| match args.format {
                ReportFormat::Text => output::verdict(w, &verdict),
                ReportFormat::Json => output::json(w, &verdict),
            })
        }
        Command::Suggest(args) => run_suggest(args),
        Command::Solve(args) => {
            install_pool(0);
            run_solve(&args)
        }
        Command::Generate(args) => run_generate(&args),
        Command::Evaluate(args) => outcomes::run_evaluate(args),
        Command::Calibrate(args) => outcomes::run_calibrate(args),
        Command::Init => write_to(None, |w| {
            w.write_all(matcher::config::DEFAULT_TOML.as_bytes())
        }),
    }
}

/// The config of `validate` and `vocab`.
fn optional_config(args: &ValidateArgs) -> Result<Config, Failure> {
    config_of(args.config.as_deref(), args.vocabulary.as_deref())
}

/// The config file given (or the defaults) with the vocabulary file's terms
/// added to its `[vocabulary]`, checked together.
fn config_of(config: Option<&Path>, vocabulary: Option<&Path>) -> Result<Config, Failure> {
    let mut config = config.map_or(Ok(Config::default()), read_config)?;
    if let Some(path) = vocabulary {
        let terms = matcher::vocabulary::read_vocabulary(open(path)?, &path.display().to_string())
            .map_err(matcher::Error::Roster)?;
        for (canonical, term) in terms {
            let entry = config.vocabulary.entry(canonical.clone()).or_default();
            entry.merge(term).map_err(|message| {
                Failure::Input(format!("{}: \"{canonical}\": {message}", path.display()))
            })?;
        }
        config
            .validate()
            .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    }
    Ok(config)
}

/// `matcher validate`: every problem of both rosters, or a summary of them.
fn validate(args: &ValidateArgs, config: &Config) -> Result<(), Failure> {
    let read = parse_rosters(&args.rosters, &config.columns)?.and_then(|(mentors, mentees)| {
        let problems = matcher::check_cells(&mentors, &mentees, config);
        match problems.is_empty() {
            true => Ok((mentors, mentees)),
            false => Err(matcher::Error::Roster(problems)),
        }
    });
    match read {
        Ok((mentors, mentees)) => {
            let mut summary = output::roster_summary(&mentors, &mentees);
            for line in output::availability(&[&mentors, &mentees], config) {
                summary.push('\n');
                summary.push_str(&line);
            }
            write_to(None, |w| writeln!(w, "{summary}"))
        }
        Err(matcher::Error::Roster(problems)) => {
            write_to(None, |w| output::diagnostics(w, &problems, args.format))?;
            Err(Failure::Input(format!(
                "{} problem(s) found in the rosters",
                problems.len()
            )))
        }
        Err(other) => Err(other.into()),
    }
}

fn run_match(args: MatchArgs) -> Result<(), Failure> {
    let started = Instant::now();
    if args.report && args.output.format != Format::Json {
        return Err(Failure::Input(
            "--report adds a section to the JSON output: use it with --format json".to_owned(),
        ));
    }
    if args.pairs {
        return pairs::run_match(&args, started);
    }
    let (mentors, mentees, mut config) = load(&args.inputs)?;
    if let Some(max_memory) = args.max_memory {
        config.solver.max_memory = max_memory;
    }
    let formats = output::formats_read(&[&mentors, &mentees]);
    let show = !args.quiet && io::stderr().is_terminal();
    let progress = bar::Bar::new(show);
    let rounds = read_rounds(&args.inputs.rounds)?;
    let program = Program::with_progress(mentors, mentees, config, &rounds, &progress)?;
    progress.finish();
    let report = if args.report {
        program.cost_of_diversity()?;
        Some(program.fairness_report()?)
    } else {
        None
    };
    write_to(args.output.out.as_deref(), |w| {
        match (args.output.format, &report) {
            (Format::Csv, _) => program.write_csv(w),
            (Format::Json, None) => program.write_json(w),
            (Format::Json, Some(report)) => output::json(
                w,
                &output::WithReport {
                    outcome: program.outcome(),
                    report,
                },
            ),
        }
    })?;
    if !args.quiet {
        let mut err = io::stderr().lock();
        let _ = formats.iter().try_for_each(|line| writeln!(err, "{line}"));
        let _ = output::summary(&mut err, program.outcome(), started.elapsed());
    }
    Ok(())
}

fn run_suggest(args: SuggestArgs) -> Result<(), Failure> {
    if args.pairs {
        return pairs::run_suggest(&args);
    }
    let (mentors, mentees, config) = load(&args.inputs)?;
    let rounds = read_rounds(&args.inputs.rounds)?;
    let suggestions = Program::new(mentors, mentees, config, &rounds)?.suggest(args.top);
    write_to(args.output.out.as_deref(), |w| match args.output.format {
        Format::Csv => matcher::report::write_suggestions_csv(&suggestions, w),
        Format::Json => output::json(w, &suggestions),
    })
}

fn run_solve(args: &SolveArgs) -> Result<(), Failure> {
    let started = Instant::now();
    let source = args.matrix.display().to_string();
    let reader = open(&args.matrix)?;
    let parsed = match args.shape {
        Some((rows, cols)) => Matrix::from_f64_le(reader, rows, cols, &source, args.max_memory),
        None => Matrix::from_csv_reader(reader, &source, args.max_memory),
    };
    let mut matrix = parsed.map_err(matcher::Error::Roster)?;
    if args.minimize {
        matrix.negate();
    }
    let capacities = vec![1; matrix.cols];
    let solution = solve::solve(&Problem {
        rows: matrix.rows,
        cols: matrix.cols,
        weights: &matrix.values,
        capacities: &capacities,
        objective: Objective::Coverage,
    })
    .map_err(matcher::Error::from)?;
    let sign = if args.minimize { -1.0 } else { 1.0 };
    let report = output::SolveReport::new(&matrix, &solution, sign);
    write_to(args.output.out.as_deref(), |w| match args.output.format {
        Format::Csv => report.write_csv(w),
        Format::Json => output::json(w, &report),
    })?;
    if !args.quiet {
        let _ = report.summary(&mut io::stderr().lock(), started.elapsed());
    }
    Ok(())
}

fn run_generate(args: &GenerateArgs) -> Result<(), Failure> {
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::Other(format!("could not create {}: {e}", args.out.display())))?;
    let create = |name: &str| -> Result<(PathBuf, BufWriter<File>), Failure> {
        let path = args.out.join(name);
        let file = File::create(&path)
            .map_err(|e| Failure::Other(format!("could not create {}: {e}", path.display())))?;
        Ok((path, BufWriter::new(file)))
    };
    let (mentors_path, mentors) = create("mentors.csv")?;
    let (_, mentees) = create("mentees.csv")?;
    let spec = matcher::generate::Spec {
        mentors: args.mentors,
        mentees: args.mentees,
        seed: args.seed,
        capacity: args.capacity,
        picks: args.picks,
    };
    matcher::generate::write(&spec, mentors, mentees)
        .map_err(|e| write_failure(Some(&mentors_path), e))
}

/// Opens a file for streaming; a missing or unreadable file is bad input.
pub(crate) fn open(path: &Path) -> Result<BufReader<File>, Failure> {
    File::open(path)
        .map(BufReader::new)
        .map_err(|e| Failure::Input(format!("could not open {}: {e}", path.display())))
}

/// Opens and parses both rosters; the inner result holds the roster problems.
fn parse_rosters(
    rosters: &Rosters,
    rules: &ColumnRules,
) -> Result<Result<(Roster, Roster), matcher::Error>, Failure> {
    let label = |p: &Path| p.display().to_string();
    if let Some(people) = &rosters.people {
        let read = People::from_reader(open(people)?, &label(people), rules);
        return Ok(read.map(|p| p.directed()).map_err(matcher::Error::Roster));
    }
    let (Some(mentors), Some(mentees)) = (&rosters.mentors, &rosters.mentees) else {
        return Err(Failure::Input(
            "give --mentors and --mentees, or --people".to_owned(),
        ));
    };
    Ok(matcher::read_rosters_from_sheets(
        open(mentors)?,
        &label(mentors),
        open(mentees)?,
        &label(mentees),
        rules,
        [&rosters.mentors_sheet, &rosters.mentees_sheet]
            .map(|own| own.as_deref().or(rosters.sheet.as_deref())),
    ))
}

/// Reads the rosters and the config (defaults when none is given).
pub(crate) fn load(inputs: &Inputs) -> Result<(Roster, Roster, Config), Failure> {
    let mut config = inputs_config(inputs)?;
    let (mentors, mentees) = parse_rosters(&inputs.rosters, &config.columns)??;
    use_global_pool(&mut config);
    Ok((mentors, mentees, config))
}

/// The config of `inputs` (defaults when none is given) with the vocabulary
/// file, `--threads` and the pair scores file applied.
pub(crate) fn inputs_config(inputs: &Inputs) -> Result<Config, Failure> {
    let mut config = config_of(inputs.config.as_deref(), inputs.vocabulary.as_deref())?;
    if let Some(threads) = inputs.threads {
        config.solver.threads = threads;
    }
    if let Some(path) = &inputs.pair_scores {
        let scores = PairScores::from_csv_reader(open(path)?, &path.display().to_string())
            .map_err(matcher::Error::Roster)?;
        config.pair_scores = Some(scores);
    }
    Ok(config)
}

/// Runs the library on rayon's global pool, made of `solver.threads`
/// workers, when it can be built.
pub(crate) fn use_global_pool(config: &mut Config) {
    if install_pool(config.solver.threads) {
        // The library runs on the global pool it is called from.
        config.solver.threads = 0;
    }
}

/// Makes rayon's global pool one of `threads` workers (0: one per core)
/// pinned one per core ([`threads`]); false if it cannot be built, in which
/// case the library builds its own pool of `solver.threads` (and reports the
/// error if that fails too).
fn install_pool(threads: usize) -> bool {
    threads::pool_builder(threads).build_global().is_ok()
}

/// Reads the locked and history pair files, when given.
pub(crate) fn read_rounds(files: &RoundFiles) -> Result<Rounds, Failure> {
    let read = |path: &Option<PathBuf>| -> Result<Option<PairFile>, Failure> {
        path.as_deref()
            .map(|path| {
                PairFile::from_csv_reader(open(path)?, &path.display().to_string())
                    .map_err(|problems| matcher::Error::Roster(problems).into())
            })
            .transpose()
    };
    Ok(Rounds {
        locked: read(&files.locked)?,
        history: read(&files.history)?,
    })
}

/// Parses and validates a TOML config; errors name the file and the key.
pub fn read_config(path: &Path) -> Result<Config, Failure> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Input(format!("could not read {}: {e}", path.display())))?;
    let config: Config = toml::from_str(&text)
        .map_err(|e| Failure::Input(format!("{}: {}", path.display(), e.to_string().trim_end())))?;
    config
        .validate()
        .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    Ok(config)
}

/// Writes through a buffer to a file or standard output.
pub(crate) fn write_to(
    path: Option<&Path>,
    body: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    let result = match path {
        Some(path) => File::create(path).and_then(|file| {
            let mut w = BufWriter::new(file);
            body(&mut w)?;
            w.flush()
        }),
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            body(&mut w).and_then(|()| w.flush())
        }
    };
    result.map_err(|e| write_failure(path, e))
}
