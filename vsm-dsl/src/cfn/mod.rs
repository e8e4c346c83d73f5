//! A typed CloudFormation template that reads any template and writes it back unchanged.
//!
//! - [`Template`]: every section; sorted maps, so the same template always serializes to the
//!   same bytes;
//! - [`Resource`] and [`Properties`]: typed structs for the resource types vsm emits, any other
//!   type (or properties a struct does not hold exactly) kept as written;
//! - [`Expr`] and [`Intrinsic`]: every intrinsic, condition and rule function;
//! - [`Document`]: a template read from JSON or YAML (short-form tags such as `!Ref` and
//!   `!GetAtt a.b` included) with the [`source`] tree that locates every value, for messages
//!   that say `file:line:column`.
//!
//! Reading then writing gives the same JSON value (YAML short forms come back in their long
//! JSON form).

#[cfg(feature = "read")]
mod choice;
#[cfg(feature = "read")]
mod document;
mod edit;
mod element;
mod expr;
mod iam;
mod intrinsic;
mod merge;
mod ordered;
mod read;
mod resource;
mod resources;
mod sections;
pub mod source;

#[cfg(feature = "read")]
pub(crate) use choice::{alternatives, with_term, Alternative};
#[cfg(feature = "read")]
pub use document::Document;
pub use edit::{EditError, Entry};
pub use element::Element;
pub use expr::{sub_variables, Expr, SubVariable, PSEUDO_PARAMETERS};
pub use iam::{Effect, Policy, PolicyDocument, Statement};
pub use intrinsic::Intrinsic;
pub use ordered::OrderedMap;
pub use read::{ReadError, ReadErrors};
pub use resource::{DependsOn, Resource};
pub use resources::*;
pub use sections::{
    Assertion, Export, ForEach, Loops, Macro, MacroCall, Mapping, Output, Parameter, Rule,
    Transform,
};
pub use source::{Format, Position};

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A CloudFormation template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    /// `AWSTemplateFormatVersion` (`2010-09-09` when present).
    pub format_version: Option<String>,
    /// What the template deploys.
    pub description: Option<String>,
    /// Template metadata.
    pub metadata: Option<Value>,
    /// Template parameters, by logical id.
    pub parameters: BTreeMap<String, Parameter>,
    /// Rules on parameter values, by name.
    pub rules: BTreeMap<String, Rule>,
    /// Mappings, by name.
    pub mappings: BTreeMap<String, Mapping>,
    /// Conditions, by name.
    pub conditions: BTreeMap<String, Expr>,
    /// Macros that process the template.
    pub transform: Option<Transform>,
    /// Resources, by logical id.
    pub resources: BTreeMap<String, Resource>,
    /// Outputs, by logical id.
    pub outputs: BTreeMap<String, Output>,
    /// `Fn::ForEach` loops of the Conditions, Resources and Outputs sections.
    pub loops: Loops,
    /// Sections vsm does not model (such as SAM's `Globals` or a blue/green deployment's
    /// `Hooks`), kept as written.
    pub other_sections: BTreeMap<String, Value>,
    /// Optional sections written empty (`"Outputs": {}`), written back so.
    pub empty_sections: BTreeSet<String>,
}

impl Template {
    /// Pretty JSON (two-space indent, trailing newline).
    pub fn to_json_pretty(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a template always serializes");
        s.push('\n');
        s
    }

    /// Compact JSON: the smallest body to deploy.
    pub fn to_json_compact(&self) -> String {
        serde_json::to_string(self).expect("a template always serializes")
    }

    /// The template as a JSON value.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a template always serializes")
    }

    /// The names of the macros in the Transform section.
    pub fn transforms(&self) -> Vec<&str> {
        self.transform
            .as_ref()
            .map(Transform::names)
            .unwrap_or_default()
    }
}

/// A section's entries followed by its `Fn::ForEach` loops.
struct Section<'a, T>(
    &'a BTreeMap<String, T>,
    Option<&'a BTreeMap<String, ForEach>>,
);

impl<T: Serialize> Serialize for Section<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        for (k, v) in self.1.into_iter().flatten() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl Template {
    fn write_section<M: SerializeMap, T: Serialize>(
        &self,
        m: &mut M,
        name: &str,
        entries: &BTreeMap<String, T>,
        loops: Option<&BTreeMap<String, ForEach>>,
    ) -> Result<(), M::Error> {
        let has_loops = loops.is_some_and(|l| !l.is_empty());
        if !entries.is_empty()
            || has_loops
            || name == "Resources"
            || self.empty_sections.contains(name)
        {
            m.serialize_entry(name, &Section(entries, loops))?;
        }
        Ok(())
    }
}

impl Serialize for Template {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        if let Some(v) = &self.format_version {
            m.serialize_entry("AWSTemplateFormatVersion", v)?;
        }
        if let Some(v) = &self.description {
            m.serialize_entry("Description", v)?;
        }
        if let Some(v) = &self.metadata {
            m.serialize_entry("Metadata", v)?;
        }
        self.write_section(&mut m, "Parameters", &self.parameters, None)?;
        self.write_section(&mut m, "Rules", &self.rules, None)?;
        self.write_section(&mut m, "Mappings", &self.mappings, None)?;
        let loops = &self.loops;
        self.write_section(
            &mut m,
            "Conditions",
            &self.conditions,
            Some(&loops.conditions),
        )?;
        if let Some(v) = &self.transform {
            m.serialize_entry("Transform", v)?;
        }
        self.write_section(&mut m, "Resources", &self.resources, Some(&loops.resources))?;
        self.write_section(&mut m, "Outputs", &self.outputs, Some(&loops.outputs))?;
        for (k, v) in &self.other_sections {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Template {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let node = source::Node::deserialize(d)?;
        Self::from_node(&node).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;

/// True for a CloudFormation logical id: 1–255 ASCII letters and digits (CFN-TPL-1).
pub fn is_logical_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 255 && id.bytes().all(|b| b.is_ascii_alphanumeric())
}
