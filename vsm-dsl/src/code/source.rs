//! A stream as `stream!` source.

use std::fmt::Write;

use super::layout;
use crate::kinds::{PropType, PropValue};
use crate::model::{duration, Action, PullRequestFilter, PushFilter, Settings, Stream};

/// The body of a `stream! { ... }` block that reads back as `stream`.
pub fn stream_macro(stream: &Stream) -> String {
    let mut out = String::new();
    let settings = settings(&stream.settings);
    if settings.is_empty() {
        let _ = writeln!(out, "pipeline {}", text(&stream.name));
    } else {
        let _ = writeln!(out, "pipeline {} {{", text(&stream.name));
        for s in settings {
            let _ = writeln!(out, "    {s},");
        }
        out.push_str("}\n");
    }
    for (i, stage) in stream.stages.iter().enumerate() {
        let keyword = if i == 0 { "source" } else { "stage" };
        let _ = writeln!(out, "\n{keyword} {} {{", text(&stage.name));
        for (j, placed) in layout(stage).into_iter().enumerate() {
            let lead = if j == 0 || placed.new_step {
                "    "
            } else {
                "  | "
            };
            let _ = writeln!(out, "{lead}{}", action(placed.action, placed.explicit));
        }
        out.push_str("}\n");
    }
    out
}

fn action(a: &Action, explicit: bool) -> String {
    let mut props: Vec<String> = a
        .kind
        .values()
        .iter()
        .map(|(p, v)| format!("{}: {}", p.key, value(p.ty, v)))
        .collect();
    if explicit {
        props.push(format!("run_order: {}", a.run_order));
    }
    if !a.inputs.is_empty() {
        props.push(format!("inputs: {}", names(&a.inputs)));
    }
    if !a.outputs.is_empty() {
        props.push(format!("outputs: {}", names(&a.outputs)));
    }
    if let Some(ns) = &a.namespace {
        props.push(format!("namespace: {}", name(ns)));
    }
    let n = &a.annotations;
    if let Some(d) = n.process_time {
        props.push(format!("process: {}", duration::format(d)));
    }
    if let Some(d) = n.wait_time {
        props.push(format!("wait: {}", duration::format(d)));
    }
    if let Some(ca) = n.complete_accurate {
        props.push(format!("ca: {ca}%"));
    }
    let head = format!("{} {}", a.kind.keyword(), text(&a.name));
    if props.is_empty() {
        head
    } else {
        format!("{head} {{ {} }}", props.join(", "))
    }
}

/// A property value as the macro reads it for this type.
fn value(ty: PropType, v: &PropValue) -> String {
    match (ty, v) {
        (PropType::Records(r), PropValue::List(items)) => list(items.iter().map(|i| match i {
            PropValue::Map(entries) => map(entries.iter().map(|(k, v)| {
                let field_ty = r
                    .fields
                    .iter()
                    .find(|f| f.key == k)
                    .map_or(PropType::Text, |f| f.ty);
                (k.as_str(), value(field_ty, v))
            })),
            other => value(PropType::Text, other),
        })),
        (PropType::TextMap, PropValue::Map(entries)) => map(entries
            .iter()
            .map(|(k, v)| (k.as_str(), value(PropType::Text, v)))),
        (_, PropValue::List(items)) => list(items.iter().map(|i| value(ty, i))),
        (_, PropValue::Text(t)) => text(t),
        (_, PropValue::Bool(b)) => b.to_string(),
        (_, PropValue::Count(n)) => n.to_string(),
        (_, PropValue::Duration(d)) => duration::format(*d),
        (_, PropValue::Word(w)) => name(w),
        (_, PropValue::Map(entries)) => map(entries
            .iter()
            .map(|(k, v)| (k.as_str(), value(PropType::Text, v)))),
    }
}

fn list(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(", "))
}

fn map<'a>(entries: impl Iterator<Item = (&'a str, String)>) -> String {
    let entries: Vec<String> = entries.map(|(k, v)| format!("{}: {v}", name(k))).collect();
    format!("{{ {} }}", entries.join(", "))
}

/// A string literal.
fn text(s: &str) -> String {
    format!("{s:?}")
}

/// A name: a bare word when it is one, else a string literal.
fn name(s: &str) -> String {
    let word = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_keyword(s);
    if word {
        s.to_owned()
    } else {
        text(s)
    }
}

fn names(items: &[String]) -> String {
    list(items.iter().map(|s| name(s)))
}

/// Words Rust reserves, which a token stream still carries as identifiers but a reader
/// would stumble on.
fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "async"
            | "await"
            | "break"
            | "const"
            | "continue"
            | "crate"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
            | "_"
    )
}

fn settings(s: &Settings) -> Vec<String> {
    let mut out = Vec::new();
    if s.pipeline_type != Default::default() {
        out.push(format!("pipeline_type: {}", s.pipeline_type));
    }
    if let Some(m) = s.execution_mode {
        out.push(format!("execution_mode: {m}"));
    }
    if s.dashboard {
        out.push("dashboard: true".to_owned());
    }
    if let Some(scale) = s.simulate {
        out.push(format!("simulate: {}", text(&scale.to_string())));
    }
    if !s.variables.is_empty() {
        out.push(format!(
            "variables: {}",
            list(s.variables.iter().map(|v| {
                let mut props = Vec::new();
                if let Some(d) = &v.default {
                    props.push(format!("default: {}", text(d)));
                }
                if let Some(d) = &v.description {
                    props.push(format!("description: {}", text(d)));
                }
                match props.as_slice() {
                    [] => name(&v.name),
                    _ => format!("{} {{ {} }}", name(&v.name), props.join(", ")),
                }
            }))
        ));
    }
    if !s.tags.is_empty() {
        out.push(format!(
            "tags: {}",
            list(
                s.tags
                    .iter()
                    .map(|t| format!("{} = {}", name(&t.key), text(&t.value)))
            )
        ));
    }
    if !s.triggers.is_empty() {
        out.push(format!(
            "triggers: {}",
            list(s.triggers.iter().map(|t| {
                let mut props = Vec::new();
                if !t.push.is_empty() {
                    props.push(format!("push: {}", list(t.push.iter().map(push))));
                }
                if !t.pull_request.is_empty() {
                    props.push(format!(
                        "pull_request: {}",
                        list(t.pull_request.iter().map(pull_request))
                    ));
                }
                format!("{} {{ {} }}", name(&t.source_action), props.join(", "))
            }))
        ));
    }
    out
}

fn patterns(fields: &[(&str, &Vec<String>)]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| ((*k).to_owned(), list(v.iter().map(|s| text(s)))))
        .collect()
}

fn push(f: &PushFilter) -> String {
    let fields = patterns(&f.patterns());
    map(fields.iter().map(|(k, v)| (k.as_str(), v.clone())))
}

fn pull_request(f: &PullRequestFilter) -> String {
    let mut fields = Vec::new();
    if !f.events.is_empty() {
        fields.push((
            "events".to_owned(),
            list(f.events.iter().map(|e| e.as_str().to_owned())),
        ));
    }
    fields.extend(patterns(&f.patterns()));
    map(fields.iter().map(|(k, v)| (k.as_str(), v.clone())))
}
