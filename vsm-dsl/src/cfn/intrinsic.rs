//! Intrinsic, condition and rule functions beyond `Ref`, `GetAtt` and `Sub`.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;

use super::expr::single;
use super::source::{Node, NodeKind};
use super::Expr;

/// An intrinsic function, condition function or rule function, with its arguments.
///
/// The common forms `{"Ref": ..}`, `{"Fn::GetAtt": [r, a]}` and `{"Fn::Sub": text}` are
/// [`Expr`] variants of their own; this enum holds the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intrinsic {
    /// `{"Fn::GetAtt": "Resource.Attribute"}`: the string form (split at the first `.`).
    GetAttDotted(String, String),
    /// `{"Fn::GetAtt": [resource, attribute]}` with a computed attribute name.
    GetAttOf(String, Expr),
    /// `{"Fn::Sub": [text, {name: value}]}`.
    SubWith(String, BTreeMap<String, Expr>),
    /// `{"Fn::Join": [delimiter, list]}`.
    Join(String, Expr),
    /// `{"Fn::Select": [index, list]}`.
    Select(Expr, Expr),
    /// `{"Fn::Split": [delimiter, text]}`.
    Split(String, Expr),
    /// `{"Fn::If": [condition, value if true, value if false]}`.
    If(String, Expr, Expr),
    /// `{"Fn::Equals": [a, b]}`.
    Equals(Expr, Expr),
    /// `{"Fn::And": [conditions]}`.
    And(Vec<Expr>),
    /// `{"Fn::Or": [conditions]}`.
    Or(Vec<Expr>),
    /// `{"Fn::Not": [condition]}`.
    Not(Expr),
    /// `{"Condition": name}`: a named condition inside a condition function.
    Condition(String),
    /// `{"Fn::FindInMap": [map, top-level key, second-level key]}`, with an optional
    /// `{"DefaultValue": value}` fourth argument.
    FindInMap {
        /// The mapping's name.
        map: Expr,
        /// The top-level key.
        top_key: Expr,
        /// The second-level key.
        second_key: Expr,
        /// The value when the keys are not found.
        default: Option<Expr>,
    },
    /// `{"Fn::ImportValue": export name}`.
    ImportValue(Expr),
    /// `{"Fn::GetAZs": region}`.
    GetAZs(Expr),
    /// `{"Fn::Base64": text}`.
    Base64(Expr),
    /// `{"Fn::Cidr": [block, count, bits]}`.
    Cidr(Expr, Expr, Expr),
    /// `{"Fn::Length": list}`.
    Length(Expr),
    /// `{"Fn::ToJsonString": value}`.
    ToJsonString(Expr),
    /// `{"Fn::Transform": {"Name": macro, "Parameters": {..}}}`.
    Transform {
        /// The macro.
        name: String,
        /// Its parameters.
        parameters: Option<BTreeMap<String, Expr>>,
    },
    /// `{"Fn::Contains": [list, value]}` (rules).
    Contains(Expr, Expr),
    /// `{"Fn::EachMemberEquals": [list, value]}` (rules).
    EachMemberEquals(Expr, Expr),
    /// `{"Fn::EachMemberIn": [list, list]}` (rules).
    EachMemberIn(Expr, Expr),
    /// `{"Fn::RefAll": parameter type}` (rules).
    RefAll(String),
    /// `{"Fn::ValueOf": [parameter, attribute]}` (rules).
    ValueOf(Expr, Expr),
    /// `{"Fn::ValueOfAll": [parameter type, attribute]}` (rules).
    ValueOfAll(Expr, Expr),
}

