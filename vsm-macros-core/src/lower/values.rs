//! Reading property values: the syntax of one value, checked against the type it must have.

use std::time::Duration;

use vsm_dsl::cfn::Expr;
use vsm_dsl::model::duration;
use vsm_dsl::model::props::{Choice, PropType, PropValue, Record};

use crate::ast::{Name, Number, Prop, Value};

/// `` `a`, `b`, `c` ``.
pub(crate) fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "unknown `what` `key`; expected one of ...".
pub(crate) fn unknown(key: &Name, what: &str, expected: &[&str]) -> syn::Error {
    key.sp.error(format!(
        "unknown {what} `{}`; expected one of {}",
        key.value,
        list(expected)
    ))
}

/// A name: a string literal or a word.
pub(crate) fn name(v: &Value, what: &str) -> Result<Name, syn::Error> {
    match v {
        Value::Str(s, sp) | Value::Ident(s, sp) => Ok(Name {
            value: s.clone(),
            sp: *sp,
        }),
        other => Err(other.sp().error(format!(
            "expected the {what} as a word or a string, found {}",
            other.describe()
        ))),
    }
}

/// One name, or a list of them.
pub(crate) fn names(v: &Value, what: &str) -> Result<Vec<Name>, syn::Error> {
    match v {
        Value::List(items, _) => items.iter().map(|i| name(i, what)).collect(),
        other => Ok(vec![name(other, what)?]),
    }
}

/// One item, or each item of a list: one value may be written without brackets.
pub(crate) fn items(v: &Value) -> Vec<&Value> {
    match v {
        Value::List(items, _) => items.iter().collect(),
        other => vec![other],
    }
}

/// `30m`, `2d 4h`, `90s`, `0` or `"2d 4h"`, read by `vsm_dsl::model::duration::parse`.
pub(crate) fn duration_of(v: &Value, key: &str) -> Result<Duration, syn::Error> {
    let text = match v {
        Value::Str(s, _) => s.clone(),
        Value::Number(Number {
            negative: false,
            parts,
            percent: false,
            ..
        }) => parts
            .iter()
            .map(|(digits, suffix)| format!("{digits}{suffix}"))
            .collect::<Vec<_>>()
            .join(" "),
        other => {
            return Err(other.sp().error(format!(
                "`{key}` takes a duration, like `30m`, `4h` or `2d 4h`, found {}",
                other.describe()
            )))
        }
    };
    duration::parse(&text).map_err(|e| v.sp().error(e))
}

/// `95%`, `97.5%`, `-5%`.
pub(crate) fn percent(v: &Value) -> Result<f64, syn::Error> {
    match v {
        Value::Number(Number {
            negative,
            parts,
            percent: true,
            ..
        }) if parts.len() == 1 && parts[0].1.is_empty() => {
            let value: f64 = parts[0]
                .0
                .parse()
                .map_err(|_| v.sp().error("expected a percentage, like `95%`"))?;
            Ok(if *negative { -value } else { value })
        }
        other => Err(other.sp().error(format!(
            "`ca` takes a percentage, like `95%`, found {}",
            other.describe()
        ))),
    }
}

/// A whole number without a suffix.
pub(crate) fn whole(v: &Value, key: &str) -> Result<u32, syn::Error> {
    match v {
        Value::Number(Number {
            negative: false,
            parts,
            percent: false,
            ..
        }) if parts.len() == 1 && parts[0].1.is_empty() => parts[0].0.parse().map_err(|_| {
            v.sp()
                .error(format!("`{key}` takes a whole number from 0 to 4294967295"))
        }),
        other => Err(other.sp().error(format!(
            "`{key}` takes a whole number, like `2`, found {}",
            other.describe()
        ))),
    }
}

/// One of a choice's words, written in any case, with or without `_`.
pub(crate) fn word(
    v: &Value,
    key: &str,
    choice: &'static Choice,
) -> Result<&'static str, syn::Error> {
    let words = choice.words().join(", ");
    match v {
        Value::Ident(s, sp) | Value::Str(s, sp) => choice.find(s).ok_or_else(|| {
            sp.error(format!(
                "unknown `{key}` value `{s}`; expected one of {words}"
            ))
        }),
        other => Err(other.sp().error(format!(
            "`{key}` takes one of {words}, found {}",
            other.describe()
        ))),
    }
}

/// A template expression: `!Tag argument`, read as the template's long form.
pub(crate) fn expression(v: &Value) -> Result<Expr, syn::Error> {
    let json = template_json(v)?;
    let e = Expr::from_value(&json);
    if e.is_intrinsic() {
        Ok(e)
    } else {
        Err(v.sp().error(format!(
            "`{}` is not a template expression CloudFormation knows; write one such as `!Ref Repo`, `!Sub \"${{Env}}-app\"`, `!GetAtt Role.Arn`, `!ImportValue \"name\"`, `!FindInMap [Map, Key, Name]`, `!If [Condition, a, b]` or `!Join [\"-\", [a, b]]`",
            describe_tag(v)
        )))
    }
}

