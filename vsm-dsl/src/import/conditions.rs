//! A stage's conditions read back: `BeforeEntry`, `OnSuccess` and `OnFailure`, each rule as
//! its rule type, through the rule type's own configuration (`crate::conditions`).

use super::decode::{marker, parse};
use super::value::{literal, short, Reader, INEXACT};
use crate::cfn::{Expr, FailureConditions, RuleDeclaration, StageConditions};
use crate::conditions::{behaviour, by_provider, configuration, declared, RuleTypeInfo};
use crate::diagnostic::{Field, Location};
use crate::model::props::{PropType, PropValue};
use crate::model::{
    ConditionPlace, ConditionResult, RetryMode, Rule, RuleKind, Stage, StageCondition, Text,
};

/// The stage declaration's fields the import reads.
const STAGE_FIELDS: [&str; 5] = ["Name", "Actions", "BeforeEntry", "OnSuccess", "OnFailure"];

/// Sets the conditions of stage `si` from its declaration; notes what is not kept.
pub(super) fn read(r: &mut Reader, si: usize, stage: &mut Stage, node: &Expr) {
    let Expr::Map(m) = node else { return };
    for (key, value) in m
        .iter()
        .filter(|(k, _)| !STAGE_FIELDS.contains(&k.as_str()))
    {
        let at = Location::stage(si, &stage.name, Field::Node);
        r.note(at, format!("{INEXACT}{key} {}", short(value)));
    }
    for place in ConditionPlace::ALL.iter().copied() {
        let Some(written) = m.get(place.cfn()) else {
            continue;
        };
        let at = Location::stage(si, &stage.name, Field::Condition(place.key()));
        let condition = match place {
            ConditionPlace::OnFailure => failure(r, si, stage, written, &at),
            _ => gate(r, (si, stage, place), written, &at),
        };
        *stage.settings.slot(place) = condition;
    }
}

/// A `BeforeEntry` or `OnSuccess` condition.
fn gate(
    r: &mut Reader,
    (si, stage, place): (usize, &Stage, ConditionPlace),
    written: &Expr,
    at: &Location,
) -> Option<StageCondition> {
    let form = typed::<StageConditions>(r, written, at)?;
    let mut conditions = form.conditions.into_iter();
    let first = conditions.next();
    if conditions.next().is_some() {
        r.note(
            at.clone(),
            format!("{INEXACT}every condition after the first (CodePipeline takes one)"),
        );
    }
    let Some(first) = first else {
        r.note(
            at.clone(),
            format!("{INEXACT}{} without a condition", place.cfn()),
        );
        return None;
    };
    let mut c = StageCondition::new(result(r, first.result.as_deref(), at));
    c.rules = rules(r, (si, stage, place), first.rules);
    Some(c)
}

/// An `OnFailure` condition: a result, a retry mode, and rules that decide a rollback.
fn failure(
    r: &mut Reader,
    si: usize,
    stage: &Stage,
    written: &Expr,
    at: &Location,
) -> Option<StageCondition> {
    let form = typed::<FailureConditions>(r, written, at)?;
    let mut c = StageCondition::new(result(r, form.result.as_deref(), at));
    if let Some(retry) = form.retry_configuration {
        c.retry_mode = RetryMode::from_word(&retry.retry_mode);
        if c.retry_mode.is_none() {
            r.note(
                at.clone(),
                format!(
                    "{INEXACT}retry mode {:?} (use one of {})",
                    retry.retry_mode,
                    RetryMode::CHOICE.words().join(", ")
                ),
            );
        }
    }
    let mut conditions = form.conditions.into_iter();
    if let Some(first) = conditions.next() {
        if first.result.as_deref() != Some(c.result.as_str()) {
            r.note(
                at.clone(),
                format!(
                    "{INEXACT}the rules' own result {} (the stage's, {}, is written)",
                    first.result.as_deref().unwrap_or("(none)"),
                    c.result.as_str()
                ),
            );
        }
        c.rules = rules(r, (si, stage, ConditionPlace::OnFailure), first.rules);
    }
    if conditions.next().is_some() {
        r.note(
            at.clone(),
            format!("{INEXACT}every condition after the first (CodePipeline takes one)"),
        );
    }
    Some(c)
}

/// The condition as CloudFormation's type reads it; `None`, noted, when it is computed.
fn typed<T: serde::de::DeserializeOwned>(
    r: &mut Reader,
    written: &Expr,
    at: &Location,
) -> Option<T> {
    match serde_json::from_value(written.to_value()) {
        Ok(t) => Some(t),
        Err(e) => {
            r.note(
                at.clone(),
                format!("{INEXACT}the condition {}: {e}", short(written)),
            );
            None
        }
    }
}

