//! The CodePipeline rules, one module per catalogue group.
//!
//! Every rule is a plain function over the [`Stream`] model, so every front end runs the same
//! code: [`crate::ValueStream::new`] (and so the builder's `build()` and JSON deserialization)
//! at run time, the `stream!` macro at compile time. A rule never stops at the first problem:
//! each pushes every violation it finds. [`ENFORCED`] lists the catalogue ids they cover.

mod annotations;
mod artifacts;
mod catalogue;
mod config;
mod date;
mod names;
mod order;
mod quotas;
mod runtime;
mod structure;
mod template;
mod triggers;
mod types;
mod v2;
mod variables;

pub use catalogue::{RuleInfo, ENFORCED};
pub(crate) use config::{is_bucket_name, is_logical_id, is_role_arn};
pub use date::Date;
pub use runtime::{runtime_status, RuntimeStatus, MOCK_RUNTIME};
pub use template::{check_template, INLINE_TEMPLATE_LIMIT, S3_TEMPLATE_LIMIT};

use crate::diagnostic::{Field, Location, Violation};
use crate::model::{Action, Stage, Stream};

/// What rules may depend on besides the stream itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The date runtime-lifecycle rules compare against.
    pub today: Date,
}

impl Context {
    /// Today's date from the system clock (UTC).
    pub fn now() -> Self {
        Self {
            today: Date::today(),
        }
    }
}

/// Runs every stream rule with today's date; returns errors and warnings in rule order.
pub fn check(stream: &Stream) -> Vec<Violation> {
    check_with(stream, &Context::now())
}

/// Runs every stream rule with the given context.
pub fn check_with(stream: &Stream, ctx: &Context) -> Vec<Violation> {
    let mut out = Vec::new();
    structure::check(stream, &mut out);
    names::check(stream, &mut out);
    order::check(stream, &mut out);
    artifacts::check(stream, &mut out);
    types::check(stream, &mut out);
    config::check(stream, &mut out);
    v2::check(stream, &mut out);
    variables::check(stream, &mut out);
    triggers::check(stream, &mut out);
    quotas::check(stream, &mut out);
    annotations::check(stream, &mut out);
    runtime::check(ctx, &mut out);
    out
}

/// A stage and one of its actions, with their indexes.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub si: usize,
    pub stage: &'a Stage,
    pub ai: usize,
    pub action: &'a Action,
}

impl At<'_> {
    /// The location of a field of this action.
    pub fn loc(&self, field: Field) -> Location {
        Location::action(
            (self.si, &self.stage.name),
            (self.ai, &self.action.name),
            field,
        )
    }
}

/// Every action of the stream with its position.
pub(crate) fn actions(stream: &Stream) -> impl Iterator<Item = At<'_>> {
    stream.stages.iter().enumerate().flat_map(|(si, stage)| {
        stage
            .actions
            .iter()
            .enumerate()
            .map(move |(ai, action)| At {
                si,
                stage,
                ai,
                action,
            })
    })
}

/// Checks a name against a length range and a character class; returns what is wrong.
pub(crate) fn name_problem(
    name: &str,
    max: usize,
    allowed: fn(char) -> bool,
    charset: &str,
) -> Option<String> {
    let len = name.chars().count();
    if len == 0 {
        return Some("is empty".to_owned());
    }
    if len > max {
        return Some(format!("is {len} characters long; the limit is {max}"));
    }
    let bad: String = name.chars().filter(|c| !allowed(*c)).collect();
    if !bad.is_empty() {
        let mut shown: Vec<char> = bad.chars().collect();
        shown.dedup();
        let shown: String = shown.into_iter().collect();
        return Some(format!("contains {shown:?}; only {charset} are allowed"));
    }
    None
}

/// Letters, digits, `.`, `@`, `_`, `-`: pipeline, stage and action names.
pub(crate) fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '_' | '-')
}
