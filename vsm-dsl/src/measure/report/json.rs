//! The JSON report, for tools: durations in minutes, percentages 0–100, numbers rounded to four
//! decimals, `null` where a figure is undefined.

use serde::Serialize;
use std::time::Duration;

use crate::measure::{ActionFigures, Level, Measurement};

/// The JSON report of a measurement: exactly these keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureJson {
    /// Length of the window in days.
    pub window_days: Option<f64>,
    /// Deployments: Succeeded executions that are not rollbacks.
    pub deployments: usize,
    /// Deployments per day over the window.
    pub deployment_frequency_per_day: Option<f64>,
    /// Median lead time of the deployments.
    pub lead_time_median_minutes: Option<f64>,
    /// 85th percentile of the lead time of the deployments.
    pub lead_time_p85_minutes: Option<f64>,
    /// 95th percentile of the lead time of the deployments.
    pub lead_time_p95_minutes: Option<f64>,
    /// Commits the deployments shipped; `null` without the commits (`--git`).
    pub changes: Option<usize>,
    /// Median change lead time of those commits.
    pub change_lead_time_median_minutes: Option<f64>,
    /// 85th percentile of the change lead time.
    pub change_lead_time_p85_minutes: Option<f64>,
    /// 95th percentile of the change lead time.
    pub change_lead_time_p95_minutes: Option<f64>,
    /// Deployments followed by a rollback before the next deployment.
    pub change_failures: usize,
    /// Change failures / deployments.
    pub change_failure_rate_percent: Option<f64>,
    /// Deployments that are unplanned work after an incident in production.
    pub rework_deployments: usize,
    /// Rework deployments / deployments.
    pub deployment_rework_rate_percent: Option<f64>,
    /// Median time to restore of the change failures.
    pub time_to_restore_median_minutes: Option<f64>,
    /// 85th percentile of the time to restore.
    pub time_to_restore_p85_minutes: Option<f64>,
    /// 95th percentile of the time to restore.
    pub time_to_restore_p95_minutes: Option<f64>,
    /// Failed / (Succeeded + Failed) executions.
    pub pipeline_failure_rate_percent: Option<f64>,
    /// Median time to green of the runs of Failed executions.
    pub time_to_green_median_minutes: Option<f64>,
    /// 85th percentile of the time to green.
    pub time_to_green_p85_minutes: Option<f64>,
    /// 95th percentile of the time to green.
    pub time_to_green_p95_minutes: Option<f64>,
    /// The key metrics placed in the DORA 2024 performance levels.
    pub dora_levels: DoraJson,
    /// Figures of every action, in flow order.
    pub actions: Vec<ActionJson>,
}

/// The DORA 2024 level of each key metric: `Elite`, `High`, `Medium`, `Low`, or `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoraJson {
    /// Deployment frequency.
    pub deployment_frequency: Option<&'static str>,
    /// Median lead time.
    pub lead_time: Option<&'static str>,
    /// Median change lead time; `null` without the commits.
    pub change_lead_time: Option<&'static str>,
    /// Change failure rate.
    pub change_failure_rate: Option<&'static str>,
    /// Median time to restore.
    pub time_to_restore: Option<&'static str>,
}

/// Figures of one action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionJson {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// Action executions: every attempt, any status.
    pub executions: usize,
    /// Median process time of its Succeeded executions; `null` for approvals.
    pub process_median_minutes: Option<f64>,
    /// 85th percentile of that process time.
    pub process_p85_minutes: Option<f64>,
    /// Median wait time.
    pub wait_median_minutes: Option<f64>,
    /// Percent of pipeline executions where it succeeded without a Failed attempt.
    pub first_pass_yield_percent: Option<f64>,
}

/// Rounded to four decimals.
pub(crate) fn round(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

fn minutes(d: Option<Duration>) -> Option<f64> {
    d.map(|d| round(d.as_secs_f64() / 60.0))
}

fn level(l: Option<Level>) -> Option<&'static str> {
    l.map(Level::as_str)
}

impl ActionJson {
    fn new(a: &ActionFigures) -> Self {
        Self {
            stage: a.stage.clone(),
            action: a.action.clone(),
            executions: a.executions,
            process_median_minutes: minutes(a.process.median),
            process_p85_minutes: minutes(a.process.p85),
            wait_median_minutes: minutes(a.wait.median),
            first_pass_yield_percent: a.first_pass_yield_percent.map(round),
        }
    }
}

impl MeasureJson {
    /// The JSON report of `m`.
    pub fn new(m: &Measurement) -> Self {
        let d = &m.delivery;
        let change = d.changes.as_ref().map(|c| c.lead_time).unwrap_or_default();
        Self {
            window_days: m.window.map(|w| round(w.days())),
            deployments: d.deployments,
            deployment_frequency_per_day: d.deployment_frequency_per_day.map(round),
            lead_time_median_minutes: minutes(d.lead_time.median),
            lead_time_p85_minutes: minutes(d.lead_time.p85),
            lead_time_p95_minutes: minutes(d.lead_time.p95),
            changes: d.changes.as_ref().map(|c| c.commits),
            change_lead_time_median_minutes: minutes(change.median),
            change_lead_time_p85_minutes: minutes(change.p85),
            change_lead_time_p95_minutes: minutes(change.p95),
            change_failures: d.change_failures,
            change_failure_rate_percent: d.change_failure_rate_percent.map(round),
            rework_deployments: d.rework_deployments,
            deployment_rework_rate_percent: d.deployment_rework_rate_percent.map(round),
            time_to_restore_median_minutes: minutes(d.time_to_restore.median),
            time_to_restore_p85_minutes: minutes(d.time_to_restore.p85),
            time_to_restore_p95_minutes: minutes(d.time_to_restore.p95),
            pipeline_failure_rate_percent: d.pipeline_failure_rate_percent.map(round),
            time_to_green_median_minutes: minutes(d.time_to_green.median),
            time_to_green_p85_minutes: minutes(d.time_to_green.p85),
            time_to_green_p95_minutes: minutes(d.time_to_green.p95),
            dora_levels: DoraJson {
                deployment_frequency: level(m.dora.deployment_frequency),
                lead_time: level(m.dora.lead_time),
                change_lead_time: level(m.dora.change_lead_time),
                change_failure_rate: level(m.dora.change_failure_rate),
                time_to_restore: level(m.dora.time_to_restore),
            },
            actions: m.actions.iter().map(ActionJson::new).collect(),
        }
    }

    /// Pretty-printed JSON text, ending in a newline.
    pub fn to_string_pretty(&self) -> String {
        // Plain structs with string keys: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}
