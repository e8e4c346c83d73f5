//! Properties of action kinds, described once and read by every front end.
//!
//! A kind's struct is declared with [`kind!`](crate::kinds::kind): each field is a property
//! whose key is the field's name in Rust, in the JSON form, in the `stream!` macro and as the
//! builder's setter. From the declaration come a [`PropInfo`] per property (key, type,
//! required or not, doc line) and typed accessors that move values in and out as
//! [`PropValue`]s, so reading JSON, lowering the macro, printing Rust and generating the docs
//! tables are written once for every kind.

use std::collections::BTreeMap;
use std::time::Duration;

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
        }
    }
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
}

/// A property value, independent of the kind it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub enum PropValue {
    /// Text.
    Text(String),
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

impl<I> IntoProp<Vec<String>> for I
where
    I: IntoIterator,
    I::Item: Into<String>,
{
    fn into_prop(self, slot: &mut Vec<String>) {
        slot.extend(self.into_iter().map(Into::into));
    }
}

impl<I, K, V> IntoProp<BTreeMap<String, String>> for I
where
    I: IntoIterator<Item = (K, V)>,
    K: Into<String>,
    V: Into<String>,
{
    fn into_prop(self, slot: &mut BTreeMap<String, String>) {
        slot.extend(self.into_iter().map(|(k, v)| (k.into(), v.into())));
    }
}

/// Declares an enum whose variants every front end writes as fixed words, with its
/// [`Choice`] and its property impls: `choice! { /// doc pub enum Mode { /// doc A = "A", } }`.
macro_rules! choice {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident {
            $( $(#[$vattr:meta])* $variant:ident = $word:literal ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vattr])* $variant ),+
        }

        impl $name {
            /// The words and the variants they mean.
            pub const CHOICE: $crate::kinds::Choice = $crate::kinds::Choice {
                module: module_path!(),
                rust_type: stringify!($name),
                options: &[ $( ($word, stringify!($variant)) ),+ ],
            };

            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The word every front end (and CloudFormation, where it has one) writes.
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $word ),+ }
            }

            /// The variant a canonical word means.
            pub fn from_word(word: &str) -> Option<Self> {
                match word { $( $word => Some($name::$variant), )+ _ => None }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::CHOICE
                    .find(&text)
                    .and_then(Self::from_word)
                    .ok_or_else(|| ::serde::de::Error::custom(format!(
                        "unknown {} {text:?}; expected one of {}",
                        stringify!($name),
                        Self::CHOICE.words().join(", ")
                    )))
            }
        }

        impl $crate::kinds::PropKind for $name {
            const TYPE: $crate::kinds::PropType = $crate::kinds::PropType::Choice(&$name::CHOICE);
            const REQUIRED: bool = true;
            fn to_prop(&self) -> Option<$crate::kinds::PropValue> {
                Some($crate::kinds::PropValue::Word(self.as_str()))
            }
            fn from_prop(value: $crate::kinds::PropValue) -> Result<Self, String> {
                match value {
                    $crate::kinds::PropValue::Word(w) => Self::from_word(w)
                        .ok_or_else(|| format!("unknown {} {w}", stringify!($name))),
                    $crate::kinds::PropValue::Text(t) => Self::CHOICE
                        .find(&t)
                        .and_then(Self::from_word)
                        .ok_or_else(|| format!(
                            "unknown {} {t:?}; expected one of {}",
                            stringify!($name),
                            Self::CHOICE.words().join(", ")
                        )),
                    other => Err(format!(
                        "expected one of {}, found {}",
                        Self::CHOICE.words().join(", "),
                        other.describe()
                    )),
                }
            }
        }

        impl $crate::kinds::PropKind for Option<$name> {
            const TYPE: $crate::kinds::PropType = $crate::kinds::PropType::Choice(&$name::CHOICE);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::kinds::PropValue> {
                self.map(|v| $crate::kinds::PropValue::Word(v.as_str()))
            }
            fn from_prop(value: $crate::kinds::PropValue) -> Result<Self, String> {
                <$name as $crate::kinds::PropKind>::from_prop(value).map(Some)
            }
        }

        impl $crate::kinds::PropKind for Vec<$name> {
            const TYPE: $crate::kinds::PropType =
                $crate::kinds::PropType::ChoiceList(&$name::CHOICE);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::kinds::PropValue> {
                (!self.is_empty()).then(|| $crate::kinds::PropValue::List(
                    self.iter().map(|v| $crate::kinds::PropValue::Word(v.as_str())).collect(),
                ))
            }
            fn from_prop(value: $crate::kinds::PropValue) -> Result<Self, String> {
                match value {
                    $crate::kinds::PropValue::List(items) => items
                        .into_iter()
                        .map(<$name as $crate::kinds::PropKind>::from_prop)
                        .collect(),
                    one => <$name as $crate::kinds::PropKind>::from_prop(one).map(|v| vec![v]),
                }
            }
        }

        impl $crate::kinds::IntoProp<$name> for $name {
            fn into_prop(self, slot: &mut $name) {
                *slot = self;
            }
        }

        impl $crate::kinds::IntoProp<Option<$name>> for $name {
            fn into_prop(self, slot: &mut Option<$name>) {
                *slot = Some(self);
            }
        }

        impl<I: IntoIterator<Item = $name>> $crate::kinds::IntoProp<Vec<$name>> for I {
            fn into_prop(self, slot: &mut Vec<$name>) {
                slot.extend(self);
            }
        }
    };
}
pub(crate) use choice;

