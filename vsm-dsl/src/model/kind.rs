//! What the model knows of an action's kind: its declaration ([`KindInfo`]) and its data, as
//! an [`ActionKind`] that holds any kind.
//!
//! The kinds themselves live above the model (`crate::kinds`, one file each, built on
//! `crate::kit`); the model names none of them. It holds a kind through [`KindData`], which
//! every kind implements, and reaches a concrete kind by downcasting
//! ([`ActionKind::downcast_ref`]).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::any::Any;
use std::fmt;

use super::props::{to_json, unknown_key, Prop, PropInfo, PropValue};
use super::ActionType;
use crate::catalogue::RuleId;

/// Where a kind may stand in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Only in the source stage.
    Source,
    /// Only in the stages after it.
    Step,
    /// Either: the action's category decides (the escape hatch).
    Any,
}

/// Where a kind's actions may run besides the pipeline's own account and Region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Reach {
    /// In another account, assuming a role there.
    pub account: bool,
    /// In another Region.
    pub region: bool,
}

impl Reach {
    /// Any account and Region.
    pub const ANYWHERE: Self = Self {
        account: true,
        region: true,
    };
    /// Only the pipeline's account and Region: the kind's resources are in the pipeline's
    /// template (a CodeBuild project, the mock function).
    pub const HOME: Self = Self {
        account: false,
        region: false,
    };
}

/// Valid input and output artifact counts of an action type, with its catalogue row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Artifacts {
    /// Catalogue row (CP-TYPE-M-..).
    pub row: &'static str,
    /// Inputs, min and max.
    pub inputs: (usize, usize),
    /// Outputs, min and max.
    pub outputs: (usize, usize),
}

/// A configuration key of an action type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigKeySpec {
    /// The key, as CodePipeline spells it.
    pub key: &'static str,
    /// CodePipeline refuses the action without it (CP-CONF-3).
    pub required: bool,
}

/// A required configuration key.
pub const fn required(key: &'static str) -> ConfigKeySpec {
    ConfigKeySpec {
        key,
        required: true,
    }
}

/// An optional configuration key.
pub const fn optional(key: &'static str) -> ConfigKeySpec {
    ConfigKeySpec {
        key,
        required: false,
    }
}

/// Builds a kind from `(key, value)` pairs; every problem is reported.
pub type FromValues = fn(Vec<(String, PropValue)>) -> Result<ActionKind, ValueErrors>;

/// Reads one configuration value of a kind back into property values (see
/// [`KindInfo::read_config`]).
pub type ReadConfig = fn(&str, &str) -> Option<Vec<(String, PropValue)>>;

/// A kind as the front ends and the docs see it, without its Rust type.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct KindInfo {
    /// The keyword: JSON `type`, macro keyword, builder constructor.
    pub keyword: &'static str,
    /// The module that declares the kind (`module_path!()`).
    pub module: &'static str,
    /// The kind's doc comment.
    pub doc: &'static str,
    /// Where it may stand.
    pub place: Place,
    /// Its properties, in declaration order (the required ones first).
    pub props: &'static [PropInfo],
    /// The action types it emits (the escape hatch: none fixed).
    pub types: &'static [ActionType<'static>],
    /// Its artifact counts, when fixed.
    pub artifacts: Option<Artifacts>,
    /// The configuration keys of its action type.
    pub config_keys: &'static [ConfigKeySpec],
    /// Only V2 pipelines run it (CP-V2-7).
    pub v2_only: bool,
    /// Where it may run besides the pipeline's account and Region (VSM-REACH-1).
    pub reach: Reach,
    /// The catalogue rules the kind's own checks enforce beyond the shared ones.
    pub rules: &'static [RuleId],
    /// Builds the kind from property values.
    pub from_values: FromValues,
    /// The properties a configuration value gives, for the keys whose value is not simply
    /// one property's text (a JSON list of variables): `(key, value as written)`; `None` for
    /// the other keys and for a value the kind does not write.
    pub read_config: ReadConfig,
}

impl KindInfo {
    /// The first line of the doc comment.
    pub fn summary(&self) -> &'static str {
        self.doc.trim().lines().next().unwrap_or("").trim()
    }

    /// A property by key.
    pub fn prop(&self, key: &str) -> Option<&'static PropInfo> {
        self.props.iter().find(|p| p.key == key)
    }

    /// The required properties, in order: the builder constructor's arguments after the name.
    pub fn required_props(&self) -> impl Iterator<Item = &'static PropInfo> {
        self.props.iter().filter(|p| p.required)
    }
}

impl fmt::Debug for KindInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KindInfo")
            .field("keyword", &self.keyword)
            .finish_non_exhaustive()
    }
}

/// The declared properties of a kind; written by the `kind!` macro.
pub trait Props: Sized + 'static {
    /// The keyword: JSON `type`, macro keyword, builder constructor.
    const KEYWORD: &'static str;
    /// The module that declares it (`module_path!()`).
    const MODULE: &'static str;
    /// The doc comment of the struct.
    const DOC: &'static str;
    /// Where it may stand.
    const PLACE: Place;
    /// Properties with typed access.
    const PROPS: &'static [Prop<Self>];
    /// Properties as the docs and the front ends see them.
    const PROP_INFO: &'static [PropInfo];
}

mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed;

