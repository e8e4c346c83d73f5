//! JSON reports for tools. Durations are in minutes (fractions for seconds), percentages 0–100
//! rounded to four decimals, and a figure that is undefined or not given is `null`.

use serde::Serialize;

use super::compare::{minutes, Comparison, MetricChange, MetricKind, StepChange};
use super::coverage::Missing;
use super::metrics::{StageMetrics, StepMetrics, StepRef, StreamMetrics};

/// The JSON report of one stream.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamJson {
    /// Stream name.
    pub name: String,
    /// Lead time along the critical path.
    pub lead_time_minutes: f64,
    /// True when some step lacks process or wait time (counted as zero).
    pub lead_time_is_lower_bound: bool,
    /// Process time along the critical path.
    pub process_time_minutes: f64,
    /// Wait time along the critical path.
    pub wait_time_minutes: f64,
    /// Process time of every step, parallel ones included.
    pub effort_minutes: f64,
    /// Process time / lead time; `null` when lead time is zero.
    pub flow_efficiency_percent: Option<f64>,
    /// Product of every step's %C&A; `null` when no step gives one.
    pub rolled_complete_accurate_percent: Option<f64>,
    /// True when some step lacks %C&A (left out of the product).
    pub rolled_complete_accurate_is_upper_bound: bool,
    /// The critical path, one step per parallel group.
    pub critical_path: Vec<StepRef>,
    /// The critical-path step whose wait, removed, shortens lead time most; `null` when none.
    pub constraint: Option<ConstraintJson>,
    /// Steps off the critical path, whose improvement would not shorten lead time.
    pub off_critical_path: Vec<SlackJson>,
    /// Steps lacking some annotation.
    pub unmeasured: Vec<UnmeasuredJson>,
    /// How many steps are annotated.
    pub coverage: CoverageJson,
    /// Per-stage figures.
    pub stages: Vec<StageJson>,
}

/// The constraint in the JSON report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstraintJson {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// Its wait time.
    pub wait_minutes: f64,
    /// Its process time.
    pub process_minutes: f64,
    /// How much lead time drops when its wait goes to zero.
    pub lead_time_saving_minutes: f64,
}

/// A step off the critical path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlackJson {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// How much longer it could take before it set its group's lead time.
    pub slack_minutes: f64,
}

/// A step lacking annotations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmeasuredJson {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// `process_time`, `wait_time`, `complete_accurate`.
    pub missing: Vec<Missing>,
}

/// Annotation coverage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoverageJson {
    /// Steps in the stream.
    pub steps: usize,
    /// Steps with both process and wait time.
    pub timed_steps: usize,
    /// Share of timed steps; `null` without steps.
    pub timed_percent: Option<f64>,
    /// Steps with a %C&A.
    pub complete_accurate_steps: usize,
    /// Share of steps with a %C&A; `null` without steps.
    pub complete_accurate_percent: Option<f64>,
}

/// Figures of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageJson {
    /// Stage name.
    pub name: String,
    /// Sum of its groups' lead times.
    pub lead_time_minutes: f64,
    /// Process time along its critical path.
    pub process_time_minutes: f64,
    /// Wait time along its critical path.
    pub wait_time_minutes: f64,
    /// Process time of all its steps.
    pub effort_minutes: f64,
    /// Process / lead time of the stage; `null` when its lead time is zero.
    pub flow_efficiency_percent: Option<f64>,
    /// Product of its steps' %C&A; `null` when none gives one.
    pub rolled_complete_accurate_percent: Option<f64>,
    /// Its steps in run order.
    pub actions: Vec<ActionJson>,
    /// What a failure of the stage loops back as rework: `ROLLBACK` or `RETRY`; absent when
    /// a failure stops the execution.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rework_on_failure: Option<&'static str>,
}