/// Declares a record type for list properties: a struct of property-typed fields, its
/// [`Record`] and its property impls, and `new` taking the fields in order.
macro_rules! record {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $( $(#[doc = $fdoc])* pub $field: $ty, )+
        }

        impl $name {
            /// Its fields and their types.
            pub const RECORD: $crate::kinds::Record = $crate::kinds::Record {
                module: module_path!(),
                rust_type: stringify!($name),
                fields: &[ $( $crate::kinds::PropInfo {
                    key: stringify!($field),
                    ty: <$ty as $crate::kinds::PropKind>::TYPE,
                    required: <$ty as $crate::kinds::PropKind>::REQUIRED,
                    doc: concat!($($fdoc, "\n"),*),
                } ),+ ],
            };

            /// A record of these fields, in order.
            pub fn new($( $field: impl $crate::kinds::IntoProp<$ty> ),+) -> Self {
                let mut r = Self::default();
                $( $crate::kinds::IntoProp::into_prop($field, &mut r.$field); )+
                r
            }

            fn to_map(&self) -> $crate::kinds::PropValue {
                $crate::kinds::PropValue::Map(
                    [ $( (stringify!($field), $crate::kinds::PropKind::to_prop(&self.$field)) ),+ ]
                        .into_iter()
                        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                        .collect(),
                )
            }

            fn from_map(value: $crate::kinds::PropValue) -> Result<Self, String> {
                let $crate::kinds::PropValue::Map(entries) = value else {
                    return Err(format!("expected a {{ .. }} record, found {}", value.describe()));
                };
                let mut r = Self::default();
                let mut seen: Vec<String> = Vec::new();
                for (k, v) in entries {
                    match k.as_str() {
                        $( stringify!($field) => r.$field = $crate::kinds::PropKind::from_prop(v)?, )+
                        other => return Err(format!(
                            "unknown key `{other}`; expected {}",
                            [$(stringify!($field)),+].join(", ")
                        )),
                    }
                    seen.push(k);
                }
                $(
                    if <$ty as $crate::kinds::PropKind>::REQUIRED
                        && !seen.iter().any(|k| k == stringify!($field))
                    {
                        return Err(format!("a {} needs `{}`", stringify!($name), stringify!($field)));
                    }
                )+
                Ok(r)
            }
        }

        impl $crate::kinds::PropKind for Vec<$name> {
            const TYPE: $crate::kinds::PropType = $crate::kinds::PropType::Records(&$name::RECORD);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::kinds::PropValue> {
                (!self.is_empty()).then(|| {
                    $crate::kinds::PropValue::List(self.iter().map($name::to_map).collect())
                })
            }
            fn from_prop(value: $crate::kinds::PropValue) -> Result<Self, String> {
                match value {
                    $crate::kinds::PropValue::List(items) => {
                        items.into_iter().map($name::from_map).collect()
                    }
                    one => $name::from_map(one).map(|r| vec![r]),
                }
            }
        }

        impl<I: IntoIterator<Item = $name>> $crate::kinds::IntoProp<Vec<$name>> for I {
            fn into_prop(self, slot: &mut Vec<$name>) {
                slot.extend(self);
            }
        }
    };
}
pub(crate) use record;
