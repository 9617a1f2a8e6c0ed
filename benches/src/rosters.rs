//! Generated rosters (`matcher::generate`), parsed back as the CLI would.

use matcher::generate::{self, Spec};
use matcher::score::Scorer;
use matcher::{read_rosters, Config, Roster};
use rayon::prelude::*;

/// The seed of every generated roster.
pub const SEED: u64 = 2024;

/// `(mentors, mentees)` rosters of the given sizes, in [`read_rosters`] order;
/// `capacity` is every mentor's capacity, or `None` for the generator's
/// realistic spread of 1–5.
pub fn generated(mentees: usize, mentors: usize, capacity: Option<u32>) -> (Roster, Roster) {
    let spec = Spec {
        mentors,
        mentees,
        seed: SEED,
        capacity,
        picks: false,
    };
    let (mut mentor_csv, mut mentee_csv) = (Vec::new(), Vec::new());
    generate::write(&spec, &mut mentor_csv, &mut mentee_csv).expect("writing to memory");
    read_rosters(
        mentor_csv.as_slice(),
        "mentors.csv",
        mentee_csv.as_slice(),
        "mentees.csv",
    )
    .expect("generated rosters are valid")
}

/// Every pair's score in hundredths (0–10 000), mentees by rows, ignoring the
/// hard constraints so that every entry is finite: the tie-heavy matrix the
/// peers get as `roster-*.f64`.
pub fn score_matrix(mentors: &Roster, mentees: &Roster) -> Vec<f64> {
    let scorer = Scorer::new(mentors, mentees, &Config::default());
    let cols = mentors.people.len();
    let mut scores = vec![0.0; mentees.people.len() * cols];
    scores
        .par_chunks_mut(cols.max(1))
        .enumerate()
        .for_each(|(e, row)| {
            for (m, cell) in row.iter_mut().enumerate() {
                *cell = f64::from(scorer.score(e, m));
            }
        });
    scores
}

/// The solver's weights: scores in hundredths, `-inf` where a pair is forbidden,
/// computed on the current thread in plain loops (the reference for the
/// parallel scoring bench).
pub fn weight_matrix(scorer: &Scorer) -> Vec<f64> {
    let (rows, cols) = (scorer.mentees().people.len(), scorer.mentors().people.len());
    let mut weights = Vec::with_capacity(rows * cols);
    for e in 0..rows {
        for m in 0..cols {
            weights.push(scorer.weight(e, m).map_or(f64::NEG_INFINITY, f64::from));
        }
    }
    weights
}

/// Time zones people give, several off the whole hour.
const ZONES: [&str; 8] = [
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kolkata",
    "UTC+2",
    "America/Sao_Paulo",
    "Asia/Kathmandu",
    "Australia/Sydney",
    "",
];

/// `roster` with `timezone` and `availability` columns as sign-up forms
/// collect them: two or three evening or weekend slots each, one person in
/// ten without availability.
pub fn with_availability(mut roster: Roster) -> Roster {
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    roster.attributes.push("timezone".into());
    roster.attributes.push("availability".into());
    for (i, person) in roster.people.iter_mut().enumerate() {
        let zone = ZONES[i * 7 % ZONES.len()];
        let evening = 17 + i % 5;
        let slots = format!(
            "{} {evening}-{}; {} 09:30-12; mon-fri 22-00:30",
            DAYS[i % 5],
            evening + 2,
            DAYS[5 + i % 2]
        );
        person
            .attributes
            .push(Some(zone.to_lowercase()).filter(|z| !z.is_empty()));
        person.attributes.push((i % 10 != 0).then_some(slots));
    }
    roster
}
