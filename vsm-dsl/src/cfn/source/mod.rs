//! Template text as a tree of values that remember where they were written.
//!
//! [`parse`] reads JSON or YAML (with CloudFormation's short-form tags such as `!Ref` and
//! `!GetAtt a.b`, written as their long form) into a [`Node`] tree. Every node carries its
//! [`Position`]; [`Node::get`] finds a node by a path such as
//! `Resources/Pipeline/Properties/Stages/1/Actions/0/Name`.

mod de;
#[cfg(feature = "read")]
mod json;
#[cfg(feature = "read")]
mod yaml;

pub use de::NodeError;

use serde_json::{Map, Number, Value};
use std::fmt;

/// A place in the source text: line and column, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The text format a template was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// A value of the source tree and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts; `None` for values that were not read from text.
    pub position: Option<Position>,
    /// The value.
    pub kind: NodeKind,
}

/// What a [`Node`] holds: the JSON data model, with objects in source order.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A list.
    Sequence(Vec<Node>),
    /// An object, its entries in source order (duplicates kept; the last one counts).
    Mapping(Vec<Entry>),
}

/// One key and value of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key was written.
    pub key_position: Option<Position>,
    /// The value.
    pub value: Node,
}

/// Text that is not JSON or YAML a template can be read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where reading stopped.
    pub position: Position,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Reads JSON (text that starts with `{`) or YAML. Text that starts with `{` but is not JSON is
/// read as YAML (a flow mapping); when that fails too, the JSON error is returned. Messages
/// start with `not valid JSON:` or `not valid YAML:`.
#[cfg(feature = "read")]
pub fn parse(text: &str) -> Result<(Node, Format), ParseError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    fn named(format: &'static str) -> impl Fn(ParseError) -> ParseError {
        move |e| ParseError {
            message: format!("not valid {format}: {}", e.message),
            ..e
        }
    }
    if body.trim_start().starts_with('{') {
        match json::parse(body) {
            Ok(node) => Ok((node, Format::Json)),
            Err(e) => yaml::parse(body)
                .map(|n| (n, Format::Yaml))
                .map_err(|_| named("JSON")(e)),
        }
    } else {
        yaml::parse(body)
            .map(|n| (n, Format::Yaml))
            .map_err(named("YAML"))
    }
}

/// Reads JSON text.
#[cfg(feature = "read")]
pub fn parse_json(text: &str) -> Result<Node, ParseError> {
    json::parse(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Reads YAML text; short-form tags (`!Ref x`, `!GetAtt a.b`, `!If [..]`) become their long
/// form (`{"Ref": "x"}`, `{"Fn::GetAtt": ["a", "b"]}`, `{"Fn::If": [..]}`).
#[cfg(feature = "read")]
pub fn parse_yaml(text: &str) -> Result<Node, ParseError> {
    yaml::parse(text.strip_prefix('\u{feff}').unwrap_or(text))
}

impl Node {
    /// A node with no position.
    pub fn new(kind: NodeKind) -> Self {
        Self {
            position: None,
            kind,
        }
    }

    /// A node at `position`.
    pub fn at(position: Position, kind: NodeKind) -> Self {
        Self {
            position: Some(position),
            kind,
        }
    }

    /// The node as a JSON value (for duplicate keys, the last one counts).
    pub fn to_value(&self) -> Value {
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Number(n) => Value::Number(n.clone()),
            NodeKind::String(s) => Value::String(s.clone()),
            NodeKind::Sequence(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            NodeKind::Mapping(entries) => Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_value()))
                    .collect::<Map<_, _>>(),
            ),
        }
    }

    /// A positionless tree of a JSON value.
    pub fn from_value(value: &Value) -> Self {
        Self::new(match value {
            Value::Null => NodeKind::Null,
            Value::Bool(b) => NodeKind::Bool(*b),
            Value::Number(n) => NodeKind::Number(n.clone()),
            Value::String(s) => NodeKind::String(s.clone()),
            Value::Array(items) => NodeKind::Sequence(items.iter().map(Node::from_value).collect()),
            Value::Object(map) => NodeKind::Mapping(
                map.iter()
                    .map(|(k, v)| Entry {
                        key: k.clone(),
                        key_position: None,
                        value: Node::from_value(v),
                    })
                    .collect(),
            ),
        })
    }

    /// The string, if the node is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The items, if the node is a list.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if the node is an object.
    pub fn as_mapping(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of `key` in an object (the last one, when the key is repeated).
    pub fn field(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }

    /// The entry of `key` in an object (the last one, when the key is repeated).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_mapping()?.iter().rev().find(|e| e.key == key)
    }

    /// The single entry of a one-key object, such as `{"Ref": "Bucket"}`.
    pub fn single_entry(&self) -> Option<&Entry> {
        match self.as_mapping()? {
            [entry] => Some(entry),
            _ => None,
        }
    }

    /// The node at a `/`-separated path of keys and list indexes, such as
    /// `Resources/Pipeline/Properties/Stages/1/Actions/0/Name`. In a key, `~1` stands for `/` and
    /// `~0` for `~` (as in a JSON pointer). The empty path is the node itself.
    pub fn get(&self, path: &str) -> Option<&Node> {
        if path.is_empty() {
            return Some(self);
        }
        path.split('/').try_fold(self, |node, segment| {
            let key = segment.replace("~1", "/").replace("~0", "~");
            match &node.kind {
                NodeKind::Mapping(_) => node.field(&key),
                NodeKind::Sequence(items) => items.get(key.parse::<usize>().ok()?),
                _ => None,
            }
        })
    }

    /// Where the value at `path` was written (see [`Node::get`]).
    pub fn position_of(&self, path: &str) -> Option<Position> {
        self.get(path).and_then(|n| n.position)
    }
}

