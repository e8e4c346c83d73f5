//! CFN-TPL-14, CFN-TPL-15: the template parameters a stream names, against the logical ids
//! of the resources the template creates and against each other.
//!
//! Every logical id gets the same prefix, so whether two of them collide depends on the
//! stream alone; the length with the prefix is checked at emission (CFN-TPL-1).

use crate::catalogue::{CFN_TPL_14, CFN_TPL_15};
use crate::diagnostic::{Field, Violation};
use crate::emit::resource_ids;
use crate::kinds::behaviour;
use crate::kit::{actions, At, ConfigCx, ConfigValue, ParamSpec};
use crate::model::Stream;

/// A parameter an action's configuration takes, and where.
struct Param<'a> {
    at: At<'a>,
    field: Field,
    spec: ParamSpec,
}

/// Runs CFN-TPL-14 and CFN-TPL-15.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let resources = resource_ids(stream);
    let params = params(stream);
    for (i, p) in params.iter().enumerate() {
        let name = &p.spec.name;
        if let Some((_, what)) = resources.iter().find(|(id, _)| id == name) {
            out.push(Violation::error(
                CFN_TPL_14,
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
                    CFN_TPL_15,
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

/// The names of the template parameters the kinds declare themselves
/// (`connection_parameter`, ...), in stream order.
pub(crate) fn kind_parameters(stream: &Stream) -> Vec<String> {
    params(stream).into_iter().map(|p| p.spec.name).collect()
}

/// Every template parameter the actions' configurations take, in stream order.
fn params(stream: &Stream) -> Vec<Param<'_>> {
    let mut out = Vec::new();
    for at in actions(stream) {
        let cx = ConfigCx {
            stream,
            stage: at.stage,
            action: at.action,
        };
        for entry in behaviour(&at.action.kind).configuration(&cx) {
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
