use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use super::{duration, Annotations};

/// One step of the stream: a CodePipeline action plus its value-stream annotations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Action name (CP-NAME-3), unique in its stage.
    pub name: String,
    /// Run order, 1–999 (CP-ORDER-1); equal run orders run in parallel.
    #[serde(default = "one")]
    pub run_order: u32,
    /// What the action does.
    pub kind: ActionKind,
    /// Input artifact names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    /// Output artifact names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    /// Variable namespace of the action's output variables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// Process time, wait time and %C&A.
    #[serde(default, skip_serializing_if = "Annotations::is_empty")]
    pub annotations: Annotations,
}

fn one() -> u32 {
    1
}

impl Action {
    /// An action of the given kind with run order 1, no artifacts and no annotations.
    pub fn new(name: impl Into<String>, kind: impl Into<ActionKind>) -> Self {
        Self {
            name: name.into(),
            run_order: 1,
            kind: kind.into(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            namespace: None,
            annotations: Annotations::default(),
        }
    }
}

/// What an action does: one variant per supported action type, plus an escape hatch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ActionKind {
    /// Source from a Git host through a CodeConnections connection (the ARN is a parameter).
    Connection(ConnectionSource),
    /// Source from an S3 object (versioned bucket).
    S3Source {
        /// Bucket name.
        bucket: String,
        /// Object key of the zip file.
        key: String,
    },
    /// Source from a CodeCommit repository.
    CodeCommit {
        /// Repository name.
        repository: String,
        /// Branch name.
        branch: String,
    },
    /// Source from an ECR image.
    Ecr {
        /// Repository name.
        repository: String,
        /// Image tag; `latest` when unset.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tag: Option<String>,
    },
    /// A mock step: invokes the template's shared always-succeeding function.
    Mock,
    /// Manual approval.
    Approval(ApprovalAction),
    /// CodeBuild build or test; the template creates the project and its role.
    CodeBuild(CodeBuildAction),
    /// Invoke of an existing Lambda function.
    Lambda {
        /// Function name or ARN.
        function: String,
        /// String passed to the function as `UserParameters`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        user_parameters: Option<String>,
    },
    /// CloudFormation deploy.
    CloudFormation(CloudFormationAction),
    /// Any other action type, written out in full.
    Custom(CustomAction),
}

/// Git hosts reachable through a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GitProvider {
    /// GitHub (github.com).
    GitHub,
    /// GitHub Enterprise Server.
    GitHubEnterprise,
    /// GitLab (gitlab.com or self-managed).
    GitLab,
    /// Bitbucket Cloud.
    Bitbucket,
}

/// A connection source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectionSource {
    /// The Git host (documents the stream; the connection ARN decides).
    pub provider: GitProvider,
    /// `owner/repository`.
    pub repository: String,
    /// Branch to build.
    pub branch: String,
    /// Name of the template parameter that holds the connection ARN; `ConnectionArn` when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_parameter: Option<String>,
    /// Output a full clone reference (CODEBUILD_CLONE_REF) instead of a zip; only CodeBuild may
    /// consume it (CP-ART-4).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub full_clone: bool,
}

impl ConnectionSource {
    /// Parameter name used when none is set.
    pub const DEFAULT_PARAMETER: &'static str = "ConnectionArn";

    /// The template parameter holding the connection ARN.
    pub fn parameter(&self) -> &str {
        self.connection_parameter
            .as_deref()
            .unwrap_or(Self::DEFAULT_PARAMETER)
    }
}

/// A manual approval.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApprovalAction {
    /// Text shown to the approver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<String>,
    /// URL the approver reviews.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_url: Option<String>,
    /// ARN of an SNS topic notified when approval is needed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_topic: Option<String>,
    /// How long the approval waits, 5 minutes to 60 days (CP-QUOTA-7); 7 days when unset.
    #[serde(with = "duration::serde_opt", skip_serializing_if = "Option::is_none")]
    pub timeout: Option<Duration>,
}

/// CodeBuild action category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeBuildCategory {
    /// A build step.
    #[default]
    Build,
    /// A test step.
    Test,
}

/// Where a CodeBuild project finds its buildspec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Buildspec {
    /// A path in the primary source (`buildspec.yml` is CodeBuild's default).
    Path(String),
    /// The buildspec text itself.
    Inline(String),
}

/// CodeBuild compute size.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ComputeType {
    /// 3 GB, 2 vCPUs.
    #[default]
    #[serde(rename = "BUILD_GENERAL1_SMALL")]
    Small,
    /// 7 GB, 4 vCPUs.
    #[serde(rename = "BUILD_GENERAL1_MEDIUM")]
    Medium,
    /// 15 GB, 8 vCPUs.
    #[serde(rename = "BUILD_GENERAL1_LARGE")]
    Large,
}

