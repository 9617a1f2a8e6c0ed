//! Time zone cells: an IANA name (`Europe/Berlin`, from the table built
//! into the program, [`tzdb`], never the system's) or a fixed UTC
//! offset (`UTC+2`, `UTC-03:30`, `+05:30`, `GMT+1`, `-5`).

use super::clock::Rule;
use super::tzdb;
use super::week::QUARTER_MINUTES;

/// What a time zone cell may hold, for hints.
pub const ACCEPTED: &str = "write an IANA name such as `Europe/Berlin`, or a UTC offset such as \
    `UTC+2` or `+05:30`; empty is UTC";

/// A person's time zone and the name it is shown by.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// The zone's offsets, with its daylight saving rule.
    pub rule: Rule,
    /// `Europe/Berlin` (the database's spelling) or `UTC+05:30`.
    pub name: String,
}

impl Zone {
    /// Coordinated Universal Time: what an empty cell reads as.
    pub fn utc() -> Zone {
        Zone {
            rule: Rule::fixed(0),
            name: "UTC".to_owned(),
        }
    }
}

/// The zone a cell names, or what is wrong with it.
pub fn parse(cell: &str) -> Result<Zone, String> {
    let text = cell.trim();
    let lower = text.to_ascii_lowercase();
    if ["utc", "gmt", "z"].contains(&lower.as_str()) {
        return Ok(Zone::utc());
    }
    let offset = ["utc", "gmt"]
        .iter()
        .find_map(|prefix| lower.strip_prefix(prefix))
        .unwrap_or(&lower)
        .trim_start();
    if offset.starts_with(['+', '-', '−']) || offset.starts_with(|c: char| c.is_ascii_digit()) {
        return parse_offset(offset).map_err(|why| format!("\"{text}\" {why}"));
    }
    let unknown = || format!("\"{text}\" is not a time zone name or a UTC offset");
    let (name, rule) = tzdb::lookup(text).ok_or_else(unknown)?;
    let rule = Rule::posix(rule).ok_or_else(unknown)?;
    Ok(Zone {
        rule,
        name: name.to_owned(),
    })
}

/// `+2`, `-03:30`, `+0530`, `5.5`: a fixed offset on the quarter hour, at most 14 hours.
fn parse_offset(text: &str) -> Result<Zone, &'static str> {
    const NOT_OFFSET: &str = "is not a UTC offset such as `UTC+2` or `+05:30`";
    let (negative, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let all_digits =
        |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    let minutes = match digits.split_once([':', '.']) {
        Some((h, m)) if digits.contains('.') && all_digits(h) && all_digits(m) => {
            // Decimal hours: 5.5 is 5 hours 30 minutes.
            let hours: f64 = digits.parse().map_err(|_| NOT_OFFSET)?;
            (hours * 60.0).round() as i32
        }
        Some((h, m)) if all_digits(h) && m.len() == 2 && all_digits(m) && m < "60" => {
            h.parse::<i32>().map_err(|_| NOT_OFFSET)? * 60
                + m.parse::<i32>().map_err(|_| NOT_OFFSET)?
        }
        None if all_digits(digits) => digits.parse::<i32>().map_err(|_| NOT_OFFSET)? * 60,
        None if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let (h, m) = digits.split_at(2);
            h.parse::<i32>().map_err(|_| NOT_OFFSET)? * 60
                + m.parse::<i32>().map_err(|_| NOT_OFFSET)?
        }
        _ => return Err(NOT_OFFSET),
    };
    if minutes > 14 * 60 {
        return Err("is more than 14 hours from UTC");
    }
    if minutes % QUARTER_MINUTES as i32 != 0 {
        return Err("is not on the quarter hour (:00, :15, :30 or :45)");
    }
    let minutes = if negative { -minutes } else { minutes };
    let name = if minutes == 0 {
        "UTC".to_owned()
    } else {
        let sign = if negative { '-' } else { '+' };
        let minutes = minutes.unsigned_abs();
        format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    };
    Ok(Zone {
        rule: Rule::fixed(i64::from(minutes) * 60),
        name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(cell: &str) -> String {
        parse(cell).map(|z| z.name).unwrap_or_else(|e| e)
    }

    #[test]
    fn reads_names_and_offsets() {
        assert_eq!(name("europe/berlin"), "Europe/Berlin");
        assert_eq!(name(" Asia/Kolkata "), "Asia/Kolkata");
        assert_eq!(name("UTC+2"), "UTC+02:00");
        assert_eq!(name("utc-03:30"), "UTC-03:30");
        assert_eq!(name("+05:30"), "UTC+05:30");
        assert_eq!(name("+0545"), "UTC+05:45");
        assert_eq!(name("GMT+1"), "UTC+01:00");
        assert_eq!(name("-5"), "UTC-05:00");
        assert_eq!(name("5.5"), "UTC+05:30");
        assert_eq!(name("gmt"), "UTC");
        assert_eq!(name("UTC+0"), "UTC");
    }

    #[test]
    fn says_what_is_wrong() {
        assert_eq!(
            name("Mars/Olympus"),
            "\"Mars/Olympus\" is not a time zone name or a UTC offset"
        );
        assert_eq!(name("UTC+15"), "\"UTC+15\" is more than 14 hours from UTC");
        assert_eq!(
            name("+05:20"),
            "\"+05:20\" is not on the quarter hour (:00, :15, :30 or :45)"
        );
        assert!(name("UTC+two").ends_with("is not a UTC offset such as `UTC+2` or `+05:30`"));
        assert!(name("+05:75").ends_with("is not a UTC offset such as `UTC+2` or `+05:30`"));
        assert!(name("+5:3").ends_with("is not a UTC offset such as `UTC+2` or `+05:30`"));
    }
}
