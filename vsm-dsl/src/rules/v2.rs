//! CP-V2: features that need a V2 pipeline.

use super::artifacts::v2_only;
use crate::catalogue::{CP_V2_3, CP_V2_4, CP_V2_5, CP_V2_7};
use crate::diagnostic::{Field, Location, Violation};
use crate::kit::actions;
use crate::model::settings::key;
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
            CP_V2_3,
            Location::pipeline(Field::Setting(key::execution_mode)),
            format!("execution mode {} needs a V2 pipeline", mode.as_str()),
            hint,
        ));
    }
    if !s.triggers.is_empty() {
        out.push(Violation::error(
            CP_V2_4,
            Location::pipeline(Field::SettingItem(key::triggers, 0)),
            "triggers can only be used with V2 pipelines",
            hint,
        ));
    }
    if !s.variables.is_empty() {
        out.push(Violation::error(
            CP_V2_5,
            Location::pipeline(Field::SettingItem(key::variables, 0)),
            "pipeline variables can only be used with V2 pipelines",
            hint,
        ));
    }
    for at in actions(stream) {
        if v2_only(&at.action.kind.action_type()) {
            out.push(Violation::error(
                CP_V2_7,
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
