//! The cron expressions of CodePipeline's `DeploymentWindow` rule, and how long a change waits
//! for the window they describe.
//!
//! The dialect is Quartz's, as the rule reference states it: six fields and an optional year,
//! `seconds minutes hours day-of-month month day-of-week [year]`; `,` lists, `-` ranges, `/`
//! steps and `*` everywhere; `?` (no specific value) in exactly one of the two day fields (the
//! EventBridge cron reference the rule's page points to requires it); `L`, `L-n`, `LW` and
//! `nW` in the day of the month; `L`, `nL` and `n#k` in the day of the week, which runs 1–7
//! from Sunday (`SUN`–`SAT`); months 1–12 or `JAN`–`DEC`; years 1970–2199. Names are not case
//! sensitive.
//!
//! vsm reads the expression as the set of seconds at which a deployment is allowed: `* * 9-16
//! ? * MON-FRI *` allows every second from 09:00:00 to 16:59:59 on weekdays; `0 0 9-17 ? *
//! MON-FRI *` allows only the first second of each of those hours, so a change that arrives at
//! 10:20 waits until 11:00. [`Cron::expected_wait`] is the mean wait of a change that arrives
//! at a moment drawn uniformly at random, over 208 whole weeks from Monday 2024-01-01: the
//! time zone shifts every window by the same offset, which leaves the mean unchanged (daylight
//! saving's two shifted days a year aside).
//!
//! ```
//! use vsm_dsl::time::Cron;
//!
//! let office = Cron::parse("* * 9-16 ? * MON-FRI *").unwrap();
//! // Open 40 hours a week; a change arriving at a random moment waits 15 h 14 m on average.
//! assert_eq!(office.open_per_week().as_secs(), 40 * 3600);
//! assert_eq!(office.expected_wait().unwrap().as_secs() / 60, 15 * 60 + 14);
//! assert!(Cron::parse("* * 9-16 * * MON-FRI *").is_err()); // neither day field is `?`
//! ```

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Days from 1970-01-01 to Monday 2024-01-01, where the reference span starts.
const REFERENCE_START: i64 = 19_723;
/// The reference span: 208 whole weeks (a weekly window repeats exactly in it).
const REFERENCE_DAYS: i64 = 208 * 7;
const DAY: u32 = 86_400;

/// A parsed cron expression of a deployment window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    text: String,
    seconds: u64,
    minutes: u64,
    hours: u32,
    days: Days,
    months: u16,
    /// Allowed years 1970–2199 (bit `y - 1970`); `None` for every year.
    years: Option<[u64; 4]>,
}

