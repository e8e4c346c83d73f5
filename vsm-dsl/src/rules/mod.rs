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
mod config;
mod date;
mod ids;
mod names;
mod order;
mod quotas;
mod runtime;
mod structure;
mod template;
mod triggers;
mod v2;
mod variables;

pub use artifacts::{other_type, other_types};
pub use catalogue::{enforced, r as rule, RuleInfo, ENFORCED};
pub(crate) use config::{is_bucket_name, is_logical_id, is_role_arn, parameter_name};
pub use date::Date;
pub(crate) use runtime::check_runtime;
pub use runtime::{runtime_status, RuntimeStatus};
pub use template::{check_template, INLINE_TEMPLATE_LIMIT, S3_TEMPLATE_LIMIT};

use crate::diagnostic::{Field, Location, Violation};
use crate::model::{Action, Stage, Stream};

/// Runs every stream rule; returns errors and warnings in rule order.
pub fn check(stream: &Stream) -> Vec<Violation> {
    let mut out = Vec::new();
    structure::check(stream, &mut out);
    names::check(stream, &mut out);
    order::check(stream, &mut out);
    artifacts::check(stream, &mut out);
    for at in actions(stream) {
        at.action.kind.as_dyn().check(&at, stream, &mut out);
    }
    config::check(stream, &mut out);
    ids::check(stream, &mut out);
    v2::check(stream, &mut out);
    variables::check(stream, &mut out);
    triggers::check(stream, &mut out);
    quotas::check(stream, &mut out);
    annotations::check(stream, &mut out);
    out
}

/// A stage and one of its actions, with their indexes: where a rule is looking.
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

    /// The location of the `i`th input as emitted: a listed input, or the configuration key
    /// an implied one comes from.
    pub fn input(&self, i: usize) -> Location {
        if i < self.action.inputs.len() {
            return self.loc(Field::Input(i));
        }
        let implied = self.action.kind.implied_inputs();
        let key = implied
            .iter()
            .filter(|(_, a)| !self.action.inputs.iter().any(|i| i == a))
            .nth(i - self.action.inputs.len())
            .map_or("Configuration", |(k, _)| k);
        self.loc(Field::Config(key))
    }
}

/// VSM-PROP-1: two properties that exclude each other are not both set.
pub(crate) fn conflict<T>(
    at: &At<'_>,
    a: (&str, &Option<T>),
    b: (&str, &Option<T>),
    out: &mut Vec<Violation>,
) {
    if a.1.is_some() && b.1.is_some() {
        out.push(Violation::error(
            "VSM-PROP-1",
            at.loc(Field::Kind),
            format!(
                "a {} action sets both `{}` and `{}`, which exclude each other",
                at.action.kind.keyword(),
                a.0,
                b.0
            ),
            format!("keep `{}` or `{}`, not both", a.0, b.0),
        ));
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
    if len > max && len > crate::diagnostic::MESSAGE_TEXT_LIMIT {
        // The name is cut in the message, which gives its length.
        return Some(format!("is over the limit of {max} characters"));
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
