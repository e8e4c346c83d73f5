//! Properties: the typed values of kinds, settings and records, described once and read by
//! every front end.
//!
//! A kind's struct (`kind!`), the pipeline settings (`settings!`) and the records in lists
//! (`record!`) declare their fields once: each field is a property whose key is the field's
//! name in Rust, in the JSON form, in the `stream!` macro and as the builder's setter. From
//! the declaration come a [`PropInfo`] per property (key, type, required or not, doc line)
//! and typed accessors that move values in and out as [`PropValue`]s, so reading JSON,
//! lowering the macro, printing Rust and generating the docs tables are written once.

mod json;
mod macros;

pub use json::{from_json, read_typed, record_from_json, to_json, unknown_key};
pub(crate) use macros::{choice, parsed, record};

use std::collections::BTreeMap;
use std::time::Duration;

use super::value::{Number, Text, Value};
use crate::cfn::Expr;

/// The type of a property, as every front end reads and writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropType {
    /// Text: a string (the macro also takes a bare word).
    Text,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Count,
    /// A duration: `30m`, `2d 4h`.
    Duration,
    /// One of a fixed set of words.
    Choice(&'static Choice),
    /// A list of texts.
    TextList,
    /// A list of choices.
    ChoiceList(&'static Choice),
    /// Text keys with text values.
    TextMap,
    /// A list of records of fixed fields.
    Records(&'static Record),
    /// One record of fixed fields, or none.
    Record(&'static Record),
    /// Text in a notation of its own, parsed when read (a time scale: `1h=1s`).
    Parsed(&'static Parsed),
    /// Any template value, written as the template writes it: a condition
    /// (`{"Fn::Equals": [..]}`) or a mapping's values.
    Template,
}

impl PropType {
    /// How the type reads in the docs tables.
    pub fn describe(self) -> String {
        match self {
            Self::Text => "text".to_owned(),
            Self::Bool => "`true` \\| `false`".to_owned(),
            Self::Count => "whole number".to_owned(),
            Self::Duration => "duration".to_owned(),
            Self::Choice(c) => c.words().join(" \\| "),
            Self::TextList => "list of text".to_owned(),
            Self::ChoiceList(c) => format!("list of {}", c.words().join(" \\| ")),
            Self::TextMap => "`{ Key: \"value\", .. }`".to_owned(),
            Self::Records(r) => format!(
                "list of `{{ {} }}`",
                r.fields
                    .iter()
                    .map(|f| format!("{}: ..", f.key))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::Record(r) => format!(
                "`{{ {} }}`",
                r.fields
                    .iter()
                    .map(|f| format!("{}: ..", f.key))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Self::Parsed(p) => format!("{} such as `\"{}\"`", p.what, p.example),
            Self::Template => "a template value".to_owned(),
        }
    }
}

/// A type written as text in a notation of its own, and the Rust type that parses it.
#[derive(Debug, PartialEq, Eq)]
pub struct Parsed {
    /// What it is, for messages: `a time scale`.
    pub what: &'static str,
    /// An example, for messages and the docs.
    pub example: &'static str,
    /// The module that declares the type (`module_path!()`).
    pub module: &'static str,
    /// The type's name; it implements `FromStr`.
    pub rust_type: &'static str,
}

/// The words of a choice and the Rust enum behind them.
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    /// The module that declares the enum (`module_path!()`).
    pub module: &'static str,
    /// The enum's name.
    pub rust_type: &'static str,
    /// `(word, variant)`: the word every front end writes, the Rust variant it means.
    pub options: &'static [(&'static str, &'static str)],
}

impl Choice {
    /// The words, in declaration order, each in backquotes.
    pub fn words(&self) -> Vec<String> {
        self.options.iter().map(|(w, _)| format!("`{w}`")).collect()
    }

    /// The canonical word for a word written in any case, with or without `_` and `-`.
    pub fn find(&self, written: &str) -> Option<&'static str> {
        let norm = |s: &str| -> String {
            s.chars()
                .filter(|c| *c != '_' && *c != '-')
                .flat_map(char::to_lowercase)
                .collect()
        };
        let want = norm(written);
        self.options
            .iter()
            .find(|(w, v)| norm(w) == want || norm(v) == want)
            .map(|(w, _)| *w)
    }

    /// The Rust variant of a canonical word.
    pub fn variant(&self, word: &str) -> Option<&'static str> {
        self.options.iter().find(|(w, _)| *w == word).map(|o| o.1)
    }
}

/// A record type: fields, each with a type, and the Rust struct behind it.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    /// The module that declares the struct (`module_path!()`).
    pub module: &'static str,
    /// The struct's name; it has a `new` taking the fields in order.
    pub rust_type: &'static str,
    /// Its fields, in order.
    pub fields: &'static [PropInfo],
    /// The `stream!` macro's short forms, when the record has them.
    pub short: Option<Short>,
}

/// How the `stream!` macro may write a record without its braces: `Name`, `Name = value`
/// or `Name { other: .. }`, the name being the `key` field and the value the `assign` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Short {
    /// The field written first, as a word or string.
    pub key: &'static str,
    /// The field written after `=`, when there is one.
    pub assign: Option<&'static str>,
}

impl Record {
    /// A field by key.
    pub fn field(&self, key: &str) -> Option<&'static PropInfo> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The keys of its fields, in order.
    pub fn keys(&self) -> Vec<&'static str> {
        self.fields.iter().map(|f| f.key).collect()
    }
}

