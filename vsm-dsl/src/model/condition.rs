//! Stage conditions (V2 pipelines): a gate before a stage is entered, a check once its actions
//! have succeeded, and what a failure of the stage does (roll back, retry, fail).
//!
//! A [`StageCondition`] is a result and the rules CodePipeline evaluates together: when one of them
//! fails, the result engages. Each rule is of a rule type (a deployment window, a CloudWatch
//! alarm, a Lambda function, ...), held here as an opaque [`RuleKind`] the way an action holds
//! its kind: the rule types live above the model (`crate::conditions`, one file each), and the
//! model names none of them.
//!
//! On the map a condition is a step of its own with its own process time, wait time and
//! %C&A ([`StageCondition::annotations`]); a deployment window's wait is modelled from its cron
//! expression unless the condition gives one.

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::any::Any;
use std::fmt;

use super::kind::ValueErrors;
use super::props::{choice, from_json, to_json, PropInfo, PropType, PropValue};
use super::{Annotations, Text};
use crate::catalogue::RuleId;

choice! {
    /// What engages when a condition's rules are not all met (or, for `on_failure` without
    /// rules, when the stage fails).
    pub enum ConditionResult {
        /// The stage fails (before entry: it is not entered; on success: it fails after all).
        #[default]
        Fail = "FAIL",
        /// The stage is skipped (before entry only).
        Skip = "SKIP",
        /// The stage rolls back to the last execution that succeeded in it.
        Rollback = "ROLLBACK",
        /// The failed stage is retried once, automatically (on failure only).
        Retry = "RETRY",
    }
}

choice! {
    /// What an automatic retry runs again.
    pub enum RetryMode {
        /// Only the actions that failed.
        #[default]
        FailedActions = "FAILED_ACTIONS",
        /// Every action of the stage.
        AllActions = "ALL_ACTIONS",
    }
}

/// A stage condition: its result, its rules, and its annotations on the map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageCondition {
    /// What engages when a rule is not met.
    pub result: ConditionResult,
    /// With `RETRY` on failure: what the retry runs again.
    pub retry_mode: Option<RetryMode>,
    /// The rules evaluated together, 1–5 (none for a bare rollback or retry on failure).
    pub rules: Vec<Rule>,
    /// Process time, wait time and %C&A of the condition as a step of the stream.
    pub annotations: Annotations,
}

impl StageCondition {
    /// A condition with this result and no rules yet.
    pub fn new(result: ConditionResult) -> Self {
        Self {
            result,
            ..Self::default()
        }
    }

    /// `FAIL` when a rule is not met.
    pub fn fail() -> Self {
        Self::new(ConditionResult::Fail)
    }

    /// `SKIP` the stage when a rule is not met (before entry).
    pub fn skip() -> Self {
        Self::new(ConditionResult::Skip)
    }

    /// `ROLLBACK` when a rule is not met, or on failure.
    pub fn rollback() -> Self {
        Self::new(ConditionResult::Rollback)
    }

    /// `RETRY` a failed stage once, in this mode (on failure).
    pub fn retry(mode: RetryMode) -> Self {
        Self {
            retry_mode: Some(mode),
            ..Self::new(ConditionResult::Retry)
        }
    }

    /// Adds a rule.
    #[must_use]
    pub fn rule(mut self, rule: impl Into<Rule>) -> Self {
        self.rules.push(rule.into());
        self
    }

    /// Sets the retry mode.
    #[must_use]
    pub fn retry_mode(mut self, mode: RetryMode) -> Self {
        self.retry_mode = Some(mode);
        self
    }

    /// Sets the process time of the condition (the time its rules take to run).
    #[must_use]
    pub fn process(mut self, time: std::time::Duration) -> Self {
        self.annotations.process_time = Some(time);
        self
    }

    /// Sets the wait time of the condition (a deployment window's is modelled when unset).
    #[must_use]
    pub fn wait(mut self, time: std::time::Duration) -> Self {
        self.annotations.wait_time = Some(time);
        self
    }

    /// Sets the %C&A of the condition: the share of changes it lets through (0–100).
    #[must_use]
    pub fn ca(mut self, percent: f64) -> Self {
        self.annotations.complete_accurate = Some(percent);
        self
    }
}

impl From<ConditionResult> for StageCondition {
    fn from(result: ConditionResult) -> Self {
        Self::new(result)
    }
}

/// The JSON form's fields of a condition.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionForm {
    result: ConditionResult,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    retry_mode: Option<RetryMode>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    rules: Vec<Rule>,
    #[serde(default, skip_serializing_if = "Annotations::is_empty")]
    annotations: Annotations,
}

impl Serialize for StageCondition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ConditionForm {
            result: self.result,
            retry_mode: self.retry_mode,
            rules: self.rules.clone(),
            annotations: self.annotations,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for StageCondition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = ConditionForm::deserialize(d)?;
        Ok(Self {
            result: f.result,
            retry_mode: f.retry_mode,
            rules: f.rules,
            annotations: f.annotations,
        })
    }
}

