//! A typed CloudFormation template: sorted maps, typed resources and a typed intrinsic
//! function enum, so the same stream always serializes to the same bytes.

mod expr;
mod iam;
mod ordered;
mod resources;

pub use expr::Expr;
pub use iam::{Effect, Policy, PolicyDocument, Statement};
pub use ordered::OrderedMap;
pub use resources::*;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A CloudFormation template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Template {
    /// Always `2010-09-09`.
    #[serde(rename = "AWSTemplateFormatVersion")]
    pub format_version: String,
    /// What the template deploys.
    pub description: String,
    /// Template parameters, by logical id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Parameter>,
    /// Resources, by logical id.
    pub resources: BTreeMap<String, Resource>,
    /// Outputs, by logical id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub outputs: BTreeMap<String, Output>,
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
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).expect("a template always serializes")
    }
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameter {
    /// Parameter type, such as `String`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// What to pass.
    pub description: String,
    /// Regular expression the value must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_pattern: Option<String>,
    /// Shown when the value does not match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint_description: Option<String>,
}

/// A template output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Output {
    /// What it is.
    pub description: String,
    /// Its value.
    pub value: Expr,
}

/// A resource: its typed properties plus the resource attributes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Resource {
    /// `Type` and `Properties`.
    #[serde(flatten)]
    pub properties: Properties,
    /// Resource metadata (value-stream annotations, scanner suppressions with reasons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<serde_json::Value>,
    /// What happens to the resource when the stack is deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_policy: Option<String>,
    /// What happens to the old resource when an update replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_replace_policy: Option<String>,
}

impl Resource {
    /// A resource with no attributes.
    pub fn new(properties: impl Into<Properties>) -> Self {
        Self {
            properties: properties.into(),
            metadata: None,
            deletion_policy: None,
            update_replace_policy: None,
        }
    }

    /// Keeps the resource (and its data) when the stack is deleted or the resource replaced.
    pub fn retained(mut self) -> Self {
        self.deletion_policy = Some("Retain".to_owned());
        self.update_replace_policy = Some("Retain".to_owned());
        self
    }

    /// Sets the metadata.
    pub fn with_metadata(mut self, metadata: serde_json::Value) -> Self {
        self.metadata = Some(metadata);
        self
    }
}
