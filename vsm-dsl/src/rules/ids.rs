//! CFN-TPL-14, CFN-TPL-15: the template parameters a stream names, against the logical ids
//! of the resources the template creates and against each other.
//!
//! Every logical id gets the same prefix, so whether two of them collide depends on the
//! stream alone; the length with the prefix is checked at emission (CFN-TPL-1).

use super::{actions, At};
use crate::diagnostic::{Field, Violation};
use crate::emit::{ParamSpec, LIVE_RESOURCES, SIMULATE_RESOURCES, STREAM_RESOURCES};
use crate::kinds::{ConfigCx, ConfigValue};
use crate::model::Stream;

/// A parameter an action's configuration takes, and where.
struct Param<'a> {
    at: At<'a>,
    field: Field,
    spec: ParamSpec,
}

/// Runs CFN-TPL-14 and CFN-TPL-15.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let resources = resources(stream);
    let params = params(stream);
    for (i, p) in params.iter().enumerate() {
        let name = &p.spec.name;
        if let Some((_, what)) = resources.iter().find(|(id, _)| id == name) {
            out.push(Violation::error(
                "CFN-TPL-14",
                p.at.loc(p.field),
                format!(
                    "template parameter {name:?} ({}) has the logical id of {what}, which the template creates",
                    p.spec.takes
                ),
                format!(
                    "set `{}` to another name, such as {:?}",
                    p.spec.named_by,
                    format!("{name}Parameter")
                ),
            ));
        }
        let clash = params[..i]
            .iter()
            .find(|q| q.spec.name == *name && q.spec.pattern != p.spec.pattern);
        if let Some(first) = clash {
            out.push(
                Violation::error(
                    "CFN-TPL-15",
                    p.at.loc(p.field),
                    format!(
                        "template parameter {name:?} takes {} here and {} for action {:?}: one parameter cannot be both",
                        p.spec.takes, first.spec.takes, first.at.action.name
                    ),
                    format!(
                        "set `{}` here, or `{}` there, to another name",
                        p.spec.named_by, first.spec.named_by
                    ),
                )
                .with_related(
                    first.at.loc(first.field),
                    format!("takes {} here", first.spec.takes),
                ),
            );
        }
    }
}

/// The logical ids (before the prefix) of every resource the template creates, with what
/// each is.
fn resources(stream: &Stream) -> Vec<(String, String)> {
    let live = if stream.settings.dashboard {
        LIVE_RESOURCES
    } else {
        &[]
    };
    let simulated = if stream.settings.simulate.is_some() {
        SIMULATE_RESOURCES
    } else {
        &[]
    };
    let mut out: Vec<(String, String)> = STREAM_RESOURCES
        .iter()
        .chain(live)
        .chain(simulated)
        .map(|(id, what)| ((*id).to_owned(), (*what).to_owned()))
        .collect();
    for at in actions(stream) {
        let cx = ConfigCx {
            stage: at.stage,
            action: at.action,
        };
        for (id, what) in at.action.kind.as_dyn().resource_ids(stream, &cx) {
            if !out.iter().any(|(o, _)| *o == id) {
                out.push((id, what));
            }
        }
    }
    out
}

/// Every template parameter the actions' configurations take, in stream order.
fn params(stream: &Stream) -> Vec<Param<'_>> {
    let mut out = Vec::new();
    for at in actions(stream) {
        let cx = ConfigCx {
            stage: at.stage,
            action: at.action,
        };
        for entry in at.action.kind.as_dyn().configuration(&cx) {
            if let ConfigValue::Parameter(spec) = entry.value {
                out.push(Param {
                    at,
                    field: entry.prop.map_or(Field::Config(entry.key), Field::Prop),
                    spec,
                });
            }
        }
    }
    out
}
