//! YAML to [`Node`]s: one document, CloudFormation's short-form tags written in their long form.
//!
//! Plain scalars are resolved as CloudFormation's YAML reader (YAML 1.1, like PyYAML and
//! cfn-lint) does for the values templates hold: `null`/`~`/empty, `true`/`false`/`yes`/`no`/
//! `on`/`off` in their three spellings, decimal integers and decimal floats with a dot.
//! Everything else, timestamps included (`2010-09-09`), is a string, and so is a number with a
//! leading zero (`012345678901`, an account id). Aliases are refused: CloudFormation does not
//! support them.

use granit_parser::{Event, Marker, Options, Parser, ScalarStyle, Span, Tag};
use serde_json::Number;

use super::{Entry, Node, NodeKind, ParseError, Position};

/// Reads one YAML document.
pub(super) fn parse(text: &str) -> Result<Node, ParseError> {
    let mut options = Options::default();
    options.emit_comments = false;
    let mut builder = Builder::default();
    for event in Parser::new_from_str_with_options(text, options) {
        let (event, span) = event.map_err(|e| ParseError {
            position: position(e.marker()),
            message: e.info(),
        })?;
        builder.event(event, &span)?;
    }
    builder.root.ok_or(ParseError {
        position: Position { line: 1, column: 1 },
        message: "the text holds no template".to_owned(),
    })
}

fn position(marker: &Marker) -> Position {
    Position {
        line: u32::try_from(marker.line()).unwrap_or(u32::MAX),
        column: u32::try_from(marker.col() + 1).unwrap_or(u32::MAX),
    }
}

