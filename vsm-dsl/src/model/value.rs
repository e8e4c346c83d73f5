//! Values a stream writes literally or leaves to CloudFormation: a [`Text`] (or a number) is a
//! literal, or a template expression (`Ref` of a parameter the stream declares, `Fn::Sub`,
//! `Fn::ImportValue`, `Fn::GetAtt`, `Fn::FindInMap`, `Fn::If`, `Fn::Join`) computed when the
//! stack is deployed.
//!
//! Literals keep every check the rules have for them; an expression is checked as far as it
//! can be (what it refers to exists) and a parameter that feeds a property gets the
//! constraints that make CloudFormation refuse what the property's rule would refuse.

use std::borrow::Cow;
use std::fmt;

use crate::cfn::{sub_variables, Expr, Intrinsic};

/// A literal, or an expression CloudFormation computes at deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<T> {
    /// Written as it is.
    Lit(T),
    /// Computed at deployment: an intrinsic function (never a literal).
    Expr(Expr),
}

/// Text: a literal string or a template expression.
pub type Text = Value<String>;

/// A whole number: a literal or a template expression.
pub type Number = Value<u32>;

impl<T: Default> Default for Value<T> {
    fn default() -> Self {
        Self::Lit(T::default())
    }
}

impl<T> Value<T> {
    /// The literal, when the value is one.
    pub fn literal(&self) -> Option<&T> {
        match self {
            Self::Lit(v) => Some(v),
            Self::Expr(_) => None,
        }
    }

    /// The expression, when the value is one.
    pub fn expr(&self) -> Option<&Expr> {
        match self {
            Self::Lit(_) => None,
            Self::Expr(e) => Some(e),
        }
    }

    /// The parameter the value is, when it is exactly `Ref` of one.
    pub fn parameter(&self) -> Option<&str> {
        match self {
            Self::Expr(Expr::Ref(name)) => Some(name),
            _ => None,
        }
    }
}

impl Text {
    /// The literal text, when the value is one.
    pub fn as_str(&self) -> Option<&str> {
        self.literal().map(String::as_str)
    }

    /// The value as a template value: the literal as a string, the expression as it is.
    pub fn to_expr(&self) -> Expr {
        match self {
            Self::Lit(s) => Expr::Str(s.clone()),
            Self::Expr(e) => e.clone(),
        }
    }

    /// How messages and labels show it: the literal, or the expression in short form
    /// (`!Ref Repo`, `!Sub ${Env}-app`).
    pub fn display(&self) -> Cow<'_, str> {
        match self {
            Self::Lit(s) => Cow::Borrowed(s),
            Self::Expr(e) => Cow::Owned(short(e)),
        }
    }

    /// How plain text (a description) names it: the literal, or the parameters it is made
    /// from (`(named from Env)`), never template syntax.
    pub fn label(&self) -> Cow<'_, str> {
        match self {
            Self::Lit(s) => Cow::Borrowed(s),
            Self::Expr(e) => {
                let from = references(e);
                Cow::Owned(if from.is_empty() {
                    "(named at deployment)".to_owned()
                } else {
                    format!("(named from {})", from.join(", "))
                })
            }
        }
    }

    /// True when the value is empty literal text.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_some_and(str::is_empty)
    }
}

impl Number {
    /// The value as a template value.
    pub fn to_expr(&self) -> Expr {
        match self {
            Self::Lit(n) => Expr::Number((*n).into()),
            Self::Expr(e) => e.clone(),
        }
    }
}

/// An expression in CloudFormation's short YAML form, on one line.
pub fn short(e: &Expr) -> String {
    match e {
        Expr::Str(s) => s.clone(),
        Expr::Ref(n) => format!("!Ref {n}"),
        Expr::GetAtt(r, a) => format!("!GetAtt {r}.{a}"),
        Expr::Sub(t) => format!("!Sub {t}"),
        other => {
            let json = other.to_value().to_string();
            match other {
                Expr::Fn(call) => format!("!{} {json}", call.name().trim_start_matches("Fn::")),
                _ => json,
            }
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::Lit(s.to_owned())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self::Lit(s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Self::Lit(s.clone())
    }
}

impl From<Expr> for Text {
    /// A literal string stays literal text; anything else is an expression.
    fn from(e: Expr) -> Self {
        match e {
            Expr::Str(s) => Self::Lit(s),
            other => Self::Expr(other),
        }
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Self {
        Self::Lit(n)
    }
}

impl From<Expr> for Number {
    /// A literal whole number stays literal; anything else is an expression.
    fn from(e: Expr) -> Self {
        match &e {
            Expr::Number(n) => match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Self::Lit(n),
                None => Self::Expr(e),
            },
            _ => Self::Expr(e),
        }
    }
}

/// The JSON form: a string, or the template's own object form (`{"Ref": "Repo"}`).
impl serde::Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Lit(t) => s.serialize_str(t),
            Self::Expr(e) => e.to_value().serialize(s),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = serde_json::Value::deserialize(d)?;
        match Expr::from_value(&value) {
            Expr::Str(s) => Ok(Self::Lit(s)),
            e if e.is_intrinsic() => Ok(Self::Expr(e)),
            _ => Err(D::Error::custom(format!(
                "expected text or a template expression such as {{\"Ref\": \"Name\"}}, found {value}"
            ))),
        }
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == Some(*other)
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == Some(other)
    }
}

