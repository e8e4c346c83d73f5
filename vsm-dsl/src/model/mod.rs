//! The value stream model: a stream of stages, each a list of actions with a run order and
//! the stage's conditions.
//!
//! These are plain data types with public fields so that every front end (the typed builder,
//! the `stream!` macro, JSON from other tools) produces the same thing. A [`Stream`] is only a
//! draft: [`crate::ValueStream::new`] checks it against every rule and is the only way to a
//! template. The JSON form is documented in `docs/json-form.md`.
//!
//! The model knows no kind by name: an action holds its kind as an [`ActionKind`] (see
//! [`kind`]), and properties of kinds, settings and records are described by [`props`].

/// Actions and their action types.
pub mod action;
mod annotation;
mod cases;
pub mod condition;
pub mod duration;
pub mod kind;
pub mod presence;
pub mod props;
pub mod settings;
pub mod simulate;
pub mod stage;
pub mod targets;
pub mod value;

pub use action::{Action, ActionType, Category, Owner};
pub use annotation::Annotations;
pub use condition::{ConditionResult, RetryMode, Rule, RuleKind, RuleTypeInfo, StageCondition};
pub use kind::{ActionKind, KindData, KindInfo};
pub use settings::{
    Condition, ExecutionMode, Mapping, Parameter, PipelineType, PullRequestEvent,
    PullRequestFilter, PushFilter, RegionStore, Settings, Tag, Trigger, Variable,
};
pub use simulate::{ParseTimeScaleError, TimeScale};
pub use stage::{ConditionPlace, Stage, StageSettings};
pub use targets::{Quantity, StepTarget, Targets};
pub use value::{Number, Text, Value};

use serde::de::Error as _;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version of the JSON form this build writes and reads (see `docs/json-form.md`).
pub const FORMAT_VERSION: u32 = 1;

/// A value stream as written: pipeline settings and the ordered stages.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream {
    /// Pipeline name (CP-NAME-1).
    pub name: Text,
    /// Pipeline-level settings.
    pub settings: Settings,
    /// Stages in the order they run; the first holds the source actions.
    pub stages: Vec<Stage>,
}

/// The JSON form's fields, after the version check.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StreamForm {
    #[serde(default)]
    format_version: Option<u32>,
    name: Text,
    #[serde(default)]
    settings: Settings,
    stages: Vec<Stage>,
}

impl Stream {
    /// The template conditions its stages and actions are present under, in order, each once.
    pub fn presence_conditions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for stage in &self.stages {
            let lists = [&stage.when, &stage.unless]
                .into_iter()
                .chain(stage.actions.iter().flat_map(|a| [&a.when, &a.unless]));
            for c in lists.flatten() {
                if !out.contains(&c.as_str()) {
                    out.push(c);
                }
            }
        }
        out
    }
}

impl Serialize for Stream {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let default = self.settings.is_default();
        let mut st = s.serialize_struct("Stream", if default { 3 } else { 4 })?;
        st.serialize_field("format_version", &FORMAT_VERSION)?;
        st.serialize_field("name", &self.name)?;
        if !default {
            st.serialize_field("settings", &self.settings)?;
        }
        st.serialize_field("stages", &self.stages)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Stream {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        // The version first: a newer file may hold keys this build does not know.
        if let Some(v) = value.get("format_version") {
            match v.as_u64() {
                Some(n) if n <= u64::from(FORMAT_VERSION) && n >= 1 => {}
                Some(n) => {
                    return Err(D::Error::custom(format!(
                        "this stream is in format version {n}; this vsm reads format version {FORMAT_VERSION} (upgrade vsm to read it)"
                    )))
                }
                None => return Err(D::Error::custom("`format_version` is a whole number")),
            }
        }
        let form = StreamForm::deserialize(value).map_err(D::Error::custom)?;
        let _ = form.format_version;
        Ok(Self {
            name: form.name,
            settings: form.settings,
            stages: form.stages,
        })
    }
}

impl Stream {
    /// A stream with default settings and no stages.
    pub fn new(name: impl Into<Text>) -> Self {
        Self {
            name: name.into(),
            settings: Settings::default(),
            stages: Vec::new(),
        }
    }

    /// Every action with its stage, in declaration order.
    pub fn actions(&self) -> impl Iterator<Item = (&Stage, &Action)> {
        self.stages
            .iter()
            .flat_map(|s| s.actions.iter().map(move |a| (s, a)))
    }

    /// Finds an action by stage and action name.
    pub fn action(&self, stage: &str, action: &str) -> Option<&Action> {
        self.stages
            .iter()
            .find(|s| s.name == stage)?
            .actions
            .iter()
            .find(|a| a.name == action)
    }
}
