//! A stream as `stream!` source.

use std::fmt::Write;

use super::layout;
use crate::model::props::{PropKind, PropType, PropValue, Record};
use crate::model::{duration, Action, Annotations, Rule, Settings, StageCondition, Stream, Text};

/// The body of a `stream! { ... }` block that reads back as `stream`.
pub fn stream_macro(stream: &Stream) -> String {
    let mut out = String::new();
    let settings = settings(&stream.settings);
    if settings.is_empty() {
        let _ = writeln!(out, "pipeline {}", text_value(&stream.name));
    } else {
        let _ = writeln!(out, "pipeline {} {{", text_value(&stream.name));
        for s in settings {
            let _ = writeln!(out, "    {s},");
        }
        out.push_str("}\n");
    }
    for (i, stage) in stream.stages.iter().enumerate() {
        let keyword = if i == 0 { "source" } else { "stage" };
        let _ = writeln!(out, "\n{keyword} {} {{", text(&stage.name));
        for presence in presence(&stage.when, &stage.unless) {
            let _ = writeln!(out, "    {presence},");
        }
        for (place, c) in stage.settings.conditions() {
            let _ = writeln!(out, "    {}: {},", place.key(), condition(c));
        }
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

/// A condition: its result alone, or `{ result: .., retry_mode: .., rules: [..], .. }`.
fn condition(c: &StageCondition) -> String {
    let mut entries = vec![format!("result: {}", c.result)];
    if let Some(mode) = c.retry_mode {
        entries.push(format!("retry_mode: {mode}"));
    }
    if !c.rules.is_empty() {
        entries.push(format!("rules: {}", list(c.rules.iter().map(rule))));
    }
    entries.extend(annotations(&c.annotations));
    if entries.len() == 1 {
        return c.result.to_string();
    }
    format!("{{ {} }}", entries.join(", "))
}

/// A rule: `kind "name" { .. }`.
fn rule(r: &Rule) -> String {
    let mut props = typed_props(&r.kind.values());
    if !r.inputs.is_empty() {
        props.push(format!("inputs: {}", names(&r.inputs)));
    }
    if let Some(v) = r.region.as_ref().and_then(PropKind::to_prop) {
        props.push(format!("region: {}", value(PropType::Text, &v)));
    }
    if let Some(account) = &r.account {
        props.push(format!("account: {}", text(account)));
    }
    if let Some(v) = r.role_arn.as_ref().and_then(PropKind::to_prop) {
        props.push(format!("role_arn: {}", value(PropType::Text, &v)));
    }
    let head = format!("{} {}", r.kind.keyword(), text(&r.name));
    if props.is_empty() {
        head
    } else {
        format!("{head} {{ {} }}", props.join(", "))
    }
}

/// `key: value` of each property that is set.
fn typed_props(values: &[(&'static crate::model::props::PropInfo, PropValue)]) -> Vec<String> {
    values
        .iter()
        .map(|(p, v)| format!("{}: {}", p.key, value(p.ty, v)))
        .collect()
}

/// `when: ..` and `unless: ..` of a stage or an action, each when set.
fn presence(when: &[String], unless: &[String]) -> Vec<String> {
    [("when", when), ("unless", unless)]
        .into_iter()
        .filter(|(_, list)| !list.is_empty())
        .map(|(key, list)| match list {
            [one] => format!("{key}: {}", name(one)),
            _ => format!("{key}: {}", names(list)),
        })
        .collect()
}

/// `process: ..`, `wait: ..`, `ca: ..%` of what is set.
fn annotations(n: &Annotations) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = n.process_time {
        out.push(format!("process: {}", duration::format(d)));
    }
    if let Some(d) = n.wait_time {
        out.push(format!("wait: {}", duration::format(d)));
    }
    if let Some(ca) = n.complete_accurate {
        out.push(format!("ca: {ca}%"));
    }
    out
}

fn action(a: &Action, explicit: bool) -> String {
    let mut props = typed_props(&a.kind.values());
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
    if let Some(account) = &a.account {
        props.push(format!("account: {}", text(account)));
    }
    for (key, t) in [("region", &a.region), ("action_role", &a.action_role)] {
        if let Some(v) = t.as_ref().and_then(PropKind::to_prop) {
            props.push(format!("{key}: {}", value(PropType::Text, &v)));
        }
    }
    props.extend(presence(&a.when, &a.unless));
    props.extend(annotations(&a.annotations));
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
        (PropType::Records(r), PropValue::List(items)) => list(items.iter().map(|i| record(r, i))),
        (PropType::Record(r), v) => record(r, v),
        (PropType::TextMap, PropValue::Map(entries)) => map(entries
            .iter()
            .map(|(k, v)| (k.as_str(), value(PropType::Text, v)))),
        (_, PropValue::List(items)) => list(items.iter().map(|i| value(ty, i))),
        (_, PropValue::Text(t)) => text(t),
        (_, PropValue::Expr(e)) => super::expr::source(e),
        (_, PropValue::Bool(b)) => b.to_string(),
        (_, PropValue::Count(n)) => n.to_string(),
        (_, PropValue::Duration(d)) => duration::format(*d),
        (_, PropValue::Word(w)) => name(w),
        (_, PropValue::Map(entries)) => map(entries
            .iter()
            .map(|(k, v)| (k.as_str(), value(PropType::Text, v)))),
    }
}

/// A record: its short form (`Name`, `Name = value`, `Name { .. }`) when it has one, else
/// `{ field: value, .. }`.
fn record(r: &Record, v: &PropValue) -> String {
    let PropValue::Map(entries) = v else {
        return value(PropType::Text, v);
    };
    fn field<'a>(r: &Record, (k, v): &'a (String, PropValue)) -> (&'a str, String) {
        let ty = r.field(k).map_or(PropType::Text, |f| f.ty);
        (k.as_str(), value(ty, v))
    }
    let field = |e| field(r, e);
    let Some(short) = r.short else {
        return map(entries.iter().map(field));
    };
    let Some((_, PropValue::Text(key))) = entries.iter().find(|(k, _)| k == short.key) else {
        return map(entries.iter().map(field));
    };
    let rest: Vec<&(String, PropValue)> = entries.iter().filter(|(k, _)| k != short.key).collect();
    match (rest.as_slice(), short.assign) {
        ([], _) => name(key),
        ([entry], Some(assign)) if entry.0 == assign => {
            format!("{} = {}", name(key), field(entry).1)
        }
        (rest, _) => format!("{} {}", name(key), map(rest.iter().map(|e| field(e)))),
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
/// A literal or computed value: a string literal, or its tag (`!Ref Name`).
fn text_value(t: &Text) -> String {
    match t {
        Text::Lit(s) => text(s),
        Text::Expr(e) => super::expr::source(e),
    }
}

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
    s.changed()
        .iter()
        .map(|(info, v)| format!("{}: {}", info.key, value(info.ty, v)))
        .collect()
}
