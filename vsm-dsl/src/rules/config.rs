//! CP-CONF: action configuration values every kind shares.

use std::borrow::Cow;

use super::{actions, At};
use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::{ConfigCx, ConfigValue};
use crate::model::Stream;

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

/// True for a CloudFormation logical id: 1–255 ASCII letters and digits (CFN-TPL-1).
pub(crate) fn is_logical_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric())
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

/// Runs the CP-CONF rules every kind shares (the others are in each kind's file).
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        lengths(&at, out);
    }
}

/// CP-CONF-1: configuration keys 1–50 characters, literal values 1–1000.
fn lengths(at: &At<'_>, out: &mut Vec<Violation>) {
    for (key, field, value) in literal_config(at) {
        let klen = key.chars().count();
        if klen == 0 || klen > 50 {
            out.push(Violation::error(
                "CP-CONF-1",
                at.loc(Field::Prop("config")),
                format!(
                    "configuration key {} is {klen} characters long",
                    quote(&key)
                ),
                "configuration keys have 1 to 50 characters",
            ));
        }
        if let Some(v) = value {
            let vlen = v.chars().count();
            if vlen == 0 || vlen > 1000 {
                out.push(Violation::error(
                    "CP-CONF-1",
                    at.loc(field),
                    format!(
                        "configuration value {} is {vlen} characters long",
                        quote(&key)
                    ),
                    "configuration values have 1 to 1000 characters",
                ));
            }
        }
    }
}

/// Every configuration key of an action with its field and, when literal, its value.
pub(crate) fn literal_config<'a>(at: &At<'a>) -> Vec<(Cow<'a, str>, Field, Option<Cow<'a, str>>)> {
    let cx = ConfigCx {
        stage: at.stage,
        action: at.action,
    };
    let kind = at.action.kind.as_dyn();
    let mut out: Vec<_> = kind
        .configuration(&cx)
        .into_iter()
        .map(|e| {
            let value = match e.value {
                ConfigValue::Literal(text) => Some(text),
                _ => None,
            };
            let field = e.prop.map_or(Field::Config(e.key), Field::Prop);
            (Cow::Borrowed(e.key), field, value)
        })
        .collect();
    out.extend(kind.custom_configuration().into_iter().map(|(k, v)| {
        (
            Cow::Borrowed(k),
            Field::Prop("config"),
            Some(Cow::Borrowed(v)),
        )
    }));
    out
}

/// CFN-TPL-1: a parameter a stream names must be a valid logical id.
pub(crate) fn parameter_name(at: &At<'_>, name: &str, key: &'static str, out: &mut Vec<Violation>) {
    if !is_logical_id(name) {
        out.push(Violation::error(
            "CFN-TPL-1",
            at.loc(Field::Prop(key)),
            format!("parameter name {name:?} is not a CloudFormation logical id"),
            "use 1 to 255 ASCII letters and digits",
        ));
    }
}
