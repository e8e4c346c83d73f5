//! CP-STRUCT: the shape of the pipeline.

use crate::catalogue::{CP_STRUCT_5, CP_STRUCT_6, CP_STRUCT_7, CP_STRUCT_8};
use crate::diagnostic::{Field, Location, Violation};
use crate::kit::actions;
use crate::model::Stream;

/// Runs every CP-STRUCT rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    if stream.stages.len() < 2 {
        out.push(Violation::error(
            CP_STRUCT_5,
            Location::pipeline(Field::Node),
            format!(
                "the pipeline has {} stage(s); it needs at least two",
                stream.stages.len()
            ),
            "add a source stage and at least one stage after it",
        ));
    }
    for (si, stage) in stream.stages.iter().enumerate() {
        if stage.actions.is_empty() {
            out.push(Violation::error(
                CP_STRUCT_6,
                Location::stage(si, &stage.name, Field::Node),
                format!("stage {:?} has no action", stage.name),
                "add at least one action, or remove the stage",
            ));
        }
    }
    for at in actions(stream) {
        let source = at.action.kind.is_source();
        if at.si == 0 && !source {
            out.push(Violation::error(
                CP_STRUCT_7,
                at.loc(Field::Kind),
                format!(
                    "the first stage may only hold source actions, but {:?} is a {} action",
                    at.action.name,
                    at.action.kind.action_type().category.as_str()
                ),
                "move this action to a later stage",
            ));
        }
        if at.si > 0 && source {
            out.push(
                Violation::error(
                    CP_STRUCT_8,
                    at.loc(Field::Kind),
                    format!(
                        "source action {:?} is not in the first stage",
                        at.action.name
                    ),
                    "source actions belong in the first stage; move it there",
                )
                .with_related(
                    Location::stage(0, &stream.stages[0].name, Field::Name),
                    "the source stage is here",
                ),
            );
        }
    }
}
