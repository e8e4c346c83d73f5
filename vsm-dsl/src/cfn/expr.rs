use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Number, Value};
use std::collections::BTreeMap;

use super::intrinsic::Intrinsic;
use super::source::{Node, NodeKind};

/// A template value: a literal or an intrinsic function.
///
/// Any JSON value reads into an `Expr` and writes back unchanged: a one-key object naming an
/// intrinsic function whose arguments have the function's shape becomes that function
/// ([`Expr::Ref`], [`Expr::GetAtt`], [`Expr::Sub`] or [`Expr::Fn`]); anything else is a literal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Expr {
    /// A literal string.
    Str(String),
    /// `{"Ref": name}`: a parameter, resource or pseudo parameter.
    Ref(String),
    /// `{"Fn::GetAtt": [resource, attribute]}`.
    GetAtt(String, String),
    /// `{"Fn::Sub": text}` with `${Name}` substitutions.
    Sub(String),
    /// Any other intrinsic or condition function.
    Fn(Box<Intrinsic>),
    /// `null`.
    #[default]
    Null,
    /// A literal `true` or `false`.
    Bool(bool),
    /// A literal number.
    Number(Number),
    /// A list.
    List(Vec<Expr>),
    /// An object that is not an intrinsic function.
    Map(BTreeMap<String, Expr>),
}

/// Pseudo parameters: always defined, never declared.
pub const PSEUDO_PARAMETERS: [&str; 8] = [
    "AWS::AccountId",
    "AWS::NotificationARNs",
    "AWS::NoValue",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
    "AWS::URLSuffix",
];

impl Expr {
    /// A literal.
    pub fn str(s: impl Into<String>) -> Self {
        Self::Str(s.into())
    }

    /// A `Ref`.
    pub fn reference(name: impl Into<String>) -> Self {
        Self::Ref(name.into())
    }

    /// A `GetAtt`.
    pub fn get_att(resource: impl Into<String>, attribute: impl Into<String>) -> Self {
        Self::GetAtt(resource.into(), attribute.into())
    }

    /// A `Sub`.
    pub fn sub(text: impl Into<String>) -> Self {
        Self::Sub(text.into())
    }

    /// An intrinsic function.
    pub fn call(intrinsic: Intrinsic) -> Self {
        Self::Fn(Box::new(intrinsic))
    }

    /// The value read from a source node (see the type's documentation).
    pub fn from_node(node: &Node) -> Self {
        match &node.kind {
            NodeKind::Null => Self::Null,
            NodeKind::Bool(b) => Self::Bool(*b),
            NodeKind::Number(n) => Self::Number(n.clone()),
            NodeKind::String(s) => Self::Str(s.clone()),
            NodeKind::Sequence(items) => Self::List(items.iter().map(Self::from_node).collect()),
            NodeKind::Mapping(entries) => {
                if let [entry] = entries.as_slice() {
                    if let Some(e) = super::intrinsic::read(&entry.key, &entry.value) {
                        return e;
                    }
                }
                Self::Map(
                    entries
                        .iter()
                        .map(|e| (e.key.clone(), Self::from_node(&e.value)))
                        .collect(),
                )
            }
        }
    }

    /// The value read from JSON.
    pub fn from_value(value: &Value) -> Self {
        Self::from_node(&Node::from_value(value))
    }

    /// The value as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).expect("a template value always serializes")
    }

    /// The literal string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(s) => Some(s),
            _ => None,
        }
    }

    /// True for a value computed by an intrinsic function (unknown until deployment).
    pub fn is_intrinsic(&self) -> bool {
        matches!(
            self,
            Self::Ref(_) | Self::GetAtt(..) | Self::Sub(_) | Self::Fn(_)
        )
    }

    /// Calls `f` on this value and every value inside it, outside in.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Expr)) {
        f(self);
        match self {
            Self::List(items) => items.iter().for_each(|e| e.walk(f)),
            Self::Map(map) => map.values().for_each(|e| e.walk(f)),
            Self::Fn(call) => call.arguments().into_iter().for_each(|e| e.walk(f)),
            _ => {}
        }
    }

    /// The resources and parameters this value refers to through `Ref`, `GetAtt` and `Sub`
    /// (pseudo parameters and `Sub`'s own variables left out), in order, repeats kept.
    pub fn references(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |e| match e {
            Self::Ref(n) | Self::GetAtt(n, _) => out.push(n.as_str()),
            Self::Sub(text) => out.extend(sub_variables(text).into_iter().map(|v| v.name)),
            Self::Fn(call) => match call.as_ref() {
                Intrinsic::GetAttDotted(n, _) | Intrinsic::GetAttOf(n, _) => out.push(n.as_str()),
                Intrinsic::SubWith(text, vars) => out.extend(
                    sub_variables(text)
                        .into_iter()
                        .map(|v| v.name)
                        .filter(|n| !vars.contains_key(*n)),
                ),
                _ => {}
            },
            _ => {}
        });
        out.retain(|n| !PSEUDO_PARAMETERS.contains(n));
        out
    }
}

