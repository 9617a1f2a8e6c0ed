//! Seeded synthetic rosters of any size, in the same CSV schema as real ones:
//! skewed tag popularity (a few skills are wanted by many), levels, values,
//! goals, background attributes and a few exclusions.

use crate::rng::Rng;
use std::io::{self, Write};
use std::ops::RangeInclusive;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of mentors.
    pub mentors: usize,
    /// Number of mentees.
    pub mentees: usize,
    /// Seed: the same seed gives the same bytes on every platform.
    pub seed: u64,
    /// Every mentor's capacity, or `None` for a realistic spread of 1–5.
    pub capacity: Option<u32>,
    /// Whether to write `picks` columns: a third of the mentees pick one to
    /// three mentors, one mentor in twenty picks one or two mentees, both
    /// leaning towards the first ids, as popular people draw picks.
    pub picks: bool,
}

const SKILLS: [&str; 36] = [
    "python",
    "leadership",
    "public speaking",
    "system design",
    "sql",
    "machine learning",
    "product strategy",
    "stakeholder management",
    "javascript",
    "people management",
    "data visualization",
    "statistics",
    "typescript",
    "react",
    "user research",
    "figma",
    "negotiation",
    "career planning",
    "kubernetes",
    "aws",
    "security",
    "roadmapping",
    "storytelling",
    "hiring",
    "budgeting",
    "financial modeling",
    "excel",
    "accessibility",
    "seo",
    "copywriting",
    "agile",
    "rust",
    "time management",
    "presentation skills",
    "customer discovery",
    "mentoring",
];
const VALUES: [&str; 12] = [
    "growth",
    "curiosity",
    "impact",
    "collaboration",
    "integrity",
    "learning",
    "work-life balance",
    "autonomy",
    "inclusion",
    "craftsmanship",
    "customer focus",
    "transparency",
];
const GOALS: [&str; 10] = [
    "career growth",
    "technical depth",
    "leadership",
    "promotion",
    "networking",
    "public speaking",
    "switch to management",
    "work-life balance",
    "switch careers",
    "start a company",
];
const DEPARTMENTS: [&str; 9] = [
    "Engineering",
    "Data",
    "Product",
    "Design",
    "Marketing",
    "Sales",
    "Finance",
    "People",
    "Operations",
];
const GENDERS: [&str; 3] = ["woman", "man", "non-binary"];
const LOCATIONS: [&str; 6] = [
    "Berlin", "London", "Remote", "Lisbon", "New York", "Toronto",
];

impl Rng {
    /// Skewed towards low indices: index i has weight 1/(i+1).
    fn skewed(&mut self, n: usize) -> usize {
        let total: f64 = (1..=n).map(|i| 1.0 / i as f64).sum();
        let mut x = self.unit() * total;
        for i in 0..n {
            x -= 1.0 / (i + 1) as f64;
            if x < 0.0 {
                return i;
            }
        }
        n - 1
    }

    /// Uniform in `range`.
    fn within(&mut self, range: RangeInclusive<usize>) -> usize {
        range.start() + self.below(range.end() - range.start() + 1)
    }

    /// Between `count.start()` and `count.end()` distinct items, skewed or uniform.
    fn pick<'a>(
        &mut self,
        items: &[&'a str],
        count: RangeInclusive<usize>,
        skewed: bool,
    ) -> Vec<&'a str> {
        let count = self.within(count);
        let mut chosen = Vec::with_capacity(count);
        while chosen.len() < count.min(items.len()) {
            let i = if skewed {
                self.skewed(items.len())
            } else {
                self.below(items.len())
            };
            if !chosen.contains(&items[i]) {
                chosen.push(items[i]);
            }
        }
        chosen
    }
}

/// How one side's people are drawn.
struct Profile {
    /// Id prefix of this side, and of the other side (for `exclude`).
    prefix: (char, char),
    label: &'static str,
    skills: RangeInclusive<usize>,
    levels: RangeInclusive<usize>,
    values: RangeInclusive<usize>,
    goals: RangeInclusive<usize>,
    /// Mentees' wishes follow popularity; mentors' offers are uniform.
    skewed: bool,
    exclusion_rate: f64,
    /// The share of people who pick, and how many they pick.
    pick_rate: f64,
    picks: RangeInclusive<usize>,
}

const MENTORS: Profile = Profile {
    prefix: ('M', 'E'),
    label: "Mentor",
    skills: 3..=6,
    levels: 3..=5,
    values: 2..=4,
    goals: 2..=5,
    skewed: false,
    exclusion_rate: 0.01,
    pick_rate: 0.05,
    picks: 1..=2,
};