/// One rule of a condition: its name, its type and configuration, and where it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Rule name (CP-NAME-7), unique in its stage.
    pub name: String,
    /// What the rule checks: its type and typed configuration.
    pub kind: RuleKind,
    /// Input artifact names.
    pub inputs: Vec<String>,
    /// The Region it runs in, when not the pipeline's.
    pub region: Option<Text>,
    /// The account it runs in (12 digits), when not the pipeline's: like an action's, the
    /// template of that account creates the role it runs as, unless `role_arn` names one.
    pub account: Option<String>,
    /// The role it runs as, when not the pipeline role (CP-CONF-6).
    pub role_arn: Option<Text>,
}

impl Rule {
    /// A rule of this kind, named, with no inputs.
    pub fn new(name: impl Into<String>, kind: impl Into<RuleKind>) -> Self {
        Self {
            name: name.into(),
            kind: kind.into(),
            inputs: Vec::new(),
            region: None,
            account: None,
            role_arn: None,
        }
    }
}

/// The keys a rule takes besides its type's properties.
pub const RULE_KEYS: &[&str] = &["inputs", "region", "account", "role_arn"];

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("name", &self.name)?;
        m.serialize_entry("kind", &self.kind)?;
        if !self.inputs.is_empty() {
            m.serialize_entry("inputs", &self.inputs)?;
        }
        if let Some(v) = self
            .region
            .as_ref()
            .and_then(super::props::PropKind::to_prop)
        {
            m.serialize_entry("region", &to_json(&v))?;
        }
        if let Some(account) = &self.account {
            m.serialize_entry("account", account)?;
        }
        if let Some(v) = self
            .role_arn
            .as_ref()
            .and_then(super::props::PropKind::to_prop)
        {
            m.serialize_entry("role_arn", &to_json(&v))?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Form {
            name: String,
            kind: RuleKind,
            #[serde(default)]
            inputs: Vec<String>,
            #[serde(default)]
            region: Option<serde_json::Value>,
            #[serde(default)]
            account: Option<String>,
            #[serde(default)]
            role_arn: Option<serde_json::Value>,
        }
        let f = Form::deserialize(d)?;
        let text = |key: &str, v: Option<serde_json::Value>| -> Result<Option<Text>, D::Error> {
            v.map(|v| {
                from_json(PropType::Text, &v)
                    .and_then(<Text as super::props::PropKind>::from_prop)
                    .map_err(|e| D::Error::custom(format!("`{key}`: {e}")))
            })
            .transpose()
        };
        Ok(Self {
            name: f.name,
            kind: f.kind,
            inputs: f.inputs,
            region: text("region", f.region)?,
            account: f.account,
            role_arn: text("role_arn", f.role_arn)?,
        })
    }
}

/// Builds a rule type from `(key, value)` pairs; every problem is reported.
pub type RuleFromValues = fn(Vec<(String, PropValue)>) -> Result<RuleKind, ValueErrors>;

/// A rule type as the front ends and the docs see it, without its Rust type.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct RuleTypeInfo {
    /// The keyword: JSON `type`, macro keyword, builder constructor.
    pub keyword: &'static str,
    /// The module that declares it (`module_path!()`).
    pub module: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// The `RuleTypeId` provider (category `Rule`, owner `AWS`, version `1`).
    pub provider: &'static str,
    /// Its properties, in declaration order (the required ones first).
    pub props: &'static [PropInfo],
    /// Its input artifact counts, min and max.
    pub inputs: (usize, usize),
    /// A `SKIP` entry condition may hold it (CP-COND-7).
    pub skips: bool,
    /// The catalogue rules its own checks enforce.
    pub rules: &'static [RuleId],
    /// Builds it from property values.
    pub from_values: RuleFromValues,
}

impl RuleTypeInfo {
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

impl fmt::Debug for RuleTypeInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RuleTypeInfo")
            .field("keyword", &self.keyword)
            .finish_non_exhaustive()
    }
}

mod sealed {
    pub trait Sealed {}
}
pub(crate) use sealed::Sealed as RuleSealed;

/// A rule type's data, as the model holds it: every rule type implements it (and only they).
pub trait RuleData: sealed::Sealed + Any + Send + Sync + fmt::Debug {
    /// The rule type's declaration.
    fn info(&self) -> &'static RuleTypeInfo;
    /// The properties that are set, in declaration order.
    fn values(&self) -> Vec<(&'static PropInfo, PropValue)>;
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn RuleData>;
    /// Equal to another rule type's data.
    fn eq_dyn(&self, other: &dyn RuleData) -> bool;
    /// As `Any`, for downcasting.
    fn as_any(&self) -> &dyn Any;
}

/// What a rule checks: any rule type, by value.
pub struct RuleKind(Box<dyn RuleData>);

impl RuleKind {
    /// The rule type's declaration.
    pub fn info(&self) -> &'static RuleTypeInfo {
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

    /// The rule type as `R`, when it is one.
    pub fn downcast_ref<R: RuleData>(&self) -> Option<&R> {
        self.0.as_any().downcast_ref()
    }
}

impl<R: RuleData> From<R> for RuleKind {
    fn from(rule: R) -> Self {
        Self(Box::new(rule))
    }
}

impl Clone for RuleKind {
    fn clone(&self) -> Self {
        Self(self.0.clone_box())
    }
}

impl PartialEq for RuleKind {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_dyn(&*other.0)
    }
}

impl fmt::Debug for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for RuleKind {
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