/// A `${...}` substitution in `Fn::Sub` text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubVariable<'a> {
    /// The name before any `.`: a parameter, resource, pseudo parameter or `Sub` variable.
    pub name: &'a str,
    /// The attribute after the first `.`, for `${Resource.Attribute}`.
    pub attribute: Option<&'a str>,
    /// Byte offset of the `${` in the text.
    pub offset: usize,
}

/// The `${Name}` and `${Name.Attribute}` substitutions of `Fn::Sub` text; `${!Literal}` is
/// text, not a substitution.
pub fn sub_variables(text: &str) -> Vec<SubVariable<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("${") {
        let start = from + i;
        let rest = &text[start + 2..];
        let Some(end) = rest.find('}') else { break };
        from = start + 2;
        let inner = rest[..end].trim();
        if inner.starts_with('!') || inner.is_empty() {
            continue;
        }
        let (name, attribute) = match inner.split_once('.') {
            Some((n, a)) => (n, Some(a)),
            None => (inner, None),
        };
        out.push(SubVariable {
            name,
            attribute,
            offset: start,
        });
        from = start + 2 + end + 1;
    }
    out
}

impl From<&str> for Expr {
    fn from(s: &str) -> Self {
        Self::Str(s.to_owned())
    }
}

impl From<String> for Expr {
    fn from(s: String) -> Self {
        Self::Str(s)
    }
}

impl From<Intrinsic> for Expr {
    fn from(call: Intrinsic) -> Self {
        Self::call(call)
    }
}

/// `{key: value}`.
pub(super) fn single<S: Serializer, T: Serialize + ?Sized>(
    s: S,
    key: &str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    let mut m = s.serialize_map(Some(1))?;
    m.serialize_entry(key, value)?;
    m.end()
}

impl Serialize for Expr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Str(v) => s.serialize_str(v),
            Self::Ref(n) => single(s, "Ref", n),
            Self::GetAtt(r, a) => single(s, "Fn::GetAtt", &Pair(r, a)),
            Self::Sub(t) => single(s, "Fn::Sub", t),
            Self::Fn(call) => call.serialize(s),
            Self::Null => s.serialize_unit(),
            Self::Bool(b) => s.serialize_bool(*b),
            Self::Number(n) => n.serialize(s),
            Self::List(items) => items.serialize(s),
            Self::Map(map) => map.serialize(s),
        }
    }
}

/// Two strings as a JSON list.
struct Pair<'a>(&'a str, &'a str);

impl Serialize for Pair<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut q = s.serialize_seq(Some(2))?;
        q.serialize_element(self.0)?;
        q.serialize_element(self.1)?;
        q.end()
    }
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Node::deserialize(d).map(|node| Self::from_node(&node))
    }
}

#[cfg(test)]
mod tests {
    use super::{sub_variables, Expr, Intrinsic};
    use serde_json::{json, Value};

