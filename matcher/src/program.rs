//! A program: two rosters and a config, checked once, rounds resolved once,
//! solved once. Every question about the result (the report, suggestions,
//! "why not", explanations, CSV and JSON) is answered from the stored optimum
//! and its duals; only a question that changes the problem (forcing a pair,
//! the cost of diversity) solves again.
//!
//! The free functions at the bottom ([`match_rosters`], [`suggest()`], …) are
//! one-shot wrappers that build a [`Program`] and ask it one question.

use crate::assign::{assign, coverage_optimum, in_pool, Assignment};
use crate::availability;
use crate::config::{Config, Goal};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::evaluate::{self, Bootstrap, Evaluation};
use crate::explain::Explanation;
use crate::fairness::{self, DiversityCost, FairnessReport, PriceOfStability};
use crate::matching::{describe, find, MatchOutcome};
use crate::outcomes::Outcomes;
use crate::progress::{Progress, Silent};
use crate::report;
use crate::roster::{check_pair, Roster, Side};
use crate::rounds::{Resolved, Rounds};
use crate::score::{check_lists, check_numbers, Scorer};
use crate::stability::{self, Stability};
use crate::suggest::{self, Suggestions};
use crate::vocabulary::Vocabulary;
use crate::why_not::{self, Solved, Verdict};
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Two rosters matched under one config and one set of rounds, with the
/// optimal matching kept to answer questions about it.
///
/// The rosters may be borrowed (`&Roster`) or owned (`Roster`): a `Program<'static>`
/// owns everything it needs.
///
/// ```
/// use matcher::{read_rosters, rounds::Rounds, Config, Program};
/// let mentors = "id,capacity,skills\nstar,1,rust;sql\nm2,2,rust\nm3,2,sql\n";
/// let mentees = "id,skills\ne1,rust;sql\ne2,rust;sql\ne3,rust;sql\n";
/// let (mentors, mentees) =
///     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
/// let program = Program::new(mentors, mentees, Config::default(), &Rounds::default())?;
/// assert_eq!(program.outcome().summary.matched, 3);
/// // Suggestions, explanations and the CSV come from the stored optimum.
/// let firsts: Vec<String> =
///     program.suggest(2).into_iter().map(|s| s.mentors[0].mentor_id.clone()).collect();
/// assert_eq!(firsts, ["star", "m2", "m2"]);
/// assert_eq!(program.explain("e1", "star")?.score, 100.0);
/// let mut csv = Vec::new();
/// program.write_csv(&mut csv)?;
/// assert_eq!(program.solves(), 1);
/// // Forcing a pair is a new problem: one more exact solve.
/// let verdict = program.why_not("e1", Some("m3"))?;
/// assert!(verdict.pair.unwrap().forcing.is_some());
/// assert_eq!(program.solves(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Program<'r> {
    config: Config,
    scorer: Scorer<'r>,
    rounds: Resolved,
    optimum: Assignment,
    outcome: MatchOutcome,
    /// The cost of diversity, once asked for.
    diversity_cost: OnceLock<Option<DiversityCost>>,
    /// The stability report, once asked for (it scores every pair).
    stability: OnceLock<Stability>,
    /// For the `stable` objective, what stability costs against the exact
    /// optimum, once asked for (it solves the optimum).
    price_of_stability: OnceLock<PriceOfStability>,
    /// Exact solves run so far.
    solves: AtomicUsize,
}

impl<'r> Program<'r> {
    /// Checks the rosters against each other and the config, resolves the
    /// locked and history pairs of `rounds`, and solves the program.
    pub fn new(
        mentors: impl Into<Cow<'r, Roster>>,
        mentees: impl Into<Cow<'r, Roster>>,
        config: Config,
        rounds: &Rounds,
    ) -> Result<Self, Error> {
        Self::with_progress(mentors, mentees, config, rounds, &Silent)
    }

