use serde::{Deserialize, Serialize};

use super::TimeScale;
use crate::kinds::choice;

/// Pipeline-level settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// Pipeline type; V2 unless set.
    pub pipeline_type: PipelineType,
    /// Execution mode; CodePipeline's default (SUPERSEDED) when unset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution_mode: Option<ExecutionMode>,
    /// Pipeline-level variables (V2 only), read as `#{variables.NAME}`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<Variable>,
    /// Git triggers on connection sources (V2 only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    /// Tags on the pipeline.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
    /// A live view of the pipeline's executions: an EventBridge rule delivering its state
    /// changes to a log group, and a CloudWatch dashboard of Logs Insights queries on them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dashboard: bool,
    /// Mock steps take their modelled wait plus process time at this scale (`1h=1s`), as
    /// Step Functions Wait states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub simulate: Option<TimeScale>,
}

impl Settings {
    /// True when every setting has its default value.
    pub fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

choice! {
    /// CodePipeline pipeline type (CP-V2-1).
    pub enum PipelineType {
        /// The original pipeline type.
        V1 = "V1",
        /// The current type: triggers, variables, execution modes.
        #[default]
        V2 = "V2",
    }
}

choice! {
    /// How executions share the pipeline (CP-V2-2).
    pub enum ExecutionMode {
        /// A newer execution overtakes an older one (the default).
        #[default]
        Superseded = "SUPERSEDED",
        /// Executions wait for each other (V2 only).
        Queued = "QUEUED",
        /// Executions run independently (V2 only).
        Parallel = "PARALLEL",
    }
}

/// A pipeline-level variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// Name (CP-NAME-6).
    pub name: String,
    /// Default value, 1–1000 characters (CP-VAR-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Description, at most 200 characters (CP-VAR-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A tag on the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tag {
    /// Key, 1–128 characters.
    pub key: String,
    /// Value, at most 256 characters.
    pub value: String,
}

/// A Git trigger on a connection source action (CP-TRIG).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    /// Name of the connection source action the trigger watches.
    pub source_action: String,
    /// Push filters, 1–3 when present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub push: Vec<PushFilter>,
    /// Pull-request filters, 1–3 when present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pull_request: Vec<PullRequestFilter>,
}

/// Which pushes start the pipeline. Each list holds 1–8 glob patterns when present.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PushFilter {
    /// Branch patterns to include.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<String>,
    /// Branch patterns to exclude.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub branches_excluded: Vec<String>,
    /// Tag patterns to include.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Tag patterns to exclude.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags_excluded: Vec<String>,
    /// File path patterns to include.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_paths: Vec<String>,
    /// File path patterns to exclude.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_paths_excluded: Vec<String>,
}

/// Which pull-request events start the pipeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PullRequestFilter {
    /// Events, 1–3 of open, updated, closed; all three when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<PullRequestEvent>,
    /// Branch patterns to include (CP-TRIG-8 asks for at least one).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<String>,
    /// Branch patterns to exclude.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub branches_excluded: Vec<String>,
    /// File path patterns to include.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_paths: Vec<String>,
    /// File path patterns to exclude.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub file_paths_excluded: Vec<String>,
}

choice! {
    /// A pull-request event type.
    pub enum PullRequestEvent {
        /// A pull request is opened.
        #[default]
        Open = "OPEN",
        /// A pull request gets new commits.
        Updated = "UPDATED",
        /// A pull request is closed.
        Closed = "CLOSED",
    }
}

impl Variable {
    /// A variable without a default or description.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            default: None,
            description: None,
        }
    }

    /// Sets the default value.
    pub fn default_value(mut self, value: impl Into<String>) -> Self {
        self.default = Some(value.into());
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
}

impl From<&str> for Variable {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl Tag {
    /// A tag.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

impl<K: Into<String>, V: Into<String>> From<(K, V)> for Tag {
    fn from((key, value): (K, V)) -> Self {
        Self::new(key, value)
    }
}

impl Trigger {
    /// A trigger on the connection source action of this name, with no filters yet.
    pub fn new(source_action: impl Into<String>) -> Self {
        Self {
            source_action: source_action.into(),
            ..Self::default()
        }
    }

    /// Adds a push filter.
    pub fn push(mut self, filter: PushFilter) -> Self {
        self.push.push(filter);
        self
    }

    /// Adds a pull-request filter.
    pub fn pull_request(mut self, filter: PullRequestFilter) -> Self {
        self.pull_request.push(filter);
        self
    }
}

impl PushFilter {
    /// The pattern lists by key, in the order every front end writes them.
    pub fn patterns(&self) -> [(&'static str, &Vec<String>); 6] {
        [
            ("branches", &self.branches),
            ("branches_excluded", &self.branches_excluded),
            ("tags", &self.tags),
            ("tags_excluded", &self.tags_excluded),
            ("file_paths", &self.file_paths),
            ("file_paths_excluded", &self.file_paths_excluded),
        ]
    }
}

impl PullRequestFilter {
    /// The pattern lists by key (events aside), in the order every front end writes them.
    pub fn patterns(&self) -> [(&'static str, &Vec<String>); 4] {
        [
            ("branches", &self.branches),
            ("branches_excluded", &self.branches_excluded),
            ("file_paths", &self.file_paths),
            ("file_paths_excluded", &self.file_paths_excluded),
        ]
    }
}
