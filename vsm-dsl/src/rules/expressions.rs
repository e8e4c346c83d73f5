//! CFN-TPL-6, 10, 16, 18: the template expressions in a stream's values against what the
//! stream declares (parameters, conditions, mappings), and the declarations themselves.

use std::collections::BTreeSet;

use crate::catalogue::{CFN_TPL_1, CFN_TPL_10, CFN_TPL_16, CFN_TPL_18, CFN_TPL_6};
use crate::cfn::{is_logical_id, Expr, Intrinsic, PSEUDO_PARAMETERS};
use crate::diagnostic::{Field, Location, Violation};
use crate::emit::resource_ids;
use crate::kit::{actions, rules};
use crate::model::props::PropValue;
use crate::model::settings::key;
use crate::model::value::{conditions, mappings};
use crate::model::{Settings, Stream};

/// Every template expression in the stream's values, with where it is: the pipeline's name,
/// the settings (tags, variables, conditions, ...), every action's Region, role and
/// properties, every stage condition rule's, and the conditions each stage and action is
/// present under (as `Condition` functions).
pub(crate) fn expressions(stream: &Stream) -> Vec<(Location, Expr)> {
    let mut out = Vec::new();
    if let Some(e) = stream.name.expr() {
        out.push((Location::pipeline(Field::Name), e.clone()));
    }
    for (info, value, _) in stream.settings.values() {
        match value {
            PropValue::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    let at = Location::pipeline(Field::SettingItem(info.key, i));
                    walk(item, &at, &mut out);
                }
            }
            other => walk(
                &other,
                &Location::pipeline(Field::Setting(info.key)),
                &mut out,
            ),
        }
    }
    // The conditions a stage or an action is present under.
    let named = |when: &[String], unless: &[String], at: Location, out: &mut Vec<_>| {
        for c in when.iter().chain(unless) {
            out.push((at.clone(), Expr::call(Intrinsic::Condition(c.clone()))));
        }
    };
    for (si, stage) in stream.stages.iter().enumerate() {
        let at = Location::stage(si, &stage.name, Field::When);
        named(&stage.when, &stage.unless, at, &mut out);
    }
    for at in actions(stream) {
        named(
            &at.action.when,
            &at.action.unless,
            at.loc(Field::When),
            &mut out,
        );
        // Where the action runs: its Region and the role it assumes.
        let placed = [
            (Field::Region, at.action.region.as_ref()),
            (Field::ActionRole, at.action.action_role.as_ref()),
        ];
        for (field, text) in placed {
            if let Some(e) = text.and_then(|t| t.expr()) {
                out.push((at.loc(field), e.clone()));
            }
        }
        for (info, value) in at.action.kind.values() {
            walk(&value, &at.loc(Field::Prop(info.key)), &mut out);
        }
    }
    for at in rules(stream) {
        let place = |key: &'static str| {
            Location::stage(
                at.si,
                &at.stage.name,
                Field::RuleProp(at.place.key(), at.ri, key),
            )
        };
        let placed = [
            ("region", at.rule.region.as_ref()),
            ("role_arn", at.rule.role_arn.as_ref()),
        ];
        for (key, text) in placed {
            if let Some(e) = text.and_then(|t| t.expr()) {
                out.push((place(key), e.clone()));
            }
        }
        for (info, value) in at.rule.kind.values() {
            walk(&value, &at.prop(info.key), &mut out);
        }
    }
    out
}

fn walk(v: &PropValue, at: &Location, out: &mut Vec<(Location, Expr)>) {
    match v {
        PropValue::Expr(e) => out.push((at.clone(), e.clone())),
        PropValue::List(items) => items.iter().for_each(|i| walk(i, at, out)),
        PropValue::Map(entries) => entries.iter().for_each(|(_, i)| walk(i, at, out)),
        _ => {}
    }
}

/// Runs the rules.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    let s = &stream.settings;
    let exprs = expressions(stream);
    if exprs.is_empty() && s.parameters.is_empty() && s.mappings.is_empty() {
        return;
    }
    names(s, out);
    references(stream, &exprs, out);
    condition_tests(s, out);
    mapping_values(s, out);
    unused(s, &exprs, out);
}

