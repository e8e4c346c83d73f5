//! The rule types of stage conditions: one file per rule type, and the registry that lists
//! them, the way `crate::kinds` lists the action kinds.
//!
//! A rule type's file declares its struct with `rule_type!` (its keyword, its properties: the
//! key is the field name in Rust, in the JSON form, in the `stream!` macro and as the
//! builder's setter; the required ones come first) and implements
//! `RuleType`: its provider, its configuration, its own checks and
//! the grants of the role it runs as. The builder, the JSON form, the macro, the emitter, the
//! rules, the import and the docs tables read it only through the registry below.
//!
//! Adding a rule type: write its file, then add one line to the `registry!` call below.

pub use crate::model::condition::{RuleFromValues, RuleTypeInfo, RULE_KEYS};
pub use crate::model::RuleKind;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::cfn::Expr;
use crate::kit::{ConfigValue, DynRuleType};
use crate::model::kind::ValueErrors;
use crate::model::props::{read_typed, PropValue};

/// Registers the rule types: one line each, `module::Type`. The module holds the rule type's
/// struct, its `RuleType` impl and its builder constructor (named like the keyword).
macro_rules! registry {
    ($( $module:ident :: $ty:ident ),* $(,)?) => {
        $( pub mod $module; pub use $module::$ty; )*

        /// Every rule type, in registration order.
        pub const RULE_TYPES: &[&RuleTypeInfo] = &[ $( &<$ty as crate::kit::RuleType>::INFO, )* ];

        /// The rule type behind a rule's data, to drive it.
        pub(crate) fn behaviour(kind: &RuleKind) -> &dyn DynRuleType {
            $( if let Some(k) = kind.downcast_ref::<$ty>() { return k; } )*
            unreachable!("rule type {} is not registered", kind.keyword())
        }

        /// The properties a rule type's declaration carries outside its configuration
        /// (commands), read back from a declaration.
        #[cfg(feature = "import")]
        pub(crate) fn declared(
            keyword: &str,
            decl: &crate::cfn::RuleDeclaration,
        ) -> Vec<(String, PropValue)> {
            $( if keyword == <$ty as crate::kit::Props>::KEYWORD {
                return <$ty as crate::kit::RuleType>::declared(decl);
            } )*
            Vec::new()
        }

        /// The builder's constructors, one per rule type (`rule::deployment_window(..)`).
        pub mod constructors {
            $( pub use super::$module::$module; )*
        }
    };
}

registry! {
    deployment_window::DeploymentWindow,
    cloudwatch_alarm::CloudWatchAlarm,
    lambda_invoke::LambdaInvoke,
    variable_check::VariableCheck,
    commands::CommandsCheck,
    codebuild::CodeBuildCheck,
}

crate::catalogue::rules! {
    pub RULES:
    CP_V2_6 = compile("CP-V2-6", "stage conditions, rollback and retry need V2");
    CP_NAME_7 = compile("CP-NAME-7", "condition rule names: 1–100 of [A-Za-z0-9.@_-]");
    CP_COND_1 = compile("CP-COND-1", "a before-entry or on-success condition has rules");
    CP_COND_2 = compile("CP-COND-2", "at most 5 rules per condition");
    CP_COND_3 = compile("CP-COND-3", "rule configuration values 1–10,000 characters");
    CP_COND_4 = compile("CP-COND-4", "on failure: ROLLBACK, RETRY or FAIL");
    CP_COND_5 = compile("CP-COND-5", "a retry mode goes with RETRY on failure only");
    CP_COND_6 = compile("CP-COND-6", "condition results by place: before entry FAIL or SKIP, on success ROLLBACK or FAIL, on failure with rules ROLLBACK");
    CP_COND_7 = compile("CP-COND-7", "a SKIP entry condition holds only LambdaInvoke and VariableCheck rules");
    CP_COND_8 = compile("CP-COND-8", "an automatic retry takes no rules");
    CP_COND_9 = compile("CP-COND-9", "rule names unique within a stage");
    CP_COND_16 = compile("CP-COND-16", "a rule's Region is a Region code");
}

/// A rule's configuration as its declaration carries it, in the rule type's order.
pub(crate) fn configuration(kind: &RuleKind) -> Vec<(String, Expr)> {
    behaviour(kind)
        .configuration()
        .into_iter()
        .filter_map(|e| {
            let value = match e.value {
                ConfigValue::Literal(text) => Expr::str(text.into_owned()),
                ConfigValue::Expr(e) => e,
                ConfigValue::Parameter(_) | ConfigValue::Generated(_) => return None,
            };
            Some((e.key.to_owned(), value))
        })
        .collect()
}

/// The rule type of a keyword.
pub fn find(keyword: &str) -> Option<&'static RuleTypeInfo> {
    RULE_TYPES.iter().copied().find(|k| k.keyword == keyword)
}

/// The rule type of a `RuleTypeId` provider.
pub fn by_provider(provider: &str) -> Option<&'static RuleTypeInfo> {
    RULE_TYPES.iter().copied().find(|k| k.provider == provider)
}

/// Builds a rule type from its keyword and property values; every problem is reported.
pub fn from_values(
    keyword: &str,
    values: Vec<(String, PropValue)>,
) -> Result<RuleKind, ValueErrors> {
    match find(keyword) {
        Some(info) => (info.from_values)(values),
        None => Err(unknown_rule_type(keyword)),
    }
}

/// "unknown rule type `x`; expected one of ...".
pub fn unknown_rule_type(keyword: &str) -> ValueErrors {
    let known: Vec<String> = RULE_TYPES
        .iter()
        .map(|k| format!("`{}`", k.keyword))
        .collect();
    ValueErrors {
        problems: vec![(
            None,
            format!(
                "unknown rule type `{keyword}`; expected one of {}",
                known.join(", ")
            ),
        )],
    }
}

/// The JSON form of a rule type: `type` names it, its other keys are its properties.
impl<'de> Deserialize<'de> for RuleKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut map = Map::<String, Value>::deserialize(d)?;
        let keyword = match map.remove("type") {
            Some(Value::String(k)) => k,
            Some(_) => return Err(D::Error::custom("a rule's `type` is a string")),
            None => return Err(D::Error::custom("a rule's kind needs a `type`")),
        };
        let Some(info) = find(&keyword) else {
            return Err(D::Error::custom(unknown_rule_type(&keyword)));
        };
        read_typed(info.keyword, info.props, map, info.from_values).map_err(D::Error::custom)
    }
}
