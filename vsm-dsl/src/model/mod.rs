//! The value stream model: a stream of stages, each a list of actions with a run order.
//!
//! These are plain data types with public fields so that every front end (the typed builder,
//! the `stream!` macro, JSON from other tools) produces the same thing. A [`Stream`] is only a
//! draft: [`crate::ValueStream::new`] checks it against every rule and is the only way to a
//! template. The JSON form is documented in `docs/json-form.md`.

mod action;
mod annotation;
pub mod duration;
mod settings;

pub use action::{
    Action, ActionKind, ActionType, ApprovalAction, ArtifactPath, Buildspec, Capability, Category,
    CfnActionMode, CloudFormationAction, CodeBuildAction, CodeBuildCategory, ComputeType,
    ConfigKey, ConfigValue, ConnectionSource, CustomAction, GitProvider, Owner, PolicyStatement,
    RoleSource,
};
pub use annotation::Annotations;
pub use settings::{
    ExecutionMode, PipelineType, PullRequestEvent, PullRequestFilter, PushFilter, Settings, Tag,
    Trigger, Variable,
};

use serde::{Deserialize, Serialize};

/// A value stream as written: pipeline settings and the ordered stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stream {
    /// Pipeline name (CP-NAME-1).
    pub name: String,
    /// Pipeline-level settings.
    #[serde(default, skip_serializing_if = "Settings::is_default")]
    pub settings: Settings,
    /// Stages in the order they run; the first holds the source actions.
    pub stages: Vec<Stage>,
}

/// One stage: actions grouped by run order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stage name (CP-NAME-2), unique in the stream.
    pub name: String,
    /// Actions in declaration order; [`Action::run_order`] decides what runs in parallel.
    pub actions: Vec<Action>,
}

impl Stream {
    /// A stream with default settings and no stages.
    pub fn new(name: impl Into<String>) -> Self {
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

impl Stage {
    /// A stage with no actions.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            actions: Vec::new(),
        }
    }

    /// The distinct run orders of this stage, ascending.
    pub fn run_orders(&self) -> Vec<u32> {
        let mut orders: Vec<u32> = self.actions.iter().map(|a| a.run_order).collect();
        orders.sort_unstable();
        orders.dedup();
        orders
    }

    /// The actions of this stage grouped by run order (parallel groups), in run order.
    pub fn groups(&self) -> Vec<(u32, Vec<&Action>)> {
        self.run_orders()
            .into_iter()
            .map(|order| {
                (
                    order,
                    self.actions
                        .iter()
                        .filter(|a| a.run_order == order)
                        .collect(),
                )
            })
            .collect()
    }
}