/// CFN-TPL-1: declared names are logical ids.
fn names(s: &Settings, out: &mut Vec<Violation>) {
    let declared = [
        (
            key::conditions,
            s.conditions.iter().map(|c| &c.name).collect::<Vec<_>>(),
        ),
        (key::mappings, s.mappings.iter().map(|m| &m.name).collect()),
    ];
    for (setting, names) in declared {
        for (i, name) in names.into_iter().enumerate() {
            if !is_logical_id(name) {
                out.push(Violation::error(
                    CFN_TPL_1,
                    Location::pipeline(Field::SettingItem(setting, i)),
                    format!("{name:?} in `{setting}` is not a CloudFormation logical id"),
                    "use 1 to 255 ASCII letters and digits",
                ));
            }
        }
    }
}

/// CFN-TPL-10: what each expression names exists.
fn references(stream: &Stream, exprs: &[(Location, Expr)], out: &mut Vec<Violation>) {
    let s = &stream.settings;
    let mut known: BTreeSet<String> = s.parameters.iter().map(|p| p.name.clone()).collect();
    known.extend(resource_ids(stream).into_iter().map(|(id, _)| id));
    known.extend(super::ids::kind_parameters(stream));
    for (at, e) in exprs {
        for name in e.references() {
            if !known.contains(name) && !PSEUDO_PARAMETERS.contains(&name) {
                out.push(Violation::error(
                    CFN_TPL_10,
                    at.clone(),
                    format!(
                        "{} names {name:?}, which is no parameter the stream declares",
                        short(e)
                    ),
                    format!(
                        "declare {name:?} in `parameters`, or name a parameter the stream declares"
                    ),
                ));
            }
        }
        for c in conditions(e) {
            if !s.conditions.iter().any(|d| d.name == c) {
                let what = match at.field {
                    Field::When => "`when`/`unless`".to_owned(),
                    _ => short(e),
                };
                out.push(Violation::error(
                    CFN_TPL_10,
                    at.clone(),
                    format!("{what} names condition {c:?}, which the stream does not declare"),
                    format!("declare {c:?} in `conditions`"),
                ));
            }
        }
        for m in mappings(e) {
            match s.mappings.iter().find(|d| d.name == m) {
                None => out.push(Violation::error(
                    CFN_TPL_10,
                    at.clone(),
                    format!(
                        "{} reads mapping {m:?}, which the stream does not declare",
                        short(e)
                    ),
                    format!("declare {m:?} in `mappings`"),
                )),
                Some(mapping) => missing_keys(e, &m, &mapping.values, at, out),
            }
        }
    }
}

/// CFN-TPL-10: literal keys of `Fn::FindInMap` exist in the mapping (unless a default
/// value is given).
fn missing_keys(e: &Expr, name: &str, values: &Expr, at: &Location, out: &mut Vec<Violation>) {
    e.walk(&mut |x| {
        let Expr::Fn(call) = x else { return };
        let Intrinsic::FindInMap {
            map: Expr::Str(m),
            top_key,
            second_key,
            default: None,
        } = call.as_ref()
        else {
            return;
        };
        if m != name {
            return;
        }
        let Expr::Map(top) = values else { return };
        let Expr::Str(k1) = top_key else { return };
        let Some(second) = top.get(k1) else {
            out.push(Violation::error(
                CFN_TPL_10,
                at.clone(),
                format!("mapping {name:?} has no top-level key {k1:?}"),
                format!("add {k1:?} to mapping {name:?}, or give Fn::FindInMap a DefaultValue"),
            ));
            return;
        };
        if let (Expr::Map(inner), Expr::Str(k2)) = (second, second_key) {
            if !inner.contains_key(k2) {
                out.push(Violation::error(
                    CFN_TPL_10,
                    at.clone(),
                    format!("mapping {name:?} has no key {k2:?} under {k1:?}"),
                    format!("add {k2:?} under {k1:?} in mapping {name:?}"),
                ));
            }
        }
    });
}