/// The day fields: one of them is `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Days {
    OfMonth(MonthDays),
    OfWeek(WeekDays),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct MonthDays {
    /// Days 1–31 (bit `d`).
    days: u32,
    /// `L` (0) and `L-n` (n): the last day less n.
    last: Vec<u8>,
    /// `LW`: the last weekday of the month.
    last_weekday: bool,
    /// `nW`: the weekday nearest day n.
    nearest_weekday: Vec<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct WeekDays {
    /// Days 1–7 from Sunday (bit `d`).
    days: u8,
    /// `nL`: the last day n of the month.
    last: Vec<u8>,
    /// `n#k`: the k-th day n of the month.
    nth: Vec<(u8, u8)>,
}

/// What is wrong with a cron expression: the field and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronError {
    /// The field, such as `day-of-week`; `None` for the expression as a whole.
    pub field: Option<&'static str>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CronError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.field {
            Some(field) => write!(f, "{field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for CronError {}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// One field's description: its name, bounds and the names its values may take.
struct Spec {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const SECONDS: Spec = Spec {
    name: "seconds",
    min: 0,
    max: 59,
    names: &[],
};
const MINUTES: Spec = Spec {
    name: "minutes",
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Spec = Spec {
    name: "hours",
    min: 0,
    max: 23,
    names: &[],
};
const DAY_OF_MONTH: Spec = Spec {
    name: "day-of-month",
    min: 1,
    max: 31,
    names: &[],
};
const MONTH: Spec = Spec {
    name: "month",
    min: 1,
    max: 12,
    names: &MONTHS,
};
const DAY_OF_WEEK: Spec = Spec {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: &WEEKDAYS,
};
const YEAR: Spec = Spec {
    name: "year",
    min: 1970,
    max: 2199,
    names: &[],
};

fn error(field: &'static str, message: impl Into<String>) -> CronError {
    CronError {
        field: Some(field),
        message: message.into(),
    }
}

impl Spec {
    /// One value: a number or a name.
    fn value(&self, text: &str) -> Result<u32, CronError> {
        if let Some(i) = self.names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
            return Ok(self.min + i as u32);
        }
        let n: u32 = text.parse().map_err(|_| {
            let names = if self.names.is_empty() {
                String::new()
            } else {
                format!(" or {}–{}", self.names[0], self.names[self.names.len() - 1])
            };
            error(
                self.name,
                format!(
                    "`{text}` is not a value: use {}–{}{names}",
                    self.min, self.max
                ),
            )
        })?;
        if n < self.min || n > self.max {
            return Err(error(
                self.name,
                format!("`{text}` is outside {}–{}", self.min, self.max),
            ));
        }
        Ok(n)
    }

    /// The values of a plain item: `*`, `a`, `a-b`, each optionally `/step`.
    fn item(&self, item: &str) -> Result<Vec<u32>, CronError> {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => {
                let step: u32 = s.parse().ok().filter(|s| *s >= 1).ok_or_else(|| {
                    error(
                        self.name,
                        format!("`{item}`: the step after `/` is a whole number of at least 1"),
                    )
                })?;
                (r, Some(step))
            }
            None => (item, None),
        };
        let (from, to) = if range == "*" {
            (self.min, self.max)
        } else if let Some((a, b)) = range.split_once('-') {
            let (a, b) = (self.value(a)?, self.value(b)?);
            if a > b {
                return Err(error(
                    self.name,
                    format!("the range `{range}` runs backwards: write the smaller value first"),
                ));
            }
            (a, b)
        } else {
            let a = self.value(range)?;
            // `a/step` runs from a to the end of the field.
            (a, if step.is_some() { self.max } else { a })
        };
        let step = step.unwrap_or(1) as usize;
        Ok((from..=to).step_by(step).collect())
    }

    /// A field of plain items only (seconds, minutes, hours, month, year), as a bit set.
    fn bits(&self, field: &str) -> Result<u128, CronError> {
        let mut out = 0u128;
        for item in field.split(',') {
            if item.is_empty() {
                return Err(error(self.name, "an empty item between commas"));
            }
            if item == "?" || item.contains(['L', 'l', 'W', 'w', '#']) {
                return Err(error(
                    self.name,
                    format!("`{item}` is not allowed here: this field takes `,` `-` `*` `/`"),
                ));
            }
            for v in self.item(item)? {
                out |= 1 << (v - self.min);
            }
        }
        Ok(out)
    }
}

impl Cron {
    /// Parses an expression; the error names the field and what is wrong.
    pub fn parse(text: &str) -> Result<Self, CronError> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        if !(6..=7).contains(&fields.len()) {
            return Err(CronError {
                field: None,
                message: format!(
                    "{} fields; a deployment window takes 6 or 7: seconds minutes hours day-of-month month day-of-week [year]",
                    fields.len()
                ),
            });
        }
        let seconds = SECONDS.bits(fields[0])? as u64;
        let minutes = MINUTES.bits(fields[1])? as u64;
        let hours = HOURS.bits(fields[2])? as u32;
        let months = (MONTH.bits(fields[4])? << 1) as u16;
        let (dom, dow) = (fields[3], fields[5]);
        let days = match (dom == "?", dow == "?") {
            (true, true) => {
                return Err(error(
                    "day-of-week",
                    "`?` in both day fields: give one of them a value",
                ))
            }
            (false, false) => {
                return Err(error(
                    "day-of-week",
                    format!("`{dom}` and `{dow}`: one of the two day fields must be `?` (no specific value)"),
                ))
            }
            (false, true) => Days::OfMonth(month_days(dom)?),
            (true, false) => Days::OfWeek(week_days(dow)?),
        };
        let years = match fields.get(6) {
            None => None,
            Some(y) if *y == "*" => None,
            Some(y) => {
                let mut set = [0u64; 4];
                for item in y.split(',') {
                    if item.is_empty() {
                        return Err(error(YEAR.name, "an empty item between commas"));
                    }
                    for v in YEAR.item(item)? {
                        let i = (v - YEAR.min) as usize;
                        set[i / 64] |= 1 << (i % 64);
                    }
                }
                Some(set)
            }
        };
        Ok(Self {
            text: text.to_owned(),
            seconds,
            minutes,
            hours,
            days,
            months,
            years,
        })
    }

    /// The expression as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn year_allowed(&self, year: i32) -> bool {
        match &self.years {
            None => true,
            Some(set) => {
                let Ok(i) = usize::try_from(year - 1970) else {
                    return false;
                };
                i < 230 && set[i / 64] & (1 << (i % 64)) != 0
            }
        }
    }

    /// True when the window is open on this civil date (month 1–12, day 1–31).
    pub fn matches_day(&self, year: i32, month: u8, day: u8) -> bool {
        if !self.year_allowed(year) || self.months & (1 << month) == 0 {
            return false;
        }
        let len = days_in_month(year, month);
        match &self.days {
            Days::OfMonth(m) => {
                m.days & (1 << day) != 0
                    || m.last.iter().any(|n| len.checked_sub(*n) == Some(day))
                    || (m.last_weekday && day == nearest_weekday(year, month, len))
                    || m.nearest_weekday
                        .iter()
                        .any(|n| *n <= len && day == nearest_weekday(year, month, *n))
            }
            Days::OfWeek(w) => {
                let wd = weekday(year, month, day);
                w.days & (1 << wd) != 0
                    || w.last.iter().any(|n| *n == wd && day + 7 > len)
                    || w.nth
                        .iter()
                        .any(|(n, k)| *n == wd && (day - 1) / 7 + 1 == *k)
            }
        }
    }

    /// The seconds of a day at which the window is open, as merged `[start, end)` intervals.
    fn day_intervals(&self) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for h in 0..24u32 {
            if self.hours & (1 << h) == 0 {
                continue;
            }
            for m in 0..60u32 {
                if self.minutes & (1 << m) == 0 {
                    continue;
                }
                for s in 0..60u32 {
                    if self.seconds & (1 << s) == 0 {
                        continue;
                    }
                    let t = h * 3600 + m * 60 + s;
                    match out.last_mut() {
                        Some((_, end)) if *end == t => *end = t + 1,
                        _ => out.push((t, t + 1)),
                    }
                }
            }
        }
        out
    }

    /// The mean wait of a change arriving at a uniformly random moment, over `days` days from
    /// day `start` (days since 1970-01-01), the span taken as a cycle; `None` when the window
    /// never opens in it.
    pub fn expected_wait_over(&self, start: i64, days: i64) -> Option<Duration> {
        let intervals = self.day_intervals();
        let (first, last) = (intervals.first()?.0, intervals.last()?.1);
        let inside: u128 = intervals
            .windows(2)
            .map(|w| u128::from(w[1].0 - w[0].1).pow(2))
            .sum();
        let open_days: Vec<i64> = (0..days)
            .filter(|d| {
                let date = super::Date::from_days(start + d);
                self.matches_day(date.year, date.month, date.day)
            })
            .collect();
        let (&first_day, &last_day) = (open_days.first()?, open_days.last()?);
        let gap = |from_day: i64, to_day: i64| -> u128 {
            let secs = (to_day - from_day) * i64::from(DAY) + i64::from(first) - i64::from(last);
            u128::try_from(secs.max(0)).unwrap_or(0).pow(2)
        };
        let mut squares: u128 = inside * open_days.len() as u128;
        for w in open_days.windows(2) {
            squares += gap(w[0], w[1]);
        }
        squares += gap(last_day, first_day + days);
        let span = 2.0 * days as f64 * f64::from(DAY);
        Some(Duration::from_secs_f64(squares as f64 / span))
    }

    /// The mean wait of a change that arrives at a uniformly random moment (see the module
    /// docs); `None` when the window never opens.
    pub fn expected_wait(&self) -> Option<Duration> {
        let start = self.reference_start();
        self.expected_wait_over(start, REFERENCE_DAYS)
    }

    /// How long the window is open in an average week of the reference span.
    pub fn open_per_week(&self) -> Duration {
        let open: u64 = self
            .day_intervals()
            .iter()
            .map(|(a, b)| u64::from(b - a))
            .sum();
        let start = self.reference_start();
        let days = (0..REFERENCE_DAYS)
            .filter(|d| {
                let date = super::Date::from_days(start + d);
                self.matches_day(date.year, date.month, date.day)
            })
            .count() as u64;
        Duration::from_secs(open * days * 7 / REFERENCE_DAYS as u64)
    }

    /// Where the reference span starts: Monday 2024-01-01, or the Monday before the first
    /// year the expression allows, when it allows none from 2024 on.
    fn reference_start(&self) -> i64 {
        let Some(set) = &self.years else {
            return REFERENCE_START;
        };
        let allowed: Vec<i32> = (0..230)
            .filter(|i| set[i / 64] & (1 << (i % 64)) != 0)
            .map(|i| 1970 + i as i32)
            .collect();
        let year = allowed
            .iter()
            .copied()
            .find(|y| *y >= 2024)
            .or(allowed.first().copied())
            .unwrap_or(2024);
        let jan1 = days_from_civil(year, 1, 1);
        // 1970-01-01 was a Thursday: back to the Monday on or before January 1.
        jan1 - (jan1 + 3).rem_euclid(7)
    }
}

