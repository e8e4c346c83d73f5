//! An action's configuration as a kind states it, key by key.

use std::borrow::Cow;
use std::fmt;

use super::arn::Part;
use super::emit::ActionEmit;
use crate::cfn::{Expr, Resource};
use crate::model::props::PropValue;
use crate::model::value::{Number, Text, Value};
use crate::model::{Action, Stage, Stream};

/// A JSON list of objects whose fields are texts, as one configuration value (CodeBuild's
/// `EnvironmentVariables`, a pipeline invoke's `Variables`): literal text as JSON strings, a
/// computed value between its quotes as it is.
pub(crate) fn json_objects(items: &[Vec<(&str, &Text)>]) -> Expr {
    enum Piece<'t> {
        Lit(String),
        Val(&'t Text),
    }
    let mut pieces: Vec<Piece<'_>> = Vec::new();
    let mut lit = String::from("[");
    for (i, fields) in items.iter().enumerate() {
        lit.push_str(if i > 0 { ",{" } else { "{" });
        for (j, (key, value)) in fields.iter().enumerate() {
            if j > 0 {
                lit.push(',');
            }
            lit.push_str(&format!("{}:", serde_json::json!(key)));
            match value.as_str() {
                Some(v) => lit.push_str(&serde_json::json!(v).to_string()),
                None => {
                    lit.push('"');
                    pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                    pieces.push(Piece::Val(value));
                    lit.push('"');
                }
            }
        }
        lit.push('}');
    }
    lit.push(']');
    pieces.push(Piece::Lit(lit));
    let parts: Vec<Part<'_>> = pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(s) => Part::Lit(s),
            Piece::Val(v) => Part::Val(v),
        })
        .collect();
    super::arn::sub_of("", &parts)
}

/// A template parameter a kind asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamSpec {
    /// Its name, before the logical-id prefix.
    pub name: String,
    /// What to pass.
    pub description: String,
    /// The pattern the value must match.
    pub pattern: &'static str,
    /// What the value is, for messages: `a connection ARN`.
    pub takes: &'static str,
    /// The kind's property that names the parameter.
    pub named_by: &'static str,
}

/// Makes the resource behind a generated value, while the action is emitted.
pub(crate) type Generator<'a> = Box<dyn FnOnce(&mut ActionEmit<'_, '_>) -> Expr + 'a>;

/// What goes into the configuration of an action, key by key.
pub(crate) enum ConfigValue<'a> {
    /// Literal text.
    Literal(Cow<'a, str>),
    /// A value the stream leaves to CloudFormation (a template expression).
    Expr(Expr),
    /// A template parameter.
    Parameter(ParamSpec),
    /// A resource the template creates for the action, made by its generator.
    Generated(Generator<'a>),
}

impl fmt::Debug for ConfigValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Literal(text) => f.debug_tuple("Literal").field(text).finish(),
            Self::Expr(e) => f.debug_tuple("Expr").field(e).finish(),
            Self::Parameter(spec) => f.debug_tuple("Parameter").field(spec).finish(),
            Self::Generated(_) => f.write_str("Generated"),
        }
    }
}

/// One configuration key of an action: its value and the property it comes from.
#[derive(Debug)]
pub(crate) struct Entry<'a> {
    /// The key, as CodePipeline spells it.
    pub key: &'static str,
    /// The kind's property it comes from, if one.
    pub prop: Option<&'static str>,
    /// The value.
    pub value: ConfigValue<'a>,
}

impl<'a> Entry<'a> {
    /// Literal text from a property.
    pub fn text(key: &'static str, prop: &'static str, text: &'a str) -> Self {
        Self {
            key,
            prop: Some(prop),
            value: ConfigValue::Literal(Cow::Borrowed(text)),
        }
    }

    /// Text made from a property.
    pub fn owned(key: &'static str, prop: Option<&'static str>, text: String) -> Self {
        Self {
            key,
            prop,
            value: ConfigValue::Literal(Cow::Owned(text)),
        }
    }

    /// Optional text from a property.
    pub fn opt(key: &'static str, prop: &'static str, text: &'a Option<String>) -> Option<Self> {
        text.as_deref().map(|t| Self::text(key, prop, t))
    }

    /// A property's value: literal text, or the expression it is.
    pub fn of(key: &'static str, prop: &'static str, value: &'a Text) -> Self {
        Self {
            key,
            prop: Some(prop),
            value: match value {
                Value::Lit(t) => ConfigValue::Literal(Cow::Borrowed(t)),
                Value::Expr(e) => ConfigValue::Expr(e.clone()),
            },
        }
    }

