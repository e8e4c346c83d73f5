//! The constraint: the critical-path step whose wait, removed, shortens lead time most.

use std::time::Duration;

use super::metrics::{GroupMetrics, StepRef};

/// The biggest lever on lead time.
///
/// For each step on the critical path, the saving is how much the stream's lead time drops if
/// that step's wait went to zero and nothing else changed. In a parallel group the saving stops
/// where the next-longest member takes over: a step waiting 3h next to a sibling 1h shorter saves
/// only 1h. The constraint is the step with the largest saving (ties: the larger wait, then the
/// earlier step). Steps off the critical path never shorten lead time when improved, so they
/// are never the constraint.
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// The step.
    pub step: StepRef,
    /// Its wait time.
    pub wait_time: Duration,
    /// Its process time (zero when not given).
    pub process_time: Duration,
    /// How much the stream's lead time drops when this step's wait goes to zero.
    pub lead_time_saving: Duration,
}

/// How much a group's lead time drops when its critical member's wait goes to zero.
pub(crate) fn wait_saving(group: &GroupMetrics) -> Duration {
    let Some(critical) = group.critical_step() else {
        return Duration::ZERO;
    };
    let runner_up = group
        .steps
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != group.critical)
        .map(|(_, s)| s.lead_time)
        .max()
        .unwrap_or_default();
    let without_wait = critical.process_or_zero().max(runner_up);
    group.lead_time.saturating_sub(without_wait)
}

/// Finds the constraint among the critical members of `groups`; `None` when no wait on the
/// critical path can be removed to any effect (no waits, or every wait tied with a sibling).
pub(crate) fn find_constraint<'a>(
    groups: impl Iterator<Item = &'a GroupMetrics>,
) -> Option<Constraint> {
    let mut best: Option<Constraint> = None;
    for group in groups {
        let Some(step) = group.critical_step() else {
            continue;
        };
        let saving = wait_saving(group);
        if saving.is_zero() {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => (saving, step.wait_or_zero()) > (b.lead_time_saving, b.wait_time),
        };
        if better {
            best = Some(Constraint {
                step: step.step.clone(),
                wait_time: step.wait_or_zero(),
                process_time: step.process_or_zero(),
                lead_time_saving: saving,
            });
        }
    }
    best
}
