use serde::{Deserialize, Serialize};

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
}

impl Settings {
    /// True when every setting has its default value.
    pub fn is_default(&self) -> bool {
        self == &Self::default()
    }
}

/// CodePipeline pipeline type (CP-V2-1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PipelineType {
    /// The original pipeline type.
    V1,
    /// The current type: triggers, variables, execution modes.
    #[default]
    V2,
}

impl PipelineType {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1 => "V1",
            Self::V2 => "V2",
        }
    }
}

/// How executions share the pipeline (CP-V2-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExecutionMode {
    /// A newer execution overtakes an older one (the default).
    Superseded,
    /// Executions wait for each other (V2 only).
    Queued,
    /// Executions run independently (V2 only).
    Parallel,
}

impl ExecutionMode {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Superseded => "SUPERSEDED",
            Self::Queued => "QUEUED",
            Self::Parallel => "PARALLEL",
        }
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

/// A pull-request event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PullRequestEvent {
    /// A pull request is opened.
    Open,
    /// A pull request gets new commits.
    Updated,
    /// A pull request is closed.
    Closed,
}

impl PullRequestEvent {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "OPEN",
            Self::Updated => "UPDATED",
            Self::Closed => "CLOSED",
        }
    }
}