const MENTEES: Profile = Profile {
    prefix: ('E', 'M'),
    label: "Mentee",
    skills: 1..=4,
    levels: 1..=5,
    values: 1..=3,
    goals: 1..=3,
    skewed: true,
    exclusion_rate: 0.03,
    pick_rate: 1.0 / 3.0,
    picks: 1..=3,
};

/// Writes the mentor and mentee rosters as CSV.
pub fn write<M: Write, E: Write>(spec: &Spec, mentors: M, mentees: E) -> io::Result<()> {
    let mut rng = Rng(spec.seed);
    let capacity = |rng: &mut Rng| spec.capacity.unwrap_or_else(|| 1 + rng.skewed(5) as u32);
    write_side(
        &mut rng,
        &MENTORS,
        spec.mentors,
        spec.mentees,
        Some(&capacity),
        spec.picks,
        mentors,
    )?;
    write_side(
        &mut rng,
        &MENTEES,
        spec.mentees,
        spec.mentors,
        None,
        spec.picks,
        mentees,
    )
}

/// The rosters `spec` generates, read back (for unit tests).
#[cfg(test)]
pub(crate) fn rosters(spec: &Spec) -> (crate::roster::Roster, crate::roster::Roster) {
    use crate::roster::{Roster, Side};
    let (mut mentors, mut mentees) = (Vec::new(), Vec::new());
    write(spec, &mut mentors, &mut mentees).expect("writes to memory");
    (
        Roster::from_csv_reader(&mentors[..], Side::Mentor, "mentors.csv").expect("valid"),
        Roster::from_csv_reader(&mentees[..], Side::Mentee, "mentees.csv").expect("valid"),
    )
}

/// Writes `count` people of one side; `capacity` draws a mentor's capacity.
fn write_side<W: Write>(
    rng: &mut Rng,
    profile: &Profile,
    count: usize,
    others: usize,
    capacity: Option<&dyn Fn(&mut Rng) -> u32>,
    with_picks: bool,
    writer: W,
) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(writer);
    let mut header = vec!["id", "name"];
    if capacity.is_some() {
        header.push("capacity");
    }
    header.extend([
        "department",
        "gender",
        "location",
        "skills",
        "values",
        "goals",
        "exclude",
    ]);
    if with_picks {
        header.push("picks");
    }
    out.write_record(&header)?;
    for i in 0..count {
        let mut record = vec![
            format!("{}{:06}", profile.prefix.0, i + 1),
            format!("{} {}", profile.label, i + 1),
        ];
        if let Some(capacity) = capacity {
            record.push(capacity(rng).to_string());
        }
        let skills: Vec<String> = rng
            .pick(&SKILLS, profile.skills.clone(), profile.skewed)
            .iter()
            .map(|s| format!("{s}:{}", rng.within(profile.levels.clone())))
            .collect();
        record.extend([
            DEPARTMENTS[rng.skewed(DEPARTMENTS.len())].to_owned(),
            GENDERS[rng.below(GENDERS.len())].to_owned(),
            LOCATIONS[rng.below(LOCATIONS.len())].to_owned(),
            skills.join(";"),
            rng.pick(&VALUES, profile.values.clone(), profile.skewed)
                .join(";"),
            rng.pick(&GOALS, profile.goals.clone(), profile.skewed)
                .join(";"),
            exclusion(rng, profile.prefix.1, others, profile.exclusion_rate),
        ]);
        if with_picks {
            let picks = picks(rng, profile, others);
            // A pick may not also be excluded: the exclusion gives way.
            let exclude = record.last_mut().expect("the exclude column");
            if picks.contains(exclude) {
                exclude.clear();
            }
            record.push(picks.join(";"));
        }
        out.write_record(&record)?;
    }
    out.flush()
}

/// With probability `profile.pick_rate`, distinct ids from the other side,
/// most wanted first; the chance of id i falls like 1/sqrt(i).
fn picks(rng: &mut Rng, profile: &Profile, others: usize) -> Vec<String> {
    let mut picks = Vec::new();
    if others == 0 || rng.unit() >= profile.pick_rate {
        return picks;
    }
    let count = rng.within(profile.picks.clone()).min(others);
    while picks.len() < count {
        let u = rng.unit();
        let id = format!(
            "{}{:06}",
            profile.prefix.1,
            (u * u * others as f64) as usize + 1
        );
        if !picks.contains(&id) {
            picks.push(id);
        }
    }
    picks
}

/// With probability `rate`, one id from the other side (prefix + number).
fn exclusion(rng: &mut Rng, prefix: char, others: usize, rate: f64) -> String {
    let roll = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    if others > 0 && roll < rate {
        format!("{prefix}{:06}", rng.below(others) + 1)
    } else {
        String::new()
    }
}
