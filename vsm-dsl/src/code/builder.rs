//! A stream as builder calls.

use super::{layout, Code};
use crate::model::props::{Choice, Parsed, PropInfo, PropType, PropValue, Record};
use crate::model::{Action, Settings, Stage, Stream, Text};

/// How the builder code names a kind's required properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Required {
    /// As arguments of the kind's constructor, in order: `codecommit("Src", "repo", "main")`,
    /// as a person writes it.
    Positional,
    /// By name, in the kind's `Required` struct: what the `stream!` macro's expansion uses, so
    /// that no property can be swapped or left out without a compile error.
    ByName,
}

/// The builder calls that make `stream`, up to (not including) `.build()`.
pub fn builder(stream: &Stream) -> Code {
    builder_with(stream, Required::Positional)
}

/// The builder calls that make `stream`, naming required properties as `required` says.
pub fn builder_with(stream: &Stream, required: Required) -> Code {
    let mut code = Code::path(&["ValueStream", "builder"], 2).call(vec![text_value(&stream.name)]);
    code = settings(code, &stream.settings);
    for (i, stage) in stream.stages.iter().enumerate() {
        let method = if i == 0 { "source" } else { "stage" };
        code = code.method(
            method,
            vec![
                Code::Str(stage.name.clone()),
                Code::Closure("s".to_owned(), Box::new(stage_body(stage, required))),
            ],
        );
    }
    code
}

fn stage_body(stage: &Stage, required: Required) -> Code {
    let mut code = Code::Var("s".to_owned());
    for placed in layout(stage) {
        if placed.new_step {
            code = code.method("then", Vec::new());
        }
        code = code.method(
            "action",
            vec![action(placed.action, placed.explicit, required)],
        );
    }
    code
}

fn action(a: &Action, explicit: bool, required: Required) -> Code {
    let info = a.kind.info();
    let values = a.kind.values();
    let value_of = |p: &PropInfo| values.iter().find(|(i, _)| i.key == p.key).map(|(_, v)| v);
    let name = Code::Str(a.name.clone());
    let mut code = match required {
        Required::Positional => {
            let mut args = vec![name];
            for p in info.required_props() {
                args.extend(value_of(p).map(|v| value(p.ty, v)));
            }
            Code::path(&["builder", info.keyword], 1).call(args)
        }
        Required::ByName => {
            let fields = info
                .required_props()
                .filter_map(|p| {
                    value_of(p).map(|v| (p.key.to_owned(), value(p.ty, v).method("into", vec![])))
                })
                .collect();
            let mut segments: Vec<&str> = info.module.split("::").skip(1).collect();
            segments.push("Required");
            Code::Exact(Box::new(Code::path(&segments, 1)), fields).method("build", vec![name])
        }
    };
    for (p, v) in &values {
        if !p.required {
            code = code.method(p.key, vec![value(p.ty, v)]);
        }
    }
    if explicit {
        code = code.method("run_order", vec![Code::Int(a.run_order.into())]);
    }
    if !a.inputs.is_empty() {
        code = code.method("inputs", vec![texts(&a.inputs)]);
    }
    if !a.outputs.is_empty() {
        code = code.method("outputs", vec![texts(&a.outputs)]);
    }
    if let Some(ns) = &a.namespace {
        code = code.method("namespace", vec![Code::Str(ns.clone())]);
    }
    let n = &a.annotations;
    if let Some(d) = n.process_time {
        code = code.method("process", vec![Code::Duration(d)]);
    }
    if let Some(d) = n.wait_time {
        code = code.method("wait", vec![Code::Duration(d)]);
    }
    if let Some(ca) = n.complete_accurate {
        code = code.method("ca", vec![Code::Float(ca)]);
    }
    code
}

fn texts(items: &[String]) -> Code {
    Code::Array(items.iter().map(|s| Code::Str(s.clone())).collect())
}

/// A choice's variant, below the crate root.
pub(crate) fn choice(c: &Choice, word: &str) -> Code {
    let variant = c.variant(word).unwrap_or(word);
    let mut segments: Vec<&str> = c.module.split("::").skip(1).collect();
    segments.extend([c.rust_type, variant]);
    Code::path(&segments, 2)
}

fn record_path(r: &Record) -> Code {
    let mut segments: Vec<&str> = r.module.split("::").skip(1).collect();
    segments.push(r.rust_type);
    Code::path(&segments, 1)
}

