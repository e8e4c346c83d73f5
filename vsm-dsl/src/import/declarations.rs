//! What the imported values name, kept as the stream's own declarations: the template
//! parameters, conditions and mappings they use (transitively) become the stream's; a
//! reference to another resource of the template becomes a stream parameter, since the
//! stream's template does not create that resource.
//!
//! The values are rewritten in the stream's JSON form, where every expression stands as the
//! template's own object (`{"Ref": ..}`, `{"Fn::Sub": ..}`), so no field is missed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::value::{Reader, INEXACT};
use crate::cfn::{
    sub_variables, Expr, Parameter as TemplateParameter, Template, PSEUDO_PARAMETERS,
};
use crate::diagnostic::{Field, Location, Severity};
use crate::emit::resource_ids;
use crate::model::settings::key;
use crate::model::{Condition, Mapping, Parameter, Stream};

/// What the values use, found while rewriting them.
#[derive(Default)]
struct Used {
    parameters: BTreeSet<String>,
    /// Condition → its test, rewritten.
    conditions: BTreeMap<String, Value>,
    mappings: BTreeSet<String>,
    /// Stream parameter → the reference it stands for, and how it reads (`!GetAtt Role.Arn`).
    resources: BTreeMap<String, (Expr, String)>,
}

/// Rewrites `stream`'s expressions and declares what they use; notes each resource that
/// became a parameter.
pub(super) fn keep(r: &mut Reader, stream: &mut Stream, template: &Template) {
    let taken: BTreeSet<String> = resource_ids(stream).into_iter().map(|(id, _)| id).collect();
    let mut cx = Rewrite {
        template,
        taken: &taken,
        used: Used::default(),
    };
    let Ok(mut value) = serde_json::to_value(&*stream) else {
        return;
    };
    if let Some(m) = value.as_object_mut() {
        for (k, v) in m.iter_mut() {
            if k != "settings" {
                cx.value(v);
            }
        }
        if let Some(Value::Object(settings)) = m.get_mut("settings") {
            for (_, v) in settings.iter_mut() {
                cx.value(v);
            }
        }
    }
    // The conditions stages and actions are present under.
    for name in stream.presence_conditions() {
        cx.condition(name);
    }
    let declared = cx.declarations();
    let Ok(mut rewritten) = serde_json::from_value::<Stream>(value) else {
        return;
    };
    for (param, (original, what)) in &cx.used.resources {
        r.stand_ins.push((param.clone(), original.clone()));
        r.note(
            Location::pipeline(Field::Node),
            format!(
                "{what} names a resource the stream's template does not create: it is template parameter {param} (pass its value)"
            ),
        );
    }
    let (parameters, conditions, mappings) = declared;
    rewritten.settings.parameters.extend(parameters);
    rewritten.settings.conditions.extend(conditions);
    rewritten.settings.mappings.extend(mappings);
    // Only an element a condition chooses can make a default meant for another break a rule.
    if r.conditional {
        fit_defaults(r, &mut rewritten);
    }
    *stream = rewritten;
}

/// Drops a kept parameter's default and allowed values when they break a rule where the
/// stream uses the parameter: they were meant for what the import did not keep (a branch of
/// a condition). The stream's rule then becomes the parameter's constraint.
fn fit_defaults(r: &mut Reader, stream: &mut Stream) {
    let broken: BTreeSet<usize> = crate::rules::check(stream)
        .into_iter()
        .filter(|v| v.severity == Severity::Error && !v.rule.id().starts_with("CFN-TPL"))
        .filter_map(|v| match v.location.field {
            Field::SettingItem(k, i) if k == key::parameters => Some(i),
            _ => None,
        })
        .collect();
    for i in broken {
        let Some(p) = stream.settings.parameters.get_mut(i) else {
            continue;
        };
        let was = p.default.take();
        let allowed = std::mem::take(&mut p.allowed_values);
        r.note(
            Location::pipeline(Field::SettingItem(key::parameters, i)),
            format!(
                "{INEXACT}parameter {}'s default {} and allowed values {:?}: they break a rule where the stream uses it (pass a value that fits)",
                p.name,
                was.as_deref().map_or("(none)".to_owned(), |d| format!("{d:?}")),
                allowed
            ),
        );
    }
}

