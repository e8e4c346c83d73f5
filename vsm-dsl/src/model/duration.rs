//! Human durations (`2d 4h 30m`): the one parser and formatter used by the JSON form, the
//! `stream!` macro and the reports.

use std::fmt;
use std::time::Duration;

/// Seconds in each unit, largest first.
const UNITS: [(char, u64); 4] = [('d', 86_400), ('h', 3_600), ('m', 60), ('s', 1)];

/// Error returned by [`parse`] for text that is not a duration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration {text:?}: {reason} (write it like `30m`, `4h`, `2d 4h` or `90s`)")]
#[non_exhaustive]
pub struct ParseDurationError {
    /// The text that was given.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// Parses `2d 4h 30m`, `45m`, `90s` or `0`: whole numbers with a unit among `d`, `h`, `m`, `s`,
/// largest first, each unit at most once, spaces optional.
pub fn parse(text: &str) -> Result<Duration, ParseDurationError> {
    let err = |reason| ParseDurationError {
        text: text.to_owned(),
        reason,
    };
    let trimmed = text.trim();
    if trimmed == "0" {
        return Ok(Duration::ZERO);
    }
    if trimmed.is_empty() {
        return Err(err("it is empty"));
    }
    let mut total: u64 = 0;
    let mut last_unit = usize::MAX;
    let mut rest = trimmed;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(err("expected a number"));
        }
        let value: u64 = rest[..digits]
            .parse()
            .map_err(|_| err("number too large"))?;
        let unit_char = rest[digits..]
            .chars()
            .next()
            .ok_or_else(|| err("a number lacks its unit"))?;
        let unit = UNITS
            .iter()
            .position(|(c, _)| *c == unit_char)
            .ok_or_else(|| err("unknown unit; use d, h, m or s"))?;
        if last_unit != usize::MAX && unit <= last_unit {
            return Err(err("units must go from largest to smallest, each once"));
        }
        last_unit = unit;
        total = value
            .checked_mul(UNITS[unit].1)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| err("number too large"))?;
        rest = rest[digits + unit_char.len_utf8()..].trim_start();
    }
    Ok(Duration::from_secs(total))
}

/// Formats a duration in the units a person reads: `2d 4h`, `45m`, `1h 30m`, `0m`.
/// Sub-second parts are dropped.
pub fn format(duration: Duration) -> String {
    Human(duration).to_string()
}

/// [`Display`](fmt::Display) adapter for a duration in human units.
#[derive(Debug, Clone, Copy)]
pub struct Human(pub Duration);

impl fmt::Display for Human {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut secs = self.0.as_secs();
        if secs == 0 {
            return f.write_str("0m");
        }
        let mut first = true;
        for (unit, size) in UNITS {
            let n = secs / size;
            if n > 0 {
                if !first {
                    f.write_str(" ")?;
                }
                write!(f, "{n}{unit}")?;
                first = false;
                secs %= size;
            }
        }
        Ok(())
    }
}

/// Serde adapter for `Option<Duration>` fields written as human durations.
pub mod serde_opt {
    use super::{format, parse};
    use serde::{Deserialize, Deserializer, Serializer};
    use std::time::Duration;

    /// Serializes `Some(d)` as `"2d 4h"`.
    pub fn serialize<S: Serializer>(value: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.serialize_str(&format(*d)),
            None => s.serialize_none(),
        }
    }

    /// Deserializes `"2d 4h"` (or `null`).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| parse(&text).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_unit_and_combinations() {
        assert_eq!(parse("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse("4h").unwrap(), Duration::from_secs(14_400));
        assert_eq!(
            parse("2d 4h").unwrap(),
            Duration::from_secs(2 * 86_400 + 4 * 3600)
        );
        assert_eq!(parse("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse("0").unwrap(), Duration::ZERO);
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "m",
            "5",
            "5x",
            "4h 2d",
            "1h 1h",
            "-5m",
            "99999999999999999999d",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn formats_round_trip() {
        for text in ["2d 4h", "45m", "1h 30m", "0m", "1d 1h 1m 1s"] {
            let d = parse(text).unwrap();
            assert_eq!(format(d), text);
        }
    }
}
