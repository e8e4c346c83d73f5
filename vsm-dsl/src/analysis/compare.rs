//! Current state versus future state: the same figures for two streams, their differences, and
//! the steps added, removed or changed.

use std::collections::HashMap;
use std::time::Duration;

use super::metrics::{analyze, StepRef, StreamMetrics};
use crate::model::{duration, Action, Stream};

/// What a figure measures, which decides its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// A duration, held in minutes.
    Duration,
    /// A percentage (0–100); its absolute change is in percentage points.
    Percent,
    /// A count of steps.
    Count,
}

/// One figure, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricChange {
    /// Machine name, such as `lead_time` (JSON keys add the unit: `lead_time_minutes`).
    pub key: String,
    /// Name a person reads, such as `Lead time`.
    pub label: String,
    /// Unit of the values.
    pub kind: MetricKind,
    /// Value in the current state (minutes for durations); `None` when undefined or absent.
    pub current: Option<f64>,
    /// Value in the future state; `None` when undefined or absent.
    pub future: Option<f64>,
}

impl MetricChange {
    fn new(
        key: &str,
        label: &str,
        kind: MetricKind,
        current: Option<f64>,
        future: Option<f64>,
    ) -> Self {
        Self {
            key: key.to_owned(),
            label: label.to_owned(),
            kind,
            current,
            future,
        }
    }

    fn duration(
        key: &str,
        label: &str,
        current: Option<Duration>,
        future: Option<Duration>,
    ) -> Self {
        Self::new(
            key,
            label,
            MetricKind::Duration,
            current.map(minutes),
            future.map(minutes),
        )
    }

    /// Future minus current, in the figure's unit (percentage points for percentages); `None`
    /// when either side is undefined.
    pub fn absolute(&self) -> Option<f64> {
        Some(self.future? - self.current?)
    }

    /// Change relative to the current value, as a percentage; `None` when either side is
    /// undefined or the current value is zero.
    pub fn relative_percent(&self) -> Option<f64> {
        let current = self.current?;
        if current == 0.0 {
            return None;
        }
        Some((self.future? - current) / current * 100.0)
    }
}

/// Lead time and process time of one stage, before and after (matched by stage name).
#[derive(Debug, Clone, PartialEq)]
pub struct StageChange {
    /// Stage name.
    pub name: String,
    /// Lead time of the stage; a side is `None` when the stage is absent there.
    pub lead_time: MetricChange,
    /// Critical-path process time of the stage.
    pub process_time: MetricChange,
}

/// How a step differs between the two states.
#[derive(Debug, Clone, PartialEq)]
pub enum StepChange {
    /// Only in the future state.
    Added,
    /// Only in the current state.
    Removed,
    /// In both, with these differences: `(what, current, future)` as text a person reads.
    Changed(Vec<(String, String, String)>),
}

/// A step that was added, removed or changed (matched by stage name and action name).
#[derive(Debug, Clone, PartialEq)]
pub struct StepDiff {
    /// The step.
    pub step: StepRef,
    /// What happened to it.
    pub change: StepChange,
}

/// Two states of a stream compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Figures of the current state.
    pub current: StreamMetrics,
    /// Figures of the future state.
    pub future: StreamMetrics,
    /// Stream-wide figures side by side: lead time, process time, wait time, effort, flow
    /// efficiency, rolled %C&A, steps, critical-path steps and coverage.
    pub metrics: Vec<MetricChange>,
    /// Per-stage lead and process times, current stages first then stages only in the future.
    pub stages: Vec<StageChange>,
    /// Steps removed or changed (in current order), then steps added (in future order).
    pub steps: Vec<StepDiff>,
}

impl Comparison {
    /// The stream-wide figure with this key, such as `lead_time`.
    pub fn metric(&self, key: &str) -> Option<&MetricChange> {
        self.metrics.iter().find(|m| m.key == key)
    }
}

pub(crate) fn minutes(d: Duration) -> f64 {
    d.as_secs_f64() / 60.0
}

fn count(n: usize) -> Option<f64> {
    Some(n as f64)
}

/// Compares a current state with a future state of a stream.
pub fn compare(current: &Stream, future: &Stream) -> Comparison {
    let (c, f) = (analyze(current), analyze(future));
    Comparison {
        metrics: metric_changes(&c, &f),
        stages: stage_changes(&c, &f),
        steps: diff_steps(current, future),
        current: c,
        future: f,
    }
}

