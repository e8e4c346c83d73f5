//! The flow a team commits to: targets on the measured figures, which `vsm measure --check`
//! gates on.

use std::fmt;
use std::str::FromStr;

use super::props::{parsed, record};

/// A non-negative number, written `2`, `0.5` or `90%` (the sign is decoration).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Quantity(f64);

impl Eq for Quantity {}

impl Quantity {
    /// The number; `None` when it is negative or not finite.
    pub fn new(value: f64) -> Option<Self> {
        (value.is_finite() && value >= 0.0).then_some(Self(value))
    }

    /// Its value.
    pub fn value(self) -> f64 {
        self.0
    }
}

/// Why text is not a figure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid quantity {0:?}: write a number such as `2`, `0.5` or `90%`")]
pub struct ParseQuantityError(pub String);

impl FromStr for Quantity {
    type Err = ParseQuantityError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let number = text.trim().trim_end_matches('%').trim();
        number
            .parse::<f64>()
            .ok()
            .and_then(Quantity::new)
            .ok_or_else(|| ParseQuantityError(text.to_owned()))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

parsed!(Quantity, "a number", "2.5");

record! {
    /// A first-pass yield the team wants from one step.
    #[short(action = percent)]
    pub struct StepTarget {
        /// The step, as `Stage/Action`.
        action: String,
        /// The least first-pass yield, in percent.
        percent: Option<Quantity>,
    }
}

record! {
    /// Targets on the measured figures; each is met or missed by `vsm measure --check`.
    pub struct Targets {
        /// The longest 85th percentile of lead time (execution start to deployment).
        lead_time_p85: Option<std::time::Duration>,
        /// The longest 85th percentile of change lead time (commit to deployment; needs
        /// `--git`).
        change_lead_time_p85: Option<std::time::Duration>,
        /// The fewest deployments per day.
        deployment_frequency_per_day: Option<Quantity>,
        /// The highest change failure rate, in percent.
        change_failure_rate_percent: Option<Quantity>,
        /// The longest median time to restore.
        time_to_restore_median: Option<std::time::Duration>,
        /// The least first-pass yield of named steps.
        first_pass_yield: Vec<StepTarget>,
    }
}

impl Targets {
    /// True when no target is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