    /// [`Program::new`], reporting progress while it scores and solves.
    pub fn with_progress(
        mentors: impl Into<Cow<'r, Roster>>,
        mentees: impl Into<Cow<'r, Roster>>,
        config: Config,
        rounds: &Rounds,
        progress: &dyn Progress,
    ) -> Result<Self, Error> {
        let scorer = prepare(mentors.into(), mentees.into(), &config)?;
        let rounds = rounds.resolve(&scorer, &config)?;
        let optimum = in_pool(config.threads(), || {
            assign(&scorer, &rounds, &config, progress)
        })??;
        let outcome = describe(&scorer, &rounds, &optimum, config.solver.objective);
        Ok(Program {
            solves: AtomicUsize::new(optimum.solves),
            config,
            scorer,
            rounds,
            optimum,
            outcome,
            diversity_cost: OnceLock::new(),
            stability: OnceLock::new(),
            price_of_stability: OnceLock::new(),
        })
    }

    /// The config the program was solved under.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The scorer the program was solved with (for calibrate, which only
    /// the `calibrate` feature builds).
    #[cfg(feature = "calibrate")]
    pub(crate) fn scorer(&self) -> &Scorer<'r> {
        &self.scorer
    }

    /// The mentor roster.
    pub fn mentors(&self) -> &Roster {
        self.scorer.mentors()
    }

    /// The mentee roster.
    pub fn mentees(&self) -> &Roster {
        self.scorer.mentees()
    }

    /// The optimal matching: every mentee matched or unmatched with a reason.
    pub fn outcome(&self) -> &MatchOutcome {
        &self.outcome
    }

    /// The optimal matching, taken out of the program.
    pub fn into_outcome(self) -> MatchOutcome {
        self.outcome
    }

    /// How many exact solves the program has run: one for the matching (more
    /// for the `fair` objective, one per step of its search, and in `rank`
    /// mode, one per stage; none for `stable`, whose first report solves the
    /// optimum it is priced against), plus one per
    /// forced pair asked about and one for the cost of diversity.
    pub fn solves(&self) -> usize {
        self.solves.load(Ordering::Relaxed)
    }

    /// Writes `matches.csv` (see [`report::write_csv`]).
    pub fn write_csv<W: Write>(&self, writer: W) -> io::Result<()> {
        report::write_csv(&self.outcome, writer)
    }

    /// Writes the JSON output (see [`report::write_json`]).
    pub fn write_json<W: Write>(&self, writer: W) -> io::Result<()> {
        report::write_json(&self.outcome, writer)
    }

    /// Explains one pair, made or not: its scores, what is shared, and any
    /// rule that forbids it.
    pub fn explain(&self, mentee_id: &str, mentor_id: &str) -> Result<Explanation, Error> {
        let e = find(self.mentees(), Side::Mentee, mentee_id)?;
        let m = find(self.mentors(), Side::Mentor, mentor_id)?;
        Ok(Explanation::new(&self.scorer, e, m))
    }

    /// Up to `k` allowed mentors for every mentee (in input order), ranked by
    /// score minus the mentor's price in the optimal matching's dual, so that
    /// a popular mentor is not put first for everyone.
    ///
    /// The price is what one of the mentor's places is worth to the rest of
    /// the cohort. Mentors with no place left after the locks are offered only
    /// to their locked mentees. The optimum's own mentor always ranks first
    /// (ties go to it, then to roster order), so a mentor is the first
    /// suggestion of at most `capacity` mentees; an unmatched mentee (no
    /// mentor had room) gets the same ranking, with no suggestion marked
    /// `assigned`. A locked mentee's first suggestions are its locked
    /// mentors.
    pub fn suggest(&self, k: usize) -> Vec<Suggestions> {
        let run = || suggest::suggest(&self.scorer, &self.rounds, &self.optimum, k);
        // A pool that cannot be built was already refused by `new`.
        in_pool(self.config.threads(), run).unwrap_or_else(|_| run())
    }

    /// Where mentee `mentee_id` stands in the optimal matching (its match, or
    /// why it has none) and, when `mentor_id` is given, why that pair was
    /// (not) made: its score, who holds the mentor's places, and what forcing
    /// it would cost, found exactly by solving again with the pair locked.
    pub fn why_not(&self, mentee_id: &str, mentor_id: Option<&str>) -> Result<Verdict, Error> {
        let e = find(self.mentees(), Side::Mentee, mentee_id)?;
        let m = mentor_id
            .map(|id| find(self.mentors(), Side::Mentor, id))
            .transpose()?;
        let solved = Solved {
            scorer: &self.scorer,
            rounds: &self.rounds,
            config: &self.config,
            optimum: &self.optimum,
            outcome: &self.outcome,
        };
        let (verdict, solves) =
            in_pool(self.config.threads(), || why_not::why_not(&solved, e, m))??;
        self.solves.fetch_add(solves, Ordering::Relaxed);
        Ok(verdict)
    }

    /// What the diversity weight costs the other criteria: the best total
    /// with `weights.diversity = 0` against this matching's total scored that
    /// way. Solved once, on the first call; `None` when diversity is the only
    /// weight.
    pub fn cost_of_diversity(&self) -> Result<Option<&DiversityCost>, Error> {
        if let Some(cost) = self.diversity_cost.get() {
            return Ok(cost.as_ref());
        }
        let (cost, solves) = in_pool(self.config.threads(), || {
            fairness::diversity_cost(&self.scorer, &self.config, &self.rounds, &self.outcome)
        })??;
        self.solves.fetch_add(solves, Ordering::Relaxed);
        Ok(self.diversity_cost.get_or_init(|| cost).as_ref())
    }

    /// How the pairs in `outcomes` went against how the program scores them
    /// ([`mod@crate::evaluate`]); it solves nothing.
    pub fn evaluate(&self, outcomes: &Outcomes, bootstrap: Bootstrap) -> Evaluation {
        evaluate_in_pool(&self.scorer, &self.config, outcomes, bootstrap)
    }

    /// The fairness and diversity report on the matching. It solves nothing,
    /// except for the `stable` objective, whose first report solves the exact
    /// coverage optimum once for the price of stability: `cost_of_diversity`
    /// is filled in only once [`Program::cost_of_diversity`] has been asked
    /// (the CLI's `--report` asks it first).
    pub fn fairness_report(&self) -> Result<FairnessReport, Error> {
        let cost = self.diversity_cost.get().cloned().flatten();
        let stability = self
            .stability
            .get_or_init(|| {
                let run = || stability::stability(&self.scorer, &self.rounds, &self.outcome);
                in_pool(self.config.threads(), run).unwrap_or_else(|_| run())
            })
            .clone();
        let price = match self.config.solver.objective {
            Goal::Stable => Some(*self.price_of_stability()?),
            _ => None,
        };
        Ok(fairness::report(
            &self.scorer,
            &self.outcome,
            cost,
            stability,
            price,
        ))
    }

    /// The stable matching against the exact coverage optimum of the same
    /// program, solved on the first call.
    fn price_of_stability(&self) -> Result<&PriceOfStability, Error> {
        if let Some(price) = self.price_of_stability.get() {
            return Ok(price);
        }
        let optimum = in_pool(self.config.threads(), || {
            coverage_optimum(&self.scorer, &self.rounds, &self.config)
        })??;
        self.solves.fetch_add(optimum.solves, Ordering::Relaxed);
        // Pairs: matched mentees, or filled places where mentees want several.
        let price = PriceOfStability {
            stable_matched: self.outcome.matches.len(),
            stable_total: self.outcome.summary.total_score,
            optimum_matched: optimum.pairs().count(),
            optimum_total: (optimum.locked_total as f64 + optimum.solution.total).round() / 100.0,
        };
        Ok(self.price_of_stability.get_or_init(|| price))
    }
}

