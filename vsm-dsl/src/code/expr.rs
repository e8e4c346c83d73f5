//! A template expression as Rust (the builder's helpers: `param("Repo")`, `sub(..)`) and as
//! `stream!` source (CloudFormation's short tags: `!Ref Repo`, `!Sub "${Env}-app"`).

use serde_json::Value;

use super::Code;
use crate::cfn::{Expr, Intrinsic};

/// The builder helper that makes `e`; an expression without one is read from its JSON.
pub(crate) fn code(e: &Expr) -> Code {
    let helper = |name: &str, args: Vec<Code>| Code::path(&["builder", name], 1).call(args);
    let text = |e: &Expr| match e {
        Expr::Str(s) => Some(Code::Str(s.clone())),
        other if other.is_intrinsic() => Some(code(other)),
        _ => None,
    };
    let made = match e {
        Expr::Str(s) => Some(Code::Str(s.clone())),
        Expr::Ref(n) => Some(helper("param", vec![Code::Str(n.clone())])),
        Expr::Sub(t) => Some(helper("sub", vec![Code::Str(t.clone())])),
        Expr::GetAtt(r, a) => Some(helper(
            "get_att",
            vec![Code::Str(r.clone()), Code::Str(a.clone())],
        )),
        Expr::Fn(call) => match call.as_ref() {
            Intrinsic::ImportValue(name) => text(name).map(|n| helper("import_value", vec![n])),
            Intrinsic::FindInMap {
                map: Expr::Str(map),
                top_key,
                second_key,
                default: None,
            } => text(top_key)
                .zip(text(second_key))
                .map(|(t, s)| helper("find_in_map", vec![Code::Str(map.clone()), t, s])),
            Intrinsic::If(c, a, b) => text(a)
                .zip(text(b))
                .map(|(a, b)| helper("if_", vec![Code::Str(c.clone()), a, b])),
            Intrinsic::Join(sep, Expr::List(parts)) => parts
                .iter()
                .map(text)
                .collect::<Option<Vec<Code>>>()
                .map(|p| helper("join", vec![Code::Str(sep.clone()), Code::Array(p)])),
            _ => None,
        },
        _ => None,
    };
    made.unwrap_or_else(|| {
        Code::path(&["model", "value", "expression"], 2)
            .call(vec![Code::Str(e.to_value().to_string())])
            .method(
                "expect",
                vec![Code::Str("a template expression".to_owned())],
            )
    })
}

/// A template value of any shape (a condition's test, a mapping's values) as Rust: read from
/// its JSON.
pub(crate) fn template(e: &Expr) -> Code {
    Code::path(&["model", "value", "template_value"], 2)
        .call(vec![Code::Str(e.to_value().to_string())])
        .method("expect", vec![Code::Str("a template value".to_owned())])
}

/// The expression in the `stream!` macro's syntax: CloudFormation's short tags, with the
/// arguments as the macro writes values (`!Ref Repo`, `!Sub "${Env}-app"`,
/// `!If [IsProd, "a", "b"]`).
pub(crate) fn source(e: &Expr) -> String {
    json(&e.to_value())
}

/// A template value in the macro's syntax: a one-key object naming an intrinsic function as
/// its short tag, other objects in braces, lists in brackets, strings quoted.
fn json(v: &Value) -> String {
    match v {
        Value::Object(m) if m.len() == 1 => {
            let (key, arg) = m.iter().next().expect("one entry");
            match tag(key) {
                Some(tag) => format!("!{tag} {}", json(arg)),
                None => object(m),
            }
        }
        Value::Object(m) => object(m),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(json).collect::<Vec<_>>().join(", ")
        ),
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    }
}

fn object(m: &serde_json::Map<String, Value>) -> String {
    let entries: Vec<String> = m
        .iter()
        .map(|(k, v)| format!("{}: {}", word(k), json(v)))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// The short tag of an intrinsic function's key: `Fn::Sub` → `Sub`, `Ref` → `Ref`.
pub(crate) fn tag(key: &str) -> Option<&str> {
    match key {
        "Ref" | "Condition" => Some(key),
        other => other.strip_prefix("Fn::"),
    }
}

/// A name as a bare word when it is one, else a string.
fn word(s: &str) -> String {
    let bare = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if bare {
        s.to_owned()
    } else {
        format!("{s:?}")
    }
}