/// What a tag asks of the node it is on.
#[derive(Debug, Clone, PartialEq)]
enum TagAction {
    /// No tag, or one that changes nothing (`!!map`, `!!seq`).
    None,
    /// A string whatever it looks like (`!!str`, the non-specific `!`).
    String,
    /// A core-schema type (`!!int`, `!!float`, `!!bool`, `!!null`).
    Core(&'static str),
    /// A short-form intrinsic function: the node becomes `{key: node}`.
    Intrinsic(String),
}

/// A collection being read.
struct Frame {
    position: Position,
    tag: TagAction,
    tag_position: Position,
    kind: FrameKind,
}

enum FrameKind {
    Sequence(Vec<Node>),
    Mapping {
        entries: Vec<Entry>,
        key: Option<(String, Position)>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: &Span) -> Result<(), ParseError> {
        let at = position(&span.start);
        let tag_at = span.tag_start.as_ref().map(position).unwrap_or(at);
        let error = |message: &str| ParseError {
            position: at,
            message: message.to_owned(),
        };
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(error(
                        "a template is one YAML document; this is a second one",
                    ));
                }
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => return Err(error(
                "aliases (*name) are not supported in CloudFormation templates: repeat the value",
            )),
            Event::Scalar(text, style, _, tag) => {
                let action = tag_action(tag.as_deref()).map_err(|m| ParseError {
                    position: tag_at,
                    message: m,
                })?;
                if let Some(frame) = self.awaiting_key() {
                    if action != TagAction::None {
                        return Err(error("a mapping key cannot have a tag"));
                    }
                    if let FrameKind::Mapping { key, .. } = &mut frame.kind {
                        *key = Some((text.into_owned(), at));
                    }
                    return Ok(());
                }
                let node = scalar(&text, style, &action, at).map_err(|m| error(&m))?;
                self.push(wrap(node, &action, tag_at));
            }
            Event::SequenceStart(_, _, ref tag) | Event::MappingStart(_, _, ref tag) => {
                if self.awaiting_key().is_some() {
                    return Err(error(
                        "a mapping key must be plain text, not a list or mapping",
                    ));
                }
                let tag = tag_action(tag.as_deref()).map_err(|m| ParseError {
                    position: tag_at,
                    message: m,
                })?;
                if matches!(tag, TagAction::Core(_)) {
                    return Err(error("a scalar type tag on a list or mapping"));
                }
                let kind = if matches!(event, Event::SequenceStart(..)) {
                    FrameKind::Sequence(Vec::new())
                } else {
                    FrameKind::Mapping {
                        entries: Vec::new(),
                        key: None,
                    }
                };
                self.stack.push(Frame {
                    position: at,
                    tag,
                    tag_position: tag_at,
                    kind,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some(frame) = self.stack.pop() {
                    let kind = match frame.kind {
                        FrameKind::Sequence(items) => NodeKind::Sequence(items),
                        FrameKind::Mapping { entries, .. } => NodeKind::Mapping(entries),
                    };
                    let node = Node::at(frame.position, kind);
                    self.push(wrap(node, &frame.tag, frame.tag_position));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The mapping on top of the stack, when it waits for a key.
    fn awaiting_key(&mut self) -> Option<&mut Frame> {
        self.stack
            .last_mut()
            .filter(|f| matches!(&f.kind, FrameKind::Mapping { key: None, .. }))
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(frame) => match &mut frame.kind {
                FrameKind::Sequence(items) => items.push(node),
                FrameKind::Mapping { entries, key } => {
                    if let Some((key, key_position)) = key.take() {
                        entries.push(Entry {
                            key,
                            key_position: Some(key_position),
                            value: node,
                        });
                    }
                }
            },
        }
    }
}

fn tag_action(tag: Option<&Tag>) -> Result<TagAction, String> {
    let Some(tag) = tag else {
        return Ok(TagAction::None);
    };
    match (tag.handle(), tag.suffix()) {
        ("", "!") => Ok(TagAction::String),
        ("!", "") => Err("an empty tag `!`".to_owned()),
        ("!", name @ ("Ref" | "Condition")) => Ok(TagAction::Intrinsic(name.to_owned())),
        ("!", name) => Ok(TagAction::Intrinsic(format!("Fn::{name}"))),
        ("tag:yaml.org,2002:", suffix) => match suffix {
            "str" | "binary" | "timestamp" => Ok(TagAction::String),
            "map" | "seq" => Ok(TagAction::None),
            "int" => Ok(TagAction::Core("int")),
            "float" => Ok(TagAction::Core("float")),
            "bool" => Ok(TagAction::Core("bool")),
            "null" => Ok(TagAction::Core("null")),
            other => Err(format!("unsupported tag !!{other}")),
        },
        (handle, suffix) => Err(format!("unsupported tag {handle}{suffix}")),
    }
}

/// `{key: node}` for a short-form tag; the node itself otherwise.
fn wrap(node: Node, action: &TagAction, tag_at: Position) -> Node {
    let TagAction::Intrinsic(key) = action else {
        return node;
    };
    let node = match (&node.kind, key.as_str()) {
        // `!GetAtt Resource.Attribute` is `{"Fn::GetAtt": ["Resource", "Attribute"]}`.
        (NodeKind::String(text), "Fn::GetAtt") => {
            let parts = text
                .splitn(2, '.')
                .map(|p| Node {
                    position: node.position,
                    kind: NodeKind::String(p.to_owned()),
                })
                .collect();
            Node {
                position: node.position,
                kind: NodeKind::Sequence(parts),
            }
        }
        _ => node,
    };
    Node::at(
        tag_at,
        NodeKind::Mapping(vec![Entry {
            key: key.clone(),
            key_position: Some(tag_at),
            value: node,
        }]),
    )
}

fn scalar(
    text: &str,
    style: ScalarStyle,
    action: &TagAction,
    at: Position,
) -> Result<Node, String> {
    let kind = match action {
        TagAction::String | TagAction::Intrinsic(_) => NodeKind::String(text.to_owned()),
        TagAction::Core(core) => match (core, resolve(text)) {
            (&"int", k @ NodeKind::Number(_)) if !text.contains('.') => k,
            (&"float", NodeKind::Number(n)) => NodeKind::Number(
                n.as_f64()
                    .and_then(Number::from_f64)
                    .ok_or_else(|| format!("{text:?} is not a float"))?,
            ),
            (&"bool", k @ NodeKind::Bool(_)) | (&"null", k @ NodeKind::Null) => k,
            _ => return Err(format!("{text:?} is not a YAML {core}")),
        },
        TagAction::None if style == ScalarStyle::Plain => resolve(text),
        TagAction::None => NodeKind::String(text.to_owned()),
    };
    Ok(Node::at(at, kind))
}

/// The value of a plain (unquoted) scalar.
fn resolve(text: &str) -> NodeKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" => {
            return NodeKind::Bool(true)
        }
        "false" | "False" | "FALSE" | "no" | "No" | "NO" | "off" | "Off" | "OFF" => {
            return NodeKind::Bool(false)
        }
        _ => {}
    }
    number(text).map_or_else(|| NodeKind::String(text.to_owned()), NodeKind::Number)
}

/// Decimal integers without leading zeros, and decimal floats with a dot, as numbers.
fn number(text: &str) -> Option<Number> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(unsigned) {
        if unsigned.len() > 1 && unsigned.starts_with('0') {
            return None;
        }
        let json = text.strip_prefix('+').unwrap_or(text);
        return json
            .parse::<i64>()
            .map(Number::from)
            .or_else(|_| json.parse::<u64>().map(Number::from))
            .ok()
            .or_else(|| json.parse::<f64>().ok().and_then(Number::from_f64));
    }
    // A float needs a dot (as in YAML 1.1): `1.5`, `.5`, `1.`, `-1.5e+3`.
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.')?;
    let part = |s: &str| s.is_empty() || digits(s);
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    if part(int) && part(frac) && !(int.is_empty() && frac.is_empty()) && exponent_ok {
        text.parse::<f64>().ok().and_then(Number::from_f64)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    #[test]
    fn short_forms_become_long_forms() {
        let text = "\
A: !Ref X
B: !GetAtt Role.Arn
C: !GetAtt [Db, Endpoint.Address]
D: !Sub
  - '${A}-${B}'
  - {B: !Ref AWS::Region}
E: !If [IsProd, !Condition Other, !Ref AWS::NoValue]
F: !Join ['', [!Select [0, !GetAZs ''], !Base64 x]]
G: !FindInMap [M, !Ref AWS::Region, K]
H: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}
I: !Equals [!Not [!And [!Or [a, b], c]], !ImportValue Exported]
J: !Cidr [10.0.0.0/16, 4, 8]
K: !GetAtt Db.Endpoint.Port
";
        let value = parse(text).unwrap().to_value();
        assert_eq!(
            value,
            json!({
                "A": {"Ref": "X"},
                "B": {"Fn::GetAtt": ["Role", "Arn"]},
                "C": {"Fn::GetAtt": ["Db", "Endpoint.Address"]},
                "D": {"Fn::Sub": ["${A}-${B}", {"B": {"Ref": "AWS::Region"}}]},
                "E": {"Fn::If": ["IsProd", {"Condition": "Other"}, {"Ref": "AWS::NoValue"}]},
                "F": {"Fn::Join": ["", [{"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Fn::Base64": "x"}]]},
                "G": {"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "K"]},
                "H": {"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location": "s3://b/k"}}},
                "I": {"Fn::Equals": [{"Fn::Not": [{"Fn::And": [{"Fn::Or": ["a", "b"]}, "c"]}]}, {"Fn::ImportValue": "Exported"}]},
                "J": {"Fn::Cidr": ["10.0.0.0/16", 4, 8]},
                "K": {"Fn::GetAtt": ["Db", "Endpoint.Port"]},
            })
        );
    }

    #[test]
    fn plain_scalars_resolve_like_cloudformation() {
        let text = "\
v: 2010-09-09
n: [1, -2, +3, 1.5, .5, -1.5e+3, 1e3, 012345678901, 0, 0x1F, 18446744073709551615]
b: [true, yes, On, FALSE, no, off, y]
z: [~, null, '', \"1\", !!str 2, ! 3, !!int '4', !!float 5]
s: |
  line
";
        let value = parse(text).unwrap().to_value();
        assert_eq!(
            value,
            json!({
                "v": "2010-09-09",
                "n": [1, -2, 3, 1.5, 0.5, -1500.0, "1e3", "012345678901", 0, "0x1F", 18446744073709551615u64],
                "b": [true, true, true, false, false, false, "y"],
                "z": [null, null, "", "1", "2", "3", 4, 5.0],
                "s": "line\n",
            })
        );
    }

    #[test]
    fn positions_point_at_values_and_tags() {
        let node = parse("Resources:\n  R:\n    Value: !Ref  Bucket\n").unwrap();
        let value = node.get("Resources/R/Value").unwrap();
        assert_eq!(value.position.unwrap().to_string(), "3:12");
        assert_eq!(
            node.position_of("Resources/R/Value/Ref")
                .unwrap()
                .to_string(),
            "3:18"
        );
        let key = node.get("Resources/R").unwrap().entry("Value").unwrap();
        assert_eq!(key.key_position.unwrap().to_string(), "3:5");
    }

    #[test]
    fn refuses_what_cloudformation_refuses() {
        for (text, message) in [
            ("a: &x 1\nb: *x\n", "aliases"),
            ("a: 1\n---\nb: 2\n", "second"),
            ("", "no template"),
            ("? [a]\n: 1\n", "plain text"),
            ("!Ref a: 1\n", "key cannot have a tag"),
            ("a: !!int x\n", "not a YAML int"),
            ("a: !!set {}\n", "unsupported tag"),
            ("a: [\n", ""),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.message.contains(message), "{text}: {err}");
        }
    }
}
