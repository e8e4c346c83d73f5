//! A stream as builder calls.

use super::{layout, Code};
use crate::kinds::{Choice, PropInfo, PropType, PropValue, Record};
use crate::model::{Action, PullRequestFilter, PushFilter, Settings, Stage, Stream};

/// The builder calls that make `stream`, up to (not including) `.build()`.
pub fn builder(stream: &Stream) -> Code {
    let mut code =
        Code::path(&["ValueStream", "builder"], 2).call(vec![Code::Str(stream.name.clone())]);
    code = settings(code, &stream.settings);
    for (i, stage) in stream.stages.iter().enumerate() {
        let method = if i == 0 { "source" } else { "stage" };
        code = code.method(
            method,
            vec![
                Code::Str(stage.name.clone()),
                Code::Closure("s".to_owned(), Box::new(stage_body(stage))),
            ],
        );
    }
    code
}

fn stage_body(stage: &Stage) -> Code {
    let mut code = Code::Var("s".to_owned());
    for placed in layout(stage) {
        if placed.new_step {
            code = code.method("then", Vec::new());
        }
        code = code.method("action", vec![action(placed.action, placed.explicit)]);
    }
    code
}

fn action(a: &Action, explicit: bool) -> Code {
    let info = a.kind.info();
    let values = a.kind.values();
    let value_of = |p: &PropInfo| values.iter().find(|(i, _)| i.key == p.key).map(|(_, v)| v);
    let mut args = vec![Code::Str(a.name.clone())];
    for p in info.required_props() {
        args.extend(value_of(p).map(|v| value(p.ty, v)));
    }
    let mut code = Code::path(&["builder", info.keyword], 1).call(args);
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
        (_, PropValue::List(items)) => Code::Array(items.iter().map(|i| value(ty, i)).collect()),
        (_, v) => scalar(v),
    }
}

fn scalar(v: &PropValue) -> Code {
    match v {
        PropValue::Text(t) => Code::Str(t.clone()),
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
        .collect();
    Code::Struct(Box::new(record_path(r)), fields)
}

/// Optional scalars are `Some(..)`; lists and maps are themselves.
fn optional(ty: PropType, owned: Code) -> Code {
    match ty {
        PropType::Text | PropType::Count | PropType::Duration | PropType::Choice(_) => {
            Code::Some(Box::new(owned))
        }
        _ => owned,
    }
}

/// A value as an owned Rust value (for struct fields).
fn owned(ty: PropType, v: &PropValue) -> Code {
    match (ty, v) {
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
        (_, v) => scalar(v),
    }
}

fn settings(mut code: Code, s: &Settings) -> Code {
    if s.pipeline_type != Default::default() {
        let t = choice(
            &crate::model::PipelineType::CHOICE,
            s.pipeline_type.as_str(),
        );
        code = code.method("pipeline_type", vec![t]);
    }
    if let Some(m) = s.execution_mode {
        let m = choice(&crate::model::ExecutionMode::CHOICE, m.as_str());
        code = code.method("execution_mode", vec![m]);
    }
    if s.dashboard {
        code = code.method("dashboard", vec![Code::Bool(true)]);
    }
    if let Some(scale) = s.simulate {
        let scale = Code::path(&["model", "TimeScale", "new"], 2)
            .call(vec![Code::Duration(scale.map), Code::Duration(scale.run)])
            .method(
                "expect",
                vec![Code::Str("both sides above zero".to_owned())],
            );
        code = code.method("simulate", vec![scale]);
    }
    if !s.variables.is_empty() {
        let vars = s.variables.iter().map(|v| {
            let mut c =
                Code::path(&["model", "Variable", "new"], 2).call(vec![Code::Str(v.name.clone())]);
            if let Some(d) = &v.default {
                c = c.method("default_value", vec![Code::Str(d.clone())]);
            }
            if let Some(d) = &v.description {
                c = c.method("description", vec![Code::Str(d.clone())]);
            }
            c
        });
        code = code.method("variables", vec![Code::Array(vars.collect())]);
    }
    if !s.triggers.is_empty() {
        let triggers = s.triggers.iter().map(|t| {
            let mut c = Code::path(&["model", "Trigger", "new"], 2)
                .call(vec![Code::Str(t.source_action.clone())]);
            for f in &t.push {
                c = c.method("push", vec![push_filter(f)]);
            }
            for f in &t.pull_request {
                c = c.method("pull_request", vec![pull_request_filter(f)]);
            }
            c
        });
        code = code.method("triggers", vec![Code::Array(triggers.collect())]);
    }
    if !s.tags.is_empty() {
        let tags = s
            .tags
            .iter()
            .map(|t| Code::Tuple(vec![Code::Str(t.key.clone()), Code::Str(t.value.clone())]));
        code = code.method("tags", vec![Code::Array(tags.collect())]);
    }
    code
}

fn filter_fields(fields: &[(&str, &Vec<String>)]) -> Vec<(String, Code)> {
    fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            (
                (*k).to_owned(),
                Code::Vec(v.iter().map(|s| Code::Owned(s.clone())).collect()),
            )
        })
        .collect()
}

fn push_filter(f: &PushFilter) -> Code {
    let fields = filter_fields(&f.patterns());
    Code::Struct(Box::new(Code::path(&["model", "PushFilter"], 1)), fields)
}

fn pull_request_filter(f: &PullRequestFilter) -> Code {
    let mut fields = Vec::new();
    if !f.events.is_empty() {
        let events = f
            .events
            .iter()
            .map(|e| choice(&crate::model::PullRequestEvent::CHOICE, e.as_str()));
        fields.push(("events".to_owned(), Code::Vec(events.collect())));
    }
    fields.extend(filter_fields(&f.patterns()));
    Code::Struct(
        Box::new(Code::path(&["model", "PullRequestFilter"], 1)),
        fields,
    )
}