/// A property value, independent of the kind it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum PropValue {
    /// Text.
    Text(String),
    /// A template expression, for a text or number property (`{"Ref": "Repo"}`).
    Expr(Expr),
    /// A boolean.
    Bool(bool),
    /// A whole number.
    Count(u32),
    /// A duration.
    Duration(Duration),
    /// A choice, by its canonical word.
    Word(&'static str),
    /// A list.
    List(Vec<PropValue>),
    /// Keys and values: a text map or a record.
    Map(Vec<(String, PropValue)>),
}

impl PropValue {
    /// What kind of value this is, for error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Text(_) => "text",
            Self::Expr(_) => "a template expression",
            Self::Bool(_) => "a boolean",
            Self::Count(_) => "a number",
            Self::Duration(_) => "a duration",
            Self::Word(_) => "a word",
            Self::List(_) => "a list",
            Self::Map(_) => "a map",
        }
    }
}

/// One property of a kind, as the docs and the front ends see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PropInfo {
    /// The key: the field name everywhere.
    pub key: &'static str,
    /// Its type.
    pub ty: PropType,
    /// Required: the builder's constructor takes it, JSON and the macro must give it.
    pub required: bool,
    /// The doc comment of the field.
    pub doc: &'static str,
}

impl PropInfo {
    /// The first line of the doc comment.
    pub fn summary(&self) -> &'static str {
        self.doc.trim().lines().next().unwrap_or("").trim()
    }
}

/// A property with typed access to the kind `K` that holds it.
pub struct Prop<K> {
    /// What the property is.
    pub info: PropInfo,
    /// Its value, `None` when unset.
    pub get: fn(&K) -> Option<PropValue>,
    /// Sets it; the error says what was expected.
    pub set: fn(&mut K, PropValue) -> Result<(), String>,
}

/// A Rust type a property can have.
pub trait PropKind: Sized {
    /// Its type.
    const TYPE: PropType;
    /// Whether a kind with this field needs it given (not an option, list, map or flag).
    const REQUIRED: bool;
    /// The value, `None` when unset.
    fn to_prop(&self) -> Option<PropValue>;
    /// Reads a value; the error says what was expected.
    fn from_prop(value: PropValue) -> Result<Self, String>;
}

/// What a builder setter accepts for a property of type `T`.
pub trait IntoProp<T> {
    /// Stores the value in the property (a list or map grows).
    fn into_prop(self, slot: &mut T);
}

fn expected(what: &str, found: &PropValue) -> String {
    format!("expected {what}, found {}", found.describe())
}

