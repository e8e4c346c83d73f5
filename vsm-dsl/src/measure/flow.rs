//! The flow a pipeline execution walks, as measuring sees it: each stage's before-entry gate,
//! its run-order groups, its on-success gate; and what each of them follows.

use super::structure::{ConditionShape, GroupShape, StageShape, Structure};
use super::time::Timestamp;
use crate::model::ConditionPlace;

/// What one place of the flow holds.
#[derive(Clone, Copy)]
pub(crate) enum Step<'a> {
    /// Actions sharing a run order.
    Actions(&'a GroupShape),
    /// A condition every change passes through (before entry, on success).
    Gate(&'a ConditionShape),
}

/// One place of the flow, with its stage.
#[derive(Clone, Copy)]
pub(crate) struct FlowGroup<'a> {
    /// The stage.
    pub stage: &'a StageShape,
    /// What it holds.
    pub step: Step<'a>,
}

/// Every place of the flow in order: per stage its before-entry gate, its groups by run order,
/// its on-success gate. An on-failure condition is no place of the flow: only a failed stage
/// meets it.
pub(crate) fn flow(structure: &Structure) -> Vec<FlowGroup<'_>> {
    let mut out = Vec::new();
    for stage in &structure.stages {
        let gate = |place| {
            stage.condition(place).map(|c| FlowGroup {
                stage,
                step: Step::Gate(c),
            })
        };
        out.extend(gate(ConditionPlace::BeforeEntry));
        out.extend(stage.groups.iter().map(|g| FlowGroup {
            stage,
            step: Step::Actions(g),
        }));
        out.extend(gate(ConditionPlace::OnSuccess));
    }
    out
}

/// What place `g` follows in one pipeline execution that started at `execution_start`: the
/// latest of `ends` (the last updates of each place's records in that execution) at or before
/// `start`, of the place before it. A gate without records in the execution (its condition did
/// not exist yet) is passed over; the first place follows the execution's start.
pub(crate) fn reference(
    flow: &[FlowGroup<'_>],
    ends: &[Vec<Timestamp>],
    g: usize,
    start: Timestamp,
    execution_start: Timestamp,
) -> Option<Timestamp> {
    let mut i = g;
    while i > 0 {
        i -= 1;
        if matches!(flow[i].step, Step::Gate(_)) && ends[i].is_empty() {
            continue;
        }
        return ends[i].iter().copied().filter(|t| *t <= start).max();
    }
    Some(execution_start).filter(|s| *s <= start)
}
