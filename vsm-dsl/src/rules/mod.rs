//! The CodePipeline rules, one module per catalogue group.
//!
//! Every rule is a plain function over the [`Stream`] model, so every front end runs the same
//! code: [`crate::ValueStream::new`] (and so the builder's `build()` and JSON deserialization)
//! at run time, the `stream!` macro at compile time. A rule never stops at the first problem:
//! each pushes every violation it finds. [`enforced`] lists the catalogue ids they cover.
//!
//! Stream validity is a pure function of the stream. Rules that depend on the day (the Lambda
//! runtime lifecycle) or on the emitted template run when the template is emitted
//! ([`crate::ValueStream::emit`]), and only about what was emitted. Kind-specific rules live
//! in each kind's file ([`crate::kinds`]) and run from here.

mod annotations;
mod artifacts;
mod catalogue;
mod conditions;
mod config;
mod expressions;
mod ids;
mod names;
mod order;
mod parameters;
mod quotas;
mod runtime;
mod structure;
mod template;
mod topology;
mod triggers;
mod types;
mod v2;
mod variables;

pub use crate::time::Date;
pub use artifacts::{other_type, other_types};
pub use catalogue::enforced;
pub(crate) use runtime::check_runtime;
pub use runtime::{runtime_status, RuntimeStatus};
pub use template::{check_template, INLINE_TEMPLATE_LIMIT, S3_TEMPLATE_LIMIT};
pub use types::type_facts;

use crate::diagnostic::Violation;
use crate::kinds::behaviour;
use crate::kit::actions;
use crate::model::Stream;

/// Runs every stream rule; returns errors and warnings in rule order.
pub fn check(stream: &Stream) -> Vec<Violation> {
    let mut out = literal_rules(stream);
    parameters::check_values(stream, &mut out);
    out
}

/// Every rule but the run of all of them on the parameters' values.
fn literal_rules(stream: &Stream) -> Vec<Violation> {
    let mut out = Vec::new();
    structure::check(stream, &mut out);
    names::check(stream, &mut out);
    order::check(stream, &mut out);
    artifacts::check(stream, &mut out);
    for at in actions(stream) {
        behaviour(&at.action.kind).check(&at, stream, &mut out);
        types::check(stream, &at, &mut out);
    }
    config::check(stream, &mut out);
    ids::check(stream, &mut out);
    expressions::check(stream, &mut out);
    parameters::check(stream, &mut out);
    v2::check(stream, &mut out);
    variables::check(stream, &mut out);
    triggers::check(stream, &mut out);
    topology::check(stream, &mut out);
    conditions::check(stream, &mut out);
    quotas::check(stream, &mut out);
    annotations::check(stream, &mut out);
    out
}
