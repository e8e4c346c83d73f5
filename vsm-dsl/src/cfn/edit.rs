//! Building on a template: adding entries under ids not yet used, and overriding or removing
//! any property of a resource by path (an escape hatch for what the typed structs do not hold).

use serde_json::{Map, Value};
use std::fmt;

use super::is_logical_id;
use super::{Expr, Mapping, Output, Parameter, Resource, Template};

/// An entry of a template section, named by its section and id: `Resources.Pipeline`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// The section: `Resources`, `Parameters`, `Conditions`, `Outputs`, `Mappings`, ...
    pub section: &'static str,
    /// The logical id or name in it.
    pub id: String,
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.id.as_str() {
            "" => f.write_str(self.section),
            id => write!(f, "{}.{id}", self.section),
        }
    }
}

/// Why a change to a template was refused; the template is then unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// The id is not 1–255 ASCII letters and digits (CFN-TPL-1).
    #[error("CFN-TPL-1: {0:?} is not a logical id: use 1–255 ASCII letters and digits")]
    BadId(String),
    /// The id is already used (CFN-TPL-2).
    #[error("CFN-TPL-2: cannot add {wanted}: the template already has {taken}; choose another id, or set `EmitOptions::logical_id_prefix` on the emitted side")]
    Taken {
        /// What was to be added.
        wanted: Entry,
        /// What holds the id.
        taken: Entry,
    },
    /// Entries both templates of a merge define (CFN-TPL-2), all of them.
    #[error("CFN-TPL-2: both templates define {}; nothing was merged: rename one side, or set `EmitOptions::logical_id_prefix` on the emitted one", list(.0))]
    Collisions(Vec<Entry>),
    /// No resource has the id an override names.
    #[error("cannot override {id:?}: the template has no such resource (it has {}); use an id from the emission's handles", list(.known))]
    NoSuchResource {
        /// The id named.
        id: String,
        /// The resources there are.
        known: Vec<String>,
    },
    /// The path does not lead anywhere it can be written.
    #[error("cannot override {path:?} of resource {id:?}: {reason}")]
    BadPath {
        /// The resource.
        id: String,
        /// The path given.
        path: String,
        /// What is in the way, and what to do.
        reason: String,
    },
}

fn list<T: fmt::Display>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl Template {
    /// Adds a resource of any type; refuses an id already used by a resource or parameter.
    pub fn add_resource(
        &mut self,
        id: impl Into<String>,
        resource: Resource,
    ) -> Result<(), EditError> {
        let id = self.free_id(id.into(), "Resources")?;
        self.resources.insert(id, resource);
        Ok(())
    }

    /// Adds a parameter; one defined identically under the same id is shared, any other use
    /// of the id (a resource, a different parameter) is refused.
    pub fn add_parameter(
        &mut self,
        id: impl Into<String>,
        parameter: Parameter,
    ) -> Result<(), EditError> {
        let id = id.into();
        if self.parameters.get(&id) == Some(&parameter) {
            return Ok(());
        }
        let id = self.free_id(id, "Parameters")?;
        self.parameters.insert(id, parameter);
        Ok(())
    }

    /// Adds a condition; refuses a name already used by a condition.
    pub fn add_condition(
        &mut self,
        name: impl Into<String>,
        condition: Expr,
    ) -> Result<(), EditError> {
        let name = self.free_id(name.into(), "Conditions")?;
        self.conditions.insert(name, condition);
        Ok(())
    }

    /// Adds an output; refuses an id already used by an output.
    pub fn add_output(&mut self, id: impl Into<String>, output: Output) -> Result<(), EditError> {
        let id = self.free_id(id.into(), "Outputs")?;
        self.outputs.insert(id, output);
        Ok(())
    }

    /// Adds a mapping; refuses a name already used by a mapping.
    pub fn add_mapping(
        &mut self,
        name: impl Into<String>,
        mapping: Mapping,
    ) -> Result<(), EditError> {
        let name = self.free_id(name.into(), "Mappings")?;
        self.mappings.insert(name, mapping);
        Ok(())
    }

    /// The entry that already holds `id` for an addition to `section`, if any: resources and
    /// parameters share one namespace (both are `Ref` targets); the other sections have
    /// their own.
    pub(super) fn holder(&self, section: &'static str, id: &str) -> Option<Entry> {
        let taken = |section: &'static str| {
            Some(Entry {
                section,
                id: id.to_owned(),
            })
        };
        let has = |s: &str| match s {
            "Resources" => self.resources.contains_key(id) || self.loops.resources.contains_key(id),
            "Parameters" => self.parameters.contains_key(id),
            "Conditions" => {
                self.conditions.contains_key(id) || self.loops.conditions.contains_key(id)
            }
            "Outputs" => self.outputs.contains_key(id) || self.loops.outputs.contains_key(id),
            "Mappings" => self.mappings.contains_key(id),
            "Rules" => self.rules.contains_key(id),
            _ => false,
        };
        let shared: &[&'static str] = match section {
            "Resources" | "Parameters" => &["Resources", "Parameters"],
            "Conditions" => &["Conditions"],
            "Outputs" => &["Outputs"],
            "Mappings" => &["Mappings"],
            _ => &["Rules"],
        };
        shared.iter().find(|s| has(s)).and_then(|s| taken(s))
    }

    fn free_id(&self, id: String, section: &'static str) -> Result<String, EditError> {
        if !is_logical_id(&id) {
            return Err(EditError::BadId(id));
        }
        match self.holder(section, &id) {
            Some(taken) => Err(EditError::Taken {
                wanted: Entry { section, id },
                taken,
            }),
            None => Ok(id),
        }
    }

    /// Sets a property of a resource by a dotted path below `Properties`, like CDK's
    /// `addPropertyOverride`: `("PipelineRole", "Policies.0.PolicyName", json!("Run"))`.
    /// Missing objects on the way are created; a number indexes a list (the length appends);
    /// `\.` is a literal dot in a key. The resource must exist.
    pub fn override_property(
        &mut self,
        id: &str,
        path: &str,
        value: Value,
    ) -> Result<(), EditError> {
        self.edit(id, &format!("Properties.{path}"), Some(value))
    }

    /// Removes a property of a resource by a dotted path below `Properties` (CDK's
    /// `addPropertyDeletionOverride`); the property must exist.
    pub fn remove_property(&mut self, id: &str, path: &str) -> Result<(), EditError> {
        self.edit(id, &format!("Properties.{path}"), None)
    }

    /// Sets any part of a resource by a dotted path from the resource itself (CDK's
    /// `addOverride`): `("Pipeline", "DependsOn", json!(["Queue"]))`,
    /// `("Bucket", "Metadata.Owner", json!("team"))`.
    pub fn override_resource(
        &mut self,
        id: &str,
        path: &str,
        value: Value,
    ) -> Result<(), EditError> {
        self.edit(id, path, Some(value))
    }

    fn edit(&mut self, id: &str, path: &str, value: Option<Value>) -> Result<(), EditError> {
        let Some(resource) = self.resources.get(id) else {
            return Err(EditError::NoSuchResource {
                id: id.to_owned(),
                known: self.resources.keys().cloned().collect(),
            });
        };
        let bad = |reason: String| EditError::BadPath {
            id: id.to_owned(),
            path: path.to_owned(),
            reason,
        };
        let mut json = serde_json::to_value(resource).expect("a resource always serializes");
        set_path(&mut json, &split_path(path), value).map_err(bad)?;
        let edited: Resource = serde_json::from_value(json)
            .map_err(|e| bad(format!("the resource would no longer read: {e}")))?;
        self.resources.insert(id.to_owned(), edited);
        Ok(())
    }
}