/// A condition's result; FAIL (noted) when it is missing or not one CodePipeline has.
fn result(r: &mut Reader, written: Option<&str>, at: &Location) -> ConditionResult {
    match written.map(|w| (w, ConditionResult::from_word(w))) {
        Some((_, Some(result))) => result,
        Some((w, None)) => {
            r.note(
                at.clone(),
                format!(
                    "{INEXACT}result {w:?}: FAIL written (use one of {})",
                    ConditionResult::CHOICE.words().join(", ")
                ),
            );
            ConditionResult::Fail
        }
        // What CodePipeline does without a result, written out.
        None => ConditionResult::Fail,
    }
}

/// The rules of a condition, each as its rule type; a rule no rule type writes back the same
/// is noted and left out.
fn rules(
    r: &mut Reader,
    (si, stage, place): (usize, &Stage, ConditionPlace),
    written: Vec<RuleDeclaration>,
) -> Vec<Rule> {
    let mut out = Vec::new();
    for (ri, d) in written.into_iter().enumerate() {
        let at = Location::stage(si, &stage.name, Field::Rule(place.key(), ri));
        match rule(&d) {
            Ok((rule, exact)) => {
                if !exact {
                    r.note(
                        at,
                        format!("{INEXACT}configuration is written the way vsm writes it: the same values, in vsm's order and spacing"),
                    );
                }
                out.push(rule);
            }
            Err(why) => r.note(at, format!("{INEXACT}rule {:?}: {why}", d.name)),
        }
    }
    out
}

/// One rule, and whether its rule type writes its configuration back unchanged.
fn rule(d: &RuleDeclaration) -> Result<(Rule, bool), String> {
    let t = &d.rule_type_id;
    let info = by_provider(&t.provider)
        .filter(|_| {
            (t.category.as_str(), t.owner.as_str(), t.version.as_str()) == ("Rule", "AWS", "1")
        })
        .ok_or_else(|| {
            format!(
                "rule type {}/{}/{}/{} is not one vsm models",
                t.category, t.owner, t.provider, t.version
            )
        })?;
    let mut values = Vec::new();
    for (key, value) in &d.configuration.0 {
        let prop = prop_of(info, key)
            .ok_or_else(|| format!("configuration key {key} is not one {} writes", info.keyword))?;
        let ty = info.prop(prop).map_or(PropType::Text, |p| p.ty);
        values.push((
            prop.to_owned(),
            value_of(ty, value).ok_or_else(|| {
                format!(
                    "{key} {} is not a value {} reads",
                    short(value),
                    info.keyword
                )
            })?,
        ));
    }
    values.extend(declared(info.keyword, d));
    let kind = (info.from_values)(values).map_err(|e| e.to_string())?;
    let exact = same_configuration(&configuration(&kind), &d.configuration.0);
    let rule = Rule {
        name: d.name.clone(),
        kind,
        inputs: d.input_artifacts.iter().map(|a| a.name.clone()).collect(),
        region: d.region.clone().map(Text::from),
        account: None,
        role_arn: d.role_arn.clone().map(Text::from),
    };
    Ok((rule, exact))
}

/// A configuration value as a property of type `ty`: literal text parsed, or an expression
/// kept as it is where the property holds text.
fn value_of(ty: PropType, value: &Expr) -> Option<PropValue> {
    match literal(value) {
        Some(text) => parse(ty, &text),
        None if matches!(ty, PropType::Text) => Some(PropValue::Expr(value.clone())),
        None => None,
    }
}

/// True when two configurations hold the same keys in the same order with the same values
/// (a literal number or flag equal to its text).
fn same_configuration(a: &[(String, Expr)], b: &[(String, Expr)]) -> bool {
    let text = |e: &Expr| literal(e).map_or_else(|| Err(e.clone()), Ok);
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((ka, va), (kb, vb))| ka == kb && text(va) == text(vb))
}

/// The property of `info` that writes configuration key `key`, found by writing the rule
/// type with each property set to a marker.
fn prop_of(info: &'static RuleTypeInfo, key: &str) -> Option<&'static str> {
    info.props.iter().map(|p| p.key).find(|&p| {
        let values = info
            .props
            .iter()
            .filter(|q| q.required || q.key == p)
            .map(|q| (q.key.to_owned(), marker(q.key, q.ty)))
            .collect();
        (info.from_values)(values).is_ok_and(|kind: RuleKind| {
            behaviour(&kind)
                .configuration()
                .iter()
                .any(|e| e.key == key && e.prop == Some(p))
        })
    })
}
