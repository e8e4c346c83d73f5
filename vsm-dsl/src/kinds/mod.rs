//! The action kinds: one file per kind, holding everything that kind is, and the registry
//! that lists them.
//!
//! A kind's file declares its struct with `kind!` (its keyword, where it stands, its
//! properties: the key is the field name in Rust, in the JSON form, in the `stream!` macro
//! and as the builder's setter; the required ones come first) and implements
//! `Kind`: its action type, artifact counts, configuration keys,
//! kind-specific rules, IAM grants and the resources it adds. The builder, the JSON form, the
//! macro's lowering and expansion, the emitter, the rules, import and the docs tables read
//! the kind only through the registry below.
//!
//! Adding a kind: write its file, then add one line to the `registry!` call below. The
//! compiler points at any part of `Kind` that is missing; the tests check the declaration
//! against the rule catalogue and the docs.

pub use crate::model::kind::{Artifacts, ConfigKeySpec, KindInfo, Place, Reach, ValueErrors};
pub use crate::model::props::{Choice, Parsed, PropInfo, PropType, PropValue, Record, Short};
pub use crate::model::ActionKind;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::kit::DynKind;
use crate::model::props::read_typed;

/// Registers the kinds: one line each, `module::Kind`. The module holds the kind's struct,
/// its `Kind` impl and its builder constructor (named like the keyword).
macro_rules! registry {
    ($( $module:ident :: $kind:ident ),* $(,)?) => {
        $( pub mod $module; pub use $module::*; )*

        /// Every kind, in registration order.
        pub const KINDS: &[&KindInfo] = &[ $( &<$kind as crate::kit::Kind>::INFO, )* ];

        /// The kind behind an action's data, to drive it: every kind the model can hold is
        /// registered here (only kinds implement `KindData`, and each kind's file is compiled
        /// only through its line below).
        pub(crate) fn behaviour(kind: &ActionKind) -> &dyn DynKind {
            $( if let Some(k) = kind.downcast_ref::<$kind>() { return k; } )*
            unreachable!("kind {} is not registered", kind.keyword())
        }

        /// The builder's constructors, one per kind.
        pub mod constructors {
            $( pub use super::$module::$module; )*
        }
    };
}

registry! {
    connection::Connection,
    s3_source::S3Source,
    codecommit::CodeCommit,
    ecr::Ecr,
    mock::Mock,
    approval::Approval,
    codebuild::CodeBuild,
    lambda::Lambda,
    cloudformation::CloudFormation,
    custom::Custom,
    ecs::Ecs,
    ecs_blue_green::EcsBlueGreen,
    codedeploy::CodeDeploy,
    s3_deploy::S3Deploy,
    step_functions::StepFunctions,
    commands::Commands,
    stackset::StackSet,
    elastic_beanstalk::ElasticBeanstalk,
    lambda_deploy::LambdaDeploy,
    ecr_build_and_publish::EcrBuildAndPublish,
    inspector_scan::InspectorScan,
    codepipeline_invoke::CodePipelineInvoke,
    ec2_deploy::Ec2Deploy,
    eks_deploy::EksDeploy,
    appconfig_deploy::AppConfigDeploy,
    service_catalog_deploy::ServiceCatalogDeploy,
    stack_instances::StackInstances,
    device_farm::DeviceFarm,
}

/// Shadows the kinds' own `Required` structs (each kind's is reached through its module,
/// `kinds::codebuild::Required`), which the glob re-exports above would otherwise make
/// ambiguous.
#[doc(hidden)]
pub struct Required;

/// The kind of a keyword.
pub fn find(keyword: &str) -> Option<&'static KindInfo> {
    KINDS.iter().copied().find(|k| k.keyword == keyword)
}

/// Builds a kind from its keyword and property values; every problem is reported.
pub fn from_values(
    keyword: &str,
    values: Vec<(String, PropValue)>,
) -> Result<ActionKind, ValueErrors> {
    match find(keyword) {
        Some(info) => (info.from_values)(values),
        None => Err(unknown_kind(keyword)),
    }
}

/// "unknown action kind `x`; expected one of ...".
pub fn unknown_kind(keyword: &str) -> ValueErrors {
    let known: Vec<String> = KINDS.iter().map(|k| format!("`{}`", k.keyword)).collect();
    ValueErrors {
        problems: vec![(
            None,
            format!(
                "unknown action kind `{keyword}`; expected one of {}",
                known.join(", ")
            ),
        )],
    }
}

/// The JSON form of a kind: `type` names it, its other keys are its properties.
impl<'de> Deserialize<'de> for ActionKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(d)?;
        let keyword = match map.remove("type") {
            Some(Value::String(k)) => k,
            Some(_) => return Err(D::Error::custom("an action's `type` is a string")),
            None => return Err(D::Error::custom("an action kind needs a `type`")),
        };
        let Some(info) = find(&keyword) else {
            return Err(D::Error::custom(unknown_kind(&keyword)));
        };
        read_typed(info.keyword, info.props, map, info.from_values).map_err(D::Error::custom)
    }
}