/// Every problem of the rosters' cells under `config`'s rules, sorted:
/// cells a numeric rule compares that are not numbers, list attributes that
/// look comma-separated, and bad availability and time zone cells. Matching
/// refuses rosters with any; `validate` lists them all.
pub fn check_cells(mentors: &Roster, mentees: &Roster, config: &Config) -> Vec<Diagnostic> {
    let mut problems = check_numbers(mentors, mentees, config);
    problems.extend(check_lists(mentors, mentees, config));
    problems.extend(availability::check(mentors, mentees, config));
    crate::sorting::sort(&mut problems);
    problems
}

/// Validates the config, the rosters' cross-references, the cells numeric
/// rules compare, the list attributes' separators and the availability
/// cells, and builds the scorer.
pub(crate) fn prepare<'r>(
    mut mentors: Cow<'r, Roster>,
    mut mentees: Cow<'r, Roster>,
    config: &Config,
) -> Result<Scorer<'r>, Error> {
    config.validate()?;
    Vocabulary::new(&config.vocabulary).apply(&mut mentors, &mut mentees);
    let mut problems = check_pair(&mentors, &mentees);
    if problems.is_empty() {
        problems = check_cells(&mentors, &mentees, config);
    }
    if let Some(pair_scores) = &config.pair_scores {
        problems.extend(pair_scores.check_ids(&mentors, &mentees));
    }
    if !problems.is_empty() {
        return Err(Error::Roster(problems));
    }
    Ok(Scorer::new(mentors, mentees, config))
}

