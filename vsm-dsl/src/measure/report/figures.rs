//! The single figures of a report, by JSON key: what trends, CSV rows and before-and-after
//! comparisons list.

use super::json::MeasureJson;

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Minutes, written as a duration.
    Minutes,
    /// A percentage.
    Percent,
    /// Per day.
    PerDay,
    /// A count.
    Count,
}

/// One figure of the JSON report.
#[derive(Debug, Clone, Copy)]
pub struct Scalar {
    /// Its key in `--json`.
    pub key: &'static str,
    /// Its name in text.
    pub label: &'static str,
    /// Its unit.
    pub unit: Unit,
    /// True when less is better (times, failure rates); false when more is (frequency).
    pub lower_is_better: bool,
    /// Its value in a report.
    pub get: fn(&MeasureJson) -> Option<f64>,
}

const fn scalar(
    key: &'static str,
    label: &'static str,
    unit: Unit,
    lower_is_better: bool,
    get: fn(&MeasureJson) -> Option<f64>,
) -> Scalar {
    Scalar {
        key,
        label,
        unit,
        lower_is_better,
        get,
    }
}

fn count(n: usize) -> Option<f64> {
    Some(n as f64)
}

/// Every single figure of the JSON report, in its order (the DORA levels and actions aside).
pub const SCALARS: [Scalar; 22] = [
    scalar("window_days", "Window (days)", Unit::Count, false, |j| {
        j.window_days
    }),
    scalar("deployments", "Deployments", Unit::Count, false, |j| {
        count(j.deployments)
    }),
    scalar(
        "deployment_frequency_per_day",
        "Deployment frequency",
        Unit::PerDay,
        false,
        |j| j.deployment_frequency_per_day,
    ),
    scalar(
        "lead_time_median_minutes",
        "Lead time p50",
        Unit::Minutes,
        true,
        |j| j.lead_time_median_minutes,
    ),
    scalar(
        "lead_time_p85_minutes",
        "Lead time p85",
        Unit::Minutes,
        true,
        |j| j.lead_time_p85_minutes,
    ),
    scalar(
        "lead_time_p95_minutes",
        "Lead time p95",
        Unit::Minutes,
        true,
        |j| j.lead_time_p95_minutes,
    ),
    scalar("changes", "Commits", Unit::Count, false, |j| {
        j.changes.and_then(count)
    }),
    scalar(
        "change_lead_time_median_minutes",
        "Change lead time p50",
        Unit::Minutes,
        true,
        |j| j.change_lead_time_median_minutes,
    ),
    scalar(
        "change_lead_time_p85_minutes",
        "Change lead time p85",
        Unit::Minutes,
        true,
        |j| j.change_lead_time_p85_minutes,
    ),
    scalar(
        "change_lead_time_p95_minutes",
        "Change lead time p95",
        Unit::Minutes,
        true,
        |j| j.change_lead_time_p95_minutes,
    ),
    scalar(
        "failed_deployments",
        "Failed deployments",
        Unit::Count,
        true,
        |j| count(j.failed_deployments),
    ),
    scalar(
        "change_failures",
        "Change failures",
        Unit::Count,
        true,
        |j| count(j.change_failures),
    ),
    scalar(
        "change_failure_rate_percent",
        "Change failure rate",
        Unit::Percent,
        true,
        |j| j.change_failure_rate_percent,
    ),
    scalar(
        "rework_deployments",
        "Rework deployments",
        Unit::Count,
        true,
        |j| count(j.rework_deployments),
    ),
    scalar(
        "deployment_rework_rate_percent",
        "Deployment rework rate",
        Unit::Percent,
        true,
        |j| j.deployment_rework_rate_percent,
    ),
    scalar(
        "time_to_restore_median_minutes",
        "Time to restore p50",
        Unit::Minutes,
        true,
        |j| j.time_to_restore_median_minutes,
    ),
    scalar(
        "time_to_restore_p85_minutes",
        "Time to restore p85",
        Unit::Minutes,
        true,
        |j| j.time_to_restore_p85_minutes,
    ),
    scalar(
        "time_to_restore_p95_minutes",
        "Time to restore p95",
        Unit::Minutes,
        true,
        |j| j.time_to_restore_p95_minutes,
    ),
    scalar(
        "pipeline_failure_rate_percent",
        "Pipeline failure rate",
        Unit::Percent,
        true,
        |j| j.pipeline_failure_rate_percent,
    ),
    scalar(
        "time_to_green_median_minutes",
        "Time to green p50",
        Unit::Minutes,
        true,
        |j| j.time_to_green_median_minutes,
    ),
    scalar(
        "time_to_green_p85_minutes",
        "Time to green p85",
        Unit::Minutes,
        true,
        |j| j.time_to_green_p85_minutes,
    ),
    scalar(
        "time_to_green_p95_minutes",
        "Time to green p95",
        Unit::Minutes,
        true,
        |j| j.time_to_green_p95_minutes,
    ),
];

/// The figure of key `key`.
pub fn scalar_named(key: &str) -> Option<&'static Scalar> {
    SCALARS.iter().find(|s| s.key == key)
}

/// A value in its unit for text: `1h 5m`, `12.5%`, `3.20 per day`, `42`; `n/a` for none.
pub(crate) fn written(unit: Unit, value: Option<f64>) -> String {
    match (unit, value) {
        (_, None) => "n/a".to_owned(),
        (Unit::Minutes, Some(m)) => super::duration(Some(super::super::stats::micros(m * 60.0))),
        (Unit::Percent, Some(p)) => format!("{p:.1}%"),
        (Unit::PerDay, Some(f)) => format!("{f:.2}/day"),
        (Unit::Count, Some(n)) => format!("{n}"),
    }
}

/// `▁▂▃▄▅▆▇█` from the smallest value to the largest, a space where a value is missing.
pub fn sparkline(values: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let known = values.iter().flatten().copied();
    let (low, high) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    values
        .iter()
        .map(|v| match v {
            None => ' ',
            Some(_) if high <= low => BARS[3],
            Some(v) => BARS[(((v - low) / (high - low)) * 7.0).round() as usize],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_from_the_smallest_to_the_largest() {
        assert_eq!(sparkline(&[Some(0.0), Some(7.0), None, Some(3.5)]), "▁█ ▅");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
        assert_eq!(sparkline(&[None]), " ");
    }
}
