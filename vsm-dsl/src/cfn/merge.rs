//! A typed merge of two templates that refuses every collision before changing anything.

use serde_json::Value;
use std::collections::BTreeMap;

use super::edit::{EditError, Entry};
use super::Template;

impl Template {
    /// Adds every entry of `other` to this template: parameters, mappings, conditions,
    /// rules, resources, outputs, their `Fn::ForEach` loops, metadata keys, the transform and
    /// sections vsm does not model. A parameter, transform, metadata key or other section
    /// defined identically on both sides is shared; any other entry on both sides (or a
    /// resource and a parameter with one id) is a collision. All collisions are reported at
    /// once, and then nothing is changed. This template's format version and description
    /// win; `other`'s fill them in when this one has none.
    pub fn merge(&mut self, other: Template) -> Result<(), EditError> {
        let collisions = self.collisions(&other);
        if !collisions.is_empty() {
            return Err(EditError::Collisions(collisions));
        }
        self.format_version = self.format_version.take().or(other.format_version);
        self.description = self.description.take().or(other.description);
        self.transform = self.transform.take().or(other.transform);
        self.metadata = match (self.metadata.take(), other.metadata) {
            (Some(Value::Object(mut ours)), Some(Value::Object(theirs))) => {
                ours.extend(theirs);
                Some(Value::Object(ours))
            }
            (ours, theirs) => ours.or(theirs),
        };
        self.parameters.extend(other.parameters);
        self.mappings.extend(other.mappings);
        self.conditions.extend(other.conditions);
        self.rules.extend(other.rules);
        self.resources.extend(other.resources);
        self.outputs.extend(other.outputs);
        self.loops.conditions.extend(other.loops.conditions);
        self.loops.resources.extend(other.loops.resources);
        self.loops.outputs.extend(other.loops.outputs);
        self.other_sections.extend(other.other_sections);
        self.empty_sections.extend(other.empty_sections);
        Ok(())
    }

    /// Every entry of `other` that this template already holds differently, sorted.
    pub fn collisions(&self, other: &Template) -> Vec<Entry> {
        let mut out = Vec::new();
        let sections: [(&'static str, Vec<&str>); 8] = [
            ("Resources", keys(&other.resources)),
            ("Resources", keys(&other.loops.resources)),
            ("Mappings", keys(&other.mappings)),
            ("Conditions", keys(&other.conditions)),
            ("Conditions", keys(&other.loops.conditions)),
            ("Rules", keys(&other.rules)),
            ("Outputs", keys(&other.outputs)),
            ("Outputs", keys(&other.loops.outputs)),
        ];
        for (section, ids) in sections {
            out.extend(
                ids.into_iter()
                    .filter(|id| self.holder(section, id).is_some())
                    .map(|id| entry(section, id)),
            );
        }
        for (id, p) in &other.parameters {
            let clash = match self.parameters.get(id) {
                Some(ours) => ours != p,
                None => self.holder("Parameters", id).is_some(),
            };
            if clash {
                out.push(entry("Parameters", id));
            }
        }
        if let (Some(a), Some(b)) = (&self.transform, &other.transform) {
            if a != b {
                out.push(entry("Transform", ""));
            }
        }
        if let (Some(a), Some(b)) = (&self.format_version, &other.format_version) {
            if a != b {
                out.push(entry("AWSTemplateFormatVersion", ""));
            }
        }
        out.extend(differing(
            "Metadata",
            self.metadata.as_ref(),
            other.metadata.as_ref(),
        ));
        for (k, v) in &other.other_sections {
            if self.other_sections.get(k).is_some_and(|ours| ours != v) {
                out.push(entry("Sections", k));
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

fn keys<T>(map: &BTreeMap<String, T>) -> Vec<&str> {
    map.keys().map(String::as_str).collect()
}

fn entry(section: &'static str, id: &str) -> Entry {
    Entry {
        section,
        id: id.to_owned(),
    }
}

/// Metadata keys both sides hold with different values (the whole section when either side
/// is not an object).
fn differing(section: &'static str, ours: Option<&Value>, theirs: Option<&Value>) -> Vec<Entry> {
    match (ours, theirs) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => b
            .iter()
            .filter(|(k, v)| a.get(*k).is_some_and(|x| x != *v))
            .map(|(k, _)| entry(section, k))
            .collect(),
        (Some(a), Some(b)) if a != b => vec![entry(section, "")],
        _ => Vec::new(),
    }
}
