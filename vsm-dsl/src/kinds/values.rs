//! Kinds from property values and back, and the JSON form of an [`ActionKind`].

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

use super::{find, ActionKind, Kind, PropInfo, PropType, PropValue, KINDS};
use crate::model::duration;

/// What was wrong with the property values of one kind: every problem, each with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueErrors {
    /// `(key, message)`; no key for problems of the kind as a whole.
    pub problems: Vec<(Option<String>, String)>,
}

impl ValueErrors {
    pub(crate) fn unknown_kind(keyword: &str) -> Self {
        let known: Vec<String> = KINDS.iter().map(|k| format!("`{}`", k.keyword)).collect();
        Self {
            problems: vec![(
                None,
                format!(
                    "unknown action kind `{keyword}`; expected one of {}",
                    known.join(", ")
                ),
            )],
        }
    }
}

impl fmt::Display for ValueErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<&str> = self.problems.iter().map(|(_, m)| m.as_str()).collect();
        f.write_str(&lines.join("; "))
    }
}

impl std::error::Error for ValueErrors {}

/// Builds kind `K` from property values: unknown keys, wrong types and missing required
/// properties are all reported.
pub(crate) fn from_values<K: Kind>(
    values: Vec<(String, PropValue)>,
) -> Result<ActionKind, ValueErrors> {
    let mut kind = K::default();
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in values {
        let Some(prop) = K::PROPS.iter().find(|p| p.info.key == key) else {
            problems.push((
                Some(key.clone()),
                unknown_key(K::KEYWORD, &key, K::PROP_INFO),
            ));
            continue;
        };
        if seen.contains(&prop.info.key) {
            problems.push((Some(key.clone()), format!("`{key}` is set twice")));
            continue;
        }
        seen.push(prop.info.key);
        if let Err(e) = (prop.set)(&mut kind, value) {
            problems.push((Some(key.clone()), format!("`{key}`: {e}")));
        }
    }
    let missing: Vec<&str> = K::PROP_INFO
        .iter()
        .filter(|p| p.required && !seen.contains(&p.key))
        .map(|p| p.key)
        .collect();
    if !missing.is_empty() {
        problems.push((
            None,
            format!(
                "a {} action needs {}",
                K::KEYWORD,
                missing
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
        ));
    }
    if problems.is_empty() {
        Ok(kind.into())
    } else {
        Err(ValueErrors { problems })
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

/// A property value as JSON.
pub fn to_json(value: &PropValue) -> Value {
    match value {
        PropValue::Text(t) => Value::String(t.clone()),
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
    let found = || match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    match (ty, value) {
        (PropType::Text, Value::String(s)) => Ok(PropValue::Text(s.clone())),
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
        (ty, _) => Err(format!("expected {}, found {}", expected(ty), found())),
    }
}

fn record_from_json(r: &'static super::Record, item: &Value) -> Result<PropValue, String> {
    let Value::Object(m) = item else {
        return Err(format!(
            "expected {}, found another value",
            expected(PropType::Records(r))
        ));
    };
    let mut fields = Vec::new();
    for (k, v) in m {
        let Some(field) = r.fields.iter().find(|f| f.key == k) else {
            let keys: Vec<&str> = r.fields.iter().map(|f| f.key).collect();
            return Err(format!("unknown key `{k}`; expected {}", keys.join(", ")));
        };
        fields.push((k.clone(), from_json(field.ty, v)?));
    }
    Ok(PropValue::Map(fields))
}

fn expected(ty: PropType) -> String {
    match ty {
        PropType::Text => "a string".to_owned(),
        PropType::Bool => "true or false".to_owned(),
        PropType::Count => "a whole number".to_owned(),
        PropType::Duration => "a duration such as \"30m\" or \"2d 4h\"".to_owned(),
        PropType::Choice(c) => format!("one of {}", c.words().join(", ")),
        PropType::TextList => "a list of strings".to_owned(),
        PropType::ChoiceList(c) => format!("a list of {}", c.words().join(", ")),
        PropType::TextMap => "an object of strings".to_owned(),
        PropType::Records(r) => format!(
            "a list of objects with {}",
            r.fields
                .iter()
                .map(|f| f.key)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

impl Serialize for ActionKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let values = self.values();
        let mut m = s.serialize_map(Some(values.len() + 1))?;
        m.serialize_entry("type", self.keyword())?;
        for (info, value) in values {
            m.serialize_entry(info.key, &to_json(&value))?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for ActionKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(d)?;
        let keyword = match map.remove("type") {
            Some(Value::String(k)) => k,
            Some(_) => return Err(D::Error::custom("an action's `type` is a string")),
            None => return Err(D::Error::custom("an action kind needs a `type`")),
        };
        let Some(info) = find(&keyword) else {
            return Err(D::Error::custom(ValueErrors::unknown_kind(&keyword)));
        };
        let mut values = Vec::new();
        let mut problems = Vec::new();
        for (key, value) in map {
            match info.prop(&key) {
                Some(prop) => match from_json(prop.ty, &value) {
                    Ok(v) => values.push((key, v)),
                    Err(e) => problems.push(format!("`{key}`: {e}")),
                },
                None => problems.push(unknown_key(info.keyword, &key, info.props)),
            }
        }
        match (info.from_values)(values) {
            Ok(kind) if problems.is_empty() => Ok(kind),
            Ok(_) => Err(D::Error::custom(problems.join("; "))),
            Err(e) => {
                problems.extend(e.problems.into_iter().map(|(_, m)| m));
                Err(D::Error::custom(problems.join("; ")))
            }
        }
    }
}