/// Checks the rosters against each other and the config, then matches them.
///
/// ```
/// use matcher::{match_rosters, Config, Roster, Side};
/// let mentors = "id,capacity,skills\nm1,1,rust:5\nm2,1,sql\n";
/// let mentees = "id,skills\ne1,sql\ne2,rust:4\n";
/// let mentors = Roster::from_csv_reader(mentors.as_bytes(), Side::Mentor, "mentors.csv").unwrap();
/// let mentees = Roster::from_csv_reader(mentees.as_bytes(), Side::Mentee, "mentees.csv").unwrap();
/// let outcome = match_rosters(&mentors, &mentees, &Config::default()).unwrap();
/// let pairs: Vec<_> = outcome.matches.iter()
///     .map(|m| (m.explanation.mentee_id.as_str(), m.explanation.mentor_id.as_str())).collect();
/// assert_eq!(pairs, [("e1", "m2"), ("e2", "m1")]);
/// assert_eq!(outcome.summary.gap, 0.0);
/// ```
pub fn match_rosters(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
) -> Result<MatchOutcome, Error> {
    match_rosters_with(mentors, mentees, config, &Rounds::default(), &Silent)
}

/// [`match_rosters`] around the locked pairs and away from the history pairs
/// of `rounds`, reporting progress.
pub fn match_rosters_with(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    rounds: &Rounds,
    progress: &dyn Progress,
) -> Result<MatchOutcome, Error> {
    Program::with_progress(mentors, mentees, config.clone(), rounds, progress)
        .map(Program::into_outcome)
}

/// The fairness and diversity report on the optimal matching of these
/// rosters under `config` and `rounds`, with the cost of diversity.
pub fn fairness_report(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    rounds: &Rounds,
) -> Result<FairnessReport, Error> {
    let program = Program::new(mentors, mentees, config.clone(), rounds)?;
    program.cost_of_diversity()?;
    program.fairness_report()
}

/// How the pairs in `outcomes` went against how these rosters and `config`
/// score them ([`mod@crate::evaluate`]); no solve.
///
/// ```
/// use matcher::{evaluate, evaluate::Bootstrap, outcomes::Outcomes, read_rosters, Config};
/// let mentors = "id,capacity,skills\nm1,2,rust\nm2,2,sql\n";
/// let mentees = "id,skills\ne1,rust\ne2,rust\ne3,sql\n";
/// let (mentors, mentees) =
///     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
/// let file = "mentor_id,mentee_id,rating\nm1,e1,5\nm2,e2,2\nm2,e3,4\nm9,e1,3\n";
/// let outcomes = Outcomes::from_reader(file.as_bytes(), "outcomes.csv").unwrap();
/// let report = evaluate(&mentors, &mentees, &Config::default(), &outcomes, Bootstrap::default())?;
/// assert_eq!((report.listed, report.joined), (4, 3));
/// assert_eq!(report.unknown[0].to_string(),
///     "outcomes.csv:5:mentor_id: \"m9\" is not a mentor id in mentors.csv \
///      (hint: ids must match the rosters (case-insensitively))");
/// // Scores 100, 0 and 100 against ratings 5, 2 and 4.
/// assert_eq!(report.measures[0].score.correlation, Some(0.9449));
/// # Ok::<(), matcher::Error>(())
/// ```
pub fn evaluate(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    outcomes: &Outcomes,
    bootstrap: Bootstrap,
) -> Result<Evaluation, Error> {
    let scorer = prepare(mentors.into(), mentees.into(), config)?;
    Ok(evaluate_in_pool(&scorer, config, outcomes, bootstrap))
}

