//! A resource: its type and properties plus the resource attributes.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;

use super::read::{join, ReadError, Reader};
use super::source::Node;
use super::{Expr, Properties};

/// A resource: its typed properties plus the resource attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    /// `Type` and `Properties`.
    pub properties: Properties,
    /// The condition under which it is created.
    pub condition: Option<String>,
    /// Resources created before it.
    pub depends_on: Option<DependsOn>,
    /// Resource metadata (value-stream annotations, scanner suppressions with reasons).
    pub metadata: Option<Value>,
    /// What happens to the resource when the stack is deleted.
    pub deletion_policy: Option<Expr>,
    /// What happens to the old resource when an update replaces it.
    pub update_replace_policy: Option<Expr>,
    /// How updates are rolled out (Auto Scaling groups and others).
    pub update_policy: Option<Expr>,
    /// What the resource must signal before it counts as created.
    pub creation_policy: Option<Expr>,
    /// Any other attribute (such as a custom resource's `Version`), kept as written.
    pub extra: BTreeMap<String, Value>,
}

/// `DependsOn`: one logical id or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DependsOn {
    /// `"DependsOn": "Id"`.
    One(String),
    /// `"DependsOn": ["A", "B"]`.
    Many(Vec<String>),
}

impl DependsOn {
    /// Reads a logical id or a list of them.
    fn from_node(node: &Node) -> Option<Self> {
        match node.as_sequence() {
            Some(items) => items
                .iter()
                .map(|n| n.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .map(Self::Many),
            None => node.as_str().map(|s| Self::One(s.to_owned())),
        }
    }

    /// The logical ids, in order.
    pub fn names(&self) -> Vec<&str> {
        match self {
            Self::One(n) => vec![n.as_str()],
            Self::Many(ns) => ns.iter().map(String::as_str).collect(),
        }
    }
}

impl Resource {
    /// A resource with no attributes.
    pub fn new(properties: impl Into<Properties>) -> Self {
        Self {
            properties: properties.into(),
            condition: None,
            depends_on: None,
            metadata: None,
            deletion_policy: None,
            update_replace_policy: None,
            update_policy: None,
            creation_policy: None,
            extra: BTreeMap::new(),
        }
    }

    /// A resource of any type with properties as written: `Resource::of_type("AWS::SQS::Queue",
    /// json!({"SqsManagedSseEnabled": true}))` (`Value::Null` for none). Intrinsic functions
    /// in the value are read as such.
    pub fn of_type(type_name: impl Into<String>, properties: Value) -> Self {
        Self::new(Properties::Other {
            type_name: type_name.into(),
            properties: (!properties.is_null()).then(|| Expr::from_value(&properties)),
        })
    }

    /// Sets the condition under which it is created.
    pub fn with_condition(mut self, condition: impl Into<String>) -> Self {
        self.condition = Some(condition.into());
        self
    }

    /// Sets the resources created before it.
    pub fn with_depends_on<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        let mut ids: Vec<String> = ids.into_iter().map(Into::into).collect();
        self.depends_on = Some(match ids.len() {
            1 => DependsOn::One(ids.remove(0)),
            _ => DependsOn::Many(ids),
        });
        self
    }

    /// Keeps the resource (and its data) when the stack is deleted or the resource replaced.
    pub fn retained(mut self) -> Self {
        self.deletion_policy = Some(Expr::str("Retain"));
        self.update_replace_policy = Some(Expr::str("Retain"));
        self
    }

    /// Sets the metadata.
    pub fn with_metadata(mut self, metadata: Value) -> Self {
        self.metadata = Some(metadata);
        self
    }

    /// The CloudFormation type name.
    pub fn type_name(&self) -> &str {
        self.properties.type_name()
    }

    /// Reads a resource at `path`; problems go to `reader`.
    pub(super) fn read(reader: &mut Reader, node: &Node, path: &str) -> Option<Self> {
        let Some(entries) = node.as_mapping() else {
            reader.error(
                path,
                node.position,
                "a resource is a mapping with Type and Properties",
            );
            return None;
        };
        let Some(type_name) = node.field("Type") else {
            reader.error(path, node.position, "the resource has no Type");
            return None;
        };
        let type_name: String = reader.typed(type_name, &join(path, "Type"))?;
        let mut resource = Self::new(Properties::read(&type_name, node.field("Properties")));
        for (i, entry) in entries.iter().enumerate() {
            if entries[i + 1..].iter().any(|e| e.key == entry.key) {
                continue;
            }
            let at = join(path, &entry.key);
            let (v, expr) = (&entry.value, || Some(Expr::from_node(&entry.value)));
            match entry.key.as_str() {
                "Type" | "Properties" => {}
                "Condition" => resource.condition = reader.typed(v, &at),
                "DependsOn" => {
                    resource.depends_on = DependsOn::from_node(v);
                    if resource.depends_on.is_none() {
                        let message = "expected a logical id or a list of logical ids";
                        reader.error(&at, v.position, message);
                    }
                }
                "Metadata" => resource.metadata = Some(v.to_value()),
                "DeletionPolicy" => resource.deletion_policy = expr(),
                "UpdateReplacePolicy" => resource.update_replace_policy = expr(),
                "UpdatePolicy" => resource.update_policy = expr(),
                "CreationPolicy" => resource.creation_policy = expr(),
                other => {
                    resource.extra.insert(other.to_owned(), v.to_value());
                }
            }
        }
        Some(resource)
    }
}

impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("Type", self.properties.type_name())?;
        self.properties.serialize_entry(&mut m)?;
        if let Some(c) = &self.condition {
            m.serialize_entry("Condition", c)?;
        }
        if let Some(d) = &self.depends_on {
            m.serialize_entry("DependsOn", d)?;
        }
        if let Some(v) = &self.metadata {
            m.serialize_entry("Metadata", v)?;
        }
        for (key, value) in [
            ("DeletionPolicy", &self.deletion_policy),
            ("UpdateReplacePolicy", &self.update_replace_policy),
            ("UpdatePolicy", &self.update_policy),
            ("CreationPolicy", &self.creation_policy),
        ] {
            if let Some(v) = value {
                m.serialize_entry(key, v)?;
            }
        }
        for (key, value) in &self.extra {
            m.serialize_entry(key, value)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let node = Node::deserialize(d)?;
        let mut reader = Reader::default();
        let resource = Self::read(&mut reader, &node, "");
        match resource {
            Some(r) if reader.errors.is_empty() => Ok(r),
            _ => Err(serde::de::Error::custom(
                reader
                    .errors
                    .iter()
                    .map(ReadError::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )),
        }
    }
}
