//! The resource types vsm emits, one typed struct each, and [`Properties`]: typed or as written.

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;

use super::source::Node;
use super::{Element, Expr, Policy, PolicyDocument};

/// A resource's `Type` and `Properties`: typed for the types vsm emits, as written otherwise.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Properties {
    /// `AWS::CodePipeline::Pipeline`.
    Pipeline(Pipeline),
    /// `AWS::S3::Bucket`.
    Bucket(Bucket),
    /// `AWS::S3::BucketPolicy`.
    BucketPolicy(BucketPolicy),
    /// `AWS::KMS::Key`.
    KmsKey(KmsKey),
    /// `AWS::IAM::Role`.
    Role(Role),
    /// `AWS::Lambda::Function`.
    Function(Function),
    /// `AWS::Logs::LogGroup`.
    LogGroup(LogGroup),
    /// `AWS::CodeBuild::Project`.
    Project(Project),
    /// Any other type, or one of the above whose properties its struct does not hold exactly
    /// (a computed name, a property vsm does not model): kept as written.
    Other {
        /// The CloudFormation type name.
        type_name: String,
        /// The properties, if the resource has any.
        properties: Option<Expr>,
    },
}

impl Properties {
    /// The CloudFormation type name.
    pub fn type_name(&self) -> &str {
        match self {
            Self::Pipeline(_) => "AWS::CodePipeline::Pipeline",
            Self::Bucket(_) => "AWS::S3::Bucket",
            Self::BucketPolicy(_) => "AWS::S3::BucketPolicy",
            Self::KmsKey(_) => "AWS::KMS::Key",
            Self::Role(_) => "AWS::IAM::Role",
            Self::Function(_) => "AWS::Lambda::Function",
            Self::LogGroup(_) => "AWS::Logs::LogGroup",
            Self::Project(_) => "AWS::CodeBuild::Project",
            Self::Other { type_name, .. } => type_name,
        }
    }

    /// The properties, typed for the types vsm knows when they fit exactly, as written
    /// otherwise (`properties` is `None` for a resource without them).
    pub fn read(type_name: &str, properties: Option<&Node>) -> Self {
        let other = || Self::Other {
            type_name: type_name.to_owned(),
            properties: properties.map(Expr::from_node),
        };
        let Some(node) = properties else {
            return other();
        };
        let value = node.to_value();
        let typed = match type_name {
            "AWS::CodePipeline::Pipeline" => exact(node, &value).map(Self::Pipeline),
            "AWS::S3::Bucket" => exact(node, &value).map(Self::Bucket),
            "AWS::S3::BucketPolicy" => exact(node, &value).map(Self::BucketPolicy),
            "AWS::KMS::Key" => exact(node, &value).map(Self::KmsKey),
            "AWS::IAM::Role" => exact(node, &value).map(Self::Role),
            "AWS::Lambda::Function" => exact(node, &value).map(Self::Function),
            "AWS::Logs::LogGroup" => exact(node, &value).map(Self::LogGroup),
            "AWS::CodeBuild::Project" => exact(node, &value).map(Self::Project),
            _ => None,
        };
        typed.unwrap_or_else(other)
    }

    /// The `Properties` value, if any.
    pub fn to_value(&self) -> Option<serde_json::Value> {
        fn json<T: Serialize>(t: &T) -> Option<serde_json::Value> {
            Some(serde_json::to_value(t).expect("typed properties always serialize"))
        }
        match self {
            Self::Pipeline(p) => json(p),
            Self::Bucket(p) => json(p),
            Self::BucketPolicy(p) => json(p),
            Self::KmsKey(p) => json(p),
            Self::Role(p) => json(p),
            Self::Function(p) => json(p),
            Self::LogGroup(p) => json(p),
            Self::Project(p) => json(p),
            Self::Other { properties, .. } => properties.as_ref().map(Expr::to_value),
        }
    }

    /// Writes the `Properties` entry, if any, into a resource's map.
    pub(super) fn serialize_entry<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        match self {
            Self::Pipeline(p) => m.serialize_entry("Properties", p),
            Self::Bucket(p) => m.serialize_entry("Properties", p),
            Self::BucketPolicy(p) => m.serialize_entry("Properties", p),
            Self::KmsKey(p) => m.serialize_entry("Properties", p),
            Self::Role(p) => m.serialize_entry("Properties", p),
            Self::Function(p) => m.serialize_entry("Properties", p),
            Self::LogGroup(p) => m.serialize_entry("Properties", p),
            Self::Project(p) => m.serialize_entry("Properties", p),
            Self::Other {
                properties: Some(p),
                ..
            } => m.serialize_entry("Properties", p),
            Self::Other {
                properties: None, ..
            } => Ok(()),
        }
    }
}

