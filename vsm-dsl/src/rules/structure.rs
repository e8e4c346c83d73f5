//! CP-STRUCT: the shape of the pipeline, in every case its template conditions allow, and
//! VSM-WHEN-1: presences that can hold.

use crate::catalogue::{CP_STRUCT_5, CP_STRUCT_6, CP_STRUCT_7, CP_STRUCT_8, VSM_WHEN_1};
use crate::diagnostic::{Field, Location, Violation};
use crate::kit::actions;
use crate::model::presence::{describe_assignment, Cases, Presence};
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
    presences(stream, out);
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

/// CP-STRUCT-5, 6 and 7 where template conditions decide what is present, and VSM-WHEN-1.
fn presences(stream: &Stream, out: &mut Vec<Violation>) {
    let Some(first) = stream.stages.first() else {
        return;
    };
    if !first.presence().always() {
        out.push(Violation::error(
            CP_STRUCT_7,
            Location::stage(0, &first.name, Field::When),
            format!("the source stage {:?} is present only {}", first.name, first.presence().describe()),
            "the first stage holds the source actions and is always present: drop its `when`/`unless`, or put them on its actions",
        ));
    }
    let cases = Cases::of_stream(stream);
    let later: Vec<Presence<'_>> = stream.stages.iter().skip(1).map(|s| s.presence()).collect();
    if !later.is_empty() {
        if let Some(case) = cases.uncovered(&Presence::default(), &later) {
            out.push(Violation::error(
                CP_STRUCT_5,
                Location::pipeline(Field::Node),
                format!(
                    "when {}, no stage follows the source stage",
                    describe_assignment(&case)
                ),
                "keep at least one stage after the source stage present in every case",
            ));
        }
    }
    for (si, stage) in stream.stages.iter().enumerate() {
        let actions: Vec<Presence<'_>> = stage.actions.iter().map(|a| a.presence()).collect();
        if !actions.is_empty() {
            if let Some(case) = cases.uncovered(&stage.presence(), &actions) {
                out.push(Violation::error(
                    CP_STRUCT_6,
                    Location::stage(si, &stage.name, Field::When),
                    format!(
                        "when {}, stage {:?} has no action",
                        describe_assignment(&case),
                        stage.name
                    ),
                    "present the stage only when one of its actions is, or keep one action present",
                ));
            }
        }
        let located = std::iter::once((
            stage.presence(),
            Location::stage(si, &stage.name, Field::When),
        ))
        .chain(stage.actions.iter().enumerate().map(|(ai, a)| {
            (
                stage.presence_of(a),
                Location::action((si, &stage.name), (ai, &a.name), Field::When),
            )
        }));
        for (presence, at) in located {
            never_present(&cases, &presence, at, out);
        }
    }
}

/// VSM-WHEN-1: an element present in no case its conditions allow.
fn never_present(cases: &Cases, p: &Presence<'_>, at: Location, out: &mut Vec<Violation>) {
    if let Some(c) = p.contradiction() {
        out.push(Violation::error(
            VSM_WHEN_1,
            at,
            format!("condition {c:?} must both hold and not hold, so this is never present"),
            format!("keep {c:?} in `when` or in `unless`, not both (a step's stage counts too)"),
        ));
    } else if cases.never(p) {
        out.push(Violation::error(
            VSM_WHEN_1,
            at,
            format!(
                "no case the conditions allow has it present ({}): what they test excludes each other",
                p.describe()
            ),
            "name conditions that can hold together, or drop the element",
        ));
    }
}