impl ComputeType {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Small => "BUILD_GENERAL1_SMALL",
            Self::Medium => "BUILD_GENERAL1_MEDIUM",
            Self::Large => "BUILD_GENERAL1_LARGE",
        }
    }
}

/// A CodeBuild build or test; the template creates its project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeBuildAction {
    /// Build or test.
    #[serde(default)]
    pub category: CodeBuildCategory,
    /// The buildspec.
    pub buildspec: Buildspec,
    /// Build image; the current Amazon Linux standard image when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Compute size.
    #[serde(default)]
    pub compute_type: ComputeType,
    /// With several inputs: the one CodeBuild checks out as the primary source (CP-ART-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_source: Option<String>,
}

impl CodeBuildAction {
    /// Image used when none is set.
    pub const DEFAULT_IMAGE: &'static str = "aws/codebuild/amazonlinux-x86_64-standard:5.0";

    /// The build image.
    pub fn image(&self) -> &str {
        self.image.as_deref().unwrap_or(Self::DEFAULT_IMAGE)
    }
}

/// CloudFormation action modes (CP-CONF-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CfnActionMode {
    /// Create or update the stack.
    CreateUpdate,
    /// Delete the stack.
    DeleteOnly,
    /// Delete and recreate a failed stack.
    ReplaceOnFailure,
    /// Create or replace a change set.
    ChangeSetReplace,
    /// Execute a change set.
    ChangeSetExecute,
}

impl CfnActionMode {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CreateUpdate => "CREATE_UPDATE",
            Self::DeleteOnly => "DELETE_ONLY",
            Self::ReplaceOnFailure => "REPLACE_ON_FAILURE",
            Self::ChangeSetReplace => "CHANGE_SET_REPLACE",
            Self::ChangeSetExecute => "CHANGE_SET_EXECUTE",
        }
    }

    /// Modes that need a role for CloudFormation to assume.
    pub fn needs_role(self) -> bool {
        !matches!(self, Self::ChangeSetExecute)
    }

    /// Modes that need a template path.
    pub fn needs_template(self) -> bool {
        matches!(
            self,
            Self::CreateUpdate | Self::ReplaceOnFailure | Self::ChangeSetReplace
        )
    }

    /// Modes that work on a change set.
    pub fn needs_change_set(self) -> bool {
        matches!(self, Self::ChangeSetReplace | Self::ChangeSetExecute)
    }
}

/// Stack capabilities a CloudFormation deploy acknowledges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Capability {
    /// The stack creates IAM resources.
    CapabilityIam,
    /// The stack creates named IAM resources.
    CapabilityNamedIam,
    /// The stack uses macros or nested stacks.
    CapabilityAutoExpand,
}

impl Capability {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CapabilityIam => "CAPABILITY_IAM",
            Self::CapabilityNamedIam => "CAPABILITY_NAMED_IAM",
            Self::CapabilityAutoExpand => "CAPABILITY_AUTO_EXPAND",
        }
    }
}

/// `Artifact::path/in/artifact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArtifactPath {
    /// Input artifact name.
    pub artifact: String,
    /// Path inside the artifact.
    pub path: String,
}

impl fmt::Display for ArtifactPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}::{}", self.artifact, self.path)
    }
}

/// The role a CloudFormation deploy passes to CloudFormation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleSource {
    /// A template parameter of this name holds the role ARN.
    Parameter(String),
    /// A literal role ARN.
    Arn(String),
}

/// A CloudFormation deploy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudFormationAction {
    /// Action mode.
    pub mode: CfnActionMode,
    /// Stack to deploy.
    pub stack_name: String,
    /// Template file in an input artifact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<ArtifactPath>,
    /// Capabilities, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<Capability>,
    /// Role CloudFormation assumes; a parameter named after the action when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RoleSource>,
    /// Change set name, for the change-set modes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_set_name: Option<String>,
    /// `ParameterOverrides` JSON text, at most 1 KB (CP-CONF-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameter_overrides: Option<String>,
}

/// Action categories (CP-TYPE-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Category {
    /// Source.
    Source,
    /// Build.
    Build,
    /// Test.
    Test,
    /// Deploy.
    Deploy,
    /// Invoke.
    Invoke,
    /// Approval.
    Approval,
    /// Compute (Commands).
    Compute,
}

/// Action owners (CP-TYPE-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Owner {
    /// Built-in AWS action types.
    #[serde(rename = "AWS")]
    Aws,
    /// Partner action types.
    ThirdParty,
    /// Registered custom action types.
    Custom,
}