impl Intrinsic {
    /// The function's key, such as `Fn::If`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::GetAttDotted(..) | Self::GetAttOf(..) => "Fn::GetAtt",
            Self::SubWith(..) => "Fn::Sub",
            Self::Join(..) => "Fn::Join",
            Self::Select(..) => "Fn::Select",
            Self::Split(..) => "Fn::Split",
            Self::If(..) => "Fn::If",
            Self::Equals(..) => "Fn::Equals",
            Self::And(_) => "Fn::And",
            Self::Or(_) => "Fn::Or",
            Self::Not(_) => "Fn::Not",
            Self::Condition(_) => "Condition",
            Self::FindInMap { .. } => "Fn::FindInMap",
            Self::ImportValue(_) => "Fn::ImportValue",
            Self::GetAZs(_) => "Fn::GetAZs",
            Self::Base64(_) => "Fn::Base64",
            Self::Cidr(..) => "Fn::Cidr",
            Self::Length(_) => "Fn::Length",
            Self::ToJsonString(_) => "Fn::ToJsonString",
            Self::Transform { .. } => "Fn::Transform",
            Self::Contains(..) => "Fn::Contains",
            Self::EachMemberEquals(..) => "Fn::EachMemberEquals",
            Self::EachMemberIn(..) => "Fn::EachMemberIn",
            Self::RefAll(_) => "Fn::RefAll",
            Self::ValueOf(..) => "Fn::ValueOf",
            Self::ValueOfAll(..) => "Fn::ValueOfAll",
        }
    }

    /// The arguments that are template values, in order.
    pub fn arguments(&self) -> Vec<&Expr> {
        match self {
            Self::GetAttDotted(..) | Self::Condition(_) | Self::RefAll(_) => Vec::new(),
            Self::GetAttOf(_, e)
            | Self::Join(_, e)
            | Self::Split(_, e)
            | Self::Not(e)
            | Self::ImportValue(e)
            | Self::GetAZs(e)
            | Self::Base64(e)
            | Self::Length(e)
            | Self::ToJsonString(e) => vec![e],
            Self::SubWith(_, vars) => vars.values().collect(),
            Self::If(_, a, b)
            | Self::Select(a, b)
            | Self::Equals(a, b)
            | Self::Contains(a, b)
            | Self::EachMemberEquals(a, b)
            | Self::EachMemberIn(a, b)
            | Self::ValueOf(a, b)
            | Self::ValueOfAll(a, b) => vec![a, b],
            Self::And(items) | Self::Or(items) => items.iter().collect(),
            Self::FindInMap {
                map,
                top_key,
                second_key,
                default,
            } => [map, top_key, second_key]
                .into_iter()
                .chain(default.as_ref())
                .collect(),
            Self::Cidr(a, b, c) => vec![a, b, c],
            Self::Transform { parameters, .. } => {
                parameters.iter().flat_map(|p| p.values()).collect()
            }
        }
    }
}

/// `{key: argument}` read as a typed function, when the key names one and the argument has its
/// shape.
pub(super) fn read(key: &str, arg: &Node) -> Option<Expr> {
    let e = Expr::from_node;
    let text = |n: &Node| n.as_str().map(str::to_owned);
    let list = arg.as_sequence();
    let call = |i: Intrinsic| Some(Expr::call(i));
    match (key, list) {
        ("Ref", _) => Some(Expr::Ref(text(arg)?)),
        ("Fn::Sub", None) => Some(Expr::Sub(text(arg)?)),
        ("Fn::Sub", Some([t, vars])) => {
            let vars = vars
                .as_mapping()?
                .iter()
                .map(|v| (v.key.clone(), e(&v.value)))
                .collect();
            call(Intrinsic::SubWith(text(t)?, vars))
        }
        ("Fn::GetAtt", None) => {
            let s = arg.as_str()?;
            let (r, a) = s.split_once('.')?;
            call(Intrinsic::GetAttDotted(r.to_owned(), a.to_owned()))
        }
        ("Fn::GetAtt", Some([r, a])) => match &a.kind {
            NodeKind::String(a) => Some(Expr::GetAtt(text(r)?, a.clone())),
            _ => call(Intrinsic::GetAttOf(text(r)?, e(a))),
        },
        ("Fn::Join", Some([d, v])) => call(Intrinsic::Join(text(d)?, e(v))),
        ("Fn::Select", Some([i, l])) => call(Intrinsic::Select(e(i), e(l))),
        ("Fn::Split", Some([d, t])) => call(Intrinsic::Split(text(d)?, e(t))),
        ("Fn::If", Some([c, a, b])) => call(Intrinsic::If(text(c)?, e(a), e(b))),
        ("Fn::Equals", Some([a, b])) => call(Intrinsic::Equals(e(a), e(b))),
        ("Fn::And", Some(items)) => call(Intrinsic::And(items.iter().map(e).collect())),
        ("Fn::Or", Some(items)) => call(Intrinsic::Or(items.iter().map(e).collect())),
        ("Fn::Not", Some([c])) => call(Intrinsic::Not(e(c))),
        ("Condition", None) => call(Intrinsic::Condition(text(arg)?)),
        ("Fn::FindInMap", Some([m, t, s, rest @ ..])) => {
            let default = match rest {
                [] => None,
                [d] => Some(e(&d
                    .single_entry()
                    .filter(|x| x.key == "DefaultValue")?
                    .value)),
                _ => return None,
            };
            call(Intrinsic::FindInMap {
                map: e(m),
                top_key: e(t),
                second_key: e(s),
                default,
            })
        }
        ("Fn::ImportValue", _) => call(Intrinsic::ImportValue(e(arg))),
        ("Fn::GetAZs", _) => call(Intrinsic::GetAZs(e(arg))),
        ("Fn::Base64", _) => call(Intrinsic::Base64(e(arg))),
        ("Fn::Length", _) => call(Intrinsic::Length(e(arg))),
        ("Fn::ToJsonString", _) => call(Intrinsic::ToJsonString(e(arg))),
        ("Fn::Cidr", Some([a, b, c])) => call(Intrinsic::Cidr(e(a), e(b), e(c))),
        ("Fn::Transform", None) => transform(arg).and_then(call),
        ("Fn::Contains", Some([a, b])) => call(Intrinsic::Contains(e(a), e(b))),
        ("Fn::EachMemberEquals", Some([a, b])) => call(Intrinsic::EachMemberEquals(e(a), e(b))),
        ("Fn::EachMemberIn", Some([a, b])) => call(Intrinsic::EachMemberIn(e(a), e(b))),
        ("Fn::RefAll", None) => call(Intrinsic::RefAll(text(arg)?)),
        ("Fn::ValueOf", Some([a, b])) => call(Intrinsic::ValueOf(e(a), e(b))),
        ("Fn::ValueOfAll", Some([a, b])) => call(Intrinsic::ValueOfAll(e(a), e(b))),
        _ => None,
    }
}