impl fmt::Display for Cron {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Cron {
    type Err = CronError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

fn month_days(field: &str) -> Result<MonthDays, CronError> {
    let mut out = MonthDays::default();
    for item in field.split(',') {
        let upper = item.to_ascii_uppercase();
        if upper == "LW" {
            out.last_weekday = true;
        } else if upper == "L" {
            out.last.push(0);
        } else if let Some(n) = upper.strip_prefix("L-") {
            let n: u8 = n.parse().ok().filter(|n| *n <= 30).ok_or_else(|| {
                error(
                    DAY_OF_MONTH.name,
                    format!("`{item}`: L-n takes n from 0 to 30"),
                )
            })?;
            out.last.push(n);
        } else if let Some(n) = upper.strip_suffix('W') {
            let n = DAY_OF_MONTH.value(n)?;
            out.nearest_weekday.push(n as u8);
        } else if upper == "?" {
            return Err(error(DAY_OF_MONTH.name, "`?` stands alone in its field"));
        } else if upper.contains(['#']) {
            return Err(error(
                DAY_OF_MONTH.name,
                format!("`{item}`: `#` belongs in the day-of-week field"),
            ));
        } else {
            if item.is_empty() {
                return Err(error(DAY_OF_MONTH.name, "an empty item between commas"));
            }
            for v in DAY_OF_MONTH.item(item)? {
                out.days |= 1 << v;
            }
        }
    }
    Ok(out)
}

fn week_days(field: &str) -> Result<WeekDays, CronError> {
    let mut out = WeekDays::default();
    for item in field.split(',') {
        let upper = item.to_ascii_uppercase();
        if upper == "L" {
            out.days |= 1 << 7;
        } else if let Some(n) = upper.strip_suffix('L') {
            out.last.push(DAY_OF_WEEK.value(n)? as u8);
        } else if let Some((n, k)) = upper.split_once('#') {
            let n = DAY_OF_WEEK.value(n)? as u8;
            let k: u8 = k
                .parse()
                .ok()
                .filter(|k| (1..=5).contains(k))
                .ok_or_else(|| {
                    error(
                        DAY_OF_WEEK.name,
                        format!("`{item}`: n#k takes k from 1 to 5"),
                    )
                })?;
            out.nth.push((n, k));
        } else if upper == "?" {
            return Err(error(DAY_OF_WEEK.name, "`?` stands alone in its field"));
        } else if upper.contains('W') && !WEEKDAYS.iter().any(|d| upper.contains(d)) {
            return Err(error(
                DAY_OF_WEEK.name,
                format!("`{item}`: `W` belongs in the day-of-month field"),
            ));
        } else {
            if item.is_empty() {
                return Err(error(DAY_OF_WEEK.name, "an empty item between commas"));
            }
            for v in DAY_OF_WEEK.item(item)? {
                out.days |= 1 << v;
            }
        }
    }
    Ok(out)
}

/// Days since 1970-01-01 of a civil date.
pub(crate) fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    super::Date::new(year, month, day).days()
}

/// The day of the week, 1 (Sunday) to 7 (Saturday).
fn weekday(year: i32, month: u8, day: u8) -> u8 {
    // 1970-01-01 was a Thursday (5).
    ((days_from_civil(year, month, day) + 4).rem_euclid(7) + 1) as u8
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The weekday (Monday–Friday) of the month nearest day `n`, never leaving the month.
fn nearest_weekday(year: i32, month: u8, n: u8) -> u8 {
    let len = days_in_month(year, month);
    match weekday(year, month, n) {
        7 if n == 1 => 3,
        7 => n - 1,
        1 if n == len => n - 2,
        1 => n + 1,
        _ => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cron(text: &str) -> Cron {
        Cron::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn reads_the_rule_reference_example() {
        let c = cron("0 0 9-17 ? * MON-FRI *");
        // 2024-01-01 was a Monday; 2024-01-06 a Saturday.
        assert!(c.matches_day(2024, 1, 1));
        assert!(!c.matches_day(2024, 1, 6));
        assert_eq!(c.day_intervals().len(), 9);
        assert_eq!(c.day_intervals()[0], (9 * 3600, 9 * 3600 + 1));
    }

    #[test]
    fn office_hours_wait_matches_the_closed_gaps() {
        // Four 16-hour nights and a 64-hour weekend in every week.
        let c = cron("* * 9-16 ? * MON-FRI *");
        let week = 604_800.0;
        let expected = (4.0 * 57_600f64.powi(2) + 230_400f64.powi(2)) / (2.0 * week);
        let got = c.expected_wait().unwrap().as_secs_f64();
        assert!((got - expected).abs() < 1e-3, "{got} vs {expected}");
        assert_eq!(c.open_per_week(), Duration::from_secs(40 * 3600));
    }

    #[test]
    fn always_open_and_never_open() {
        assert_eq!(cron("* * * * * ? *").expected_wait(), Some(Duration::ZERO));
        assert_eq!(cron("* * * 30 FEB ?").expected_wait(), None);
        let daily = cron("0 0 0 * * ?").expected_wait().unwrap().as_secs_f64();
        assert!((daily - 86_399f64.powi(2) / (2.0 * 86_400.0)).abs() < 1.0);
    }

    #[test]
    fn special_days() {
        // 2024-02: 29 days, the 29th a Thursday; 2024-06-15 a Saturday, 2024-09-01 a Sunday.
        assert!(cron("* * * L * ?").matches_day(2024, 2, 29));
        assert!(cron("* * * L-3 * ?").matches_day(2024, 2, 26));
        assert!(cron("* * * LW * ?").matches_day(2024, 6, 28));
        assert!(cron("* * * 15W * ?").matches_day(2024, 6, 14));
        assert!(cron("* * * 1W * ?").matches_day(2024, 9, 2));
        assert!(cron("* * * ? * 6L").matches_day(2024, 2, 23));
        assert!(cron("* * * ? * 6#3").matches_day(2024, 2, 16));
        assert!(!cron("* * * ? * 6#3").matches_day(2024, 2, 23));
        assert!(cron("* * * ? * L").matches_day(2024, 6, 15));
        assert!(cron("* * * ? * sat *").matches_day(2024, 6, 15));
        assert!(!cron("* * * ? * * 2025").matches_day(2024, 6, 15));
    }

    #[test]
    fn errors_name_the_field() {
        let e = |t: &str| Cron::parse(t).unwrap_err().to_string();
        assert_eq!(e("* * 25 ? * *"), "hours: `25` is outside 0–23");
        assert_eq!(
            e("* * * ? * MON-FRIDAY"),
            "day-of-week: `FRIDAY` is not a value: use 1–7 or SUN–SAT"
        );
        assert!(e("* * *").starts_with("3 fields; a deployment window takes 6 or 7"));
        assert!(e("* * * * * *").contains("one of the two day fields must be `?`"));
        assert!(e("* * 17-9 ? * *").contains("runs backwards"));
        assert!(e("* * * ? * MON#6").contains("k from 1 to 5"));
        assert!(e("* * * ? * * 1969").contains("outside 1970–2199"));
        assert!(e("* */0 * ? * *").contains("step"));
        assert!(e("L * * ? * *").contains("not allowed here"));
    }

    /// The interval sum agrees with a minute-by-minute count of the wait.
    #[test]
    fn wait_agrees_with_brute_force() {
        for text in [
            "* * 9-16 ? * MON-FRI *",
            "* 0/20 8,20 ? * TUE,SAT",
            "* * 23 L * ?",
            "* 30 3 ? * 2#2",
            "* * 22-23 15W * ?",
        ] {
            let c = cron(text);
            let days = 70;
            let start = REFERENCE_START;
            let open = |minute: i64| {
                let d = minute.div_euclid(1440);
                let m = minute.rem_euclid(1440) as u32;
                let date = crate::time::Date::from_days(start + d.rem_euclid(days));
                c.matches_day(date.year, date.month, date.day)
                    && c.hours & (1 << (m / 60)) != 0
                    && c.minutes & (1 << (m % 60)) != 0
            };
            let total = days * 1440;
            // Each closed minute waits until the next open minute: its mean wait is the
            // distance from the minute's middle to the next opening. Walk backwards over two
            // cycles, so that the first cycle knows its next opening.
            let mut sum = 0f64;
            let mut next_open: Option<i64> = None;
            for m in (0..2 * total).rev() {
                if open(m) {
                    next_open = Some(m);
                } else if m < total {
                    let next = next_open.expect("the window opens") - m;
                    sum += (next as f64 - 0.5) * 60.0;
                }
            }
            let brute = sum / total as f64;
            let got = c.expected_wait_over(start, days).unwrap().as_secs_f64();
            assert!((got - brute).abs() < 1.0, "{text}: {got} vs {brute}");
        }
    }
}