/// Figures of one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionJson {
    /// Action name.
    pub name: String,
    /// Run order; equal run orders run in parallel.
    pub run_order: u32,
    /// Wait time; `null` when not given.
    pub wait_minutes: Option<f64>,
    /// Process time; `null` when not given.
    pub process_minutes: Option<f64>,
    /// Wait + process, a missing part counted as zero.
    pub lead_time_minutes: f64,
    /// %C&A; `null` when not given.
    pub complete_accurate_percent: Option<f64>,
    /// On the critical path.
    pub critical: bool,
    /// Group lead time minus this step's.
    pub slack_minutes: f64,
    /// For a gate (a stage condition every change passes through), its place:
    /// `before_entry` or `on_success`; absent for an action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate: Option<&'static str>,
    /// True when the wait is modelled from a deployment window, not annotated; absent when not.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub wait_modelled: bool,
    /// Where it runs when the stream says (`account 222222222222, us-east-1`); absent for the
    /// pipeline's account and Region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runs_in: Option<String>,
    /// When template conditions decide whether it is in the pipeline (`when IsProd`);
    /// absent when it always is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub present: Option<String>,
}

impl ActionJson {
    fn new(s: &StepMetrics) -> Self {
        Self {
            name: s.step.action.clone(),
            run_order: s.run_order,
            wait_minutes: s.wait_time.map(minutes),
            process_minutes: s.process_time.map(minutes),
            lead_time_minutes: minutes(s.lead_time),
            complete_accurate_percent: pct(s.complete_accurate),
            critical: s.critical,
            slack_minutes: minutes(s.slack),
            gate: s.gate.map(|p| p.key()),
            wait_modelled: s.wait_modelled,
            runs_in: s.runs_in.clone(),
            present: s.present.clone(),
        }
    }
}

impl StageJson {
    fn new(s: &StageMetrics) -> Self {
        Self {
            name: s.name.clone(),
            lead_time_minutes: minutes(s.lead_time),
            process_time_minutes: minutes(s.process_time),
            wait_time_minutes: minutes(s.wait_time),
            effort_minutes: minutes(s.effort),
            flow_efficiency_percent: pct(s.flow_efficiency()),
            rolled_complete_accurate_percent: pct(s.rolled_complete_accurate),
            actions: s.steps().map(ActionJson::new).collect(),
            rework_on_failure: s.rework.map(|r| r.as_str()),
        }
    }
}

/// A percentage rounded to four decimals, so that reports read `61.56`, not `61.559999999999995`.
fn pct(p: Option<f64>) -> Option<f64> {
    p.map(|p| (p * 10_000.0).round() / 10_000.0)
}

fn to_pretty<T: Serialize>(value: &T) -> String {
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

impl StreamJson {
    /// The JSON report of `m`.
    pub fn new(m: &StreamMetrics) -> Self {
        Self {
            name: m.name.clone(),
            lead_time_minutes: minutes(m.lead_time),
            lead_time_is_lower_bound: m.lead_time_is_lower_bound(),
            process_time_minutes: minutes(m.process_time),
            wait_time_minutes: minutes(m.wait_time),
            effort_minutes: minutes(m.effort),
            flow_efficiency_percent: pct(m.flow_efficiency),
            rolled_complete_accurate_percent: pct(m.rolled_complete_accurate),
            rolled_complete_accurate_is_upper_bound: m.rolled_complete_accurate_is_upper_bound(),
            critical_path: m.critical_path.clone(),
            constraint: m.constraint.as_ref().map(|c| ConstraintJson {
                stage: c.step.stage.clone(),
                action: c.step.action.clone(),
                wait_minutes: minutes(c.wait_time),
                process_minutes: minutes(c.process_time),
                lead_time_saving_minutes: minutes(c.lead_time_saving),
            }),
            off_critical_path: m
                .off_critical_path()
                .map(|s| SlackJson {
                    stage: s.step.stage.clone(),
                    action: s.step.action.clone(),
                    slack_minutes: minutes(s.slack),
                })
                .collect(),
            unmeasured: m
                .unmeasured
                .iter()
                .map(|u| UnmeasuredJson {
                    stage: u.step.stage.clone(),
                    action: u.step.action.clone(),
                    missing: u.missing.clone(),
                })
                .collect(),
            coverage: CoverageJson {
                steps: m.coverage.steps,
                timed_steps: m.coverage.timed,
                timed_percent: pct(m.coverage.timed_percent()),
                complete_accurate_steps: m.coverage.complete_accurate,
                complete_accurate_percent: pct(m.coverage.complete_accurate_percent()),
            },
            stages: m.stages.iter().map(StageJson::new).collect(),
        }
    }

    /// Pretty-printed JSON text.
    pub fn to_string_pretty(&self) -> String {
        to_pretty(self)
    }
}

/// The JSON report of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonJson {
    /// The current state's report.
    pub current: StreamJson,
    /// The future state's report.
    pub future: StreamJson,
    /// Stream-wide figures side by side.
    pub metrics: Vec<ChangeJson>,
    /// Per-stage lead times side by side.
    pub stages: Vec<ChangeJson>,
    /// Steps only in the future state.
    pub added: Vec<StepRef>,
    /// Steps only in the current state.
    pub removed: Vec<StepRef>,
    /// Steps in both states that differ.
    pub changed: Vec<ChangedStepJson>,
}

