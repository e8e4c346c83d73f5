//! Figure labels shared by the pictures.

use crate::analysis::{StageMetrics, StepMetrics, StreamMetrics};
use crate::model::duration::Human;
use crate::model::ConditionResult;

fn opt(d: Option<std::time::Duration>) -> String {
    d.map_or_else(|| "?".to_owned(), |d| Human(d).to_string())
}

/// `WT 10m`, or `WT ?` when not given; `WT 15h (window)` when modelled from a deployment window.
pub(crate) fn wait(step: &StepMetrics) -> String {
    let modelled = if step.wait_modelled { " (window)" } else { "" };
    format!("WT {}{modelled}", opt(step.wait_time))
}

/// `PT 20m`, or `PT ?` when not given.
pub(crate) fn process(step: &StepMetrics) -> String {
    format!("PT {}", opt(step.process_time))
}

/// `%C&A 90%`, or `%C&A ?` when not given.
pub(crate) fn complete_accurate(step: &StepMetrics) -> String {
    match step.complete_accurate {
        Some(c) => format!("%C&A {}", number(c)),
        None => "%C&A ?".to_owned(),
    }
}

/// A percentage without a needless decimal: `90%`, `97.5%`.
pub(crate) fn number(p: f64) -> String {
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p)
    } else {
        format!("{p:.1}%")
    }
}

/// `≥ 1d 4h` when some step lacks a time, else `1d 4h`.
pub(crate) fn lead_time(m: &StreamMetrics) -> String {
    if m.lead_time_is_lower_bound() {
        format!("≥ {}", Human(m.lead_time))
    } else {
        Human(m.lead_time).to_string()
    }
}

/// `4.7%`, or `n/a` when undefined.
pub(crate) fn flow_efficiency(m: &StreamMetrics) -> String {
    m.flow_efficiency
        .map_or_else(|| "n/a (lead time 0)".to_owned(), |f| format!("{f:.1}%"))
}

/// `61.6%` (`≤ 61.6%` when some step lacks %C&A), or `n/a`.
pub(crate) fn rolled(m: &StreamMetrics) -> String {
    match m.rolled_complete_accurate {
        Some(r) if m.rolled_complete_accurate_is_upper_bound() => format!("≤ {r:.1}%"),
        Some(r) => format!("{r:.1}%"),
        None => "n/a".to_owned(),
    }
}

/// `7 of 8 steps timed`.
pub(crate) fn coverage(m: &StreamMetrics) -> String {
    let c = &m.coverage;
    let steps = if c.steps == 1 {
        "1 step".to_owned()
    } else {
        format!("{} steps", c.steps)
    };
    format!("{} of {steps} timed", c.timed)
}

/// `lead time 6d 16h<sep>process time 10h 38m<sep>flow efficiency …<sep>rolled %C&A …<sep>19 of 19 steps timed`.
pub(crate) fn summary(m: &StreamMetrics, sep: &str) -> String {
    [
        format!("lead time {}", lead_time(m)),
        format!("process time {}", Human(m.process_time)),
        format!("flow efficiency {}", flow_efficiency(m)),
        format!("rolled %C&A {}", rolled(m)),
        coverage(m),
    ]
    .join(sep)
}

/// The colour of rework loops: apart from the critical path's red, and WCAG AA on white.
pub(crate) const REWORK: &str = "#5b4a8a";

/// Where a stage's rework loop returns to, and its label.
pub(crate) struct Rework {
    /// The group it returns to: the first after the stage's before-entry gate (a retry or a
    /// rollback runs the stage's actions again, not the gate).
    pub group: usize,
    /// That group's first step, counted over the stage's steps.
    pub step: usize,
    /// `on failure: retry` or `on failure: rollback`.
    pub label: &'static str,
}

/// The rework loop of a stage that retries or rolls back on failure; `None` when a failure
/// just stops the execution.
pub(crate) fn rework(stage: &StageMetrics) -> Option<Rework> {
    let label = match stage.rework? {
        ConditionResult::Retry => "on failure: retry",
        _ => "on failure: rollback",
    };
    let group = stage
        .groups
        .iter()
        .take_while(|g| g.steps.iter().all(|s| s.gate.is_some()))
        .count();
    let step = stage.groups[..group].iter().map(|g| g.steps.len()).sum();
    Some(Rework { group, step, label })
}
