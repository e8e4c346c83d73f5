//! CP-CONF: action configuration values every kind shares.

use crate::catalogue::CP_CONF_1;
use std::borrow::Cow;

use crate::diagnostic::{quote, Field, Violation};
use crate::kinds::behaviour;
use crate::kit::{actions, At, ConfigCx, ConfigValue};
use crate::model::Stream;

/// Runs the CP-CONF rules every kind shares (the others are in each kind's file).
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        lengths(stream, &at, out);
    }
}

/// CP-CONF-1: configuration keys 1–50 characters, literal values 1–1000.
fn lengths(stream: &Stream, at: &At<'_>, out: &mut Vec<Violation>) {
    for (key, field, value) in literal_config(stream, at) {
        let klen = key.chars().count();
        if klen == 0 || klen > 50 {
            out.push(Violation::error(
                CP_CONF_1,
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
                    CP_CONF_1,
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
pub(crate) fn literal_config<'a>(
    stream: &'a Stream,
    at: &At<'a>,
) -> Vec<(Cow<'a, str>, Field, Option<Cow<'a, str>>)> {
    let cx = ConfigCx {
        stream,
        stage: at.stage,
        action: at.action,
    };
    let kind = behaviour(&at.action.kind);
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
            v.as_str().map(Cow::Borrowed),
        )
    }));
    out
}
