//! A stream as builder calls.

use super::{layout, Code};
use crate::model::props::{Choice, Parsed, PropInfo, PropKind, PropType, PropValue, Record};
use crate::model::{
    Action, Annotations, ConditionResult, RetryMode, Rule, Settings, Stage, StageCondition, Stream,
    Text,
};

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
    let mut code = presence(Code::Var("s".to_owned()), &stage.when, &stage.unless);
    for (place, c) in stage.settings.conditions() {
        code = code.method(place.key(), vec![condition(c, required)]);
    }
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

/// The constructor call of a kind or rule type (`codebuild("Name", ..)`, or its `Required`
/// struct by name), then a setter for each optional property that is set.
fn typed(
    (keyword, module, constructor): (&str, &str, &[&str]),
    props: &[PropInfo],
    values: &[(&'static PropInfo, PropValue)],
    name: &str,
    required: Required,
) -> Code {
    let value_of = |p: &PropInfo| values.iter().find(|(i, _)| i.key == p.key).map(|(_, v)| v);
    let name = Code::Str(name.to_owned());
    let required_props = props.iter().filter(|p| p.required);
    let mut code = match required {
        Required::Positional => {
            let mut args = vec![name];
            for p in required_props {
                args.extend(value_of(p).map(|v| value(p.ty, v)));
            }
            let mut segments = constructor.to_vec();
            segments.push(keyword);
            Code::path(&segments, constructor.len()).call(args)
        }
        Required::ByName => {
            let fields = required_props
                .filter_map(|p| {
                    value_of(p).map(|v| (p.key.to_owned(), value(p.ty, v).method("into", vec![])))
                })
                .collect();
            let mut segments: Vec<&str> = module.split("::").skip(1).collect();
            segments.push("Required");
            Code::Exact(Box::new(Code::path(&segments, 1)), fields).method("build", vec![name])
        }
    };
    for (p, v) in values {
        if !p.required {
            code = code.method(p.key, vec![value(p.ty, v)]);
        }
    }
    code
}

fn action(a: &Action, explicit: bool, required: Required) -> Code {
    let info = a.kind.info();
    let mut code = typed(
        (info.keyword, info.module, &["builder"]),
        info.props,
        &a.kind.values(),
        &a.name,
        required,
    );
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
    if let Some(account) = &a.account {
        code = code.method("account", vec![Code::Str(account.clone())]);
    }
    for (key, text) in [("region", &a.region), ("action_role", &a.action_role)] {
        if let Some(v) = text.as_ref().and_then(PropKind::to_prop) {
            code = code.method(key, vec![value(PropType::Text, &v)]);
        }
    }
    code = presence(code, &a.when, &a.unless);
    annotations(code, &a.annotations)
}

/// `.when(..)` and `.unless(..)`, once per condition.
fn presence(mut code: Code, when: &[String], unless: &[String]) -> Code {
    for (method, list) in [("when", when), ("unless", unless)] {
        for c in list {
            code = code.method(method, vec![Code::Str(c.clone())]);
        }
    }
    code
}

/// A stage's condition: `StageCondition::new(result)`, then its retry mode, rules and annotations.
fn condition(c: &StageCondition, required: Required) -> Code {
    let mut code = Code::path(&["model", "StageCondition", "new"], 2)
        .call(vec![choice(&ConditionResult::CHOICE, c.result.as_str())]);
    if let Some(mode) = c.retry_mode {
        code = code.method(
            "retry_mode",
            vec![choice(&RetryMode::CHOICE, mode.as_str())],
        );
    }
    for r in &c.rules {
        code = code.method("rule", vec![rule(r, required)]);
    }
    annotations(code, &c.annotations)
}

/// A rule: its type's constructor and setters, then its inputs, Region and role.
fn rule(r: &Rule, required: Required) -> Code {
    let info = r.kind.info();
    let mut code = typed(
        (info.keyword, info.module, &["builder", "rule"]),
        info.props,
        &r.kind.values(),
        &r.name,
        required,
    );
    if !r.inputs.is_empty() {
        code = code.method("inputs", vec![texts(&r.inputs)]);
    }
    if let Some(v) = r.region.as_ref().and_then(PropKind::to_prop) {
        code = code.method("region", vec![value(PropType::Text, &v)]);
    }
    if let Some(account) = &r.account {
        code = code.method("account", vec![Code::Str(account.clone())]);
    }
    if let Some(v) = r.role_arn.as_ref().and_then(PropKind::to_prop) {
        code = code.method("role_arn", vec![value(PropType::Text, &v)]);
    }
    code
}

/// The annotation setters of a step or condition.
fn annotations(mut code: Code, n: &Annotations) -> Code {
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
    // A kind's choices are in scope with `use vsm::kinds::*`; a rule type's are named from
    // `conditions` (`conditions::cloudwatch_alarm::AlarmState::Alarm`).
    let short = if segments.first() == Some(&"conditions") {
        segments.len() + 2
    } else {
        2
    };
    segments.extend([c.rust_type, variant]);
    Code::path(&segments, short)
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
        (PropType::TextMap, PropValue::Map(entries)) => {
            // One array: with an expression among them, literal values convert too.
            let mixed = entries.iter().any(|(_, v)| matches!(v, PropValue::Expr(_)));
            Code::Array(
                entries
                    .iter()
                    .map(|(k, v)| {
                        let value = match v {
                            PropValue::Text(_) if mixed => {
                                value(PropType::Text, v).method("into", vec![])
                            }
                            _ => value(PropType::Text, v),
                        };
                        Code::Tuple(vec![Code::Str(k.clone()), value])
                    })
                    .collect(),
            )
        }
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

/// Optional scalars are `Some(..)`; lists and maps are themselves. (A record's flag is
/// optional too: `Parameter::no_echo`.)
fn optional(ty: PropType, owned: Code) -> Code {
    match ty {
        PropType::Text
        | PropType::Bool
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
