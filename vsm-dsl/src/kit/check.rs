//! What a kind's rules use: where a rule is looking ([`At`]), and the checks several kinds
//! share.

use crate::catalogue::{CFN_TPL_1, VSM_PROP_1};
use crate::cfn::is_logical_id;
use crate::diagnostic::{Field, Location, Violation, MESSAGE_TEXT_LIMIT};
use crate::model::presence::Presence;
use crate::model::{Action, Stage, Stream};

/// A stage and one of its actions, with their indexes: where a rule is looking.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    /// The stage's index.
    pub si: usize,
    /// The stage.
    pub stage: &'a Stage,
    /// The action's index in its stage.
    pub ai: usize,
    /// The action.
    pub action: &'a Action,
}

impl<'a> At<'a> {
    /// The location of a field of this action.
    pub fn loc(&self, field: Field) -> Location {
        Location::action(
            (self.si, &self.stage.name),
            (self.ai, &self.action.name),
            field,
        )
    }

    /// When the action is in the pipeline: its stage's conditions and its own.
    pub fn presence(&self) -> Presence<'a> {
        self.stage.presence_of(self.action)
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

/// VSM-PROP-1: two properties that exclude each other are not both set.
pub(crate) fn conflict<A, B>(
    at: &At<'_>,
    a: (&str, &Option<A>),
    b: (&str, &Option<B>),
    out: &mut Vec<Violation>,
) {
    if a.1.is_some() && b.1.is_some() {
        out.push(Violation::error(
            VSM_PROP_1,
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
    if len > max && len > MESSAGE_TEXT_LIMIT {
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

/// True for `arn:<partition>:iam::<12 digits>:role/<path and name>`.
pub(crate) fn is_role_arn(arn: &str) -> bool {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    partition.starts_with("aws")
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && resource
            .strip_prefix("role/")
            .is_some_and(|r| !r.is_empty())
        && arn.len() <= 1024
}

/// True for an S3 bucket name: 3–63 lowercase letters, digits, `.` and `-` (CP-STRUCT-13).
pub(crate) fn is_bucket_name(name: &str) -> bool {
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_alphanumeric())
}

/// CFN-TPL-1: a parameter a stream names must be a valid logical id.
pub(crate) fn parameter_name(at: &At<'_>, name: &str, key: &'static str, out: &mut Vec<Violation>) {
    if !is_logical_id(name) {
        out.push(Violation::error(
            CFN_TPL_1,
            at.loc(Field::Prop(key)),
            format!("parameter name {name:?} is not a CloudFormation logical id"),
            "use 1 to 255 ASCII letters and digits",
        ));
    }
}