/// `{"Ref": name}`: the value of a template parameter the stream declares.
pub fn param(name: impl Into<String>) -> Text {
    Text::Expr(Expr::Ref(name.into()))
}

/// `{"Fn::Sub": text}`: text with `${Parameter}` (and pseudo parameters such as
/// `${AWS::Region}`) substituted.
pub fn sub(text: impl Into<String>) -> Text {
    Text::Expr(Expr::Sub(text.into()))
}

/// `{"Fn::ImportValue": name}`: a value another stack exports.
pub fn import_value(name: impl Into<Text>) -> Text {
    Text::Expr(Expr::call(Intrinsic::ImportValue(name.into().to_expr())))
}

/// `{"Fn::GetAtt": [resource, attribute]}`.
pub fn get_att(resource: impl Into<String>, attribute: impl Into<String>) -> Text {
    Text::Expr(Expr::GetAtt(resource.into(), attribute.into()))
}

/// `{"Fn::FindInMap": [map, top key, second key]}`: a value of a mapping the stream
/// declares.
pub fn find_in_map(
    map: impl Into<String>,
    top_key: impl Into<Text>,
    second_key: impl Into<Text>,
) -> Text {
    Text::Expr(Expr::call(Intrinsic::FindInMap {
        map: Expr::Str(map.into()),
        top_key: top_key.into().to_expr(),
        second_key: second_key.into().to_expr(),
        default: None,
    }))
}

/// `{"Fn::If": [condition, a, b]}`: `a` where the condition the stream declares holds,
/// otherwise `b`.
pub fn if_(condition: impl Into<String>, a: impl Into<Text>, b: impl Into<Text>) -> Text {
    Text::Expr(Expr::call(Intrinsic::If(
        condition.into(),
        a.into().to_expr(),
        b.into().to_expr(),
    )))
}

/// `{"Fn::Join": [separator, [parts]]}`.
pub fn join<T: Into<Text>>(
    separator: impl Into<String>,
    parts: impl IntoIterator<Item = T>,
) -> Text {
    let parts = parts.into_iter().map(|p| p.into().to_expr()).collect();
    Text::Expr(Expr::call(Intrinsic::Join(
        separator.into(),
        Expr::List(parts),
    )))
}

/// A template expression from its JSON (`{"Fn::Select": ["0", {"Ref": "Subnets"}]}`), as
/// text: for expressions the builder has no helper for.
pub fn expression(json: &str) -> Result<Text, String> {
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let e = Expr::from_value(&value);
    if e.is_intrinsic() {
        Ok(Text::Expr(e))
    } else {
        Err(format!("{json} is not a template expression"))
    }
}

/// Any template value from its JSON, as the template writes it: a condition's test, a
/// mapping's values.
pub fn template_value(json: &str) -> Result<Expr, String> {
    serde_json::from_str::<serde_json::Value>(json)
        .map(|v| Expr::from_value(&v))
        .map_err(|e| format!("not JSON: {e}"))
}

/// The names a value refers to: parameters, resources and conditions (pseudo parameters
/// left out), in order, each once.
pub fn references(e: &Expr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in e.references() {
        if !out.iter().any(|o| o == r) {
            out.push(r.to_owned());
        }
    }
    out
}

/// The conditions a value names (`Fn::If`, `Condition`), each once.
pub fn conditions(e: &Expr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    e.walk(&mut |x| {
        if let Expr::Fn(call) = x {
            let name = match call.as_ref() {
                Intrinsic::If(c, ..) | Intrinsic::Condition(c) => Some(c),
                _ => None,
            };
            if let Some(c) = name.filter(|c| !out.contains(c)) {
                out.push(c.clone());
            }
        }
    });
    out
}

/// The mappings a value reads (`Fn::FindInMap` with a literal map name), each once.
pub fn mappings(e: &Expr) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    e.walk(&mut |x| {
        if let Expr::Fn(call) = x {
            if let Intrinsic::FindInMap {
                map: Expr::Str(m), ..
            } = call.as_ref()
            {
                if !out.contains(m) {
                    out.push(m.clone());
                }
            }
        }
    });
    out
}

/// True when `Fn::Sub` text substitutes nothing but pseudo parameters (so it names no
/// parameter).
pub fn sub_is_plain(text: &str) -> bool {
    sub_variables(text).is_empty()
}