/// Escapes a key for a path: `~` → `~0`, `/` → `~1`.
pub fn escape_key(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) {
        key.replace('~', "~0").replace('/', "~1").into()
    } else {
        key.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_find_values_and_their_positions() {
        let text = "{\n  \"Resources\": {\"P\": {\"Stages\": [\n    {\"Name\": \"a\"},\n    {\"Name\": \"b/c\", \"x/y\": 1}]}}}";
        let (node, format) = parse(text).unwrap();
        assert_eq!(format, Format::Json);
        let name = node.get("Resources/P/Stages/1/Name").unwrap();
        assert_eq!(name.as_str(), Some("b/c"));
        assert_eq!(
            name.position,
            Some(Position {
                line: 4,
                column: 14
            })
        );
        assert_eq!(
            node.position_of("Resources/P/Stages/0"),
            Some(Position { line: 3, column: 5 })
        );
        assert!(node.get("Resources/P/Stages/1/x~1y").is_some());
        assert_eq!(escape_key("x/y"), "x~1y");
        assert!(node.get("Resources/P/Stages/2").is_none());
        assert!(node.get("Resources/P/Stages/one").is_none());
        assert_eq!(node.get("").unwrap().to_value(), node.to_value());
    }

    #[test]
    fn values_convert_both_ways() {
        let value = json!({"a": [1, -2, 1.5, "x", null, true, {"b": {}}], "c": []});
        assert_eq!(Node::from_value(&value).to_value(), value);
    }

    #[test]
    fn yaml_and_json_of_one_template_give_one_value() {
        let json_text = r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": {"Fn::Sub": "${AWS::StackName}-b"}}}}}"#;
        let yaml_text = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketName: !Sub '${AWS::StackName}-b'\n";
        let (a, fa) = parse(json_text).unwrap();
        let (b, fb) = parse(yaml_text).unwrap();
        assert_eq!((fa, fb), (Format::Json, Format::Yaml));
        assert_eq!(a.to_value(), b.to_value());
        // A flow mapping that is not JSON is read as YAML.
        let (c, fc) = parse("{Resources: {}}").unwrap();
        assert_eq!((c.to_value(), fc), (json!({"Resources": {}}), Format::Yaml));
        // Neither: the JSON error.
        let err = parse("{\"a\": [}").unwrap_err();
        assert_eq!(err.position, Position { line: 1, column: 8 });
    }
}
