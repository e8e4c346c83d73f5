//! What writes each property path of the `AWS::CodePipeline::Pipeline` resource: the part of
//! the model (a field, a pipeline setting, a stage setting, a kind's or a rule type's
//! property) the emitter writes it from, with the catalogue rules that check it, or why vsm
//! does not model it.
//!
//! [`pipeline_paths`] is the one table of it. `docs/coverage.md` is generated from it, from
//! the kinds' and rule types' registries and from the resource schema cfn-lint bundles; the
//! test that generates it fails on a schema path without an entry and on an entry for a path
//! the schema no longer has, and another checks that generated streams' templates hold exactly
//! the paths this table says the model writes.
//!
//! A path names each property from `Properties` down, with `[]` after a list:
//! `Properties.Stages[].Actions[].ActionTypeId.Provider`,
//! `Properties.Triggers[].GitConfiguration.Push[].FilePaths.Includes[]`. The paths under a
//! stage's conditions are written once, for every [`ConditionPlace`].

use std::fmt;

use crate::catalogue::*;
use crate::conditions::commands::CP_COND_14;
use crate::conditions::{
    self, CP_COND_1, CP_COND_16, CP_COND_2, CP_COND_3, CP_COND_4, CP_COND_5, CP_COND_6, CP_COND_7,
    CP_COND_8, CP_COND_9, CP_NAME_7, CP_V2_6,
};
use crate::kinds::{self, CP_ART_3, CP_NAME_8, CP_TYPE_10, CP_TYPE_11};
use crate::model::props::{PropInfo, PropType};
use crate::model::{ConditionPlace, Settings};

/// One part of the model that a path is written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A field of the model's types, such as `` `Action::run_order` ``.
    Field(&'static str),
    /// A pipeline setting, with the fields of its records after dots: `triggers.push.tags`.
    Setting(&'static str),
    /// The stage setting of the condition at this place.
    StageSetting(ConditionPlace),
    /// A property of one kind: `(keyword, property)`.
    KindProp(&'static str, &'static str),
    /// A property of one rule type of stage conditions: `(keyword, property)`.
    RuleTypeProp(&'static str, &'static str),
    /// What every kind, or every rule type, declares: said in words.
    Registry(&'static str),
    /// What the emitter writes itself, said in words.
    Emitter(&'static str),
}

impl Part {
    /// An error naming the part when the setting, kind, rule type or property it names does
    /// not exist.
    pub fn check(&self) -> Result<(), String> {
        let found = match *self {
            Self::Setting(path) => setting(path).is_some(),
            Self::KindProp(keyword, key) => {
                kinds::find(keyword).is_some_and(|k| k.prop(key).is_some())
            }
            Self::RuleTypeProp(keyword, key) => {
                conditions::find(keyword).is_some_and(|r| r.prop(key).is_some())
            }
            Self::Field(_) | Self::StageSetting(_) | Self::Registry(_) | Self::Emitter(_) => true,
        };
        if found {
            Ok(())
        } else {
            Err(format!("{self} names nothing the model declares"))
        }
    }
}

/// The setting at a dotted path of record fields (`triggers.push.tags`).
fn setting(path: &str) -> Option<&'static PropInfo> {
    let mut keys = path.split('.');
    let mut prop = Settings::prop(keys.next()?)?;
    for key in keys {
        prop = match prop.ty {
            PropType::Records(r) | PropType::Record(r) => r.field(key)?,
            _ => return None,
        };
    }
    Some(prop)
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Field(text) | Self::Registry(text) | Self::Emitter(text) => f.write_str(text),
            Self::Setting(path) => write!(f, "setting `{path}`"),
            Self::StageSetting(place) => write!(f, "stage setting `{}`", place.key()),
            Self::KindProp(keyword, key) => write!(f, "kind `{keyword}`: `{key}`"),
            Self::RuleTypeProp(keyword, key) => write!(f, "rule type `{keyword}`: `{key}`"),
        }
    }
}

/// How the model covers one property path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// Written from these parts of the model, checked by these catalogue rules.
    By(&'static [Part], &'static [RuleId]),
    /// Not modelled, for this reason.
    Not(&'static str),
}

