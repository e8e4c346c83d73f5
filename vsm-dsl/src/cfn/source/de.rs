//! serde for [`Node`]s: typed values read from a node (errors say where), and nodes read from
//! any serde format.

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{forward_to_deserialize_any, Deserialize, Deserializer};
use std::fmt;

use super::{escape_key, Entry, Node, NodeKind, Position};

/// A node that does not fit the type asked for: what is wrong, at which path below the node
/// read, and where in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeError {
    /// What is wrong.
    pub message: String,
    /// Path segments from the node read down to the failing value, innermost first.
    segments: Vec<String>,
    /// Where the failing value was written.
    pub position: Option<Position>,
}

impl NodeError {
    /// The `/`-separated path from the node read to the failing value (empty: the node itself).
    pub fn path(&self) -> String {
        let mut segments: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        segments.reverse();
        segments.join("/")
    }

    fn at(mut self, position: Option<Position>) -> Self {
        if self.position.is_none() {
            self.position = position;
        }
        self
    }

    fn under(mut self, segment: &str) -> Self {
        self.segments.push(escape_key(segment).into_owned());
        self
    }
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for NodeError {}

impl de::Error for NodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self {
            message: msg.to_string(),
            segments: Vec::new(),
            position: None,
        }
    }
}

impl Node {
    /// The node read as a `T`.
    pub fn typed<'de, T: Deserialize<'de>>(&'de self) -> Result<T, NodeError> {
        T::deserialize(NodeDe(self))
    }
}

/// Reads typed values from a node.
struct NodeDe<'de>(&'de Node);