impl Category {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Source => "Source",
            Self::Build => "Build",
            Self::Test => "Test",
            Self::Deploy => "Deploy",
            Self::Invoke => "Invoke",
            Self::Approval => "Approval",
            Self::Compute => "Compute",
        }
    }
}

impl Owner {
    /// The CloudFormation spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Aws => "AWS",
            Self::ThirdParty => "ThirdParty",
            Self::Custom => "Custom",
        }
    }
}

/// An IAM statement the pipeline role needs for a custom action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyStatement {
    /// IAM actions, such as `states:StartExecution`.
    pub actions: Vec<String>,
    /// Resource ARNs.
    pub resources: Vec<String>,
}

/// Any action type, written out in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomAction {
    /// Category.
    pub category: Category,
    /// Owner.
    pub owner: Owner,
    /// Provider, such as `StepFunctions`.
    pub provider: String,
    /// Version; `1` for every built-in type.
    #[serde(default = "version_one")]
    pub version: String,
    /// Configuration keys and values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub configuration: BTreeMap<String, String>,
    /// Statements added to the pipeline role so the action can run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permissions: Vec<PolicyStatement>,
}

fn version_one() -> String {
    "1".to_owned()
}

/// The `ActionTypeId` of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionType<'a> {
    /// Category.
    pub category: Category,
    /// Owner.
    pub owner: Owner,
    /// Provider.
    pub provider: &'a str,
    /// Version.
    pub version: &'a str,
}

/// A configuration key: one vsm writes for a built-in action kind, or one written out in an
/// escape-hatch action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigKey<'a> {
    /// A key of a built-in kind.
    Builtin(&'static str),
    /// A key of a custom action's configuration.
    Custom(&'a str),
}

impl<'a> ConfigKey<'a> {
    /// The key.
    pub fn as_str(self) -> &'a str {
        match self {
            Self::Builtin(k) => k,
            Self::Custom(k) => k,
        }
    }

    /// The key as a diagnostic field: a custom key points at the whole configuration.
    pub fn field(self) -> crate::diagnostic::Field {
        crate::diagnostic::Field::Config(match self {
            Self::Builtin(k) => k,
            Self::Custom(_) => "Configuration",
        })
    }
}

/// A configuration value: literal text, or something the template supplies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigValue<'a> {
    /// Literal text.
    Literal(std::borrow::Cow<'a, str>),
    /// The template's mock function.
    MockFunction,
    /// A template parameter holding an ARN.
    Parameter(String),
    /// The CodeBuild project the template creates for this action.
    Project,
}

