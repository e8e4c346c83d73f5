//! Lowering a stage's settings: each a condition, read through the stage settings'
//! declaration (`vsm_dsl::model::StageSettings::PROPS`) and the rule types' registry
//! (`vsm_dsl::conditions::RULE_TYPES`), so no setting or rule type is known here by name.

use vsm_dsl::conditions::{self, RULE_KEYS};
use vsm_dsl::model::props::{PropType, PropValue};
use vsm_dsl::model::{
    ConditionResult, RetryMode, Rule, RuleKind, Stage, StageCondition, StageSettings, Text,
};

use super::values::{duration_of, list, names, percent, prop_value, unknown, word};
use super::{presence, Seen, PRESENCE_KEYS};
use crate::ast::{Errors, Prop, Sp, Value};

/// Where one of a stage's conditions is written.
#[derive(Debug, Clone)]
pub struct ConditionSpans {
    /// Its stage setting's key.
    pub key: &'static str,
    /// The value as a whole.
    pub value: Sp,
    /// `result: ..`, when written (else the value).
    pub result: Option<Sp>,
    /// `retry_mode: ..`.
    pub retry_mode: Option<Sp>,
    /// `process`, `wait`, `ca`, when written.
    pub annotations: Vec<(&'static str, Sp)>,
    /// Its rules, in order.
    pub rules: Vec<RuleSpans>,
}

/// Where one rule is written.
#[derive(Debug, Clone)]
pub struct RuleSpans {
    /// The rule type's keyword.
    pub kind: Sp,
    /// The rule's name.
    pub name: Sp,
    /// Its properties, by key (`cron`, `inputs`, ...).
    pub props: Vec<(&'static str, Sp)>,
}

/// Keys a condition block takes.
const CONDITION_KEYS: &[&str] = &["result", "retry_mode", "rules", "process", "wait", "ca"];

/// The settings of a stage block, and where each condition is written; a mistake in one is
/// reported and the others still lowered.
pub(super) fn settings(
    props: &[Prop],
    stage: &mut Stage,
    when: &mut Option<Sp>,
    errors: &mut Errors,
) -> (Vec<ConditionSpans>, bool) {
    let mut spans = Vec::new();
    let mut tainted = false;
    let mut seen = Seen::default();
    for p in props {
        let result = seen.once(p).and_then(|()| {
            if PRESENCE_KEYS.contains(&p.key.value.as_str()) {
                return presence(p, (&mut stage.when, &mut stage.unless), when);
            }
            let Some(info) = StageSettings::prop(&p.key.value) else {
                let mut keys: Vec<&str> = StageSettings::PROPS.iter().map(|p| p.key).collect();
                keys.extend(PRESENCE_KEYS);
                return Err(unknown(&p.key, "stage setting", &keys));
            };
            let mut local = Errors::default();
            let (condition, s) = condition(info.key, &p.value, &mut local);
            if let Some(e) = local.combined() {
                return Err(e);
            }
            *stage.settings.slot(info.place) = Some(condition);
            spans.push(s);
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
            tainted = true;
        }
    }
    (spans, tainted)
}

/// A condition: a bare result (`ROLLBACK`) or `{ result: .., rules: [..], .. }`.
fn condition(
    key: &'static str,
    v: &Value,
    errors: &mut Errors,
) -> (StageCondition, ConditionSpans) {
    let mut c = StageCondition::default();
    let mut spans = ConditionSpans {
        key,
        value: v.sp(),
        result: None,
        retry_mode: None,
        annotations: Vec::new(),
        rules: Vec::new(),
    };
    let entries = match v {
        Value::Map(entries, _) => entries,
        Value::Ident(..) | Value::Str(..) => {
            match word(v, "result", &ConditionResult::CHOICE) {
                Ok(w) => c.result = ConditionResult::from_word(w).unwrap_or_default(),
                Err(e) => errors.push(e),
            }
            spans.result = Some(v.sp());
            return (c, spans);
        }
        other => {
            errors.push(other.sp().error(format!(
                "`{key}` takes a result such as `ROLLBACK`, or `{{ result: .., rules: [..] }}`, found {}",
                other.describe()
            )));
            return (c, spans);
        }
    };
    let mut seen = Seen::default();
    let mut has_result = false;
    for e in entries {
        if let Err(err) = seen.once(e) {
            errors.push(err);
            continue;
        }
        let k = e.key.value.as_str();
        let read = match k {
            "result" => word(&e.value, k, &ConditionResult::CHOICE).map(|w| {
                c.result = ConditionResult::from_word(w).unwrap_or_default();
                spans.result = Some(e.value.sp());
                has_result = true;
            }),
            "retry_mode" => word(&e.value, k, &RetryMode::CHOICE).map(|w| {
                c.retry_mode = RetryMode::from_word(w);
                spans.retry_mode = Some(e.value.sp());
            }),
            "rules" => {
                let items: Vec<&Value> = match &e.value {
                    Value::List(items, _) => items.iter().collect(),
                    other => vec![other],
                };
                for item in items {
                    match rule(item) {
                        Ok((r, s)) => {
                            c.rules.push(r);
                            spans.rules.push(s);
                        }
                        Err(err) => errors.push(err),
                    }
                }
                Ok(())
            }
            "process" | "wait" => duration_of(&e.value, k).map(|d| {
                if k == "process" {
                    c.annotations.process_time = Some(d);
                } else {
                    c.annotations.wait_time = Some(d);
                }
                spans.annotations.push((annotation_key(k), e.value.sp()));
            }),
            "ca" => percent(&e.value).map(|p| {
                c.annotations.complete_accurate = Some(p);
                spans.annotations.push(("ca", e.value.sp()));
            }),
            _ => Err(unknown(&e.key, &format!("`{key}` key"), CONDITION_KEYS)),
        };
        if let Err(err) = read {
            errors.push(err);
        }
    }
    if !has_result {
        errors.push(v.sp().error(format!(
            "`{key}` needs `result: {}`",
            ConditionResult::CHOICE.options[0].0
        )));
    }
    (c, spans)
}

fn annotation_key(k: &str) -> &'static str {
    if k == "process" {
        "process"
    } else {
        "wait"
    }
}

/// One rule: `kind "name" { key: value, .. }`.
fn rule(v: &Value) -> Result<(Rule, RuleSpans), syn::Error> {
    let Value::Typed(kind, rule_name, props, _) = v else {
        return Err(v.sp().error(format!(
            "expected a rule such as `deployment_window \"Hours\" {{ cron: \"* * 9-16 ? * MON-FRI *\" }}`, found {}",
            v.describe()
        )));
    };
    let Some(info) = conditions::find(&kind.value) else {
        let known: Vec<&str> = conditions::RULE_TYPES.iter().map(|k| k.keyword).collect();
        return Err(kind.sp.error(format!(
            "unknown rule type `{}`; expected one of {}",
            kind.value,
            list(&known)
        )));
    };
    let mut spans = RuleSpans {
        kind: kind.sp,
        name: rule_name.sp,
        props: Vec::new(),
    };
    let (mut inputs, mut region, mut account, mut role_arn) = (Vec::new(), None, None, None);
    let mut values = Vec::new();
    let mut errors = Errors::default();
    let mut seen = Seen::default();
    for p in props {
        if let Err(e) = seen.once(p) {
            errors.push(e);
            continue;
        }
        let k = p.key.value.as_str();
        let read = match k {
            "inputs" => names(&p.value, "input artifact").map(|ns| {
                inputs = ns.into_iter().map(|n| n.value).collect();
                spans.props.push(("inputs", p.value.sp()));
            }),
            "region" => text(&p.value, k).map(|t| {
                region = Some(t);
                spans.props.push(("region", p.value.sp()));
            }),
            "account" => literal(&p.value, k).map(|a| {
                account = Some(a);
                spans.props.push(("account", p.value.sp()));
            }),
            "role_arn" => text(&p.value, k).map(|t| {
                role_arn = Some(t);
                spans.props.push(("role_arn", p.value.sp()));
            }),
            _ => match info.prop(k) {
                Some(prop) => prop_value(prop.ty, &p.value, prop.key).map(|v| {
                    values.push((prop.key.to_owned(), v));
                    spans.props.push((prop.key, p.value.sp()));
                }),
                None => {
                    let mut keys: Vec<&str> = info.props.iter().map(|p| p.key).collect();
                    keys.extend(RULE_KEYS);
                    Err(unknown(
                        &p.key,
                        &format!("{} rule property", info.keyword),
                        &keys,
                    ))
                }
            },
        };
        if let Err(e) = read {
            errors.push(e);
        }
    }
    let missing: Vec<String> = info
        .required_props()
        .filter(|p| !values.iter().any(|(k, _)| k == p.key))
        .map(|p| format!("`{}: {}`", p.key, super::values::example(p.ty)))
        .collect();
    let mut kind: Option<RuleKind> = None;
    if !missing.is_empty() {
        errors.push(rule_name.sp.error(format!(
            "{} rule {:?} needs {}",
            info.keyword,
            rule_name.value,
            missing.join(" and ")
        )));
    } else {
        match (info.from_values)(values) {
            Ok(k) => kind = Some(k),
            Err(e) => {
                for (key, message) in e.problems {
                    let sp = key
                        .and_then(|k| spans.props.iter().find(|(p, _)| *p == k).map(|(_, s)| *s))
                        .unwrap_or(rule_name.sp);
                    errors.push(sp.error(message));
                }
            }
        }
    }
    match (errors.combined(), kind) {
        (None, Some(kind)) => {
            let mut r = Rule::new(rule_name.value.clone(), kind);
            r.inputs = inputs;
            r.region = region;
            r.account = account;
            r.role_arn = role_arn;
            Ok((r, spans))
        }
        (Some(e), _) => Err(e),
        (None, None) => Err(rule_name.sp.error("the rule could not be read")),
    }
}

/// An account id: literal text only.
fn literal(v: &Value, key: &str) -> Result<String, syn::Error> {
    match prop_value(PropType::Text, v, key)? {
        PropValue::Text(t) => Ok(t),
        _ => Err(v
            .sp()
            .error("an account is 12 digits in quotes, such as \"123456789012\"")),
    }
}

/// Text or a template expression.
fn text(v: &Value, key: &str) -> Result<Text, syn::Error> {
    let value = prop_value(PropType::Text, v, key)?;
    <Text as vsm_dsl::model::props::PropKind>::from_prop(value).map_err(|e| v.sp().error(e))
}