/// `{"Type": .., "Properties": ..}`.
impl Serialize for Properties {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("Type", self.type_name())?;
        self.serialize_entry(&mut m)?;
        m.end()
    }
}

/// `T`, when the node reads as one and `T` writes it back unchanged.
fn exact<'a, T: Deserialize<'a> + Serialize>(
    node: &'a Node,
    value: &serde_json::Value,
) -> Option<T> {
    let typed: T = node.typed().ok()?;
    (serde_json::to_value(&typed).ok()? == *value).then_some(typed)
}

macro_rules! into_properties {
    ($($t:ident => $v:ident),*) => {$(
        impl From<$t> for Properties {
            fn from(p: $t) -> Self {
                Self::$v(p)
            }
        }
    )*};
}
into_properties!(Pipeline => Pipeline, Bucket => Bucket, BucketPolicy => BucketPolicy, KmsKey => KmsKey,
    Role => Role, Function => Function, LogGroup => LogGroup, Project => Project);

/// `AWS::CodePipeline::Pipeline` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pipeline {
    /// Pipeline name.
    pub name: Expr,
    /// `V1` or `V2`.
    pub pipeline_type: String,
    /// Execution mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_mode: Option<String>,
    /// Service role.
    pub role_arn: Expr,
    /// Artifact store (a pipeline with actions in one Region).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artifact_store: Option<ArtifactStore>,
    /// Artifact stores, one per Region (a pipeline with actions in several Regions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub artifact_stores: Vec<ArtifactStoreMap>,
    /// Pipeline variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<PipelineVariable>,
    /// Git triggers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<PipelineTrigger>,
    /// Stages, each maybe chosen by a template condition.
    pub stages: Vec<Element<PipelineStage>>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<KeyValue>,
}

/// An artifact store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ArtifactStore {
    /// Always `S3`.
    #[serde(rename = "Type")]
    pub kind: String,
    /// Bucket name.
    pub location: Expr,
    /// KMS key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_key: Option<EncryptionKey>,
}

/// An artifact store of one Region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ArtifactStoreMap {
    /// The store.
    pub artifact_store: ArtifactStore,
    /// The Region.
    pub region: Expr,
}

/// A KMS key reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct EncryptionKey {
    /// Key ARN.
    pub id: Expr,
    /// Always `KMS`.
    #[serde(rename = "Type")]
    pub kind: String,
}

/// A pipeline stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PipelineStage {
    /// Stage name.
    pub name: String,
    /// Actions, each maybe chosen by a template condition.
    pub actions: Vec<Element<PipelineAction>>,
    /// Conditions checked before the stage is entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_entry: Option<StageConditions>,
    /// Conditions checked once the stage succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_success: Option<StageConditions>,
    /// What a failure of the stage does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_failure: Option<FailureConditions>,
}

/// `BeforeEntry` or `OnSuccess`: the stage's condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StageConditions {
    /// The condition (one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<StageCondition>,
}

/// `OnFailure`: a result, a retry mode, conditions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct FailureConditions {
    /// `ROLLBACK` or `RETRY`; none to fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The retry mode of `RETRY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_configuration: Option<RetryConfiguration>,
    /// The condition (one), when the failure checks rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<StageCondition>,
}

/// `{"RetryMode": ..}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RetryConfiguration {
    /// `ALL_ACTIONS` or `FAILED_ACTIONS`.
    pub retry_mode: String,
}

/// A condition: its result and its rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct StageCondition {
    /// What engages when a rule is not met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    /// The rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleDeclaration>,
}

/// A rule of a condition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RuleDeclaration {
    /// Rule name.
    pub name: String,
    /// Rule type.
    pub rule_type_id: RuleTypeId,
    /// Configuration.
    #[serde(default, skip_serializing_if = "super::OrderedMap::is_empty")]
    pub configuration: super::OrderedMap<Expr>,
    /// Input artifacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_artifacts: Vec<ArtifactName>,
    /// The Region it runs in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Expr>,
    /// The role it runs as.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Expr>,
    /// Shell commands (the Commands rule).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<String>,
}

/// A rule type id: category `Rule`, owner `AWS`, a provider, a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct RuleTypeId {
    /// Always `Rule`.
    pub category: String,
    /// Always `AWS`.
    pub owner: String,
    /// Provider.
    pub provider: String,
    /// Version.
    pub version: String,
}