/// One property path of the pipeline resource and how the model covers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathModel {
    /// The path: `Properties.Stages[].Actions[].RunOrder`.
    pub path: String,
    /// What writes it, or why nothing does.
    pub model: Model,
}

/// Declares a table of paths: `"path" => by([parts], [rules]);` or `"path" => not("reason");`.
macro_rules! table {
    (@model by([$($part:expr),*], [$($rule:expr),*])) => { By(&[$($part),*], &[$($rule),*]) };
    (@model not($why:literal)) => { Not($why) };
    ($(#[$meta:meta])* const $name:ident = { $( $path:literal => $how:ident $args:tt; )* }) => {
        $(#[$meta])*
        const $name: &[(&str, Model)] = &[ $( ($path, table!(@model $how $args)) ),* ];
    };
}

use Model::{By, Not};
use Part::{Emitter, Field, KindProp, Registry, RuleTypeProp, Setting, StageSetting};

table! {
    /// Every path of the resource but those under a stage's conditions.
    const PIPELINE = {
        "Properties.Arn" => not("read-only: the pipeline's ARN, which CloudFormation returns (`!GetAtt`)");
        "Properties.ArtifactStore" => by([Emitter("the artifact store, when every action runs in the pipeline's Region")], []);
        "Properties.ArtifactStore.EncryptionKey" => by([Emitter("the artifact key vsm creates, or `EmitOptions::kms_key_arn`")], [CP_STRUCT_14]);
        "Properties.ArtifactStore.EncryptionKey.Id" => by([Emitter("the artifact key's ARN")], [CP_STRUCT_14]);
        "Properties.ArtifactStore.EncryptionKey.Type" => by([Emitter("always `KMS`")], []);
        "Properties.ArtifactStore.Location" => by([Emitter("the artifact bucket vsm creates, or `EmitOptions::artifact_bucket`")], [CP_STRUCT_13]);
        "Properties.ArtifactStore.Type" => by([Emitter("always `S3`")], []);
        "Properties.ArtifactStores[]" => by([Setting("artifact_stores"), Emitter("one store per Region an action runs in: the pipeline's own, the given ones, those the Regions' templates create")], [CP_XREG_3]);
        "Properties.ArtifactStores[].ArtifactStore" => by([Setting("artifact_stores")], [CP_XREG_3]);
        "Properties.ArtifactStores[].ArtifactStore.EncryptionKey" => by([Setting("artifact_stores.key")], [CP_XREG_4]);
        "Properties.ArtifactStores[].ArtifactStore.EncryptionKey.Id" => by([Setting("artifact_stores.key")], [CP_XREG_4]);
        "Properties.ArtifactStores[].ArtifactStore.EncryptionKey.Type" => by([Emitter("always `KMS`")], []);
        "Properties.ArtifactStores[].ArtifactStore.Location" => by([Setting("artifact_stores.bucket")], []);
        "Properties.ArtifactStores[].ArtifactStore.Type" => by([Emitter("always `S3`")], []);
        "Properties.ArtifactStores[].Region" => by([Setting("artifact_stores.region")], [CP_XREG_1, CP_XREG_3]);
        "Properties.DisableInboundStageTransitions[]" => not("an operator's switch on a running pipeline (a stage's inbound transition turned off), not part of the value stream: vsm leaves every transition enabled");
        "Properties.DisableInboundStageTransitions[].Reason" => not("see `DisableInboundStageTransitions`");
        "Properties.DisableInboundStageTransitions[].StageName" => not("see `DisableInboundStageTransitions`");
        "Properties.ExecutionMode" => by([Setting("execution_mode")], [CP_V2_3]);
        "Properties.Name" => by([Field("`Stream::name`")], [CP_NAME_1]);
        "Properties.PipelineType" => by([Setting("pipeline_type")], [CP_V2_3, CP_V2_4, CP_V2_5, CP_V2_7]);
        "Properties.RestartExecutionOnUpdate" => not("write-only, and about the stack update rather than the pipeline: CodePipeline's default (no restart) is kept");
        "Properties.RoleArn" => by([Emitter("the pipeline role vsm creates, or `EmitOptions::pipeline_role_arn`")], [CP_STRUCT_12]);
        "Properties.Stages[]" => by([Field("`Stream::stages`; `Fn::If` around a stage from `Stage::when`, `Stage::unless`")], [CP_STRUCT_5, CP_QUOTA_1, VSM_WHEN_1]);
        "Properties.Stages[].Actions[]" => by([Field("`Stage::actions`; `Fn::If` around an action, or between alternatives, from `Action::when`, `Action::unless`")], [CP_STRUCT_6, CP_STRUCT_7, CP_STRUCT_8, CP_QUOTA_2, CP_QUOTA_5, VSM_WHEN_1]);
        "Properties.Stages[].Actions[].ActionTypeId" => by([Registry("each kind's action type (below)")], [CP_TYPE_5]);
        "Properties.Stages[].Actions[].ActionTypeId.Category" => by([Registry("each kind's action type; `custom`: `category`")], [CP_TYPE_2]);
        "Properties.Stages[].Actions[].ActionTypeId.Owner" => by([Registry("each kind's action type; `custom`: `owner`")], [CP_TYPE_1]);
        "Properties.Stages[].Actions[].ActionTypeId.Provider" => by([Registry("each kind's action type; `custom`: `provider`")], [CP_TYPE_3, CP_TYPE_5]);
        "Properties.Stages[].Actions[].ActionTypeId.Version" => by([Registry("each kind's action type; `custom`: `version`")], [CP_TYPE_4]);
        "Properties.Stages[].Actions[].Commands[]" => by([KindProp("commands", "commands")], [CP_TYPE_10]);
        "Properties.Stages[].Actions[].Configuration" => by([Registry("each kind's properties, as the configuration keys of its action type (below); `custom`: `config`")], [CP_CONF_1, CP_CONF_3]);
        "Properties.Stages[].Actions[].EnvironmentVariables[]" => by([KindProp("commands", "environment"), KindProp("commands", "secrets")], [CP_TYPE_11]);
        "Properties.Stages[].Actions[].EnvironmentVariables[].Name" => by([KindProp("commands", "environment"), KindProp("commands", "secrets")], [CP_NAME_8]);
        "Properties.Stages[].Actions[].EnvironmentVariables[].Type" => by([Emitter("`PLAINTEXT` for `environment`, `SECRETS_MANAGER` for `secrets`")], []);
        "Properties.Stages[].Actions[].EnvironmentVariables[].Value" => by([KindProp("commands", "environment"), KindProp("commands", "secrets")], [CP_TYPE_11]);
        "Properties.Stages[].Actions[].InputArtifacts[]" => by([Field("`Action::inputs`, then the inputs the kind implies (a template's artifact)")], [CP_ART_1, CP_ART_2, CP_ORDER_3, CP_ORDER_4]);
        "Properties.Stages[].Actions[].InputArtifacts[].Name" => by([Field("`Action::inputs`")], [CP_NAME_4]);
        "Properties.Stages[].Actions[].Name" => by([Field("`Action::name`")], [CP_NAME_3, CP_NAME_10]);
        "Properties.Stages[].Actions[].Namespace" => by([Field("`Action::namespace`")], [CP_NAME_5, CP_NAME_12, CP_NAME_13]);
        "Properties.Stages[].Actions[].OutputArtifacts[]" => by([Field("`Action::outputs`")], [CP_ART_1, CP_ART_2, CP_NAME_11]);
        "Properties.Stages[].Actions[].OutputArtifacts[].Files[]" => by([KindProp("commands", "files")], [CP_ART_3]);
        "Properties.Stages[].Actions[].OutputArtifacts[].Name" => by([Field("`Action::outputs`")], [CP_NAME_4]);
        "Properties.Stages[].Actions[].OutputVariables[]" => by([KindProp("commands", "output_variables")], [CP_TYPE_10]);
        "Properties.Stages[].Actions[].Region" => by([Field("`Action::region`")], [CP_XREG_1, CP_XREG_2, VSM_REACH_1]);
        "Properties.Stages[].Actions[].RoleArn" => by([Field("`Action::action_role`, or the role vsm creates in `Action::account`")], [CP_TYPE_8, VSM_XACCT_1, VSM_REACH_1]);
        "Properties.Stages[].Actions[].RunOrder" => by([Field("`Action::run_order`")], [CP_ORDER_1, CP_QUOTA_3, CP_QUOTA_4]);
        "Properties.Stages[].Actions[].TimeoutInMinutes" => by([KindProp("approval", "timeout")], [CP_QUOTA_7]);
        "Properties.Stages[].Blockers[]" => not("reserved by CodePipeline for future use");
        "Properties.Stages[].Blockers[].Name" => not("see `Blockers`");
        "Properties.Stages[].Blockers[].Type" => not("see `Blockers`");
        "Properties.Stages[].Name" => by([Field("`Stage::name`")], [CP_NAME_2, CP_NAME_9]);
        "Properties.Tags[]" => by([Setting("tags")], [CP_QUOTA_8]);
        "Properties.Tags[].Key" => by([Setting("tags.key")], [CP_NAME_16]);
        "Properties.Tags[].Value" => by([Setting("tags.value")], [CP_NAME_16]);
        "Properties.Triggers[]" => by([Setting("triggers")], [CP_V2_4, CP_TRIG_1]);
        "Properties.Triggers[].GitConfiguration" => by([Setting("triggers")], []);
        "Properties.Triggers[].GitConfiguration.PullRequest[]" => by([Setting("triggers.pull_request")], [CP_TRIG_5]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].Branches" => by([Setting("triggers.pull_request.branches"), Setting("triggers.pull_request.branches_excluded")], [CP_TRIG_8, CP_TRIG_9]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].Branches.Excludes[]" => by([Setting("triggers.pull_request.branches_excluded")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].Branches.Includes[]" => by([Setting("triggers.pull_request.branches")], [CP_TRIG_6, CP_TRIG_8, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].Events[]" => by([Setting("triggers.pull_request.events")], [CP_TRIG_7, CP_TRIG_9]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].FilePaths" => by([Setting("triggers.pull_request.file_paths"), Setting("triggers.pull_request.file_paths_excluded")], [CP_TRIG_9]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].FilePaths.Excludes[]" => by([Setting("triggers.pull_request.file_paths_excluded")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.PullRequest[].FilePaths.Includes[]" => by([Setting("triggers.pull_request.file_paths")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.Push[]" => by([Setting("triggers.push")], [CP_TRIG_5]);
        "Properties.Triggers[].GitConfiguration.Push[].Branches" => by([Setting("triggers.push.branches"), Setting("triggers.push.branches_excluded")], [CP_TRIG_9]);
        "Properties.Triggers[].GitConfiguration.Push[].Branches.Excludes[]" => by([Setting("triggers.push.branches_excluded")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.Push[].Branches.Includes[]" => by([Setting("triggers.push.branches")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.Push[].FilePaths" => by([Setting("triggers.push.file_paths"), Setting("triggers.push.file_paths_excluded")], [CP_TRIG_9]);
        "Properties.Triggers[].GitConfiguration.Push[].FilePaths.Excludes[]" => by([Setting("triggers.push.file_paths_excluded")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.Push[].FilePaths.Includes[]" => by([Setting("triggers.push.file_paths")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.Push[].Tags" => by([Setting("triggers.push.tags"), Setting("triggers.push.tags_excluded")], [CP_TRIG_9]);
        "Properties.Triggers[].GitConfiguration.Push[].Tags.Excludes[]" => by([Setting("triggers.push.tags_excluded")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.Push[].Tags.Includes[]" => by([Setting("triggers.push.tags")], [CP_TRIG_6, CP_TRIG_9, CP_TRIG_12]);
        "Properties.Triggers[].GitConfiguration.SourceActionName" => by([Setting("triggers.source_action")], [CP_TRIG_3, CP_TRIG_4]);
        "Properties.Triggers[].ProviderType" => by([Emitter("always `CodeStarSourceConnection`, the one provider type of a trigger")], []);
        "Properties.Variables[]" => by([Setting("variables")], [CP_V2_5, CP_VAR_1]);
        "Properties.Variables[].DefaultValue" => by([Setting("variables.default")], [CP_VAR_2]);
        "Properties.Variables[].Description" => by([Setting("variables.description")], [CP_VAR_3]);
        "Properties.Variables[].Name" => by([Setting("variables.name")], [CP_NAME_6, CP_NAME_14]);
        "Properties.Version" => not("read-only: the pipeline's version, which CodePipeline counts up on each update");
    }
}

table! {
    /// The paths under one stage condition place (`Properties.Stages[].BeforeEntry`), relative
    /// to it; the place itself is its stage setting.
    const CONDITION = {
        ".Conditions[]" => by([Field("the stage setting's condition (one)")], [CP_COND_1, CP_COND_8]);
        ".Conditions[].Result" => by([Field("`StageCondition::result`")], [CP_COND_6]);
        ".Conditions[].Rules[]" => by([Field("`StageCondition::rules`")], [CP_COND_2, CP_COND_7]);
        ".Conditions[].Rules[].Commands[]" => by([RuleTypeProp("commands", "commands")], [CP_COND_14]);
        ".Conditions[].Rules[].Configuration" => by([Registry("each rule type's properties (below)")], [CP_COND_3]);
        ".Conditions[].Rules[].InputArtifacts[]" => by([Field("`Rule::inputs`")], [CP_ORDER_3, CP_ORDER_4]);
        ".Conditions[].Rules[].InputArtifacts[].Name" => by([Field("`Rule::inputs`")], [CP_NAME_4]);
        ".Conditions[].Rules[].Name" => by([Field("`Rule::name`")], [CP_NAME_7, CP_COND_9]);
        ".Conditions[].Rules[].Region" => by([Field("`Rule::region`")], [CP_COND_16]);
        ".Conditions[].Rules[].RoleArn" => by([Field("`Rule::role_arn`"), Field("`Rule::account`")], [CP_CONF_6, VSM_XACCT_1]);
        ".Conditions[].Rules[].RuleTypeId" => by([Registry("each rule type (below)")], []);
        ".Conditions[].Rules[].RuleTypeId.Category" => by([Emitter("always `Rule`")], []);
        ".Conditions[].Rules[].RuleTypeId.Owner" => by([Emitter("always `AWS`")], []);
        ".Conditions[].Rules[].RuleTypeId.Provider" => by([Registry("each rule type's provider (below)")], []);
        ".Conditions[].Rules[].RuleTypeId.Version" => by([Emitter("always `1`")], []);
    }
}

table! {
    /// The paths only the failure place has, relative to it.
    const ON_FAILURE = {
        ".Result" => by([Field("`StageCondition::result`: `ROLLBACK` or `RETRY` (a failed stage fails without one)")], [CP_COND_4]);
        ".RetryConfiguration" => by([Field("`StageCondition::retry_mode`")], [CP_COND_5]);
        ".RetryConfiguration.RetryMode" => by([Field("`StageCondition::retry_mode`")], [CP_COND_5]);
    }
}

/// Every property path of the pipeline resource vsm accounts for, with how the model covers
/// it: sorted by path.
pub fn pipeline_paths() -> Vec<PathModel> {
    let entry = |path: String, model: Model| PathModel { path, model };
    let mut out: Vec<PathModel> = PIPELINE
        .iter()
        .map(|(path, model)| entry((*path).to_owned(), *model))
        .collect();
    for place in ConditionPlace::ALL {
        let base = format!("Properties.Stages[].{}", place.cfn());
        out.push(entry(base.clone(), By(place_parts(*place), &[CP_V2_6])));
        let extra = match place {
            ConditionPlace::OnFailure => ON_FAILURE,
            _ => &[],
        };
        for (suffix, model) in CONDITION.iter().chain(extra) {
            out.push(entry(format!("{base}{suffix}"), *model));
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The stage setting of a place, as a part list.
fn place_parts(place: ConditionPlace) -> &'static [Part] {
    match place {
        ConditionPlace::BeforeEntry => &[StageSetting(ConditionPlace::BeforeEntry)],
        ConditionPlace::OnSuccess => &[StageSetting(ConditionPlace::OnSuccess)],
        ConditionPlace::OnFailure => &[StageSetting(ConditionPlace::OnFailure)],
    }
}