/// A kind's data, as the model holds it: every kind implements it (and only kinds do).
pub trait KindData: Sealed + Any + Send + Sync + fmt::Debug {
    /// The kind's declaration.
    fn info(&self) -> &'static KindInfo;
    /// The properties that are set, in declaration order.
    fn values(&self) -> Vec<(&'static PropInfo, PropValue)>;
    /// The action's `ActionTypeId`.
    fn action_type(&self) -> ActionType<'_>;
    /// Input artifacts the kind implies beyond the ones listed (a template's artifact), with
    /// the configuration key each comes from.
    fn implied_inputs(&self) -> Vec<(&'static str, &str)>;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn KindData>;
    /// Equal to another kind's data.
    fn eq_dyn(&self, other: &dyn KindData) -> bool;
    /// As `Any`, for downcasting.
    fn as_any(&self) -> &dyn Any;
    /// As `Any`, for downcasting to change it.
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// What an action does: any kind, by value.
pub struct ActionKind(Box<dyn KindData>);

impl ActionKind {
    /// The kind as the model holds it.
    pub fn data(&self) -> &dyn KindData {
        &*self.0
    }

    /// The kind's declaration.
    pub fn info(&self) -> &'static KindInfo {
        self.0.info()
    }

    /// The keyword: JSON `type`, macro keyword, builder constructor.
    pub fn keyword(&self) -> &'static str {
        self.info().keyword
    }

    /// The properties that are set, in declaration order.
    pub fn values(&self) -> Vec<(&'static PropInfo, PropValue)> {
        self.0.values()
    }

    /// The action's `ActionTypeId`.
    pub fn action_type(&self) -> ActionType<'_> {
        self.0.action_type()
    }

    /// True for source actions.
    pub fn is_source(&self) -> bool {
        self.action_type().category == super::Category::Source
    }

    /// Input artifacts the kind implies beyond the ones listed (a template's artifact), with
    /// the configuration key each comes from.
    pub fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        self.0.implied_inputs()
    }

    /// The kind as `K`, when it is one: `action.kind.downcast_ref::<CodeBuild>()`.
    pub fn downcast_ref<K: KindData>(&self) -> Option<&K> {
        self.0.as_any().downcast_ref()
    }

    /// The kind as `K`, to change it, when it is one.
    pub fn downcast_mut<K: KindData>(&mut self) -> Option<&mut K> {
        self.0.as_any_mut().downcast_mut()
    }

    /// True when the kind is a `K`.
    pub fn is<K: KindData>(&self) -> bool {
        self.0.as_any().is::<K>()
    }
}

impl<K: KindData> From<K> for ActionKind {
    fn from(kind: K) -> Self {
        Self(Box::new(kind))
    }
}

impl Clone for ActionKind {
    fn clone(&self) -> Self {
        Self(self.0.clone_box())
    }
}

impl PartialEq for ActionKind {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_dyn(&*other.0)
    }
}

impl fmt::Debug for ActionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for ActionKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let values = self.values();
        let mut m = s.serialize_map(Some(values.len() + 1))?;
        m.serialize_entry("type", self.keyword())?;
        for (info, value) in values {
            m.serialize_entry(info.key, &to_json(&value))?;
        }
        m.end()
    }
}

/// What was wrong with the property values of one kind: every problem, each with its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueErrors {
    /// `(key, message)`; no key for problems of the kind as a whole.
    pub problems: Vec<(Option<String>, String)>,
}

impl fmt::Display for ValueErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<&str> = self.problems.iter().map(|(_, m)| m.as_str()).collect();
        f.write_str(&lines.join("; "))
    }
}

impl std::error::Error for ValueErrors {}

/// Builds kind `K` from property values: unknown keys, wrong types and missing required
/// properties are all reported.
pub fn from_values<K>(values: Vec<(String, PropValue)>) -> Result<ActionKind, ValueErrors>
where
    K: Props + Default + KindData,
{
    fill::<K>((K::KEYWORD, "action"), K::PROPS, K::PROP_INFO, values).map(Into::into)
}

/// A value of `K` with its declared properties set from `(key, value)` pairs: unknown keys,
/// keys set twice, wrong types and missing required properties are all reported, the
/// messages naming the keyword and what it is (`a codebuild action needs ..`).
pub fn fill<K: Default>(
    (keyword, what): (&str, &str),
    props: &[Prop<K>],
    info: &[PropInfo],
    values: Vec<(String, PropValue)>,
) -> Result<K, ValueErrors> {
    let mut kind = K::default();
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (key, value) in values {
        let Some(prop) = props.iter().find(|p| p.info.key == key) else {
            problems.push((Some(key.clone()), unknown_key(keyword, &key, info)));
            continue;
        };
        if seen.contains(&prop.info.key) {
            problems.push((Some(key.clone()), format!("`{key}` is set twice")));
            continue;
        }
        seen.push(prop.info.key);
        if let Err(e) = (prop.set)(&mut kind, value) {
            problems.push((Some(key.clone()), format!("`{key}`: {e}")));
        }
    }
    let missing: Vec<String> = info
        .iter()
        .filter(|p| p.required && !seen.contains(&p.key))
        .map(|p| format!("`{}`", p.key))
        .collect();
    if !missing.is_empty() {
        problems.push((
            None,
            format!("a {keyword} {what} needs {}", missing.join(" and ")),
        ));
    }
    if problems.is_empty() {
        Ok(kind)
    } else {
        Err(ValueErrors { problems })
    }
}