/// `{"Name": macro, "Parameters": {..}}` and nothing else.
fn transform(arg: &Node) -> Option<Intrinsic> {
    let entries = arg.as_mapping()?;
    if entries
        .iter()
        .any(|e| e.key != "Name" && e.key != "Parameters")
    {
        return None;
    }
    let name = arg.field("Name")?.as_str()?.to_owned();
    let parameters = match arg.field("Parameters") {
        None => None,
        Some(p) => Some(
            p.as_mapping()?
                .iter()
                .map(|x| (x.key.clone(), Expr::from_node(&x.value)))
                .collect(),
        ),
    };
    Some(Intrinsic::Transform { name, parameters })
}

/// `{"DefaultValue": value}`.
struct DefaultValue<'a>(&'a Expr);

impl Serialize for DefaultValue<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        single(s, "DefaultValue", self.0)
    }
}

/// `{"Name": .., "Parameters": ..}`.
struct TransformArgs<'a>(&'a str, &'a Option<BTreeMap<String, Expr>>);

impl Serialize for TransformArgs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("Name", self.0)?;
        if let Some(p) = self.1 {
            m.serialize_entry("Parameters", p)?;
        }
        m.end()
    }
}

impl Serialize for Intrinsic {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let key = self.name();
        match self {
            Self::GetAttDotted(r, a) => single(s, key, &format!("{r}.{a}")),
            Self::GetAttOf(r, a) => single(s, key, &(r, a)),
            Self::SubWith(t, vars) => single(s, key, &(t, vars)),
            Self::Join(d, v) | Self::Split(d, v) => single(s, key, &(d, v)),
            Self::If(c, a, b) => single(s, key, &(c, a, b)),
            Self::Select(a, b)
            | Self::Equals(a, b)
            | Self::Contains(a, b)
            | Self::EachMemberEquals(a, b)
            | Self::EachMemberIn(a, b)
            | Self::ValueOf(a, b)
            | Self::ValueOfAll(a, b) => single(s, key, &(a, b)),
            Self::And(items) | Self::Or(items) => single(s, key, items),
            Self::Not(c) => single(s, key, &[c]),
            Self::Condition(n) | Self::RefAll(n) => single(s, key, n),
            Self::FindInMap {
                map,
                top_key,
                second_key,
                default: None,
            } => single(s, key, &(map, top_key, second_key)),
            Self::FindInMap {
                map,
                top_key,
                second_key,
                default: Some(d),
            } => single(s, key, &(map, top_key, second_key, DefaultValue(d))),
            Self::ImportValue(e)
            | Self::GetAZs(e)
            | Self::Base64(e)
            | Self::Length(e)
            | Self::ToJsonString(e) => single(s, key, e),
            Self::Cidr(a, b, c) => single(s, key, &(a, b, c)),
            Self::Transform { name, parameters } => {
                single(s, key, &TransformArgs(name, parameters))
            }
        }
    }
}