/// CFN-TPL-16: conditions are condition functions, without cycles.
fn condition_tests(s: &Settings, out: &mut Vec<Violation>) {
    for (i, c) in s.conditions.iter().enumerate() {
        let at = Location::pipeline(Field::SettingItem(key::conditions, i));
        let is_test = matches!(&c.test, Expr::Fn(call) if matches!(call.as_ref(),
            Intrinsic::Equals(..) | Intrinsic::And(_) | Intrinsic::Or(_) | Intrinsic::Not(_) | Intrinsic::Condition(_)));
        if !is_test {
            out.push(Violation::error(
                CFN_TPL_16,
                at.clone(),
                format!(
                    "condition {:?} is {}, not a condition function",
                    c.name,
                    short(&c.test)
                ),
                "write it with !Equals, !And, !Or, !Not or !Condition",
            ));
        }
        if cycle(s, &c.name, &c.name, &mut Vec::new()) {
            out.push(Violation::error(
                CFN_TPL_16,
                at,
                format!("condition {:?} depends on itself", c.name),
                "break the cycle between the conditions",
            ));
        }
    }
}

/// True when `from` reaches `target` through the conditions it names.
fn cycle(s: &Settings, target: &str, from: &str, seen: &mut Vec<String>) -> bool {
    let Some(c) = s.conditions.iter().find(|c| c.name == from) else {
        return false;
    };
    for next in conditions(&c.test) {
        if next == target {
            return true;
        }
        if !seen.contains(&next) {
            seen.push(next.clone());
            if cycle(s, target, &next, seen) {
                return true;
            }
        }
    }
    false
}

/// CFN-TPL-6: mappings are maps of maps of literal values, within the limits.
fn mapping_values(s: &Settings, out: &mut Vec<Violation>) {
    if s.mappings.len() > 200 {
        out.push(Violation::error(
            CFN_TPL_6,
            Location::pipeline(Field::SettingItem(key::mappings, 200)),
            format!(
                "the stream declares {} mappings; the limit is 200",
                s.mappings.len()
            ),
            "merge mappings",
        ));
    }
    for (i, m) in s.mappings.iter().enumerate() {
        let at = Location::pipeline(Field::SettingItem(key::mappings, i));
        let shape = match &m.values {
            Expr::Map(top) if top.is_empty() => Some("has no keys".to_owned()),
            Expr::Map(top) if top.len() > 200 => Some(format!(
                "has {} top-level keys; the limit is 200",
                top.len()
            )),
            Expr::Map(top) => top.iter().find_map(|(k, v)| match v {
                Expr::Map(inner) if inner.values().all(literal) => None,
                Expr::Map(_) => Some(format!("holds a template function under {k:?}")),
                _ => Some(format!(
                    "maps {k:?} to something other than keys and values"
                )),
            }),
            _ => Some("is not a map of keys".to_owned()),
        };
        if let Some(problem) = shape {
            out.push(Violation::error(
                CFN_TPL_6,
                at,
                format!("mapping {:?} {problem}", m.name),
                "write { TopKey: { SecondKey: literal value, .. }, .. }",
            ));
        }
    }
}

fn literal(e: &Expr) -> bool {
    match e {
        Expr::Str(_) | Expr::Number(_) | Expr::Bool(_) => true,
        Expr::List(items) => items.iter().all(literal),
        _ => false,
    }
}

/// CFN-TPL-18: everything declared is used (cfn-lint warns otherwise).
fn unused(s: &Settings, exprs: &[(Location, Expr)], out: &mut Vec<Violation>) {
    let mut named: BTreeSet<String> = BTreeSet::new();
    let mut conds: BTreeSet<String> = BTreeSet::new();
    let mut maps: BTreeSet<String> = BTreeSet::new();
    for (_, e) in exprs {
        named.extend(e.references().into_iter().map(str::to_owned));
        conds.extend(conditions(e));
        maps.extend(mappings(e));
    }
    let unused = [
        (
            key::parameters,
            "parameter",
            s.parameters.iter().map(|p| &p.name).collect::<Vec<_>>(),
            &named,
        ),
        (
            key::conditions,
            "condition",
            s.conditions.iter().map(|c| &c.name).collect(),
            &conds,
        ),
        (
            key::mappings,
            "mapping",
            s.mappings.iter().map(|m| &m.name).collect(),
            &maps,
        ),
    ];
    for (setting, what, names, used) in unused {
        for (i, name) in names.into_iter().enumerate() {
            if !used.contains(name) {
                out.push(Violation::error(
                    CFN_TPL_18,
                    Location::pipeline(Field::SettingItem(setting, i)),
                    format!("{what} {name:?} is declared but nothing uses it"),
                    format!("use it in a value, or drop it from `{setting}`"),
                ));
            }
        }
    }
}

fn short(e: &Expr) -> String {
    crate::model::value::short(e)
}