/// A property value as a setter's argument.
fn value(ty: PropType, v: &PropValue) -> Code {
    match (ty, v) {
        (PropType::Template, PropValue::Expr(e)) => super::expr::template(e),
        (PropType::Choice(c), PropValue::Word(w)) => choice(c, w),
        (PropType::ChoiceList(c), PropValue::List(items)) => Code::Array(
            items
                .iter()
                .map(|i| value(PropType::Choice(c), i))
                .collect(),
        ),
        (PropType::TextMap, PropValue::Map(entries)) => Code::Array(
            entries
                .iter()
                .map(|(k, v)| Code::Tuple(vec![Code::Str(k.clone()), value(PropType::Text, v)]))
                .collect(),
        ),
        (PropType::Records(r), PropValue::List(items)) => {
            Code::Array(items.iter().map(|i| record(r, i)).collect())
        }
        (PropType::Record(r), v) => record(r, v),
        (PropType::Parsed(p), PropValue::Text(t)) => parsed(p, t),
        (_, PropValue::List(items)) => Code::Array(items.iter().map(|i| value(ty, i)).collect()),
        (_, v) => scalar(v),
    }
}

fn scalar(v: &PropValue) -> Code {
    match v {
        PropValue::Text(t) => Code::Str(t.clone()),
        PropValue::Expr(e) => super::expr::code(e),
        PropValue::Bool(b) => Code::Bool(*b),
        PropValue::Count(n) => Code::Int((*n).into()),
        PropValue::Duration(d) => Code::Duration(*d),
        PropValue::Word(w) => Code::Str((*w).to_owned()),
        PropValue::List(items) => Code::Array(items.iter().map(scalar).collect()),
        PropValue::Map(entries) => Code::Array(
            entries
                .iter()
                .map(|(k, v)| Code::Tuple(vec![Code::Str(k.clone()), scalar(v)]))
                .collect(),
        ),
    }
}

/// A record as a struct literal of owned values.
fn record(r: &Record, v: &PropValue) -> Code {
    let PropValue::Map(entries) = v else {
        return scalar(v);
    };
    let fields = r
        .fields
        .iter()
        .filter_map(|f| {
            let (_, v) = entries.iter().find(|(k, _)| k == f.key)?;
            let owned = owned(f.ty, v);
            Some((
                f.key.to_owned(),
                if f.required {
                    owned
                } else {
                    optional(f.ty, owned)
                },
            ))
        })
        .collect::<Vec<_>>();
    // Every field given: no `..Default::default()` (it would update nothing).
    if fields.len() == r.fields.len() {
        Code::Exact(Box::new(record_path(r)), fields)
    } else {
        Code::Struct(Box::new(record_path(r)), fields)
    }
}

/// Optional scalars are `Some(..)`; lists and maps are themselves.
fn optional(ty: PropType, owned: Code) -> Code {
    match ty {
        PropType::Text
        | PropType::Count
        | PropType::Duration
        | PropType::Choice(_)
        | PropType::Record(_)
        | PropType::Parsed(_) => Code::Some(Box::new(owned)),
        _ => owned,
    }
}

/// A value as an owned Rust value (for struct fields).
fn owned(ty: PropType, v: &PropValue) -> Code {
    match (ty, v) {
        (PropType::Template, PropValue::Expr(e)) => super::expr::template(e),
        (PropType::Text, PropValue::Text(t)) => Code::Owned(t.clone()),
        (PropType::Choice(c), PropValue::Word(w)) => choice(c, w),
        (PropType::TextList, PropValue::List(items)) => {
            Code::Vec(items.iter().map(|i| owned(PropType::Text, i)).collect())
        }
        (PropType::ChoiceList(c), PropValue::List(items)) => Code::Vec(
            items
                .iter()
                .map(|i| owned(PropType::Choice(c), i))
                .collect(),
        ),
        (PropType::Records(r), PropValue::List(items)) => {
            Code::Vec(items.iter().map(|i| record(r, i)).collect())
        }
        (PropType::Record(r), v) => record(r, v),
        (PropType::Parsed(p), PropValue::Text(t)) => parsed(p, t),
        (_, v) => scalar(v),
    }
}

fn settings(mut code: Code, s: &Settings) -> Code {
    for (info, v) in s.changed() {
        code = code.method(info.key, vec![value(info.ty, &v)]);
    }
    code
}

/// A parsed value: `"1h=1s".parse::<TimeScale>().expect(..)`.
fn parsed(p: &Parsed, text: &str) -> Code {
    let mut segments: Vec<&str> = p.module.split("::").skip(1).collect();
    segments.push(p.rust_type);
    Code::Parse(Box::new(Code::path(&segments, 1)), text.to_owned())
}

/// A literal or computed value: the string, or the helper call that makes the expression.
fn text_value(t: &Text) -> Code {
    match t {
        Text::Lit(s) => Code::Str(s.clone()),
        Text::Expr(e) => super::expr::code(e),
    }
}