impl PropKind for String {
    const TYPE: PropType = PropType::Text;
    const REQUIRED: bool = true;
    fn to_prop(&self) -> Option<PropValue> {
        Some(PropValue::Text(self.clone()))
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Text(t) => Ok(t),
            other => Err(expected("text", &other)),
        }
    }
}

impl PropKind for Option<String> {
    const TYPE: PropType = PropType::Text;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.clone().map(PropValue::Text)
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        String::from_prop(value).map(Some)
    }
}

impl PropKind for bool {
    const TYPE: PropType = PropType::Bool;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.then_some(PropValue::Bool(true))
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Bool(b) => Ok(b),
            other => Err(expected("`true` or `false`", &other)),
        }
    }
}

impl PropKind for Option<bool> {
    const TYPE: PropType = PropType::Bool;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.map(PropValue::Bool)
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        bool::from_prop(value).map(Some)
    }
}

impl PropKind for Option<u32> {
    const TYPE: PropType = PropType::Count;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.map(PropValue::Count)
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Count(n) => Ok(Some(n)),
            other => Err(expected("a whole number", &other)),
        }
    }
}

impl PropKind for Option<Duration> {
    const TYPE: PropType = PropType::Duration;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.map(PropValue::Duration)
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Duration(d) => Ok(Some(d)),
            other => Err(expected("a duration", &other)),
        }
    }
}

impl PropKind for Vec<String> {
    const TYPE: PropType = PropType::TextList;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        (!self.is_empty())
            .then(|| PropValue::List(self.iter().cloned().map(PropValue::Text).collect()))
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::List(items) => items.into_iter().map(String::from_prop).collect(),
            PropValue::Text(t) => Ok(vec![t]),
            other => Err(expected("a list of text", &other)),
        }
    }
}

impl PropKind for BTreeMap<String, String> {
    const TYPE: PropType = PropType::TextMap;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        (!self.is_empty()).then(|| {
            PropValue::Map(
                self.iter()
                    .map(|(k, v)| (k.clone(), PropValue::Text(v.clone())))
                    .collect(),
            )
        })
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Map(entries) => entries
                .into_iter()
                .map(|(k, v)| Ok((k, String::from_prop(v)?)))
                .collect(),
            other => Err(expected("a map of text", &other)),
        }
    }
}

impl<S: Into<String>> IntoProp<String> for S {
    fn into_prop(self, slot: &mut String) {
        *slot = self.into();
    }
}

impl<S: Into<String>> IntoProp<Option<String>> for S {
    fn into_prop(self, slot: &mut Option<String>) {
        *slot = Some(self.into());
    }
}

impl IntoProp<bool> for bool {
    fn into_prop(self, slot: &mut bool) {
        *slot = self;
    }
}

impl IntoProp<Option<bool>> for bool {
    fn into_prop(self, slot: &mut Option<bool>) {
        *slot = Some(self);
    }
}

impl IntoProp<Option<u32>> for u32 {
    fn into_prop(self, slot: &mut Option<u32>) {
        *slot = Some(self);
    }
}

impl IntoProp<Option<Duration>> for Duration {
    fn into_prop(self, slot: &mut Option<Duration>) {
        *slot = Some(self);
    }
}

/// Lists extend from any iterator of what converts to their items.
impl<I, T> IntoProp<Vec<T>> for I
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    fn into_prop(self, slot: &mut Vec<T>) {
        slot.extend(self.into_iter().map(Into::into));
    }
}

/// Maps extend from any iterator of pairs that convert.
impl<I, K, V, T> IntoProp<BTreeMap<String, T>> for I
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<T>,
{
    fn into_prop(self, slot: &mut BTreeMap<String, T>) {
        slot.extend(self.into_iter().map(|(k, v)| (k.into(), v.into())));
    }
}

