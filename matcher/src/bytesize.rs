//! Memory sizes as people write them: `512MiB`, `4GiB`, `1.5GB` or plain bytes.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A number of bytes. Parses from plain bytes (`1073741824`) or a number with
/// a unit: `B`, `KiB`/`MiB`/`GiB`/`TiB` (powers of 1024; `K`, `M`, `G`, `T` too)
/// or `KB`/`MB`/`GB`/`TB` (powers of 1000), case-insensitively.
///
/// ```
/// use matcher::bytesize::ByteSize;
/// assert_eq!("512MiB".parse::<ByteSize>().unwrap(), ByteSize(512 << 20));
/// assert_eq!("1.5 GB".parse::<ByteSize>().unwrap(), ByteSize(1_500_000_000));
/// assert_eq!(ByteSize(4 << 30).to_string(), "4 GiB");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSize(pub u64);

impl ByteSize {
    /// One gibibyte, the default memory limit.
    pub const GIB: ByteSize = ByteSize(1 << 30);
    /// The largest size accepted (2^63 − 1 bytes), so every size fits a TOML integer.
    pub const MAX: ByteSize = ByteSize(i64::MAX as u64);

    fn checked(bytes: u64) -> Option<ByteSize> {
        (bytes <= Self::MAX.0).then_some(ByteSize(bytes))
    }
}

const UNITS: [(&str, u64); 14] = [
    ("", 1),
    ("b", 1),
    ("k", 1 << 10),
    ("kib", 1 << 10),
    ("kb", 1_000),
    ("m", 1 << 20),
    ("mib", 1 << 20),
    ("mb", 1_000_000),
    ("g", 1 << 30),
    ("gib", 1 << 30),
    ("gb", 1_000_000_000),
    ("t", 1 << 40),
    ("tib", 1 << 40),
    ("tb", 1_000_000_000_000),
];

impl FromStr for ByteSize {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let unit = unit.trim().to_ascii_lowercase();
        if text.starts_with('-') {
            return Err(format!("a size must be 0 or more, got \"{text}\""));
        }
        let scale = UNITS
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|&(_, scale)| scale)
            .ok_or_else(|| {
                format!("unknown unit \"{unit}\" in \"{text}\" (use B, KiB, MiB, GiB, TiB, KB, MB, GB or TB)")
            })?;
        let bytes = if let Ok(whole) = number.parse::<u64>() {
            whole.checked_mul(scale)
        } else {
            let value: f64 = number
                .parse()
                .map_err(|_| format!("expected a size such as 512MiB or 4GiB, got \"{text}\""))?;
            let bytes = (value * scale as f64).round();
            (bytes < u64::MAX as f64).then_some(bytes as u64)
        };
        bytes
            .and_then(ByteSize::checked)
            .ok_or_else(|| format!("\"{text}\" is too large"))
    }
}

impl fmt::Display for ByteSize {
    /// The largest binary unit that divides the size exactly: `4 GiB`, `1536 MiB`, `100 B`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10)];
        match units
            .iter()
            .find(|&&(_, shift)| self.0 >= 1 << shift && self.0 % (1 << shift) == 0)
        {
            Some(&(unit, shift)) => write!(f, "{} {unit}", self.0 >> shift),
            None => write!(f, "{} B", self.0),
        }
    }
}

impl Serialize for ByteSize {
    /// As a plain number of bytes.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    /// From a whole number of bytes or a string with a unit.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SizeVisitor;
        impl Visitor<'_> for SizeVisitor {
            type Value = ByteSize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of bytes or a size such as \"512MiB\" or \"4GiB\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ByteSize, E> {
                ByteSize::checked(v).ok_or_else(|| E::custom(format!("{v} bytes is too large")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ByteSize, E> {
                u64::try_from(v)
                    .map(ByteSize)
                    .map_err(|_| E::custom(format!("a size must be 0 or more, got {v}")))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ByteSize, E> {
                if v.fract() == 0.0 && (0.0..ByteSize::MAX.0 as f64).contains(&v) {
                    Ok(ByteSize(v as u64))
                } else {
                    Err(E::custom(format!(
                        "a size must be a whole number of bytes, got {v}"
                    )))
                }
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ByteSize, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_any(SizeVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::ByteSize;

    #[test]
    fn parses_plain_bytes_and_every_unit() {
        let cases = [
            ("1048576", 1 << 20),
            ("512MiB", 512 << 20),
            ("512 mib", 512 << 20),
            ("4GiB", 4 << 30),
            ("4G", 4 << 30),
            ("2KB", 2_000),
            ("1.5GB", 1_500_000_000),
            ("0.5KiB", 512),
            ("1TB", 1_000_000_000_000),
            ("1TiB", 1 << 40),
            ("0", 0),
        ];
        for (text, bytes) in cases {
            assert_eq!(text.parse::<ByteSize>(), Ok(ByteSize(bytes)), "{text}");
        }
    }

    #[test]
    fn rejects_unknown_units_negative_and_overflowing_sizes() {
        assert_eq!(
            "4 gigs".parse::<ByteSize>().unwrap_err(),
            "unknown unit \"gigs\" in \"4 gigs\" (use B, KiB, MiB, GiB, TiB, KB, MB, GB or TB)"
        );
        assert_eq!(
            "-1GiB".parse::<ByteSize>().unwrap_err(),
            "a size must be 0 or more, got \"-1GiB\""
        );
        assert_eq!(
            "99999999999TiB".parse::<ByteSize>().unwrap_err(),
            "\"99999999999TiB\" is too large"
        );
        assert!("9223372036854775808".parse::<ByteSize>().is_err());
        assert!("".parse::<ByteSize>().is_err());
        assert!("GiB".parse::<ByteSize>().is_err());
    }

    #[test]
    fn displays_in_the_largest_exact_binary_unit() {
        assert_eq!(ByteSize(1 << 30).to_string(), "1 GiB");
        assert_eq!(ByteSize(1536 << 20).to_string(), "1536 MiB");
        assert_eq!(ByteSize(1000).to_string(), "1000 B");
    }
}