    #[test]
    fn serializes_and_parses_every_form() {
        for (expr, json) in [
            (Expr::str("x"), r#""x""#),
            (Expr::reference("Pipeline"), r#"{"Ref":"Pipeline"}"#),
            (
                Expr::get_att("Role", "Arn"),
                r#"{"Fn::GetAtt":["Role","Arn"]}"#,
            ),
            (
                Expr::sub("arn:${AWS::Partition}:s3:::${Bucket}"),
                r#"{"Fn::Sub":"arn:${AWS::Partition}:s3:::${Bucket}"}"#,
            ),
            (
                Intrinsic::GetAttDotted("Role".into(), "Arn".into()).into(),
                r#"{"Fn::GetAtt":"Role.Arn"}"#,
            ),
            (
                Intrinsic::If(
                    "Prod".into(),
                    Expr::str("a"),
                    Expr::reference("AWS::NoValue"),
                )
                .into(),
                r#"{"Fn::If":["Prod","a",{"Ref":"AWS::NoValue"}]}"#,
            ),
        ] {
            assert_eq!(serde_json::to_string(&expr).unwrap(), json);
            assert_eq!(serde_json::from_str::<Expr>(json).unwrap(), expr);
        }
    }

    /// Every intrinsic in its right shape is typed; every other value is kept as written.
    #[test]
    fn every_value_reads_and_writes_back_unchanged() {
        let typed = json!([
            {"Fn::GetAtt": ["Db", {"Ref": "Attribute"}]},
            {"Fn::Sub": ["${A}-${B}", {"A": "x"}]},
            {"Fn::Join": [",", ["a", {"Ref": "B"}]]},
            {"Fn::Select": ["0", {"Fn::GetAZs": ""}]},
            {"Fn::Split": [",", {"Fn::ImportValue": "List"}]},
            {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
            {"Fn::And": [{"Condition": "A"}, {"Fn::Or": [{"Condition": "B"}, {"Fn::Not": [{"Condition": "C"}]}]}]},
            {"Fn::FindInMap": ["M", {"Ref": "AWS::Region"}, "K"]},
            {"Fn::FindInMap": ["M", "a", "b", {"DefaultValue": 1}]},
            {"Fn::Base64": "x"},
            {"Fn::Cidr": ["10.0.0.0/16", 4, 8]},
            {"Fn::Length": [1, 2]},
            {"Fn::ToJsonString": {"a": 1}},
            {"Fn::Transform": {"Name": "M", "Parameters": {"p": 1}}},
            {"Fn::Transform": {"Name": "M"}},
            {"Fn::Contains": [["a"], {"Ref": "P"}]},
            {"Fn::EachMemberEquals": [{"Fn::ValueOfAll": ["AWS::EC2::VPC::Id", "Tags"]}, "x"]},
            {"Fn::EachMemberIn": [{"Fn::ValueOf": ["P", "VpcId"]}, {"Fn::RefAll": "AWS::EC2::VPC::Id"}]},
        ]);
        let Expr::List(items) = Expr::from_value(&typed) else {
            panic!("a list")
        };
        for (item, value) in items.iter().zip(typed.as_array().unwrap()) {
            assert!(matches!(item, Expr::Fn(_)), "{value} is typed: {item:?}");
            assert_eq!(&item.to_value(), value);
        }
        let literal = json!([
            null, true, 1, -1, 1.5, "s", [], {},
            {"Ref": 1}, {"Ref": "a", "b": 1}, {"Fn::GetAtt": "NoDot"}, {"Fn::GetAtt": [1, "a"]},
            {"Fn::Sub": [1]}, {"Fn::Join": "x"}, {"Fn::If": ["c", 1]}, {"Fn::Not": "x"},
            {"Fn::FindInMap": ["M", "a", "b", {"Other": 1}]}, {"Fn::Transform": {"Name": "M", "X": 1}},
            {"Fn::Unknown": 1}, {"Condition": ["x"]}, {"Fn::RefAll": 1},
        ]);
        let Expr::List(items) = Expr::from_value(&literal) else {
            panic!("a list")
        };
        for (item, value) in items.iter().zip(literal.as_array().unwrap()) {
            assert!(!matches!(item, Expr::Fn(_)), "{value} is a literal");
            assert_eq!(&item.to_value(), value);
        }
        assert_eq!(Expr::from_value(&literal).to_value(), literal);
    }

    #[test]
    fn lists_references() {
        assert_eq!(
            Expr::sub("${Bucket.Arn}/*:${AWS::Region}:${Key}:${!Literal}").references(),
            vec!["Bucket", "Key"]
        );
        assert_eq!(Expr::get_att("Role", "Arn").references(), vec!["Role"]);
        let nested: Value = json!({"Fn::Join": ["", [{"Ref": "A"}, {"Fn::Sub": ["${B}${C}", {"B": {"Fn::GetAtt": "D.Arn"}}]}]]});
        assert_eq!(Expr::from_value(&nested).references(), vec!["A", "C", "D"]);
        let vars = sub_variables("${ A.B }${}${x");
        assert_eq!(
            (vars.len(), vars[0].name, vars[0].attribute),
            (1, "A", Some("B"))
        );
    }
}
