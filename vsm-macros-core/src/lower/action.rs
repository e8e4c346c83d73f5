//! Lowering one action: the properties every action takes, then its kind's, read through the
//! kind's declaration in `vsm_dsl::kinds`.

use vsm_dsl::kinds::{self, Mock};
use vsm_dsl::model::kind::KindInfo;
use vsm_dsl::model::props::{PropKind, PropType, PropValue};
use vsm_dsl::model::{Action, Text};

use super::values::{duration_of, example, list, name, names, percent, prop_value, unknown, whole};
use super::{presence, ActionSpans, Seen, PRESENCE_KEYS};
use crate::ast::{ActionAst, Errors, Prop};

/// Keys every action takes besides its kind's.
const COMMON_KEYS: &[&str] = &[
    "inputs",
    "outputs",
    "namespace",
    "process",
    "wait",
    "ca",
    "run_order",
    "account",
    "region",
    "action_role",
];

/// Lowers one action at the stage's current run order.
pub(super) fn action(a: &ActionAst, run_order: u32, errors: &mut Errors) -> (Action, ActionSpans) {
    let mut spans = ActionSpans::new(a);
    let mut action = Action::new(a.name.value.clone(), Mock::default());
    action.run_order = run_order;
    let Some(info) = kinds::find(&a.kind.value) else {
        let known: Vec<&str> = kinds::KINDS.iter().map(|k| k.keyword).collect();
        errors.push(a.kind.sp.error(format!(
            "unknown action kind `{}`; expected one of {}",
            a.kind.value,
            list(&known)
        )));
        spans.tainted = true;
        return (action, spans);
    };
    let mut local = Errors::default();
    let mut seen = Seen::default();
    let mut values = Vec::new();
    for p in &a.props {
        if let Err(e) = seen.once(p) {
            local.push(e);
            continue;
        }
        let result = if PRESENCE_KEYS.contains(&p.key.value.as_str()) {
            presence(p, (&mut action.when, &mut action.unless), &mut spans.when)
        } else if COMMON_KEYS.contains(&p.key.value.as_str()) {
            common(p, &mut action, &mut spans)
        } else {
            kind_prop(info, p, &mut spans).map(|v| values.push(v))
        };
        if let Err(e) = result {
            local.push(e);
        }
    }
    build_kind(a, info, values, &mut action, &spans, &mut local);
    if !local.is_empty() || a.broken {
        spans.tainted = true;
        errors.extend(local);
    }
    (action, spans)
}

/// A property every action takes.
fn common(p: &Prop, action: &mut Action, spans: &mut ActionSpans) -> Result<(), syn::Error> {
    let key = p.key.value.as_str();
    match key {
        "inputs" => names(&p.value, "input artifact").map(|ns| {
            for n in ns {
                action.inputs.push(n.value);
                spans.inputs.push(n.sp);
            }
        }),
        "outputs" => names(&p.value, "output artifact").map(|ns| {
            for n in ns {
                action.outputs.push(n.value);
                spans.outputs.push(n.sp);
            }
        }),
        "namespace" => name(&p.value, "namespace").map(|n| {
            action.namespace = Some(n.value);
            spans.namespace = Some(n.sp);
        }),
        "process" => duration_of(&p.value, key).map(|d| {
            action.annotations.process_time = Some(d);
            spans.process = Some(p.value.sp());
        }),
        "wait" => duration_of(&p.value, key).map(|d| {
            action.annotations.wait_time = Some(d);
            spans.wait = Some(p.value.sp());
        }),
        "ca" => percent(&p.value).map(|v| {
            action.annotations.complete_accurate = Some(v);
            spans.ca = Some(p.value.sp());
        }),
        "account" => prop_value(PropType::Text, &p.value, key).and_then(|v| match v {
            PropValue::Text(t) => {
                action.account = Some(t);
                spans.account = Some(p.value.sp());
                Ok(())
            }
            _ => Err(p
                .value
                .sp()
                .error("an account is 12 digits in quotes, such as \"123456789012\"")),
        }),
        "region" | "action_role" => prop_value(PropType::Text, &p.value, key).and_then(|v| {
            let text = Text::from_prop(v).map_err(|e| p.value.sp().error(e))?;
            if key == "region" {
                action.region = Some(text);
                spans.region = Some(p.value.sp());
            } else {
                action.action_role = Some(text);
                spans.action_role = Some(p.value.sp());
            }
            Ok(())
        }),
        _ => whole(&p.value, key).map(|n| {
            action.run_order = n;
            spans.run_order = Some(p.value.sp());
        }),
    }
}

/// A property of the action's kind, read as the type its declaration gives.
fn kind_prop(
    info: &KindInfo,
    p: &Prop,
    spans: &mut ActionSpans,
) -> Result<(String, PropValue), syn::Error> {
    let Some(prop) = info.prop(&p.key.value) else {
        let mut keys: Vec<&str> = info.props.iter().map(|p| p.key).collect();
        keys.extend(COMMON_KEYS);
        keys.extend(PRESENCE_KEYS);
        return Err(unknown(
            &p.key,
            &format!("{} action property", info.keyword),
            &keys,
        ));
    };
    spans.props.push((prop.key, p.value.sp()));
    Ok((
        prop.key.to_owned(),
        prop_value(prop.ty, &p.value, prop.key)?,
    ))
}

/// The kind from its values; a missing required property is reported on the action's name.
fn build_kind(
    a: &ActionAst,
    info: &KindInfo,
    values: Vec<(String, PropValue)>,
    action: &mut Action,
    spans: &ActionSpans,
    errors: &mut Errors,
) {
    let missing: Vec<String> = info
        .required_props()
        .filter(|p| !values.iter().any(|(k, _)| k == p.key))
        .map(|p| format!("`{}: {}`", p.key, example(p.ty)))
        .collect();
    if !missing.is_empty() {
        // A property with a syntax error is missing from `props`: do not report it twice.
        if !a.broken {
            errors.push(a.name.sp.error(format!(
                "{} action {:?} needs {}",
                info.keyword,
                a.name.value,
                missing.join(" and ")
            )));
        }
        return;
    }
    match (info.from_values)(values) {
        Ok(kind) => action.kind = kind,
        Err(e) => {
            for (key, message) in e.problems {
                let sp = key
                    .and_then(|k| spans.props.iter().find(|(p, _)| *p == k).map(|(_, sp)| *sp))
                    .unwrap_or(a.name.sp);
                errors.push(sp.error(message));
            }
        }
    }
}
