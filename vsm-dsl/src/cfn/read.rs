//! Reading a template from its source tree, every problem collected with its place.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::source::{escape_key, Node, Position};
use super::{Expr, ForEach, Resource, Template, Transform};

/// One problem that keeps a template from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadError {
    /// Where, as a path such as `Parameters/Env/Type` (empty: the whole template).
    pub path: String,
    /// Where in the source, when known.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.position {
            write!(f, "{p}: ")?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Every problem that keeps a template from being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadErrors(pub Vec<ReadError>);

impl fmt::Display for ReadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ReadErrors {}

/// `path/key`, the key escaped.
pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        escape_key(key).into_owned()
    } else {
        format!("{path}/{}", escape_key(key))
    }
}

/// Collects the problems met while reading.
#[derive(Debug, Default)]
pub(super) struct Reader {
    pub(super) errors: Vec<ReadError>,
}

impl Reader {
    pub(super) fn error(&mut self, path: &str, position: Option<Position>, message: &str) {
        self.errors.push(ReadError {
            path: path.to_owned(),
            position,
            message: message.to_owned(),
        });
    }

    /// The node read as a `T`, or `None` with the problem noted.
    pub(super) fn typed<'a, T: Deserialize<'a>>(
        &mut self,
        node: &'a Node,
        path: &str,
    ) -> Option<T> {
        match node.typed::<T>() {
            Ok(t) => Some(t),
            Err(e) => {
                let inner = e.path();
                self.errors.push(ReadError {
                    path: if inner.is_empty() {
                        path.to_owned()
                    } else {
                        format!("{path}/{inner}")
                    },
                    position: e.position.or(node.position),
                    message: e.message,
                });
                None
            }
        }
    }

    /// A section of named entries, each read by `read`; `Fn::ForEach::` keys go to `loops`
    /// when the section may hold them. Records a section written empty.
    fn section<T>(
        &mut self,
        node: &Node,
        name: &str,
        empty: &mut BTreeSet<String>,
        mut loops: Option<&mut BTreeMap<String, ForEach>>,
        read: impl Fn(&mut Self, &Node, &str) -> Option<T>,
    ) -> BTreeMap<String, T> {
        let mut out = BTreeMap::new();
        let Some(entries) = node.as_mapping() else {
            self.error(
                name,
                node.position,
                "expected a mapping of names to entries",
            );
            return out;
        };
        if entries.is_empty() {
            empty.insert(name.to_owned());
        }
        for (i, entry) in entries.iter().enumerate() {
            if entries[i + 1..].iter().any(|e| e.key == entry.key) {
                continue;
            }
            let path = join(name, &entry.key);
            match loops.as_deref_mut() {
                Some(loops) if entry.key.starts_with("Fn::ForEach::") => {
                    match ForEach::from_node(&entry.value) {
                        Ok(l) => {
                            loops.insert(entry.key.clone(), l);
                        }
                        Err(e) => self.error(
                            &path,
                            e.position.or(entry.value.position),
                            &format!("expected [identifier, collection, {{key: fragment}}]: {e}"),
                        ),
                    }
                }
                _ => {
                    if let Some(v) = read(self, &entry.value, &path) {
                        out.insert(entry.key.clone(), v);
                    }
                }
            }
        }
        out
    }
}

impl Template {
    /// Reads a template from its source tree; every problem is collected.
    pub fn from_node(node: &Node) -> Result<Self, ReadErrors> {
        let mut r = Reader::default();
        let mut t = Template::default();
        let Some(entries) = node.as_mapping() else {
            r.error("", node.position, "a template is a mapping of sections");
            return Err(ReadErrors(r.errors));
        };
        if node.field("Resources").is_none() {
            r.error("", node.position, "the template has no Resources section");
        }
        for (i, entry) in entries.iter().enumerate() {
            if entries[i + 1..].iter().any(|e| e.key == entry.key) {
                continue;
            }
            t.read_section(&mut r, &entry.key, &entry.value);
        }
        if r.errors.is_empty() {
            Ok(t)
        } else {
            Err(ReadErrors(r.errors))
        }
    }

    fn read_section(&mut self, r: &mut Reader, key: &str, v: &Node) {
        fn typed<T: DeserializeOwned>(r: &mut Reader, n: &Node, path: &str) -> Option<T> {
            r.typed(n, path)
        }
        let empty = &mut self.empty_sections;
        match key {
            "AWSTemplateFormatVersion" => self.format_version = r.typed(v, key),
            "Description" => self.description = r.typed(v, key),
            "Metadata" => self.metadata = Some(v.to_value()),
            "Parameters" => self.parameters = r.section(v, key, empty, None, typed),
            "Rules" => self.rules = r.section(v, key, empty, None, typed),
            "Mappings" => self.mappings = r.section(v, key, empty, None, typed),
            "Conditions" => {
                let loops = Some(&mut self.loops.conditions);
                self.conditions =
                    r.section(v, key, empty, loops, |_, n, _| Some(Expr::from_node(n)));
            }
            "Transform" => match Transform::from_node(v) {
                Ok(t) => self.transform = Some(t),
                Err(e) => r.error(
                    key,
                    e.position.or(v.position),
                    &format!("expected a macro name, {{Name, Parameters}} or a list of them: {e}"),
                ),
            },
            "Resources" => {
                let loops = Some(&mut self.loops.resources);
                self.resources = r.section(v, key, empty, loops, Resource::read);
            }
            "Outputs" => {
                let loops = Some(&mut self.loops.outputs);
                self.outputs = r.section(v, key, empty, loops, typed);
            }
            _ => {
                self.other_sections.insert(key.to_owned(), v.to_value());
            }
        }
    }
}