/// [`evaluate::evaluate`] on the config's threads, or on the calling thread
/// when no pool can be made (WebAssembly without threads): one copy of the
/// pool's code for [`Program::evaluate`] and [`evaluate()`].
fn evaluate_in_pool(
    scorer: &Scorer,
    config: &Config,
    outcomes: &Outcomes,
    bootstrap: Bootstrap,
) -> Evaluation {
    let run = || evaluate::evaluate(scorer, outcomes, bootstrap);
    in_pool(config.threads(), run).unwrap_or_else(|_| run())
}

/// Explains one pair, made or not ([`Program::explain`]); no solve.
pub fn explain(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    mentee_id: &str,
    mentor_id: &str,
) -> Result<Explanation, Error> {
    let scorer = prepare(mentors.into(), mentees.into(), config)?;
    let e = find(mentees, Side::Mentee, mentee_id)?;
    let m = find(mentors, Side::Mentor, mentor_id)?;
    Ok(Explanation::new(&scorer, e, m))
}

/// Up to `k` mentors for every mentee, best first ([`Program::suggest`]).
///
/// ```
/// use matcher::{read_rosters, rounds::Rounds, suggest, Config};
/// let mentors = "id,capacity,skills\nstar,1,rust;sql\nm2,2,rust\nm3,2,sql\n";
/// let mentees = "id,skills\ne1,rust;sql\ne2,rust;sql\ne3,rust;sql\n";
/// let (mentors, mentees) =
///     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
/// let all = suggest(&mentors, &mentees, &Config::default(), &Rounds::default(), 2)?;
/// let firsts: Vec<&str> = all.iter().map(|s| s.mentors[0].mentor_id.as_str()).collect();
/// assert_eq!(firsts, ["star", "m2", "m2"]);
/// # Ok::<(), matcher::Error>(())
/// ```
pub fn suggest(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    rounds: &Rounds,
    k: usize,
) -> Result<Vec<Suggestions>, Error> {
    Ok(Program::new(mentors, mentees, config.clone(), rounds)?.suggest(k))
}

/// Where a mentee stands and why a pair was (not) made ([`Program::why_not`]).
///
/// ```
/// use matcher::{read_rosters, rounds::Rounds, why_not, Config};
/// let mentors = "id,capacity,skills\nm1,1,rust\nm2,1,sql\n";
/// let mentees = "id,skills\ne1,rust\ne2,rust;sql\n";
/// let (mentors, mentees) =
///     read_rosters(mentors.as_bytes(), "mentors.csv", mentees.as_bytes(), "mentees.csv")?;
/// let verdict = why_not(&mentors, &mentees, &Config::default(), &Rounds::default(), "e2", Some("m1"))?;
/// let pair = verdict.pair.unwrap();
/// assert!(!pair.made);
/// assert_eq!(pair.holders[0].mentee_id, "e1");
/// let forcing = pair.forcing.unwrap();
/// assert_eq!((forcing.total_score, forcing.forced_total_score), (150.0, 50.0));
/// # Ok::<(), matcher::Error>(())
/// ```
pub fn why_not(
    mentors: &Roster,
    mentees: &Roster,
    config: &Config,
    rounds: &Rounds,
    mentee_id: &str,
    mentor_id: Option<&str>,
) -> Result<Verdict, Error> {
    Program::new(mentors, mentees, config.clone(), rounds)?.why_not(mentee_id, mentor_id)
}