/// One figure before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeJson {
    /// Figure name with its unit (`lead_time_minutes`), or the stage name for stage rows.
    pub name: String,
    /// Current value; `null` when undefined or absent.
    pub current: Option<f64>,
    /// Future value; `null` when undefined or absent.
    pub future: Option<f64>,
    /// Future minus current (percentage points for percentages).
    pub absolute: Option<f64>,
    /// Change relative to the current value, in percent; `null` when current is zero.
    pub relative_percent: Option<f64>,
}

/// A step in both states that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedStepJson {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// What differs.
    pub changes: Vec<FieldChangeJson>,
}

/// One difference of a step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChangeJson {
    /// What differs: `run order`, `process time`, `wait time`, `%C&A`, `action type`,
    /// `configuration`.
    pub field: String,
    /// Before, as text.
    pub current: String,
    /// After, as text.
    pub future: String,
}

fn change(name: String, m: &MetricChange) -> ChangeJson {
    ChangeJson {
        name,
        current: pct(m.current),
        future: pct(m.future),
        absolute: pct(m.absolute()),
        relative_percent: pct(m.relative_percent()),
    }
}

impl ComparisonJson {
    /// The JSON report of `c`.
    pub fn new(c: &Comparison) -> Self {
        let unit = |m: &MetricChange| match m.kind {
            MetricKind::Duration => format!("{}_minutes", m.key),
            MetricKind::Percent => format!("{}_percent", m.key),
            MetricKind::Count => m.key.clone(),
        };
        let mut added = Vec::new();
        let mut removed = Vec::new();
        let mut changed = Vec::new();
        for d in &c.steps {
            match &d.change {
                StepChange::Added => added.push(d.step.clone()),
                StepChange::Removed => removed.push(d.step.clone()),
                StepChange::Changed(fields) => changed.push(ChangedStepJson {
                    stage: d.step.stage.clone(),
                    action: d.step.action.clone(),
                    changes: fields
                        .iter()
                        .map(|(field, current, future)| FieldChangeJson {
                            field: field.clone(),
                            current: current.clone(),
                            future: future.clone(),
                        })
                        .collect(),
                }),
            }
        }
        Self {
            current: StreamJson::new(&c.current),
            future: StreamJson::new(&c.future),
            metrics: c.metrics.iter().map(|m| change(unit(m), m)).collect(),
            stages: c
                .stages
                .iter()
                .map(|s| change(s.name.clone(), &s.lead_time))
                .collect(),
            added,
            removed,
            changed,
        }
    }

    /// Pretty-printed JSON text.
    pub fn to_string_pretty(&self) -> String {
        to_pretty(self)
    }
}