impl ActionKind {
    /// The action's `ActionTypeId`.
    pub fn action_type(&self) -> ActionType<'_> {
        match self {
            Self::Custom(c) => ActionType {
                category: c.category,
                owner: c.owner,
                provider: &c.provider,
                version: &c.version,
            },
            _ => self.builtin_type().unwrap_or(ActionType {
                category: Category::Invoke,
                owner: Owner::Custom,
                provider: "",
                version: "",
            }),
        }
    }

    /// The `ActionTypeId` of a built-in kind (`None` for the escape hatch).
    pub fn builtin_type(&self) -> Option<ActionType<'static>> {
        let aws = |category, provider| {
            Some(ActionType {
                category,
                owner: Owner::Aws,
                provider,
                version: "1",
            })
        };
        match self {
            Self::Connection(_) => aws(Category::Source, "CodeStarSourceConnection"),
            Self::S3Source { .. } => aws(Category::Source, "S3"),
            Self::CodeCommit { .. } => aws(Category::Source, "CodeCommit"),
            Self::Ecr { .. } => aws(Category::Source, "ECR"),
            Self::Mock | Self::Lambda { .. } => aws(Category::Invoke, "Lambda"),
            Self::Approval(_) => aws(Category::Approval, "Manual"),
            Self::CodeBuild(b) => aws(
                match b.category {
                    CodeBuildCategory::Build => Category::Build,
                    CodeBuildCategory::Test => Category::Test,
                },
                "CodeBuild",
            ),
            Self::CloudFormation(_) => aws(Category::Deploy, "CloudFormation"),
            Self::Custom(_) => None,
        }
    }

    /// True for source actions.
    pub fn is_source(&self) -> bool {
        self.action_type().category == Category::Source
    }

    /// The configuration the action is emitted with, key by key, in a stable order.
    /// `action_parameter` names the parameter a CloudFormation deploy's role comes from when the
    /// stream sets none.
    pub fn configuration(
        &self,
        action_parameter: impl Fn() -> String,
    ) -> Vec<(ConfigKey<'_>, ConfigValue<'_>)> {
        use std::borrow::Cow::Owned;
        use ConfigValue::{Literal, MockFunction, Parameter, Project};
        fn lit(s: &str) -> ConfigValue<'_> {
            ConfigValue::Literal(std::borrow::Cow::Borrowed(s))
        }
        use ConfigKey::Builtin;
        let mut out: Vec<(ConfigKey<'_>, ConfigValue<'_>)> = Vec::new();
        match self {
            Self::Connection(c) => {
                out.push((
                    Builtin("ConnectionArn"),
                    Parameter(c.parameter().to_owned()),
                ));
                out.push((Builtin("FullRepositoryId"), lit(&c.repository)));
                out.push((Builtin("BranchName"), lit(&c.branch)));
                if c.full_clone {
                    out.push((Builtin("OutputArtifactFormat"), lit("CODEBUILD_CLONE_REF")));
                }
            }
            Self::S3Source { bucket, key } => {
                out.push((Builtin("S3Bucket"), lit(bucket)));
                out.push((Builtin("S3ObjectKey"), lit(key)));
            }
            Self::CodeCommit { repository, branch } => {
                out.push((Builtin("RepositoryName"), lit(repository)));
                out.push((Builtin("BranchName"), lit(branch)));
            }
            Self::Ecr { repository, tag } => {
                out.push((Builtin("RepositoryName"), lit(repository)));
                if let Some(tag) = tag {
                    out.push((Builtin("ImageTag"), lit(tag)));
                }
            }
            Self::Mock => out.push((Builtin("FunctionName"), MockFunction)),
            Self::Approval(a) => {
                if let Some(t) = &a.notification_topic {
                    out.push((Builtin("NotificationArn"), lit(t)));
                }
                if let Some(d) = &a.custom_data {
                    out.push((Builtin("CustomData"), lit(d)));
                }
                if let Some(u) = &a.review_url {
                    out.push((Builtin("ExternalEntityLink"), lit(u)));
                }
            }
            Self::CodeBuild(b) => {
                out.push((Builtin("ProjectName"), Project));
                if let Some(p) = &b.primary_source {
                    out.push((Builtin("PrimarySource"), lit(p)));
                }
            }
            Self::Lambda {
                function,
                user_parameters,
            } => {
                out.push((Builtin("FunctionName"), lit(function)));
                if let Some(p) = user_parameters {
                    out.push((Builtin("UserParameters"), lit(p)));
                }
            }
            Self::CloudFormation(c) => {
                out.push((Builtin("ActionMode"), lit(c.mode.as_str())));
                out.push((Builtin("StackName"), lit(&c.stack_name)));
                if let Some(t) = &c.template {
                    out.push((Builtin("TemplatePath"), Literal(Owned(t.to_string()))));
                }
                if !c.capabilities.is_empty() {
                    let mut caps: Vec<&str> = c.capabilities.iter().map(|c| c.as_str()).collect();
                    caps.sort_unstable();
                    caps.dedup();
                    out.push((Builtin("Capabilities"), Literal(Owned(caps.join(",")))));
                }
                if c.mode.needs_role() {
                    let role = match &c.role {
                        Some(RoleSource::Arn(arn)) => lit(arn),
                        Some(RoleSource::Parameter(p)) => Parameter(p.clone()),
                        None => Parameter(action_parameter()),
                    };
                    out.push((Builtin("RoleArn"), role));
                }
                if let Some(n) = &c.change_set_name {
                    out.push((Builtin("ChangeSetName"), lit(n)));
                }
                if let Some(p) = &c.parameter_overrides {
                    out.push((Builtin("ParameterOverrides"), lit(p)));
                }
            }
            Self::Custom(c) => {
                out.extend(
                    c.configuration
                        .iter()
                        .map(|(k, v)| (ConfigKey::Custom(k.as_str()), lit(v))),
                );
            }
        }
        out
    }
}

impl From<ConnectionSource> for ActionKind {
    fn from(v: ConnectionSource) -> Self {
        Self::Connection(v)
    }
}
impl From<ApprovalAction> for ActionKind {
    fn from(v: ApprovalAction) -> Self {
        Self::Approval(v)
    }
}
impl From<CodeBuildAction> for ActionKind {
    fn from(v: CodeBuildAction) -> Self {
        Self::CodeBuild(v)
    }
}
impl From<CloudFormationAction> for ActionKind {
    fn from(v: CloudFormationAction) -> Self {
        Self::CloudFormation(v)
    }
}
impl From<CustomAction> for ActionKind {
    fn from(v: CustomAction) -> Self {
        Self::Custom(v)
    }
}
