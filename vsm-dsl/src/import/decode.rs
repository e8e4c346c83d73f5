//! Configuration keys back to a kind's properties, through the kind's own configuration.
//!
//! Each kind is probed once: its configuration is written with one property set to a
//! marker, which says which keys that property writes; keys written with no property are
//! the ones vsm generates (a project, a function) or takes as a template parameter. An
//! action's configuration is read back into property values by those keys, and the kind is
//! kept only when it writes the same configuration again.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::kinds::{behaviour, KINDS};
use crate::kit::{ConfigCx, ConfigValue, ParamSpec};
use crate::model::kind::KindInfo;
use crate::model::props::{PropInfo, PropType, PropValue, Record};
use crate::model::ActionKind;
use crate::model::{Action, Stage, Stream};

/// What writes a configuration key of a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    /// The property's value (several keys may share one property).
    Prop(&'static str),
    /// A template parameter named by the property, `default` unless it is set.
    Parameter {
        /// The property naming the parameter.
        prop: &'static str,
        /// The parameter's name when the property is unset.
        default: String,
    },
    /// A resource the template creates for the action.
    Generated,
}

/// The configuration keys of one kind and what writes each, in the order it writes them.
pub(crate) type KeyRoles = Vec<(&'static str, Role)>;

/// The key roles of every kind, probed once.
pub(crate) fn roles(info: &KindInfo) -> &'static KeyRoles {
    static ROLES: OnceLock<BTreeMap<&'static str, KeyRoles>> = OnceLock::new();
    let all = ROLES.get_or_init(|| KINDS.iter().map(|k| (k.keyword, probe_roles(k))).collect());
    &all[info.keyword]
}

/// The configuration key a property writes first, if any.
#[cfg(feature = "lint")]
pub(crate) fn prop_key(info: &KindInfo, prop: &str) -> Option<&'static str> {
    roles(info).iter().find_map(|(k, r)| match r {
        Role::Prop(p) | Role::Parameter { prop: p, .. } if *p == prop => Some(*k),
        _ => None,
    })
}

fn probe_roles(info: &KindInfo) -> KeyRoles {
    let mut out: KeyRoles = Vec::new();
    let add = |key: &'static str, role: Role, out: &mut KeyRoles| {
        if !out.iter().any(|(k, r)| *k == key && *r == role) {
            out.push((key, role));
        }
    };
    let base = probe(info, None);
    for p in info.props {
        let Some(kind) = probe(info, Some(p)) else {
            continue;
        };
        for (key, prop, value) in entries(&kind) {
            if prop != Some(p.key) {
                continue;
            }
            match value {
                Probed::Parameter(spec) => {
                    let default = base
                        .as_ref()
                        .and_then(|b| {
                            entries(b).into_iter().find_map(|(k, _, v)| match v {
                                Probed::Parameter(s) if k == key => Some(s.name),
                                _ => None,
                            })
                        })
                        .unwrap_or(spec.name);
                    add(
                        key,
                        Role::Parameter {
                            prop: p.key,
                            default,
                        },
                        &mut out,
                    );
                }
                _ => add(key, Role::Prop(p.key), &mut out),
            }
        }
    }
    if let Some(b) = &base {
        for (key, prop, value) in entries(b) {
            match (prop, value) {
                (None, Probed::Generated) => add(key, Role::Generated, &mut out),
                (Some(p), Probed::Parameter(spec)) => add(
                    key,
                    Role::Parameter {
                        prop: p,
                        default: spec.name,
                    },
                    &mut out,
                ),
                (Some(p), _) => add(key, Role::Prop(p), &mut out),
                _ => {}
            }
        }
    }
    out
}

/// A configuration value as a probe sees it.
enum Probed {
    /// Literal text.
    Literal,
    /// A template parameter.
    Parameter(ParamSpec),
    /// A resource the template creates.
    Generated,
}

/// `(key, property, value)` of a kind's configuration, written for a lone action.
fn entries(kind: &ActionKind) -> Vec<(&'static str, Option<&'static str>, Probed)> {
    let action = Action::new("Probe", kind.clone());
    let mut stage = Stage::new("Probe");
    stage.actions.push(action.clone());
    let stream = lone(stage);
    let cx = ConfigCx {
        stream: &stream,
        stage: &stream.stages[0],
        action: &action,
    };
    behaviour(kind)
        .configuration(&cx)
        .into_iter()
        .map(|e| {
            let value = match e.value {
                ConfigValue::Literal(_) | ConfigValue::Expr(_) => Probed::Literal,
                ConfigValue::Parameter(spec) => Probed::Parameter(spec),
                ConfigValue::Generated(_) => Probed::Generated,
            };
            (e.key, e.prop, value)
        })
        .collect()
}