/// Splits at `.`, with `\.` a literal dot.
fn split_path(path: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'.') => {
                chars.next();
                out.last_mut().expect("never empty").push('.');
            }
            '.' => out.push(String::new()),
            c => out.last_mut().expect("never empty").push(c),
        }
    }
    out
}

/// True for `{"Ref": ..}`, `{"Fn::...": ..}` or `{"Condition": ..}`: a value CloudFormation
/// computes, which a path must not write into.
fn is_function(map: &Map<String, Value>) -> bool {
    map.len() == 1
        && map
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

/// Sets (or, with `None`, removes) the value at `path` below `root`.
fn set_path(root: &mut Value, path: &[String], value: Option<Value>) -> Result<(), String> {
    let (last, walk) = path.split_last().expect("a split path has one segment");
    if path.iter().any(String::is_empty) {
        return Err("the path has an empty segment; separate keys with single dots".to_owned());
    }
    let mut here = root;
    let mut at = String::new();
    for key in walk {
        here = step(here, key, &at, value.is_some())?;
        at = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
    }
    let whole = if at.is_empty() {
        last.clone()
    } else {
        format!("{at}.{last}")
    };
    match (here, value) {
        (Value::Object(m), _) if is_function(m) => Err(into_function(&at)),
        (Value::Object(m), Some(v)) => {
            m.insert(last.clone(), v);
            Ok(())
        }
        (Value::Object(m), None) => m
            .remove(last)
            .map(drop)
            .ok_or_else(|| format!("there is nothing at {whole} to remove")),
        (Value::Array(items), value) => {
            let i = index(last, items.len(), &whole, value.is_some())?;
            match value {
                Some(v) if i == items.len() => items.push(v),
                Some(v) => items[i] = v,
                None => drop(items.remove(i)),
            }
            Ok(())
        }
        (other, _) => Err(format!("{at} is {}, not an object or a list", kind(other))),
    }
}

/// One step down from `here` by `key`; a missing key becomes an empty object when setting.
fn step<'v>(
    here: &'v mut Value,
    key: &str,
    at: &str,
    create: bool,
) -> Result<&'v mut Value, String> {
    let whole = if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    };
    match here {
        Value::Object(m) if is_function(m) => Err(into_function(at)),
        Value::Object(m) => {
            if !m.contains_key(key) {
                if !create {
                    return Err(format!("there is nothing at {whole} to remove"));
                }
                m.insert(key.to_owned(), Value::Object(Map::new()));
            }
            Ok(m.get_mut(key).expect("just checked"))
        }
        Value::Array(items) => {
            let i = index(key, items.len(), &whole, false)?;
            Ok(&mut items[i])
        }
        other => Err(format!("{at} is {}, not an object or a list", kind(other))),
    }
}

fn into_function(at: &str) -> String {
    format!("{at} is an intrinsic function; override {at} itself with the whole value instead")
}

/// A list index: below `len`, or `len` itself to append when `append`.
fn index(key: &str, len: usize, whole: &str, append: bool) -> Result<usize, String> {
    let i: usize = key
        .parse()
        .map_err(|_| format!("{whole}: {key:?} is not an index into a list"))?;
    if i < len || (append && i == len) {
        Ok(i)
    } else {
        Err(format!(
            "{whole}: index {i} is past the end of a list of {len}"
        ))
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