struct Rewrite<'t> {
    template: &'t Template,
    /// Logical ids the stream's own template creates.
    taken: &'t BTreeSet<String>,
    used: Used,
}

impl Rewrite<'_> {
    /// Rewrites one JSON value in place.
    fn value(&mut self, v: &mut Value) {
        match v {
            Value::Array(items) => items.iter_mut().for_each(|i| self.value(i)),
            Value::Object(m) if m.len() == 1 => {
                let (key, arg) = m.iter_mut().next().expect("one entry");
                let key = key.clone();
                if let Some(new) = self.intrinsic(&key, arg) {
                    *v = new;
                }
            }
            Value::Object(m) => m.values_mut().for_each(|i| self.value(i)),
            _ => {}
        }
    }

    /// One intrinsic function (or a one-key object); `Some` replaces it.
    fn intrinsic(&mut self, key: &str, arg: &mut Value) -> Option<Value> {
        match (key, &mut *arg) {
            ("Ref", Value::String(name)) => self.reference(name, None),
            ("Fn::GetAtt", Value::Array(parts)) => {
                let r = parts.first()?.as_str()?.to_owned();
                let a = parts.get(1)?.as_str()?.to_owned();
                self.reference(&r, Some(&a))
            }
            ("Fn::GetAtt", Value::String(dotted)) => {
                let (r, a) = dotted.split_once('.')?;
                let (r, a) = (r.to_owned(), a.to_owned());
                self.reference(&r, Some(&a))
            }
            ("Fn::Sub", Value::String(text)) => {
                *text = self.sub_text(text, &BTreeSet::new());
                None
            }
            ("Fn::Sub", Value::Array(parts)) => {
                let locals: BTreeSet<String> = parts
                    .get(1)
                    .and_then(Value::as_object)
                    .map(|m| m.keys().cloned().collect())
                    .unwrap_or_default();
                if let Some(Value::Object(vars)) = parts.get_mut(1) {
                    vars.values_mut().for_each(|v| self.value(v));
                }
                if let Some(Value::String(text)) = parts.get_mut(0) {
                    *text = self.sub_text(text, &locals);
                }
                None
            }
            ("Fn::If", Value::Array(parts)) => {
                if let Some(c) = parts.first().and_then(Value::as_str) {
                    self.condition(c);
                }
                parts.iter_mut().skip(1).for_each(|p| self.value(p));
                None
            }
            ("Condition", Value::String(c)) => {
                let c = c.clone();
                self.condition(&c);
                None
            }
            ("Fn::FindInMap", Value::Array(parts)) => {
                if let Some(m) = parts.first().and_then(Value::as_str) {
                    if self.template.mappings.contains_key(m) {
                        self.used.mappings.insert(m.to_owned());
                    }
                }
                parts.iter_mut().skip(1).for_each(|p| self.value(p));
                None
            }
            _ => {
                self.value(arg);
                None
            }
        }
    }

    /// `Ref name` or `GetAtt name.attribute`: kept, or replaced by a stream parameter.
    fn reference(&mut self, name: &str, attribute: Option<&str>) -> Option<Value> {
        let param = self.resolve(name, attribute)?;
        Some(json!({ "Ref": param }))
    }

    /// The stream parameter standing for a resource reference; `None` keeps it as written
    /// (a parameter, a pseudo parameter, or a resource the stream's template creates).
    fn resolve(&mut self, name: &str, attribute: Option<&str>) -> Option<String> {
        if attribute.is_none() && self.template.parameters.contains_key(name) {
            self.used.parameters.insert(name.to_owned());
            return None;
        }
        if attribute.is_none() && PSEUDO_PARAMETERS.contains(&name) {
            return None;
        }
        if !self.template.resources.contains_key(name) {
            return None;
        }
        let (original, what) = match attribute {
            Some(a) => (Expr::get_att(name, a), format!("!GetAtt {name}.{a}")),
            None => (Expr::reference(name), format!("!Ref {name}")),
        };
        let base: String = std::iter::once(name)
            .chain(attribute)
            .flat_map(|s| s.chars())
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let mut param = base.clone();
        let mut n = 2;
        while self.clashes(&param, &what) {
            param = format!("{base}{n}");
            n += 1;
        }
        self.used.resources.insert(param.clone(), (original, what));
        Some(param)
    }

    /// True when `param` is already something other than a stand-in for `what`.
    fn clashes(&self, param: &str, what: &str) -> bool {
        match self.used.resources.get(param) {
            Some((_, w)) => w != what,
            None => {
                self.taken.contains(param)
                    || self.template.parameters.contains_key(param)
                    || self.template.conditions.contains_key(param)
                    || self.template.mappings.contains_key(param)
            }
        }
    }

    /// `Fn::Sub` text with resource references replaced by their parameters.
    fn sub_text(&mut self, text: &str, locals: &BTreeSet<String>) -> String {
        let mut out = String::new();
        let mut last = 0;
        for var in sub_variables(text) {
            if var.attribute.is_none() && locals.contains(var.name) {
                continue;
            }
            let Some(param) = self.resolve(var.name, var.attribute) else {
                continue;
            };
            let end = var.offset + text[var.offset..].find('}').map_or(0, |i| i + 1);
            out.push_str(&text[last..var.offset]);
            out.push_str(&format!("${{{param}}}"));
            last = end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// A condition and, through its test, what it uses.
    fn condition(&mut self, name: &str) {
        if !self.template.conditions.contains_key(name) || self.used.conditions.contains_key(name) {
            return;
        }
        self.used.conditions.insert(name.to_owned(), Value::Null);
        let mut test = self.template.conditions[name].to_value();
        self.value(&mut test);
        self.used.conditions.insert(name.to_owned(), test);
    }

    /// The declarations of what was used, from the template.
    fn declarations(&self) -> (Vec<Parameter>, Vec<Condition>, Vec<Mapping>) {
        let parameters = self
            .used
            .parameters
            .iter()
            .map(|name| parameter(name, &self.template.parameters[name]))
            .chain(self.used.resources.iter().map(|(param, (_, what))| {
                Parameter::new(param.as_str())
                    .description(format!("The value of {what} in the imported template."))
            }))
            .collect();
        let conditions = self
            .used
            .conditions
            .iter()
            .map(|(name, test)| Condition::new(name.as_str(), Expr::from_value(test)))
            .collect();
        let mappings = self
            .used
            .mappings
            .iter()
            .map(|name| {
                let values = serde_json::to_value(&self.template.mappings[name])
                    .map(|v| Expr::from_value(&v))
                    .unwrap_or(Expr::Null);
                Mapping {
                    name: name.clone(),
                    values,
                }
            })
            .collect();
        (parameters, conditions, mappings)
    }
}

/// A template parameter's declaration as the stream's.
fn parameter(name: &str, p: &TemplateParameter) -> Parameter {
    let text = |v: &Option<Value>| {
        v.as_ref().map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let number = |v: &Option<Value>| {
        v.as_ref().and_then(|v| match v {
            Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            Value::String(s) => s.parse().ok(),
            _ => None,
        })
    };
    let allowed = match &p.allowed_values {
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let no_echo = p.no_echo.as_ref().and_then(|v| match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.parse().ok(),
        _ => None,
    });
    let mut out = Parameter::new(name);
    out.param_type = (p.kind != "String").then(|| p.kind.clone());
    out.default = text(&p.default);
    out.description = p.description.clone();
    out.allowed_values = allowed;
    out.allowed_pattern = p.allowed_pattern.clone();
    out.min_length = number(&p.min_length);
    out.max_length = number(&p.max_length);
    out.min_value = number(&p.min_value);
    out.max_value = number(&p.max_value);
    out.no_echo = no_echo.filter(|b| *b);
    out.constraint_description = p.constraint_description.clone();
    out
}
