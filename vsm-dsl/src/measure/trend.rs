//! Trends: every figure per calendar day, week (from Monday) or month, in UTC.

use std::fmt;
use std::str::FromStr;

use super::commits::Shipped;
use super::history::History;
use super::structure::Structure;
use super::time::Timestamp;
use super::{measure_with, Measurement, Span, Window};

/// The length of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    /// Calendar days, from midnight UTC.
    Day,
    /// Weeks from Monday, midnight UTC.
    Week,
    /// Calendar months, from the first, midnight UTC.
    Month,
}

impl Every {
    /// `day`, `week` or `month`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Week => "week",
            Self::Month => "month",
        }
    }

    /// The start of the period holding `t`.
    fn floor(self, t: Timestamp) -> Timestamp {
        match self {
            Self::Day => t.floor_day(),
            Self::Week => t.floor_week(),
            Self::Month => t.floor_month(),
        }
    }

    /// The start of the period after the one starting at `t`.
    fn next(self, t: Timestamp) -> Option<Timestamp> {
        match self {
            Self::Day => t.plus_seconds(86_400),
            Self::Week => t.plus_seconds(7 * 86_400),
            Self::Month => t.add_months(1),
        }
    }
}

impl fmt::Display for Every {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Every {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "day" => Ok(Self::Day),
            "week" => Ok(Self::Week),
            "month" => Ok(Self::Month),
            other => Err(format!(
                "{other:?} is not a period: write day, week or month"
            )),
        }
    }
}

/// One period's measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct Period {
    /// Its start: the calendar boundary, or the window's start for the first.
    pub start: Timestamp,
    /// Its end: the next boundary, or the window's end for the last.
    pub end: Timestamp,
    /// Every figure over the executions that start within it.
    pub measurement: Measurement,
}

/// The periods of `span`, each measured: an execution belongs to the period it starts in.
pub fn trend(
    history: &History,
    structure: &Structure,
    span: Span,
    shipped: Option<&Shipped>,
    every: Every,
) -> Vec<Period> {
    let mut out = Vec::new();
    let mut boundary = every.floor(span.start);
    while boundary <= span.end {
        let next = every.next(boundary);
        let start = boundary.max(span.start);
        let last = next.is_none_or(|n| n > span.end);
        let end = if last {
            span.end
        } else {
            next.unwrap_or(span.end)
        };
        let until = if last {
            end
        } else {
            Timestamp::from_micros(end.micros() - 1).unwrap_or(end)
        };
        let window = Window {
            since: Some(start),
            until: Some(until),
        };
        out.push(Period {
            start,
            end,
            measurement: measure_with(history, structure, window, shipped),
        });
        match next {
            Some(n) if !last => boundary = n,
            _ => break,
        }
    }
    out
}