    /// A whole number's value: literal, or the expression it is.
    pub fn number(key: &'static str, prop: &'static str, value: &Number) -> Self {
        Self {
            key,
            prop: Some(prop),
            value: match value {
                Value::Lit(n) => ConfigValue::Literal(Cow::Owned(n.to_string())),
                Value::Expr(e) => ConfigValue::Expr(e.clone()),
            },
        }
    }

    /// An optional flag as `true` or `false`; nothing when unset.
    pub fn flag(key: &'static str, prop: &'static str, value: Option<bool>) -> Option<Self> {
        value.map(|v| Self::owned(key, Some(prop), v.to_string()))
    }

    /// An optional choice's word; nothing when unset.
    pub fn word(key: &'static str, prop: &'static str, word: Option<&'static str>) -> Option<Self> {
        word.map(|w| Self {
            key,
            prop: Some(prop),
            value: ConfigValue::Literal(Cow::Borrowed(w)),
        })
    }

    /// Words, comma-separated in the order given, each once; nothing when there are none.
    pub fn words(
        key: &'static str,
        prop: &'static str,
        words: impl IntoIterator<Item = &'static str>,
    ) -> Option<Self> {
        let mut seen: Vec<&str> = Vec::new();
        for w in words {
            if !seen.contains(&w) {
                seen.push(w);
            }
        }
        (!seen.is_empty()).then(|| Self::owned(key, Some(prop), seen.join(",")))
    }

    /// A list of texts, comma-separated; nothing when empty.
    pub fn list(key: &'static str, prop: &'static str, items: &'a [Text]) -> Option<Self> {
        if items.is_empty() {
            return None;
        }
        let mut parts: Vec<Part<'a>> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                parts.push(Part::Lit(","));
            }
            parts.push(Part::Val(item));
        }
        Some(Self::expr(key, prop, super::arn::sub_of("", &parts)))
    }

    /// A value made by the kind: literal when it is a plain string, an expression otherwise.
    pub fn expr(key: &'static str, prop: &'static str, value: Expr) -> Self {
        Self {
            key,
            prop: Some(prop),
            value: match value {
                Expr::Str(s) => ConfigValue::Literal(Cow::Owned(s)),
                e => ConfigValue::Expr(e),
            },
        }
    }

    /// An optional property's value.
    pub fn of_opt(key: &'static str, prop: &'static str, value: &'a Option<Text>) -> Option<Self> {
        value.as_ref().map(|v| Self::of(key, prop, v))
    }

    /// A template parameter.
    pub fn param(key: &'static str, prop: Option<&'static str>, spec: ParamSpec) -> Self {
        Self {
            key,
            prop,
            value: ConfigValue::Parameter(spec),
        }
    }

    /// A resource the template creates for the action: `generate` makes it and gives the
    /// value (a `Ref` to it, say) when the action is emitted.
    pub fn generated(
        key: &'static str,
        generate: impl FnOnce(&mut ActionEmit<'_, '_>) -> Expr + 'a,
    ) -> Self {
        Self {
            key,
            prop: None,
            value: ConfigValue::Generated(Box::new(generate)),
        }
    }
}

/// A resource of a template that a generated configuration value of an action names, as the
/// importer finds it: what a kind reads back ([`Kind::read_generated`](super::Kind)).
#[cfg_attr(not(feature = "import"), allow(dead_code))]
pub(crate) struct Generated<'a> {
    /// The logical id the value refers to (`None` for a literal name).
    pub id: Option<&'a str>,
    /// The resource, when the template has it.
    pub resource: Option<&'a Resource>,
    /// Where the action stands in the stream being read.
    pub cx: ConfigCx<'a>,
}

/// What a kind makes of a resource its generated value names.
#[cfg_attr(not(feature = "import"), allow(dead_code))]
pub(crate) struct ReadBack {
    /// What the kind generates there, for messages (`CodeBuild project`).
    pub what: &'static str,
    /// The resource is the one the kind generates for this action (it comes back exactly).
    pub ours: bool,
    /// The kind's properties the resource carries (a project's image).
    pub props: Vec<(String, PropValue)>,
}

/// What the configuration needs to know about the action's place.
#[derive(Clone, Copy)]
pub(crate) struct ConfigCx<'a> {
    /// The stream.
    pub stream: &'a Stream,
    /// The stage.
    pub stage: &'a Stage,
    /// The action.
    pub action: &'a Action,
}