/// A pipeline action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PipelineAction {
    /// Action name.
    pub name: String,
    /// Action type.
    pub action_type_id: ActionTypeId,
    /// Configuration.
    #[serde(default, skip_serializing_if = "super::OrderedMap::is_empty")]
    pub configuration: super::OrderedMap<Expr>,
    /// Input artifacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub input_artifacts: Vec<ArtifactName>,
    /// Output artifacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_artifacts: Vec<ArtifactName>,
    /// Variable namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The Region the action runs in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Expr>,
    /// The role the action assumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Expr>,
    /// Run order.
    pub run_order: u32,
    /// Approval timeout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_minutes: Option<u64>,
    /// Shell commands (the Commands action).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<String>,
    /// Environment variables exported as output variables (the Commands action).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub output_variables: Vec<String>,
    /// Environment variables: `{Name, Type, Value}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environment_variables: Vec<serde_json::Value>,
}

impl<V> super::OrderedMap<V> {
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An action type id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ActionTypeId {
    /// Category.
    pub category: Cow<'static, str>,
    /// Owner.
    pub owner: Cow<'static, str>,
    /// Provider.
    pub provider: Cow<'static, str>,
    /// Version.
    pub version: Cow<'static, str>,
}

/// `{"Name": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ArtifactName {
    /// The artifact name.
    pub name: String,
    /// Files of an output artifact of a compute action (the Commands action).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<String>,
}

/// A pipeline variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PipelineVariable {
    /// Name.
    pub name: String,
    /// Default value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Expr>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A pipeline trigger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PipelineTrigger {
    /// Always `CodeStarSourceConnection`.
    pub provider_type: String,
    /// Git configuration.
    pub git_configuration: GitConfiguration,
}

/// A trigger's Git configuration. Empty lists are never emitted (CP-TRIG-9).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct GitConfiguration {
    /// Source action name.
    pub source_action_name: String,
    /// Push filters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub push: Vec<serde_json::Value>,
    /// Pull-request filters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pull_request: Vec<serde_json::Value>,
}

/// A key and a value (tags).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct KeyValue {
    /// Key.
    pub key: String,
    /// Value.
    pub value: Expr,
}

/// `AWS::S3::Bucket` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Bucket {
    /// Default encryption.
    pub bucket_encryption: serde_json::Value,
    /// A fixed name, for buckets other accounts name in their policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bucket_name: Option<Expr>,
    /// Lifecycle rules.
    pub lifecycle_configuration: serde_json::Value,
    /// Object ownership.
    pub ownership_controls: serde_json::Value,
    /// Public access block.
    pub public_access_block_configuration: serde_json::Value,
    /// Versioning.
    pub versioning_configuration: serde_json::Value,
}

/// `AWS::S3::BucketPolicy` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct BucketPolicy {
    /// Bucket name.
    pub bucket: Expr,
    /// Policy.
    pub policy_document: PolicyDocument,
}

/// `AWS::KMS::Key` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct KmsKey {
    /// Description.
    pub description: String,
    /// Yearly rotation.
    pub enable_key_rotation: bool,
    /// Key policy.
    pub key_policy: PolicyDocument,
}

/// `AWS::IAM::Role` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Role {
    /// Who may assume it.
    pub assume_role_policy_document: PolicyDocument,
    /// What it is for.
    pub description: String,
    /// Inline policies.
    pub policies: Vec<Policy>,
    /// A fixed name, for roles other accounts name in their policies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
}

/// `AWS::Lambda::Function` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Function {
    /// Inline code.
    pub code: serde_json::Value,
    /// What it does.
    pub description: String,
    /// Entry point.
    pub handler: String,
    /// Logging.
    pub logging_config: serde_json::Value,
    /// Memory in MB.
    pub memory_size: u32,
    /// Execution role.
    pub role: Expr,
    /// Runtime.
    pub runtime: String,
    /// Timeout in seconds.
    pub timeout: u32,
}

/// `AWS::Logs::LogGroup` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct LogGroup {
    /// Encryption key ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<Expr>,
    /// Retention.
    pub retention_in_days: u32,
}

/// `AWS::CodeBuild::Project` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Project {
    /// Always CODEPIPELINE.
    pub artifacts: serde_json::Value,
    /// What the project does.
    pub description: String,
    /// Key for artifacts and logs.
    pub encryption_key: Expr,
    /// Build environment.
    pub environment: serde_json::Value,
    /// Logs.
    pub logs_config: serde_json::Value,
    /// Service role.
    pub service_role: Expr,
    /// Source (CODEPIPELINE) and buildspec.
    pub source: serde_json::Value,
    /// Build timeout.
    pub timeout_in_minutes: u32,
    /// Batch builds: the role that starts the batch's builds, and whether their artifacts
    /// are combined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build_batch_config: Option<serde_json::Value>,
}
