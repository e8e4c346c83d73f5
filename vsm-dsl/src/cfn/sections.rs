//! The template sections besides Resources: Parameters, Outputs, Rules, Mappings, Transform,
//! and the `Fn::ForEach` loops of the Conditions, Resources and Outputs sections.

use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

use super::source::{Node, NodeError};
use super::Expr;

/// Reads a key that is present (even as `null`) as `Some`: a template written with
/// `"Default": null` reads back with it.
pub(super) fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Parameter {
    /// Parameter type, such as `String`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// What to pass.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Regular expression the value must match.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_pattern: Option<String>,
    /// Shown when the value does not match.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub constraint_description: Option<String>,
    /// Value when none is given.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub default: Option<Value>,
    /// The values allowed.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_values: Option<Value>,
    /// Whether the value is masked.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub no_echo: Option<Value>,
    /// Shortest string allowed.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_length: Option<Value>,
    /// Longest string allowed.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_length: Option<Value>,
    /// Smallest number allowed.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_value: Option<Value>,
    /// Largest number allowed.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_value: Option<Value>,
    /// Any other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A template output.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Output {
    /// What it is.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Its value.
    pub value: Expr,
    /// The export other stacks import it by.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub export: Option<Export>,
    /// The condition under which it exists.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub condition: Option<String>,
    /// Any other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// An output's export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Export {
    /// The export name.
    pub name: Expr,
    /// Any other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A rule of the Rules section: assertions on parameter values, under a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Rule {
    /// When the rule applies.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub rule_condition: Option<Expr>,
    /// What must hold.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub assertions: Option<Vec<Assertion>>,
    /// Any other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// One assertion of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Assertion {
    /// The condition that must be true.
    pub assert: Expr,
    /// Shown when it is not.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub assert_description: Option<String>,
    /// Any other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// A mapping of the Mappings section: top-level key → second-level key → value.
pub type Mapping = BTreeMap<String, BTreeMap<String, Expr>>;

/// The Transform section: one macro or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Transform {
    /// One macro, such as `AWS::Serverless-2016-10-31`.
    One(Macro),
    /// Several, applied in order.
    Many(Vec<Macro>),
}

impl Transform {
    /// Reads a macro name, `{"Name": .., "Parameters": ..}`, or a list of them.
    pub fn from_node(node: &Node) -> Result<Self, NodeError> {
        match node.as_sequence() {
            Some(items) => items
                .iter()
                .map(Macro::from_node)
                .collect::<Result<_, _>>()
                .map(Self::Many),
            None => Macro::from_node(node).map(Self::One),
        }
    }

    /// The macros' names, in order.
    pub fn names(&self) -> Vec<&str> {
        match self {
            Self::One(m) => vec![m.name()],
            Self::Many(ms) => ms.iter().map(Macro::name).collect(),
        }
    }
}

/// A macro of the Transform section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Macro {
    /// By name.
    Name(String),
    /// With parameters, such as `AWS::Include`.
    Call(MacroCall),
}

impl Macro {
    /// Reads a macro name or `{"Name": .., "Parameters": ..}`.
    pub fn from_node(node: &Node) -> Result<Self, NodeError> {
        match node.as_str() {
            Some(name) => Ok(Self::Name(name.to_owned())),
            None => node.typed().map(Self::Call),
        }
    }

    /// The macro's name.
    pub fn name(&self) -> &str {
        match self {
            Self::Name(n) => n,
            Self::Call(c) => &c.name,
        }
    }
}

/// `{"Name": .., "Parameters": {..}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MacroCall {
    /// The macro's name.
    pub name: String,
    /// Its parameters.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub parameters: Option<BTreeMap<String, Expr>>,
    /// Any other key, kept as written.
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

/// `"Fn::ForEach::Name": [identifier, collection, {key: fragment}]` (the
/// `AWS::LanguageExtensions` transform): one entry per item of the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForEach {
    /// The loop variable, used as `${identifier}` or `&{identifier}` in the fragment.
    pub identifier: String,
    /// The items: a list, or an intrinsic function that gives one.
    pub collection: Expr,
    /// What each item produces: output keys to fragments (or nested loops).
    pub fragment: BTreeMap<String, Expr>,
}

impl ForEach {
    /// Reads `[identifier, collection, {key: fragment}]`.
    pub fn from_node(node: &Node) -> Result<Self, NodeError> {
        let (identifier, collection, fragment): (String, Node, BTreeMap<String, Node>) =
            node.typed()?;
        Ok(Self {
            identifier,
            collection: Expr::from_node(&collection),
            fragment: fragment
                .iter()
                .map(|(k, v)| (k.clone(), Expr::from_node(v)))
                .collect(),
        })
    }
}

impl Serialize for ForEach {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(3))?;
        q.serialize_element(&self.identifier)?;
        q.serialize_element(&self.collection)?;
        q.serialize_element(&self.fragment)?;
        q.end()
    }
}

/// The `Fn::ForEach::Name` entries of the sections that may hold them, by their full key.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loops {
    /// In Conditions.
    pub conditions: BTreeMap<String, ForEach>,
    /// In Resources.
    pub resources: BTreeMap<String, ForEach>,
    /// In Outputs.
    pub outputs: BTreeMap<String, ForEach>,
}

impl Loops {
    /// True when there is no loop.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty() && self.resources.is_empty() && self.outputs.is_empty()
    }
}
