//! CP-QUOTA: how many stages and actions a pipeline may have (approval timeouts are checked
//! by the `approval` kind).

use crate::catalogue::{CP_QUOTA_1, CP_QUOTA_2, CP_QUOTA_3, CP_QUOTA_4, CP_QUOTA_5};
use crate::diagnostic::{Field, Location, Violation};
use crate::model::Stream;

/// Runs every CP-QUOTA rule but tags (CP-QUOTA-8, with the tag rules).
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    if stream.stages.len() > 50 {
        out.push(Violation::error(
            CP_QUOTA_1,
            Location::stage(50, &stream.stages[50].name, Field::Node),
            format!(
                "the pipeline has {} stages; the limit is 50",
                stream.stages.len()
            ),
            "merge stages, or split the stream into two pipelines",
        ));
    }
    for (si, stage) in stream.stages.iter().enumerate() {
        if stage.actions.len() > 50 {
            out.push(Violation::error(
                CP_QUOTA_2,
                Location::action(
                    (si, &stage.name),
                    (50, &stage.actions[50].name),
                    Field::Node,
                ),
                format!(
                    "stage {:?} has {} actions; the limit is 50",
                    stage.name,
                    stage.actions.len()
                ),
                "move actions to another stage",
            ));
        }
        let groups = stage.groups();
        if let Some((order, group)) = groups.iter().find(|(_, g)| g.len() > 50) {
            out.push(Violation::error(
                CP_QUOTA_3,
                Location::stage(si, &stage.name, Field::Node),
                format!(
                    "{} actions run in parallel at run order {order}; the limit is 50",
                    group.len()
                ),
                "spread them over more run orders",
            ));
        }
        if groups.len() > 50 {
            out.push(Violation::error(
                CP_QUOTA_4,
                Location::stage(si, &stage.name, Field::Node),
                format!(
                    "stage {:?} has {} sequential steps; the limit is 50",
                    stage.name,
                    groups.len()
                ),
                "run some actions in parallel, or move them to another stage",
            ));
        }
    }
    let total = stream.stages.iter().map(|s| s.actions.len()).sum::<usize>();
    if total > 500 {
        out.push(Violation::error(
            CP_QUOTA_5,
            Location::pipeline(Field::Node),
            format!("the pipeline has {total} actions; the limit is 500"),
            "split the stream into two pipelines",
        ));
    }
}
