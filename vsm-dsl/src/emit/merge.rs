//! Merging a template into an existing one.

use serde_json::{Map, Value};

use crate::cfn::Template;

/// Why a merge failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The existing template is not a JSON object.
    #[error("the existing template is not a JSON object")]
    NotAnObject,
    /// A section of the existing template is not an object.
    #[error("section {0} of the existing template is not a JSON object")]
    BadSection(String),
    /// Logical ids defined in both templates (CFN-TPL-2).
    #[error("CFN-TPL-2: logical id(s) {} already exist in the template; set `EmitOptions::logical_id_prefix` to keep them apart", .0.join(", "))]
    Collision(Vec<String>),
}

/// Adds the template's parameters, resources and outputs to `existing`. A parameter defined
/// identically on both sides is shared; any other logical id present on both sides is an error,
/// and then `existing` is returned untouched inside the error's caller.
pub fn merge_into(template: &Template, existing: Value) -> Result<Value, MergeError> {
    let Value::Object(mut root) = existing else {
        return Err(MergeError::NotAnObject);
    };
    let ours = template.to_value();
    let mut collisions = Vec::new();
    for section in ["Parameters", "Resources", "Outputs"] {
        let Some(Value::Object(add)) = ours.get(section) else {
            continue;
        };
        let theirs = root.get(section).unwrap_or(&Value::Null);
        let theirs = match theirs {
            Value::Object(m) => m,
            Value::Null => &Map::new(),
            _ => return Err(MergeError::BadSection(section.to_owned())),
        };
        for (id, value) in add {
            let ids_elsewhere = ["Parameters", "Resources", "Outputs"]
                .iter()
                .filter(|s| **s != section)
                .any(|s| root.get(*s).and_then(|m| m.get(id)).is_some());
            match theirs.get(id) {
                Some(v) if section == "Parameters" && v == value => {}
                Some(_) => collisions.push(id.clone()),
                None if ids_elsewhere && section != "Outputs" => collisions.push(id.clone()),
                None => {}
            }
        }
    }
    if !collisions.is_empty() {
        collisions.sort();
        collisions.dedup();
        return Err(MergeError::Collision(collisions));
    }
    for section in ["Parameters", "Resources", "Outputs"] {
        let Some(Value::Object(add)) = ours.get(section) else {
            continue;
        };
        let entry = root
            .entry(section.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.extend(add.clone());
        }
    }
    root.entry("AWSTemplateFormatVersion")
        .or_insert_with(|| Value::from("2010-09-09"));
    Ok(Value::Object(root))
}
