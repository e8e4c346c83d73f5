//! The four key metrics placed in the performance levels of the DORA 2024 report.

use std::fmt;
use std::time::Duration;

use super::delivery::Delivery;

/// Where the levels come from.
pub const CITATION: &str = "DORA, Accelerate State of DevOps Report 2024 (Google Cloud, \
October 2024), table of software delivery performance levels: https://dora.dev/research/2024/dora-report/";

/// How each figure is placed, as the report and the docs state it.
pub const PLACEMENT: [(&str, &str); 5] = [
    (
        "Deployment frequency",
        "Elite: on demand, more than once per day; High: between once per week and once per \
         day; Medium: between once per month (30 days) and once per week; Low: less than once \
         per month.",
    ),
    (
        "Lead time (median)",
        "Elite: less than one day; High: one day to less than one week; Medium: one week to \
         less than one month (30 days); Low: a month or more.",
    ),
    (
        "Change lead time (median)",
        "the same bounds as lead time; it is the figure the table's change lead time means.",
    ),
    (
        "Change failure rate",
        "the level whose typical rate in the table is nearest (Elite 5%, Medium 10%, High 20%, \
         Low 40%): up to 7.5% Elite, up to 15% Medium, up to 30% High, above that Low.",
    ),
    (
        "Time to restore (median)",
        "Elite: less than one hour; High: less than one day (the table gives High and Medium \
         both less than one day; the better is shown); Low: one day or more (the table has \
         nothing between one day and one week, and Low from one week to one month).",
    ),
];

/// A performance level of the DORA 2024 report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Elite (19% of respondents in 2024).
    Elite,
    /// High (22%).
    High,
    /// Medium (35%).
    Medium,
    /// Low (25%).
    Low,
}

impl Level {
    /// `Elite`, `High`, `Medium` or `Low`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Elite => "Elite",
            Self::High => "High",
            Self::Medium => "Medium",
            Self::Low => "Low",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The level of each key metric; `None` where the figure is undefined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DoraLevels {
    /// Deployment frequency.
    pub deployment_frequency: Option<Level>,
    /// Median lead time.
    pub lead_time: Option<Level>,
    /// Median change lead time (with the commits).
    pub change_lead_time: Option<Level>,
    /// Change failure rate.
    pub change_failure_rate: Option<Level>,
    /// Median time to restore.
    pub time_to_restore: Option<Level>,
}

const HOUR: f64 = 3600.0;
const DAY: f64 = 24.0 * HOUR;

/// The level of a deployment frequency (deployments per day).
pub fn deployment_frequency_level(per_day: f64) -> Level {
    if per_day > 1.0 {
        Level::Elite
    } else if per_day >= 1.0 / 7.0 {
        Level::High
    } else if per_day >= 1.0 / 30.0 {
        Level::Medium
    } else {
        Level::Low
    }
}

/// The level of a median lead time.
pub fn lead_time_level(median: Duration) -> Level {
    let s = median.as_secs_f64();
    if s < DAY {
        Level::Elite
    } else if s < 7.0 * DAY {
        Level::High
    } else if s < 30.0 * DAY {
        Level::Medium
    } else {
        Level::Low
    }
}

/// The level of a change failure rate (percent): the nearest typical rate.
pub fn change_failure_rate_level(percent: f64) -> Level {
    if percent <= 7.5 {
        Level::Elite
    } else if percent <= 15.0 {
        Level::Medium
    } else if percent <= 30.0 {
        Level::High
    } else {
        Level::Low
    }
}

/// The level of a median time to restore.
pub fn time_to_restore_level(median: Duration) -> Level {
    let s = median.as_secs_f64();
    if s < HOUR {
        Level::Elite
    } else if s < DAY {
        Level::High
    } else {
        Level::Low
    }
}

/// The levels of the key metrics of `d`.
pub fn levels(d: &Delivery) -> DoraLevels {
    DoraLevels {
        deployment_frequency: d
            .deployment_frequency_per_day
            .map(deployment_frequency_level),
        lead_time: d.lead_time.median.map(lead_time_level),
        change_lead_time: d
            .changes
            .as_ref()
            .and_then(|c| c.lead_time.median)
            .map(lead_time_level),
        change_failure_rate: d.change_failure_rate_percent.map(change_failure_rate_level),
        time_to_restore: d.time_to_restore.median.map(time_to_restore_level),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_fall_as_the_placement_says() {
        use Level::*;
        assert_eq!(deployment_frequency_level(1.01), Elite);
        assert_eq!(deployment_frequency_level(1.0), High);
        assert_eq!(deployment_frequency_level(1.0 / 7.0), High);
        assert_eq!(deployment_frequency_level(0.1), Medium);
        assert_eq!(deployment_frequency_level(1.0 / 30.0), Medium);
        assert_eq!(deployment_frequency_level(0.03), Low);
        let h = |n: u64| Duration::from_secs(n * 3600);
        assert_eq!(lead_time_level(h(23)), Elite);
        assert_eq!(lead_time_level(h(24)), High);
        assert_eq!(lead_time_level(h(7 * 24)), Medium);
        assert_eq!(lead_time_level(h(30 * 24)), Low);
        assert_eq!(change_failure_rate_level(7.5), Elite);
        assert_eq!(change_failure_rate_level(12.0), Medium);
        assert_eq!(change_failure_rate_level(20.0), High);
        assert_eq!(change_failure_rate_level(30.1), Low);
        assert_eq!(time_to_restore_level(Duration::from_secs(3599)), Elite);
        assert_eq!(time_to_restore_level(h(1)), High);
        assert_eq!(time_to_restore_level(h(24)), Low);
    }
}