impl<'de> Deserializer<'de> for NodeDe<'de> {
    type Error = NodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NodeError> {
        let node = self.0;
        let result = match &node.kind {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (None, Some(i), _) => visitor.visit_i64(i),
                (None, None, f) => visitor.visit_f64(f.unwrap_or_default()),
            },
            NodeKind::String(s) => visitor.visit_borrowed_str(s),
            NodeKind::Sequence(items) => {
                let mut seq = SeqDe { items, index: 0 };
                let value = visitor.visit_seq(&mut seq)?;
                if seq.index < items.len() {
                    return Err(<NodeError as de::Error>::invalid_length(
                        items.len(),
                        &"fewer items",
                    )
                    .at(node.position));
                }
                Ok(value)
            }
            NodeKind::Mapping(entries) => visitor.visit_map(MapDe {
                entries,
                index: 0,
                value: None,
            }),
        };
        result.map_err(|e| e.at(node.position))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NodeError> {
        match self.0.kind {
            NodeKind::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, NodeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NodeError> {
        let node = self.0;
        let result = match &node.kind {
            NodeKind::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            _ => Err(de::Error::invalid_type(unexpected(node), &"a variant name")),
        };
        result.map_err(|e: NodeError| e.at(node.position))
    }

    /// A struct is read from a mapping only (not from a list of its fields in order).
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NodeError> {
        match self.0.kind {
            NodeKind::Mapping(_) => self.deserialize_any(visitor),
            _ => Err(
                <NodeError as de::Error>::invalid_type(unexpected(self.0), &visitor)
                    .at(self.0.position),
            ),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

fn unexpected(node: &Node) -> de::Unexpected<'_> {
    match &node.kind {
        NodeKind::Null => de::Unexpected::Unit,
        NodeKind::Bool(b) => de::Unexpected::Bool(*b),
        NodeKind::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => de::Unexpected::Unsigned(u),
            (None, Some(i), _) => de::Unexpected::Signed(i),
            (None, None, f) => de::Unexpected::Float(f.unwrap_or_default()),
        },
        NodeKind::String(s) => de::Unexpected::Str(s),
        NodeKind::Sequence(_) => de::Unexpected::Seq,
        NodeKind::Mapping(_) => de::Unexpected::Map,
    }
}

struct SeqDe<'de> {
    items: &'de [Node],
    index: usize,
}

impl<'de> SeqAccess<'de> for SeqDe<'de> {
    type Error = NodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NodeError> {
        let Some(item) = self.items.get(self.index) else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        seed.deserialize(NodeDe(item))
            .map(Some)
            .map_err(|e| e.under(&index.to_string()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

/// The entries of a mapping; of a repeated key, only the last one (as in a JSON value).
struct MapDe<'de> {
    entries: &'de [Entry],
    index: usize,
    value: Option<&'de Entry>,
}

impl<'de> MapAccess<'de> for MapDe<'de> {
    type Error = NodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NodeError> {
        while let Some(entry) = self.entries.get(self.index) {
            self.index += 1;
            if self.entries[self.index..]
                .iter()
                .any(|e| e.key == entry.key)
            {
                continue;
            }
            self.value = Some(entry);
            return seed
                .deserialize(BorrowedStrDeserializer::new(&entry.key))
                .map(Some)
                .map_err(|e: NodeError| e.at(entry.key_position).under(&entry.key));
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, NodeError> {
        let entry = self
            .value
            .take()
            .ok_or_else(|| <NodeError as de::Error>::custom("a value without a key"))?;
        seed.deserialize(NodeDe(&entry.value))
            .map_err(|e| e.under(&entry.key))
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// Builds a positionless node from any serde format.
struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::new(NodeKind::Null))
    }

    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::new(NodeKind::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        Node::deserialize(d)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(Node::new(NodeKind::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
        Ok(Node::new(NodeKind::Number(n.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
        Ok(Node::new(NodeKind::Number(n.into())))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Node, E> {
        serde_json::Number::from_f64(n)
            .map(|n| Node::new(NodeKind::Number(n)))
            .ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(Node::new(NodeKind::String(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(Node::new(NodeKind::String(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::new(NodeKind::Sequence(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            entries.push(Entry {
                key,
                key_position: None,
                value,
            });
        }
        Ok(Node::new(NodeKind::Mapping(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use serde::Deserialize;
    use serde_json::{json, Value};

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase", deny_unknown_fields)]
    struct Item {
        name: String,
        count: Option<u32>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Kind {
        A,
        B,
    }

    #[test]
    fn typed_values_and_errors_with_paths() {
        let (node, _) =
            parse("Items:\n  - Name: a\n    Kind: B\n  - Name: b\n    Count: x\n").unwrap();
        let items = node.field("Items").unwrap();
        let first: Item = items.as_sequence().unwrap()[0].typed().unwrap();
        assert_eq!(
            first,
            Item {
                name: "a".into(),
                count: None,
                kind: Some(Kind::B)
            }
        );
        let err = items.typed::<Vec<Item>>().unwrap_err();
        assert_eq!(err.path(), "1/Count");
        assert_eq!(err.position.unwrap().to_string(), "5:12");
        assert!(err.message.contains("expected u32"), "{err}");
        let (node, _) = parse("Other: 1\nCount: 2\n").unwrap();
        let missing = node.typed::<Item>().unwrap_err();
        assert_eq!(missing.path(), "Other");
        let (node, _) = parse("Count: 2\n").unwrap();
        let missing = node.typed::<Item>().unwrap_err();
        assert_eq!(missing.message, "missing field `Name`");
        assert_eq!(missing.position.unwrap().to_string(), "1:1");
    }

    #[test]
    fn repeated_keys_keep_the_last_value() {
        let (node, _) = parse(r#"{"Name": "a", "Name": "b"}"#).unwrap();
        assert_eq!(node.typed::<Item>().unwrap().name, "b");
        assert_eq!(node.typed::<Value>().unwrap(), json!({"Name": "b"}));
    }

    #[test]
    fn nodes_from_any_format() {
        let value = json!({"a": [1, -1, 0.5, null, true, "s"]});
        let node: super::Node = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(node.to_value(), value);
        assert!(node.position.is_none());
    }
}