impl PropKind for Text {
    const TYPE: PropType = PropType::Text;
    const REQUIRED: bool = true;
    fn to_prop(&self) -> Option<PropValue> {
        Some(match self {
            Value::Lit(t) => PropValue::Text(t.clone()),
            Value::Expr(e) => PropValue::Expr(e.clone()),
        })
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Text(t) => Ok(Value::Lit(t)),
            PropValue::Expr(e) => Ok(Text::from(e)),
            other => Err(expected("text or a template expression", &other)),
        }
    }
}

impl PropKind for Option<Text> {
    const TYPE: PropType = PropType::Text;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.as_ref().and_then(PropKind::to_prop)
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        Text::from_prop(value).map(Some)
    }
}

impl PropKind for Vec<Text> {
    const TYPE: PropType = PropType::TextList;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        (!self.is_empty())
            .then(|| PropValue::List(self.iter().filter_map(PropKind::to_prop).collect()))
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::List(items) => items.into_iter().map(Text::from_prop).collect(),
            one @ (PropValue::Text(_) | PropValue::Expr(_)) => Ok(vec![Text::from_prop(one)?]),
            other => Err(expected("a list of text", &other)),
        }
    }
}

impl PropKind for BTreeMap<String, Text> {
    const TYPE: PropType = PropType::TextMap;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        (!self.is_empty()).then(|| {
            PropValue::Map(
                self.iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.to_prop()?)))
                    .collect(),
            )
        })
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Map(entries) => entries
                .into_iter()
                .map(|(k, v)| Ok((k, Text::from_prop(v)?)))
                .collect(),
            other => Err(expected("a map of text", &other)),
        }
    }
}

impl PropKind for Option<Number> {
    const TYPE: PropType = PropType::Count;
    const REQUIRED: bool = false;
    fn to_prop(&self) -> Option<PropValue> {
        self.as_ref().map(|n| match n {
            Value::Lit(n) => PropValue::Count(*n),
            Value::Expr(e) => PropValue::Expr(e.clone()),
        })
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Count(n) => Ok(Some(Value::Lit(n))),
            PropValue::Expr(e) => Ok(Some(Number::from(e))),
            other => Err(expected("a whole number or a template expression", &other)),
        }
    }
}

impl<S: Into<Text>> IntoProp<Text> for S {
    fn into_prop(self, slot: &mut Text) {
        *slot = self.into();
    }
}

impl<S: Into<Text>> IntoProp<Option<Text>> for S {
    fn into_prop(self, slot: &mut Option<Text>) {
        *slot = Some(self.into());
    }
}

impl<N: Into<Number>> IntoProp<Option<Number>> for N {
    fn into_prop(self, slot: &mut Option<Number>) {
        *slot = Some(self.into());
    }
}

impl PropKind for Expr {
    const TYPE: PropType = PropType::Template;
    const REQUIRED: bool = true;
    fn to_prop(&self) -> Option<PropValue> {
        Some(PropValue::Expr(self.clone()))
    }
    fn from_prop(value: PropValue) -> Result<Self, String> {
        match value {
            PropValue::Expr(e) => Ok(e),
            PropValue::Text(t) => Ok(Expr::Str(t)),
            other => Err(expected("a template value", &other)),
        }
    }
}

impl IntoProp<Expr> for Expr {
    fn into_prop(self, slot: &mut Expr) {
        *slot = self;
    }
}

/// Serde for an optional [`Text`] field of a model struct (the action's `region`), in the JSON
/// form of a text property: a string, or an intrinsic object.
pub mod opt_text {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{from_json, to_json, PropKind, PropType};
    use crate::model::Text;

    /// Writes the value as a string or an intrinsic object.
    pub fn serialize<S: Serializer>(value: &Option<Text>, s: S) -> Result<S::Ok, S::Error> {
        value
            .as_ref()
            .and_then(PropKind::to_prop)
            .map(|v| to_json(&v))
            .serialize(s)
    }

    /// Reads a string or an intrinsic object.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
        let json = serde_json::Value::deserialize(d)?;
        if json.is_null() {
            return Ok(None);
        }
        from_json(PropType::Text, &json)
            .and_then(Text::from_prop)
            .map(Some)
            .map_err(D::Error::custom)
    }
}
