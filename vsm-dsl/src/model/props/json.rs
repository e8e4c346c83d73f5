//! Property values as JSON: the JSON form of kinds, settings and records.

use serde_json::Value;

use super::{PropInfo, PropType, PropValue, Record};
use crate::model::duration;

/// A property value as JSON.
pub fn to_json(value: &PropValue) -> Value {
    match value {
        PropValue::Text(t) => Value::String(t.clone()),
        PropValue::Expr(e) => e.to_value(),
        PropValue::Bool(b) => Value::Bool(*b),
        PropValue::Count(n) => Value::from(*n),
        PropValue::Duration(d) => Value::String(duration::format(*d)),
        PropValue::Word(w) => Value::String((*w).to_owned()),
        PropValue::List(items) => Value::Array(items.iter().map(to_json).collect()),
        PropValue::Map(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect(),
        ),
    }
}

/// A property value read from JSON as the type says.
pub fn from_json(ty: PropType, value: &Value) -> Result<PropValue, String> {
    match (ty, value) {
        (PropType::Text | PropType::Parsed(_), Value::String(s)) => Ok(PropValue::Text(s.clone())),
        (PropType::Parsed(_), Value::Number(n)) => Ok(PropValue::Text(n.to_string())),
        (PropType::Text | PropType::Count, Value::Object(_)) => expression(value),
        (PropType::Template, v) => Ok(PropValue::Expr(crate::cfn::Expr::from_value(v))),
        (PropType::Bool, Value::Bool(b)) => Ok(PropValue::Bool(*b)),
        (PropType::Count, Value::Number(n)) => n
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .map(PropValue::Count)
            .ok_or_else(|| format!("expected a whole number, found {n}")),
        (PropType::Duration, Value::String(s)) => duration::parse(s)
            .map(PropValue::Duration)
            .map_err(|e| e.to_string()),
        (PropType::Choice(c), Value::String(s)) => {
            c.find(s).map(PropValue::Word).ok_or_else(|| {
                format!(
                    "unknown value {s:?}; expected one of {}",
                    c.words().join(", ")
                )
            })
        }
        (PropType::TextList, Value::Array(items)) => items
            .iter()
            .map(|i| from_json(PropType::Text, i))
            .collect::<Result<_, _>>()
            .map(PropValue::List),
        (PropType::ChoiceList(c), Value::Array(items)) => items
            .iter()
            .map(|i| from_json(PropType::Choice(c), i))
            .collect::<Result<_, _>>()
            .map(PropValue::List),
        (PropType::TextMap, Value::Object(m)) => m
            .iter()
            .map(|(k, v)| Ok((k.clone(), from_json(PropType::Text, v)?)))
            .collect::<Result<_, String>>()
            .map(PropValue::Map),
        (PropType::Records(r), Value::Array(items)) => items
            .iter()
            .map(|item| record_from_json(r, item))
            .collect::<Result<_, _>>()
            .map(PropValue::List),
        (PropType::Record(r), Value::Object(_)) => record_from_json(r, value),
        (ty, _) => Err(format!("expected {}, found {}", expected(ty), found(value))),
    }
}

/// A template expression, in the template's own object form (`{"Ref": "Repo"}`).
fn expression(value: &Value) -> Result<PropValue, String> {
    let e = crate::cfn::Expr::from_value(value);
    if e.is_intrinsic() {
        Ok(PropValue::Expr(e))
    } else {
        Err(format!(
            "expected a template expression such as {{\"Ref\": \"Repo\"}} or {{\"Fn::Sub\": \"${{Env}}-app\"}}, found {value}"
        ))
    }
}

/// A record's fields read from a JSON object; unknown keys are errors.
pub fn record_from_json(r: &'static Record, item: &Value) -> Result<PropValue, String> {
    let Value::Object(m) = item else {
        return Err(format!(
            "expected an object with {}, found {}",
            r.keys().join(", "),
            found(item)
        ));
    };
    let mut fields = Vec::new();
    for (k, v) in m {
        let Some(field) = r.field(k) else {
            return Err(format!(
                "unknown key `{k}`; expected {}",
                r.keys().join(", ")
            ));
        };
        let value = from_json(field.ty, v).map_err(|e| format!("`{k}`: {e}"))?;
        fields.push((k.clone(), value));
    }
    Ok(PropValue::Map(fields))
}

/// A kind or rule type read from the keys of its JSON object (its `type` already taken out):
/// each key is one of `props`, read as its type, then `build` makes it; every problem is
/// reported in one message.
pub fn read_typed<K>(
    keyword: &str,
    props: &[PropInfo],
    map: serde_json::Map<String, Value>,
    build: impl FnOnce(Vec<(String, PropValue)>) -> Result<K, crate::model::kind::ValueErrors>,
) -> Result<K, String> {
    let mut values = Vec::new();
    let mut problems = Vec::new();
    for (key, value) in map {
        match props.iter().find(|p| p.key == key) {
            Some(prop) => match from_json(prop.ty, &value) {
                Ok(v) => values.push((key, v)),
                Err(e) => problems.push(format!("`{key}`: {e}")),
            },
            None => problems.push(unknown_key(keyword, &key, props)),
        }
    }
    match build(values) {
        Ok(kind) if problems.is_empty() => Ok(kind),
        Ok(_) => Err(problems.join("; ")),
        Err(e) => {
            problems.extend(e.problems.into_iter().map(|(_, m)| m));
            Err(problems.join("; "))
        }
    }
}

/// "unknown codebuild property `x`; expected one of ...".
pub fn unknown_key(keyword: &str, key: &str, props: &[PropInfo]) -> String {
    let keys: Vec<String> = props.iter().map(|p| format!("`{}`", p.key)).collect();
    if keys.is_empty() {
        format!(
            "unknown {keyword} property `{key}`; a {keyword} action has no properties of its own"
        )
    } else {
        format!(
            "unknown {keyword} property `{key}`; expected one of {}",
            keys.join(", ")
        )
    }
}

fn found(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn expected(ty: PropType) -> String {
    match ty {
        PropType::Text => "a string or a template expression".to_owned(),
        PropType::Bool => "true or false".to_owned(),
        PropType::Count => "a whole number or a template expression".to_owned(),
        PropType::Duration => "a duration such as \"30m\" or \"2d 4h\"".to_owned(),
        PropType::Choice(c) => format!("one of {}", c.words().join(", ")),
        PropType::TextList => "a list of strings".to_owned(),
        PropType::ChoiceList(c) => format!("a list of {}", c.words().join(", ")),
        PropType::TextMap => "an object of strings".to_owned(),
        PropType::Records(r) => format!("a list of objects with {}", r.keys().join(", ")),
        PropType::Record(r) => format!("an object with {}", r.keys().join(", ")),
        PropType::Parsed(p) => format!("{} such as {:?}", p.what, p.example),
        PropType::Template => "a template value".to_owned(),
    }
}