fn describe_tag(v: &Value) -> String {
    match v {
        Value::Tag(name, _, _) => format!("!{}", name.value),
        other => other.describe().to_owned(),
    }
}

/// A value as the template writes it: tags as their long form (`!Ref X` is
/// `{"Ref": "X"}`), `true` and `false` as booleans (as YAML reads them), other words and
/// strings as strings, lists, maps and numbers as they are.
pub(crate) fn template_json(v: &Value) -> Result<serde_json::Value, syn::Error> {
    use serde_json::Value as J;
    Ok(match v {
        Value::Ident(s, _) if s == "true" || s == "false" => J::Bool(s == "true"),
        Value::Str(s, _) | Value::Ident(s, _) => J::String(s.clone()),
        Value::Number(n) if !n.percent && n.parts.len() == 1 && n.parts[0].1.is_empty() => {
            let digits = &n.parts[0].0;
            let text = if n.negative {
                format!("-{digits}")
            } else {
                digits.clone()
            };
            serde_json::from_str(&text).map_err(|_| n.sp.error("expected a number"))?
        }
        Value::List(items, _) => {
            J::Array(items.iter().map(template_json).collect::<Result<_, _>>()?)
        }
        Value::Map(entries, _) => J::Object(
            entries
                .iter()
                .map(|e| Ok((e.key.value.clone(), template_json(&e.value)?)))
                .collect::<Result<_, syn::Error>>()?,
        ),
        Value::Tag(name, arg, _) => {
            let key = match name.value.as_str() {
                "Ref" | "Condition" => name.value.clone(),
                other => format!("Fn::{other}"),
            };
            let mut arg = template_json(arg)?;
            if name.value == "GetAtt" {
                if let J::String(dotted) = &arg {
                    if let Some((r, a)) = dotted.split_once('.') {
                        arg = J::Array(vec![J::String(r.to_owned()), J::String(a.to_owned())]);
                    }
                }
            }
            J::Object([(key, arg)].into_iter().collect())
        }
        other => {
            return Err(other.sp().error(format!(
                "expected a template value, found {}",
                other.describe()
            )))
        }
    })
}

/// A property value of type `ty`, with an error on the token that does not fit.
pub(crate) fn prop_value(ty: PropType, v: &Value, key: &str) -> Result<PropValue, syn::Error> {
    if let (PropType::Text | PropType::Count | PropType::TextList, Value::Tag(..)) = (ty, v) {
        return Ok(PropValue::Expr(expression(v)?));
    }
    Ok(match ty {
        PropType::Text => PropValue::Text(text(v, key)?),
        PropType::Bool => match v {
            Value::Ident(s, _) if s == "true" => PropValue::Bool(true),
            Value::Ident(s, _) if s == "false" => PropValue::Bool(false),
            other => {
                return Err(other.sp().error(format!(
                    "`{key}` takes `true` or `false`, found {}",
                    other.describe()
                )))
            }
        },
        PropType::Count => PropValue::Count(whole(v, key)?),
        PropType::Duration => PropValue::Duration(duration_of(v, key)?),
        PropType::Choice(c) => PropValue::Word(word(v, key, c)?),
        PropType::TextList => PropValue::List(
            items(v)
                .into_iter()
                .map(|i| text_or_expression(i, key))
                .collect::<Result<_, _>>()?,
        ),
        PropType::ChoiceList(c) => PropValue::List(
            items(v)
                .into_iter()
                .map(|i| word(i, key, c).map(PropValue::Word))
                .collect::<Result<_, _>>()?,
        ),
        PropType::TextMap => match v {
            Value::Map(entries, _) => PropValue::Map(
                entries
                    .iter()
                    .map(|e| {
                        Ok((
                            e.key.value.clone(),
                            text_or_expression(&e.value, &e.key.value)?,
                        ))
                    })
                    .collect::<Result<_, syn::Error>>()?,
            ),
            other => {
                return Err(other.sp().error(format!(
                    "expected `{key}: {{ Key: \"value\", ... }}`, found {}",
                    other.describe()
                )))
            }
        },
        PropType::Records(r) => PropValue::List(
            items(v)
                .into_iter()
                .map(|i| record(r, i, key))
                .collect::<Result<_, _>>()?,
        ),
        PropType::Record(r) => record(r, v, key)?,
        PropType::Template => PropValue::Expr(Expr::from_value(&template_json(v)?)),
        PropType::Parsed(p) => match v {
            Value::Str(s, _) => PropValue::Text(s.clone()),
            // A plain number (`2.5`, `90%`) for a type written as one.
            Value::Number(n) if !n.negative && n.parts.len() == 1 && n.parts[0].1.is_empty() => {
                PropValue::Text(format!(
                    "{}{}",
                    n.parts[0].0,
                    if n.percent { "%" } else { "" }
                ))
            }
            other => {
                return Err(other.sp().error(format!(
                    "`{key}` takes {}, like `\"{}\"`, found {}",
                    p.what,
                    p.example,
                    other.describe()
                )))
            }
        },
    })
}