/// The headline figures of both states.
fn metric_changes(c: &StreamMetrics, f: &StreamMetrics) -> Vec<MetricChange> {
    vec![
        MetricChange::duration(
            "lead_time",
            "Lead time",
            Some(c.lead_time),
            Some(f.lead_time),
        ),
        MetricChange::duration(
            "process_time",
            "Process time",
            Some(c.process_time),
            Some(f.process_time),
        ),
        MetricChange::duration(
            "wait_time",
            "Wait time",
            Some(c.wait_time),
            Some(f.wait_time),
        ),
        MetricChange::duration("effort", "Total effort", Some(c.effort), Some(f.effort)),
        MetricChange::new(
            "flow_efficiency",
            "Flow efficiency",
            MetricKind::Percent,
            c.flow_efficiency,
            f.flow_efficiency,
        ),
        MetricChange::new(
            "rolled_complete_accurate",
            "Rolled %C&A",
            MetricKind::Percent,
            c.rolled_complete_accurate,
            f.rolled_complete_accurate,
        ),
        MetricChange::new(
            "steps",
            "Steps",
            MetricKind::Count,
            count(c.coverage.steps),
            count(f.coverage.steps),
        ),
        MetricChange::new(
            "critical_path_steps",
            "Critical-path steps",
            MetricKind::Count,
            count(c.critical_path.len()),
            count(f.critical_path.len()),
        ),
        MetricChange::new(
            "timed_coverage",
            "Timed coverage",
            MetricKind::Percent,
            c.coverage.timed_percent(),
            f.coverage.timed_percent(),
        ),
    ]
}

/// Each stage of either state, in the current state's order then the future's new ones.
fn stage_changes(c: &StreamMetrics, f: &StreamMetrics) -> Vec<StageChange> {
    let mut stages: Vec<StageChange> = Vec::new();
    let mut names: Vec<&str> = c.stages.iter().map(|s| s.name.as_str()).collect();
    for s in &f.stages {
        if !names.contains(&s.name.as_str()) {
            names.push(&s.name);
        }
    }
    for name in names {
        let (cs, fs) = (c.stage(name), f.stage(name));
        stages.push(StageChange {
            name: name.to_owned(),
            lead_time: MetricChange::duration(
                "lead_time",
                "Lead time",
                cs.map(|s| s.lead_time),
                fs.map(|s| s.lead_time),
            ),
            process_time: MetricChange::duration(
                "process_time",
                "Process time",
                cs.map(|s| s.process_time),
                fs.map(|s| s.process_time),
            ),
        });
    }
    stages
}

/// Key of a step: stage, action and how many same-named steps came before it (so that a stream
/// with duplicate names still compares one to one).
type Key<'a> = (&'a str, &'a str, usize);

fn keyed(stream: &Stream) -> Vec<(Key<'_>, &Action)> {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    stream
        .actions()
        .map(|(stage, action)| {
            let n = seen
                .entry((stage.name.as_str(), action.name.as_str()))
                .or_insert(0);
            let key = (stage.name.as_str(), action.name.as_str(), *n);
            *n += 1;
            (key, action)
        })
        .collect()
}

fn diff_steps(current: &Stream, future: &Stream) -> Vec<StepDiff> {
    let before = keyed(current);
    let after = keyed(future);
    let after_map: HashMap<Key<'_>, &Action> = after.iter().copied().collect();
    let before_map: HashMap<Key<'_>, &Action> = before.iter().copied().collect();
    let mut out = Vec::new();
    for (key, old) in &before {
        let step = StepRef::new(key.0, key.1);
        match after_map.get(key) {
            None => out.push(StepDiff {
                step,
                change: StepChange::Removed,
            }),
            Some(new) => {
                let fields = changed_fields(old, new);
                if !fields.is_empty() {
                    out.push(StepDiff {
                        step,
                        change: StepChange::Changed(fields),
                    });
                }
            }
        }
    }
    for (key, _) in &after {
        if !before_map.contains_key(key) {
            out.push(StepDiff {
                step: StepRef::new(key.0, key.1),
                change: StepChange::Added,
            });
        }
    }
    out
}

fn opt_duration(d: Option<Duration>) -> String {
    d.map_or_else(|| "unmeasured".to_owned(), duration::format)
}

fn opt_percent(p: Option<f64>) -> String {
    p.map_or_else(|| "unmeasured".to_owned(), |p| format!("{p}%"))
}

fn action_type(a: &Action) -> String {
    let t = a.kind.action_type();
    format!("{} {}", t.category.as_str(), t.provider)
}

fn changed_fields(old: &Action, new: &Action) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut push = |what: &str, a: String, b: String| {
        if a != b {
            out.push((what.to_owned(), a, b));
        }
    };
    let (old_type, new_type) = (action_type(old), action_type(new));
    let same_type = old_type == new_type;
    push("action type", old_type, new_type);
    if same_type && old.kind != new.kind {
        push(
            "configuration",
            "as before".to_owned(),
            "changed".to_owned(),
        );
    }
    push(
        "run order",
        old.run_order.to_string(),
        new.run_order.to_string(),
    );
    let (a, b) = (&old.annotations, &new.annotations);
    push(
        "process time",
        opt_duration(a.process_time),
        opt_duration(b.process_time),
    );
    push(
        "wait time",
        opt_duration(a.wait_time),
        opt_duration(b.wait_time),
    );
    push(
        "%C&A",
        opt_percent(a.complete_accurate),
        opt_percent(b.complete_accurate),
    );
    out
}
