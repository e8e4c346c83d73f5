//! The JSON report, for tools: durations in minutes, percentages 0–100, numbers rounded to four
//! decimals, `null` where a figure is undefined.

use serde::Serialize;
use std::time::Duration;

use crate::measure::{ActionFigures, GateFigures, Level, Measurement, StageFigures};

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
    /// Failed executions a rollback undid, restoring the deployment before them.
    pub failed_deployments: usize,
    /// Deployments followed by a rollback before the next deployment, and failed
    /// deployments.
    pub change_failures: usize,
    /// Change failures / (deployments + failed deployments).
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
    /// Retries, rollbacks and first-pass yield of every stage, in flow order.
    pub stages: Vec<StageJson>,
    /// Figures of every gate (a stage condition before entry or on success), in flow order.
    pub gates: Vec<GateJson>,
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

/// Retries, rollbacks and first-pass yield of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageJson {
    /// Stage name.
    pub stage: String,
    /// Pipeline executions (not rollbacks) in which an action of the stage ran.
    pub executions: usize,
    /// Of those, the ones in which an action of the stage ran more than once.
    pub retried: usize,
    /// Attempts beyond the first, summed over those executions.
    pub retries: usize,
    /// Rollback executions that ran the stage.
    pub rollbacks: usize,
    /// Of those, the ones CodePipeline started itself (AutomatedRollback).
    pub automated_rollbacks: usize,
    /// Pipeline executions whose pass through the stage a rollback undid.
    pub rolled_back: usize,
    /// Percent of the executions in which the stage finished whose pass needed no rework.
    pub first_pass_yield_percent: Option<f64>,
}

/// Figures of one gate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateJson {
    /// Stage name.
    pub stage: String,
    /// Its place: `before_entry` or `on_success`.
    pub gate: &'static str,
    /// Its rules, by name.
    pub rules: Vec<String>,
    /// Rule executions of its rules: every evaluation, any status.
    pub executions: usize,
    /// Pipeline executions in which it passed.
    pub passed: usize,
    /// Pipeline executions in which it failed and did not pass.
    pub failed: usize,
    /// Median process time (the check) where it passed.
    pub process_median_minutes: Option<f64>,
    /// 85th percentile of that process time.
    pub process_p85_minutes: Option<f64>,
    /// Median wait time, deployment windows' hold included.
    pub wait_median_minutes: Option<f64>,
    /// Percent of the executions in which it passed or failed where it passed at the first
    /// evaluation of each rule.
    pub first_pass_yield_percent: Option<f64>,
}

impl StageJson {
    fn new(s: &StageFigures) -> Self {
        Self {
            stage: s.stage.clone(),
            executions: s.executions,
            retried: s.retried,
            retries: s.retries,
            rollbacks: s.rollbacks,
            automated_rollbacks: s.automated_rollbacks,
            rolled_back: s.rolled_back,
            first_pass_yield_percent: s.first_pass_yield_percent.map(round),
        }
    }
}

impl GateJson {
    fn new(g: &GateFigures) -> Self {
        Self {
            stage: g.stage.clone(),
            gate: g.place.key(),
            rules: g.rules.clone(),
            executions: g.executions,
            passed: g.passed,
            failed: g.failed,
            process_median_minutes: minutes(g.process.median),
            process_p85_minutes: minutes(g.process.p85),
            wait_median_minutes: minutes(g.wait.median),
            first_pass_yield_percent: g.first_pass_yield_percent.map(round),
        }
    }
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
            failed_deployments: d.failed_deployments,
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
            stages: m.stages.iter().map(StageJson::new).collect(),
            gates: m.gates.iter().map(GateJson::new).collect(),
        }
    }

    /// Pretty-printed JSON text, ending in a newline.
    pub fn to_string_pretty(&self) -> String {
        // Plain structs with string keys: serializing cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}