/// Text or a template expression.
fn text_or_expression(v: &Value, key: &str) -> Result<PropValue, syn::Error> {
    match v {
        Value::Tag(..) => expression(v).map(PropValue::Expr),
        other => text(other, key).map(PropValue::Text),
    }
}

/// Text: a string, or a bare word.
fn text(v: &Value, key: &str) -> Result<String, syn::Error> {
    match v {
        Value::Str(s, _) | Value::Ident(s, _) => Ok(s.clone()),
        other => Err(other.sp().error(format!(
            "`{key}` takes a string, like `\"text\"`, found {}",
            other.describe()
        ))),
    }
}

/// A record: `{ field: value, .. }`, or one of its short forms (`Name`, `Name = value`,
/// `Name { other: .. }`) when it has them.
fn record(r: &'static Record, v: &Value, key: &str) -> Result<PropValue, syn::Error> {
    let fields = r.keys();
    let (named, entries, sp): (Vec<(String, PropValue)>, &[Prop], _) = match (v, r.short) {
        (Value::Map(entries, sp), _) => (Vec::new(), entries.as_slice(), *sp),
        (Value::Str(..) | Value::Ident(..), Some(short)) => {
            let n = name(v, short.key)?;
            (
                vec![(short.key.to_owned(), PropValue::Text(n.value))],
                &[],
                v.sp(),
            )
        }
        (Value::Assign(n, value, sp), Some(short)) if short.assign.is_some() => {
            let assign = short.assign.unwrap_or_default();
            let ty = r.field(assign).map_or(PropType::Text, |f| f.ty);
            let first = (short.key.to_owned(), PropValue::Text(n.value.clone()));
            let second = (assign.to_owned(), prop_value(ty, value, assign)?);
            (vec![first, second], &[], *sp)
        }
        (Value::Block(n, entries, sp), Some(short)) => (
            vec![(short.key.to_owned(), PropValue::Text(n.value.clone()))],
            entries.as_slice(),
            *sp,
        ),
        (other, _) => return Err(other.sp().error(record_expected(r, key, other))),
    };
    let mut out = named;
    for e in entries {
        let Some(field) = r.field(&e.key.value) else {
            return Err(unknown(&e.key, &format!("`{key}` field"), &fields));
        };
        let value = prop_value(field.ty, &e.value, field.key)?;
        match out.iter_mut().find(|(k, _)| k == field.key) {
            // A list field written again adds to the list (`push: {..}, push: {..}`).
            Some((_, PropValue::List(items))) => match value {
                PropValue::List(more) => items.extend(more),
                one => items.push(one),
            },
            Some(_) => return Err(e.key.sp.error(format!("`{}` is set twice", field.key))),
            None => out.push((field.key.to_owned(), value)),
        }
    }
    if let Some(missing) = r
        .fields
        .iter()
        .find(|f| f.required && !out.iter().any(|(k, _)| k == f.key))
    {
        return Err(sp.error(format!("`{key}` needs `{}`", missing.key)));
    }
    Ok(PropValue::Map(out))
}

/// "expected `key: { a: .., b: .. }`" (with the short forms, when the record has them).
fn record_expected(r: &Record, key: &str, found: &Value) -> String {
    let block = format!(
        "{{ {} }}",
        r.fields
            .iter()
            .map(|f| format!("{}: ..", f.key))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let forms = match r.short {
        Some(short) => {
            let mut forms = vec![format!("`Name`")];
            if let Some(assign) = short.assign {
                forms.push(format!("`Name = {assign}`"));
            }
            forms.push("`Name { .. }`".to_owned());
            format!(" or {}", forms.join(", "))
        }
        None => String::new(),
    };
    format!(
        "expected `{key}: {block}`{forms}, found {}",
        found.describe()
    )
}

/// An example value of a type, for "needs `key: example`" messages.
pub(crate) fn example(ty: PropType) -> String {
    match ty {
        PropType::Text | PropType::TextList => "\"...\"".to_owned(),
        PropType::Bool => "true".to_owned(),
        PropType::Count => "1".to_owned(),
        PropType::Duration => "30m".to_owned(),
        PropType::Choice(c) | PropType::ChoiceList(c) => c.options[0].0.to_owned(),
        PropType::TextMap => "{ Key: \"value\" }".to_owned(),
        PropType::Records(_) => "[{ .. }]".to_owned(),
        PropType::Record(_) => "{ .. }".to_owned(),
        PropType::Parsed(p) => format!("\"{}\"", p.example),
        PropType::Template => "!Equals [!Ref Env, \"prod\"]".to_owned(),
    }
}
