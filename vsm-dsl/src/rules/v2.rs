//! CP-V2: features that need a V2 pipeline.

use super::actions;
use super::artifacts::v2_only;
use crate::diagnostic::{Field, Location, Violation};
use crate::model::{ExecutionMode, PipelineType, Stream};

/// Runs every CP-V2 rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let s = &stream.settings;
    if s.pipeline_type == PipelineType::V2 {
        return;
    }
    let hint = "set the pipeline type to V2 (the default)";
    if let Some(mode @ (ExecutionMode::Queued | ExecutionMode::Parallel)) = s.execution_mode {
        out.push(Violation::error(
            "CP-V2-3",
            Location::pipeline(Field::ExecutionMode),
            format!("execution mode {} needs a V2 pipeline", mode.as_str()),
            hint,
        ));
    }
    if !s.triggers.is_empty() {
        out.push(Violation::error(
            "CP-V2-4",
            Location::pipeline(Field::Trigger(0)),
            "triggers can only be used with V2 pipelines",
            hint,
        ));
    }
    if !s.variables.is_empty() {
        out.push(Violation::error(
            "CP-V2-5",
            Location::pipeline(Field::Variable(0)),
            "pipeline variables can only be used with V2 pipelines",
            hint,
        ));
    }
    for at in actions(stream) {
        if v2_only(&at.action.kind.action_type()) {
            out.push(Violation::error(
                "CP-V2-7",
                at.loc(Field::Kind),
                format!(
                    "the {} action type exists only in V2 pipelines",
                    at.action.kind.action_type().provider
                ),
                hint,
            ));
        }
    }
}
