//! Instants of an execution history: ISO 8601 text with a UTC offset, or epoch seconds.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::model::duration;
use crate::time::Date;

const MICROS: i64 = 1_000_000;
const DAY_SECONDS: i64 = 86_400;
/// 0001-01-01 and 9999-12-31T23:59:59.999999Z, in microseconds since the epoch.
const MIN: i64 = -62_135_596_800 * MICROS;
const MAX: i64 = 253_402_300_800 * MICROS - 1;

/// An instant, held in whole microseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `micros` microseconds after the epoch, if it lies in years 1–9999.
    pub fn from_micros(micros: i64) -> Option<Self> {
        (MIN..=MAX).contains(&micros).then_some(Self(micros))
    }

    /// Microseconds since the epoch.
    pub fn micros(self) -> i64 {
        self.0
    }

    /// The instant `seconds` after the epoch (fractions allowed, rounded to the microsecond);
    /// `None` when not finite or outside years 1–9999.
    pub fn from_epoch_seconds(seconds: f64) -> Option<Self> {
        let micros = (seconds * MICROS as f64).round();
        if !micros.is_finite() || micros < MIN as f64 || micros > MAX as f64 {
            return None;
        }
        Self::from_micros(micros as i64)
    }

    /// The current time.
    pub fn now() -> Self {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Self(i64::try_from(since.as_micros()).unwrap_or(MAX).min(MAX))
    }

    /// Parses ISO 8601 text with a UTC offset (`2025-03-01T09:30:00.123+01:00`,
    /// `2025-03-01T08:30:00Z`) or epoch seconds written as a number (`1740821400.123`).
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            if let Ok(seconds) = t.parse::<f64>() {
                return Self::from_epoch_seconds(seconds)
                    .ok_or_else(|| format!("{text:?} is out of range as epoch seconds"));
            }
        }
        parse_iso(t).map_err(|why| {
            format!("{text:?} is not an ISO 8601 time with a UTC offset ({why}); write it like 2025-03-01T09:30:00Z")
        })
    }

    /// Parses a `--since`/`--until` bound: a duration back from `now` (`90d`, `12h`, `2d 4h`),
    /// a date (`2025-03-01`, midnight UTC), or anything [`Timestamp::parse`] reads.
    pub fn parse_bound(text: &str, now: Timestamp) -> Result<Self, String> {
        let t = text.trim();
        if let Ok(back) = duration::parse(t) {
            let micros = i64::try_from(back.as_micros()).unwrap_or(i64::MAX);
            return Self::from_micros(now.0.saturating_sub(micros))
                .ok_or_else(|| format!("{text:?} reaches before year 1"));
        }
        if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
            return parse_iso(&format!("{t}T00:00:00Z"))
                .map_err(|why| format!("{text:?} is not a date ({why})"));
        }
        Self::parse(t).map_err(|_| {
            format!(
                "{text:?} is neither a duration back from now (90d, 12h), a date (2025-03-01) \
                 nor a time with a UTC offset (2025-03-01T09:30:00Z)"
            )
        })
    }

    /// The time from `earlier` to this instant; zero when `earlier` is later.
    pub fn since(self, earlier: Timestamp) -> Duration {
        let micros = self.0.saturating_sub(earlier.0).max(0);
        Duration::from_micros(micros as u64)
    }

    /// Seconds from `earlier` to this instant (negative when `earlier` is later).
    pub fn seconds_since(self, earlier: Timestamp) -> f64 {
        (self.0 - earlier.0) as f64 / MICROS as f64
    }

    /// ISO 8601 in UTC with microseconds, the way the AWS CLI prints times:
    /// `2025-03-01T08:30:00.123000+00:00`.
    pub fn to_iso(self) -> String {
        let (date, secs, micros) = self.parts();
        format!(
            "{date}T{:02}:{:02}:{:02}.{micros:06}+00:00",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }

    /// The UTC date and minute: `2025-03-01 08:30 UTC`.
    pub fn to_minute(self) -> String {
        let (date, secs, _) = self.parts();
        format!("{date} {:02}:{:02} UTC", secs / 3600, secs / 60 % 60)
    }

    /// The UTC date: `2025-03-01`.
    pub fn to_date(self) -> String {
        self.parts().0.to_string()
    }

    /// Midnight UTC of this instant's day.
    pub fn floor_day(self) -> Self {
        Self(self.0.div_euclid(DAY_SECONDS * MICROS) * DAY_SECONDS * MICROS)
    }

    /// Midnight UTC of the Monday of this instant's week.
    pub fn floor_week(self) -> Self {
        let days = self.0.div_euclid(DAY_SECONDS * MICROS);
        // 1970-01-01 was a Thursday: Monday is 3 days before.
        let monday = days - (days + 3).rem_euclid(7);
        Self(monday * DAY_SECONDS * MICROS)
    }

    /// Midnight UTC of the first day of this instant's month.
    pub fn floor_month(self) -> Self {
        let (date, _, _) = self.parts();
        Self(Date { day: 1, ..date }.days() * DAY_SECONDS * MICROS)
    }

    /// The same instant `months` calendar months later (from the first of a month, the first
    /// of that month); `None` out of range.
    pub fn add_months(self, months: i64) -> Option<Self> {
        let (date, secs, micros) = self.parts();
        let index = i64::from(date.year) * 12 + i64::from(date.month) - 1 + months;
        let year = i32::try_from(index.div_euclid(12)).ok()?;
        let month = u8::try_from(index.rem_euclid(12) + 1).ok()?;
        let day = date.day.min(Date::days_in_month(year, month));
        let days = Date::new(year, month, day).days();
        Self::from_micros((days * DAY_SECONDS + secs) * MICROS + micros)
    }

    /// This instant plus `seconds`; `None` out of range.
    pub fn plus_seconds(self, seconds: i64) -> Option<Self> {
        Self::from_micros(self.0.checked_add(seconds.checked_mul(MICROS)?)?)
    }

    /// The date (UTC), the second of the day and the microsecond of the second.
    fn parts(self) -> (Date, i64, i64) {
        let secs = self.0.div_euclid(MICROS);
        let micros = self.0.rem_euclid(MICROS);
        let days = secs.div_euclid(DAY_SECONDS);
        (Date::from_days(days), secs.rem_euclid(DAY_SECONDS), micros)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// A cursor over ASCII text.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// `n` digits as a number.
    fn digits(&mut self, n: usize, what: &'static str) -> Result<i64, &'static str> {
        let part = self.bytes.get(self.at..self.at + n).ok_or(what)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return Err(what);
        }
        self.at += n;
        Ok(part.iter().fold(0, |acc, b| acc * 10 + i64::from(b - b'0')))
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.bytes.get(self.at) == Some(&c);
        self.at += usize::from(hit);
        hit
    }

    fn expect(&mut self, c: u8, what: &'static str) -> Result<(), &'static str> {
        if self.eat(c) {
            Ok(())
        } else {
            Err(what)
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }
}

/// Parses `YYYY-MM-DDTHH:MM[:SS[.f]](Z|±HH[:MM])`; the reason when it is not that.
fn parse_iso(text: &str) -> Result<Timestamp, &'static str> {
    let mut c = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let year = c.digits(4, "the year needs four digits")?;
    c.expect(b'-', "expected - after the year")?;
    let month = c.digits(2, "the month needs two digits")?;
    c.expect(b'-', "expected - after the month")?;
    let day = c.digits(2, "the day needs two digits")?;
    if !(1..=12).contains(&month) {
        return Err("no such month");
    }
    // Four digits and two: in range for the date's parts.
    let (year, month, day) = (year as i32, month as u8, day as u8);
    if year == 0 || !(1..=Date::days_in_month(year, month)).contains(&day) {
        return Err("no such day");
    }
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return Err("expected T and a time after the date");
    }
    let hour = c.digits(2, "the hour needs two digits")?;
    c.expect(b':', "expected : after the hour")?;
    let minute = c.digits(2, "the minute needs two digits")?;
    let second = if c.eat(b':') {
        c.digits(2, "the second needs two digits")?
    } else {
        0
    };
    if hour > 23 || minute > 59 || second > 59 {
        return Err("no such time of day");
    }
    let micros = fraction(&mut c)?;
    let offset = offset(&mut c)?;
    if c.at != c.bytes.len() {
        return Err("unexpected text after the offset");
    }
    let days = Date::new(year, month, day).days();
    let secs = days * DAY_SECONDS + hour * 3600 + minute * 60 + second - offset;
    Timestamp::from_micros(secs * MICROS + micros).ok_or("out of range")
}

/// `.123456` (any number of digits, rounded down to the microsecond), or nothing.
fn fraction(c: &mut Cursor<'_>) -> Result<i64, &'static str> {
    if !(c.eat(b'.') || c.eat(b',')) {
        return Ok(0);
    }
    let mut micros = 0;
    let mut n = 0;
    while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
        if n < 6 {
            micros = micros * 10 + i64::from(d - b'0');
        }
        n += 1;
        c.at += 1;
    }
    if n == 0 {
        return Err("a decimal point without digits");
    }
    Ok(micros * 10_i64.pow(6u32.saturating_sub(n)))
}

/// `Z`, `+HH:MM`, `+HHMM` or `+HH` as seconds east of UTC.
fn offset(c: &mut Cursor<'_>) -> Result<i64, &'static str> {
    if c.eat(b'Z') || c.eat(b'z') {
        return Ok(0);
    }
    let sign = match c.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return Err("no UTC offset: end it with Z or +HH:MM"),
    };
    c.at += 1;
    let hours = c.digits(2, "the offset's hours need two digits")?;
    let minutes = if c.peek().is_some() {
        c.eat(b':');
        c.digits(2, "the offset's minutes need two digits")?
    } else {
        0
    };
    if hours > 23 || minutes > 59 {
        return Err("no such offset");
    }
    Ok(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    #[test]
    fn iso_times_with_offsets_and_epoch_seconds_agree() {
        // 2025-03-01T08:30:00Z = 20148 days * 86400 + 8.5 h = 1740817800.
        let utc = ts("2025-03-01T08:30:00Z");
        assert_eq!(utc.micros(), 1_740_817_800 * MICROS);
        assert_eq!(ts("2025-03-01T09:30:00+01:00"), utc);
        assert_eq!(ts("2025-03-01T03:00:00-05:30"), utc);
        assert_eq!(ts("2025-03-01T09:30:00+0100"), utc);
        assert_eq!(ts("2025-03-01T10:30+02"), utc);
        assert_eq!(ts("2025-03-01 08:30:00.000000+00:00"), utc);
        assert_eq!(ts("1740817800"), utc);
        assert_eq!(ts("1740817800.25").micros(), utc.micros() + 250_000);
        assert_eq!(
            ts("2025-03-01T08:30:00.1234567Z").micros(),
            utc.micros() + 123_456
        );
        assert_eq!(ts("1969-12-31T23:59:59.5Z").micros(), -500_000);
    }

    #[test]
    fn malformed_times_are_refused_with_the_reason() {
        for (bad, why) in [
            ("2025-03-01T08:30:00", "no UTC offset"),
            ("2025-13-01T08:30:00Z", "no such month"),
            ("2025-02-29T08:30:00Z", "no such day"),
            ("2025-03-01T24:00:00Z", "no such time of day"),
            ("2025-03-01", "expected T"),
            ("yesterday", "the year needs four digits"),
            ("2025-03-01T08:30:00Zjunk", "unexpected text"),
            ("2025-03-01T08:30:00.Z", "decimal point"),
        ] {
            let err = Timestamp::parse(bad).unwrap_err();
            assert!(err.contains(why), "{bad}: {err}");
        }
        assert!(Timestamp::parse("1e400").is_err());
        assert!(Timestamp::from_epoch_seconds(f64::NAN).is_none());
    }

    #[test]
    fn leap_days_and_round_trips() {
        for text in [
            "2024-02-29T23:59:59.999999+00:00",
            "2000-01-01T00:00:00.000000+00:00",
            "1999-12-31T12:00:00.500000+00:00",
            "1900-03-01T00:00:00.000000+00:00",
        ] {
            assert_eq!(ts(text).to_iso(), text);
        }
        assert!(Timestamp::parse("1900-02-29T00:00:00Z").is_err());
        assert_eq!(
            ts("2025-03-01T08:30:59Z").to_minute(),
            "2025-03-01 08:30 UTC"
        );
    }

    #[test]
    fn bounds_are_durations_back_dates_or_times() {
        let now = ts("2025-03-31T00:00:00Z");
        assert_eq!(
            Timestamp::parse_bound("90d", now).unwrap(),
            ts("2024-12-31T00:00:00Z")
        );
        assert_eq!(
            Timestamp::parse_bound("1d 12h", now).unwrap(),
            ts("2025-03-29T12:00:00Z")
        );
        assert_eq!(
            Timestamp::parse_bound("2025-03-01", now).unwrap(),
            ts("2025-03-01T00:00:00Z")
        );
        assert_eq!(
            Timestamp::parse_bound("2025-03-01T08:30:00Z", now).unwrap(),
            ts("2025-03-01T08:30:00Z")
        );
        let err = Timestamp::parse_bound("last week", now).unwrap_err();
        assert!(err.contains("neither a duration"), "{err}");
    }

    #[test]
    fn calendar_floors_and_months() {
        let t = ts("2025-03-05T13:14:15Z"); // a Wednesday
        assert_eq!(t.floor_day(), ts("2025-03-05T00:00:00Z"));
        assert_eq!(t.floor_week(), ts("2025-03-03T00:00:00Z"));
        assert_eq!(
            ts("2025-03-03T00:00:00Z").floor_week(),
            ts("2025-03-03T00:00:00Z")
        );
        assert_eq!(
            ts("2025-03-09T23:59:59Z").floor_week(),
            ts("2025-03-03T00:00:00Z")
        );
        assert_eq!(t.floor_month(), ts("2025-03-01T00:00:00Z"));
        assert_eq!(
            ts("2024-12-01T00:00:00Z").add_months(1),
            Some(ts("2025-01-01T00:00:00Z"))
        );
        assert_eq!(
            ts("2024-01-31T00:00:00Z").add_months(1),
            Some(ts("2024-02-29T00:00:00Z"))
        );
        assert_eq!(t.to_date(), "2025-03-05");
        assert_eq!(t.plus_seconds(60), Some(ts("2025-03-05T13:15:15Z")));
    }

    #[test]
    fn durations_between_instants() {
        let a = ts("2025-03-01T08:30:00Z");
        let b = ts("2025-03-01T09:00:30.5Z");
        assert_eq!(b.since(a), Duration::from_millis(30 * 60_000 + 30_500));
        assert_eq!(a.since(b), Duration::ZERO);
        assert_eq!(b.seconds_since(a), 1830.5);
    }
}