/// A stream of this one stage, with default settings: where a probe is written.
pub(crate) fn lone(stage: Stage) -> Stream {
    let mut stream = Stream::new("Probe");
    stream.stages.push(stage);
    stream
}

/// The kind with its required properties (and `extra`) set to marker values.
fn probe(info: &KindInfo, extra: Option<&PropInfo>) -> Option<ActionKind> {
    let values = info
        .props
        .iter()
        .filter(|p| p.required || extra.is_some_and(|e| e.key == p.key))
        .map(|p| (p.key.to_owned(), marker(p.key, p.ty)))
        .collect();
    (info.from_values)(values).ok()
}

/// A value of type `ty` that a probe recognises as property `key`'s.
pub(crate) fn marker(key: &str, ty: PropType) -> PropValue {
    let text = || PropValue::Text(format!("Probe{key}::probe/{key}"));
    match ty {
        PropType::Text => text(),
        PropType::Bool => PropValue::Bool(true),
        PropType::Count => PropValue::Count(7),
        PropType::Duration => PropValue::Duration(std::time::Duration::from_secs(7 * 60)),
        PropType::Choice(c) => PropValue::Word(c.options[c.options.len() - 1].0),
        PropType::ChoiceList(c) => PropValue::List(vec![PropValue::Word(c.options[0].0)]),
        PropType::TextList => PropValue::List(vec![text()]),
        PropType::TextMap => PropValue::Map(vec![(key.to_owned(), text())]),
        PropType::Records(r) => PropValue::List(vec![record_marker(r)]),
        PropType::Record(r) => record_marker(r),
        PropType::Parsed(p) => PropValue::Text(p.example.to_owned()),
        PropType::Template => PropValue::Expr(crate::cfn::Expr::str(format!("Probe{key}"))),
    }
}

fn record_marker(r: &Record) -> PropValue {
    PropValue::Map(
        r.fields
            .iter()
            .map(|f| (f.key.to_owned(), marker(f.key, f.ty)))
            .collect(),
    )
}

/// A configuration value read as a property of type `ty`: text as written, flags as
/// `true`/`false`, counts, minutes, comma-separated lists.
pub(crate) fn parse(ty: PropType, text: &str) -> Option<PropValue> {
    Some(match ty {
        PropType::Text | PropType::Choice(_) => PropValue::Text(text.to_owned()),
        PropType::Bool => PropValue::Bool(text.parse().ok()?),
        PropType::Count => PropValue::Count(text.parse().ok()?),
        PropType::Duration => PropValue::Duration(std::time::Duration::from_secs(
            text.parse::<u64>().ok()? * 60,
        )),
        PropType::TextList | PropType::ChoiceList(_) => PropValue::List(
            text.split(',')
                .map(|s| PropValue::Text(s.trim().to_owned()))
                .collect(),
        ),
        PropType::Parsed(_) => PropValue::Text(text.to_owned()),
        PropType::TextMap | PropType::Records(_) | PropType::Record(_) | PropType::Template => {
            return None
        }
    })
}

/// A configuration value as a kind writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// Literal text.
    Text(String),
    /// A `Ref` to the template parameter of this name.
    Parameter(String),
    /// A template expression, as written.
    Expr(crate::cfn::Expr),
    /// A resource the template generates.
    Generated,
}

/// The configuration a kind writes for an action.
pub(crate) fn written(stage: &Stage, action: &Action) -> Vec<(String, Written)> {
    let stream = lone(stage.clone());
    let cx = ConfigCx {
        stream: &stream,
        stage,
        action,
    };
    let kind = behaviour(&action.kind);
    let mut out: Vec<(String, Written)> = kind
        .configuration(&cx)
        .into_iter()
        .map(|e| {
            let v = match e.value {
                ConfigValue::Literal(t) => Written::Text(t.into_owned()),
                ConfigValue::Expr(e) => Written::Expr(e),
                ConfigValue::Parameter(spec) => Written::Parameter(spec.name),
                ConfigValue::Generated(_) => Written::Generated,
            };
            (e.key.to_owned(), v)
        })
        .collect();
    out.extend(kind.custom_configuration().into_iter().map(|(k, v)| {
        let written = match v {
            crate::model::Value::Lit(t) => Written::Text(t.clone()),
            crate::model::Value::Expr(e) => Written::Expr(e.clone()),
        };
        (k.to_owned(), written)
    }));
    out
}
