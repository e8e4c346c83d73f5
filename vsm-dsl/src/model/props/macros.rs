//! The declaration macros of choices and records.

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
            pub const CHOICE: $crate::model::props::Choice = $crate::model::props::Choice {
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

        impl $crate::model::props::PropKind for $name {
            const TYPE: $crate::model::props::PropType = $crate::model::props::PropType::Choice(&$name::CHOICE);
            const REQUIRED: bool = true;
            fn to_prop(&self) -> Option<$crate::model::props::PropValue> {
                Some($crate::model::props::PropValue::Word(self.as_str()))
            }
            fn from_prop(value: $crate::model::props::PropValue) -> Result<Self, String> {
                match value {
                    $crate::model::props::PropValue::Word(w) => Self::from_word(w)
                        .ok_or_else(|| format!("unknown {} {w}", stringify!($name))),
                    $crate::model::props::PropValue::Text(t) => Self::CHOICE
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

        impl $crate::model::props::PropKind for Option<$name> {
            const TYPE: $crate::model::props::PropType = $crate::model::props::PropType::Choice(&$name::CHOICE);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::model::props::PropValue> {
                self.map(|v| $crate::model::props::PropValue::Word(v.as_str()))
            }
            fn from_prop(value: $crate::model::props::PropValue) -> Result<Self, String> {
                <$name as $crate::model::props::PropKind>::from_prop(value).map(Some)
            }
        }

        impl $crate::model::props::PropKind for Vec<$name> {
            const TYPE: $crate::model::props::PropType =
                $crate::model::props::PropType::ChoiceList(&$name::CHOICE);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::model::props::PropValue> {
                (!self.is_empty()).then(|| $crate::model::props::PropValue::List(
                    self.iter().map(|v| $crate::model::props::PropValue::Word(v.as_str())).collect(),
                ))
            }
            fn from_prop(value: $crate::model::props::PropValue) -> Result<Self, String> {
                match value {
                    $crate::model::props::PropValue::List(items) => items
                        .into_iter()
                        .map(<$name as $crate::model::props::PropKind>::from_prop)
                        .collect(),
                    one => <$name as $crate::model::props::PropKind>::from_prop(one).map(|v| vec![v]),
                }
            }
        }

        impl $crate::model::props::IntoProp<$name> for $name {
            fn into_prop(self, slot: &mut $name) {
                *slot = self;
            }
        }

        impl $crate::model::props::IntoProp<Option<$name>> for $name {
            fn into_prop(self, slot: &mut Option<$name>) {
                *slot = Some(self);
            }
        }
    };
}
pub(crate) use choice;

/// Declares a record type: a struct of property-typed fields, its [`Record`], its property
/// impls (lists of records, and an optional single record), its JSON form, and `new` taking
/// the fields in order (`#[own_new]` leaves `new` to the declaring module).
///
/// `#[short(key)]` or `#[short(key = assign)]` lets the `stream!` macro write the record as
/// `Key`, `Key = value` or `Key { other: .. }`.
macro_rules! record {
    (
        $(#[doc = $doc:literal])*
        $(#[short($key:ident $(= $assign:ident)?)])?
        #[own_new]
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::model::props::record!(@define own_new
            $(#[doc = $doc])* $(#[short($key $(= $assign)?)])? pub struct $name { $($body)* });
    };
    (
        $(#[doc = $doc:literal])*
        $(#[short($key:ident $(= $assign:ident)?)])?
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::model::props::record!(@define new
            $(#[doc = $doc])* $(#[short($key $(= $assign)?)])? pub struct $name { $($body)* });
    };
    (
        @define $new:ident
        $(#[doc = $doc:literal])*
        $(#[short($key:ident $(= $assign:ident)?)])?
        pub struct $name:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name {
            $( $(#[doc = $fdoc])* pub $field: $ty, )+
        }

        impl $name {
            /// Its fields and their types.
            pub const RECORD: $crate::model::props::Record = $crate::model::props::Record {
                module: module_path!(),
                rust_type: stringify!($name),
                fields: &[ $( $crate::model::props::PropInfo {
                    key: stringify!($field),
                    ty: <$ty as $crate::model::props::PropKind>::TYPE,
                    required: <$ty as $crate::model::props::PropKind>::REQUIRED,
                    doc: concat!($($fdoc, "\n"),*),
                } ),+ ],
                short: $crate::model::props::record!(@short $($key $(= $assign)?)?),
            };

            /// The record as a property value (a map of the fields that are set).
            pub fn to_map(&self) -> $crate::model::props::PropValue {
                $crate::model::props::PropValue::Map(
                    [ $( (stringify!($field), $crate::model::props::PropKind::to_prop(&self.$field)) ),+ ]
                        .into_iter()
                        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                        .collect(),
                )
            }

            /// The record from a property value; unknown and missing fields are errors.
            pub fn from_map(value: $crate::model::props::PropValue) -> Result<Self, String> {
                let $crate::model::props::PropValue::Map(entries) = value else {
                    return Err(format!("expected a {{ .. }} record, found {}", value.describe()));
                };
                let mut r = Self::default();
                let mut seen: Vec<String> = Vec::new();
                for (k, v) in entries {
                    match k.as_str() {
                        $( stringify!($field) => r.$field = $crate::model::props::PropKind::from_prop(v)
                            .map_err(|e| format!("`{}`: {e}", stringify!($field)))?, )+
                        other => return Err(format!(
                            "unknown key `{other}`; expected {}",
                            [$(stringify!($field)),+].join(", ")
                        )),
                    }
                    seen.push(k);
                }
                $(
                    if <$ty as $crate::model::props::PropKind>::REQUIRED
                        && !seen.iter().any(|k| k == stringify!($field))
                    {
                        return Err(format!("a {} needs `{}`", stringify!($name), stringify!($field)));
                    }
                )+
                Ok(r)
            }
        }

        $crate::model::props::record!(@$new $name { $($field: $ty),+ });

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&$crate::model::props::to_json(&self.to_map()), s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let json = <::serde_json::Value as ::serde::Deserialize>::deserialize(d)?;
                $crate::model::props::record_from_json(&$name::RECORD, &json)
                    .and_then($name::from_map)
                    .map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }

        impl $crate::model::props::PropKind for Vec<$name> {
            const TYPE: $crate::model::props::PropType = $crate::model::props::PropType::Records(&$name::RECORD);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::model::props::PropValue> {
                (!self.is_empty()).then(|| {
                    $crate::model::props::PropValue::List(self.iter().map($name::to_map).collect())
                })
            }
            fn from_prop(value: $crate::model::props::PropValue) -> Result<Self, String> {
                match value {
                    $crate::model::props::PropValue::List(items) => {
                        items.into_iter().map($name::from_map).collect()
                    }
                    one => $name::from_map(one).map(|r| vec![r]),
                }
            }
        }

        impl $crate::model::props::PropKind for Option<$name> {
            const TYPE: $crate::model::props::PropType = $crate::model::props::PropType::Record(&$name::RECORD);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::model::props::PropValue> {
                self.as_ref().map($name::to_map)
            }
            fn from_prop(value: $crate::model::props::PropValue) -> Result<Self, String> {
                $name::from_map(value).map(Some)
            }
        }

        impl $crate::model::props::IntoProp<Option<$name>> for $name {
            fn into_prop(self, slot: &mut Option<$name>) {
                *slot = Some(self);
            }
        }
    };
    (@short) => { None };
    (@short $key:ident) => {
        Some($crate::model::props::Short { key: stringify!($key), assign: None })
    };
    (@short $key:ident = $assign:ident) => {
        Some($crate::model::props::Short { key: stringify!($key), assign: Some(stringify!($assign)) })
    };
    (@own_new $name:ident { $($field:ident: $ty:ty),+ }) => {};
    (@new $name:ident { $($field:ident: $ty:ty),+ }) => {
        impl $name {
            /// A record of these fields, in order.
            #[allow(clippy::too_many_arguments)]
            pub fn new($( $field: impl $crate::model::props::IntoProp<$ty> ),+) -> Self {
                let mut r = Self::default();
                $( $crate::model::props::IntoProp::into_prop($field, &mut r.$field); )+
                r
            }
        }
    };
}
pub(crate) use record;

/// Gives a type written as text in a notation of its own (it implements `FromStr` and
/// `Display`) its [`Parsed`](super::Parsed) and its property impls as an optional value:
/// `parsed!(TimeScale, "a time scale", "1h=1s")`.
macro_rules! parsed {
    ($name:ident, $what:literal, $example:literal) => {
        impl $name {
            /// How the front ends read and write it.
            pub const PARSED: $crate::model::props::Parsed = $crate::model::props::Parsed {
                what: $what,
                example: $example,
                module: module_path!(),
                rust_type: stringify!($name),
            };
        }

        impl $crate::model::props::PropKind for Option<$name> {
            const TYPE: $crate::model::props::PropType =
                $crate::model::props::PropType::Parsed(&$name::PARSED);
            const REQUIRED: bool = false;
            fn to_prop(&self) -> Option<$crate::model::props::PropValue> {
                self.as_ref()
                    .map(|v| $crate::model::props::PropValue::Text(v.to_string()))
            }
            fn from_prop(value: $crate::model::props::PropValue) -> Result<Self, String> {
                match value {
                    $crate::model::props::PropValue::Text(t) => {
                        t.parse::<$name>().map(Some).map_err(|e| e.to_string())
                    }
                    other => Err(format!("expected {}, found {}", $what, other.describe())),
                }
            }
        }

        impl $crate::model::props::IntoProp<Option<$name>> for $name {
            fn into_prop(self, slot: &mut Option<$name>) {
                *slot = Some(self);
            }
        }
    };
}
pub(crate) use parsed;
