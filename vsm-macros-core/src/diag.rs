//! Phase 3, diagnostics: run the `vsm_dsl` rules on the lowered stream and turn each violation
//! into a compile error on the token it is about.
//!
//! No rule is implemented here: [`violations`] calls `vsm_dsl::rules::check`, the very
//! function behind the builder's `build()`. This module only maps each violation's
//! [`Location`] back to a span through the side table built by [`crate::lower`].

use vsm_dsl::catalogue::{RuleId, When};
use vsm_dsl::rules;
use vsm_dsl::{Field, Location, Violation};

use crate::ast::{Errors, Sp};
use crate::lower::{ActionSpans, Lowered, Spans, StageSpans};

/// True for rules that can be decided from the macro's literals alone (catalogue `when` is
/// `C`). The others (the dated Lambda runtime table, template limits) run when the template is
/// emitted, so `vsm_dsl::rules::check` never reports them.
pub fn is_compile_time(rule: RuleId) -> bool {
    rule.when() == When::Compile
}

/// The rule errors of a lowered stream that the macro reports: errors (warnings stay available
/// at run time through `ValueStream::warnings`), of compile-time rules, not on syntax that
/// already has an error of its own.
pub fn violations(lowered: &Lowered) -> Vec<Violation> {
    rules::check(&lowered.stream)
        .into_iter()
        .filter(|v| v.is_error() && is_compile_time(v.rule))
        .filter(|v| !tainted(&lowered.spans, &v.location))
        .collect()
}

fn tainted(spans: &Spans, loc: &Location) -> bool {
    match (&loc.stage, &loc.action) {
        (Some((si, _)), Some((ai, _))) => spans
            .stages
            .get(*si)
            .and_then(|s| s.actions.get(*ai))
            .is_some_and(|a| a.tainted),
        (None, _) => spans.pipeline.tainted,
        (Some((si, _)), None) => spans.stages.get(*si).is_some_and(|s| s.tainted),
    }
}

/// Adds one compile error per violation, spanned on its token.
pub fn report(violations: &[Violation], spans: &Spans, errors: &mut Errors) {
    let mut located: Vec<(Sp, String)> = violations
        .iter()
        .map(|v| (locate(spans, &v.location), message(v, spans)))
        .collect();
    // Source order reads best.
    located.sort_by_key(|(sp, _)| {
        let lc = sp.start.start();
        (lc.line, lc.column)
    });
    for (sp, msg) in located {
        errors.push(sp.error(msg));
    }
}

/// `RULE-ID: message`, then the related place and the hint.
fn message(v: &Violation, spans: &Spans) -> String {
    let mut out = format!("{}: {}", v.rule, v.message);
    if let Some((loc, note)) = &v.related {
        let sp = locate(spans, loc);
        let lc = sp.start.start();
        if lc.line > 0 {
            out.push_str(&format!(
                "\n= note: {note}: line {}, column {}",
                lc.line,
                lc.column + 1
            ));
        } else {
            out.push_str(&format!("\n= note: {note}: {loc}"));
        }
    }
    if !v.hint.is_empty() {
        out.push_str(&format!("\n= help: {}", v.hint));
    }
    out
}

/// The span of the token a location points at; falls back to the enclosing node.
pub fn locate(spans: &Spans, loc: &Location) -> Sp {
    let p = &spans.pipeline;
    let Some((si, _)) = &loc.stage else {
        let setting = |key: &str| p.settings.iter().find(|s| s.key == key);
        return match loc.field {
            Field::SettingItem(key, i) => setting(key).map_or(p.name, |s| {
                s.items
                    .get(i)
                    .or(s.items.last())
                    .copied()
                    .unwrap_or(s.value)
            }),
            Field::Setting(key) => setting(key).map_or(p.name, |s| s.value),
            _ => p.name,
        };
    };
    let Some(stage) = spans.stages.get(*si) else {
        return p.name;
    };
    let Some((ai, _)) = &loc.action else {
        return condition_field(stage, loc.field);
    };
    let Some(a) = stage.actions.get(*ai) else {
        return stage.name;
    };
    action_field(a, loc.field)
}

/// The span of a stage's condition, one of its rules or a rule's property.
fn condition_field(stage: &StageSpans, field: Field) -> Sp {
    let condition = |key: &str| stage.conditions.iter().find(|c| c.key == key);
    match field {
        Field::When => stage.when.unwrap_or(stage.name),
        Field::Condition(key) => condition(key).map_or(stage.name, |c| c.result.unwrap_or(c.value)),
        Field::Rule(key, i) => condition(key)
            .and_then(|c| c.rules.get(i))
            .map_or(stage.name, |r| r.kind.to(r.name)),
        Field::RuleProp(key, i, prop) => {
            condition(key)
                .and_then(|c| c.rules.get(i))
                .map_or(stage.name, |r| {
                    if prop == "name" {
                        return r.name;
                    }
                    r.props
                        .iter()
                        .find(|(k, _)| *k == prop)
                        .map_or(r.name, |(_, sp)| *sp)
                })
        }
        _ => stage.name,
    }
}

fn action_field(a: &ActionSpans, field: Field) -> Sp {
    let or_name = |sp: Option<Sp>| sp.unwrap_or(a.name);
    match field {
        Field::Kind => a.kind,
        Field::RunOrder => or_name(a.run_order),
        Field::Input(i) => or_name(a.inputs.get(i).copied()),
        Field::Output(i) => or_name(a.outputs.get(i).copied()),
        Field::Namespace => or_name(a.namespace),
        Field::When => or_name(a.when),
        Field::Account => or_name(a.account.or(a.action_role)),
        Field::Region => or_name(a.region),
        Field::ActionRole => or_name(a.action_role),
        Field::Prop(key) => a
            .props
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(a.name, |(_, sp)| *sp),
        Field::ProcessTime => or_name(a.process),
        Field::WaitTime => or_name(a.wait),
        Field::CompleteAccurate => or_name(a.ca),
        _ => a.name,
    }
}
