//! The kit a kind is built from: the `Kind` trait every kind implements, the `kind!`
//! declaration (and for the rule types of stage conditions, `RuleType` and `rule_type!`), and
//! what a kind's configuration, rules and emission use (its configuration
//! entries, where a rule looks, the emitter's view of one action, the pipeline role's grants,
//! ARNs).
//!
//! The kit knows no kind: kinds (`crate::kinds`) sit on it, and the rule engine, the emitter
//! and the front ends drive them through `DynKind`, reached from an
//! [`ActionKind`](crate::model::ActionKind) by the registry (`crate::kinds::behaviour`).

pub(crate) mod arn;
mod build;
mod check;
pub(crate) mod compute;
mod config;
mod emit;
mod rule;
pub(crate) mod shape;
pub(crate) mod topology;
mod unscoped;

pub(crate) use crate::model::kind::{
    optional, required, Artifacts, ConfigKeySpec, Place, Props, Reach,
};
pub(crate) use crate::model::props::{choice, record};
pub use build::{ActionBuilder, SourceKind, StepKind};
pub(crate) use check::{
    actions, conflict, is_bucket_name, is_role_arn, name_char, name_problem, parameter_name, At,
};
pub(crate) use config::{
    json_objects, ConfigCx, ConfigValue, Entry, Generated, ParamSpec, ReadBack,
};
pub use emit::checkov_skip;
pub(crate) use emit::{
    grant_command_logs, pascal, sub_escape, unscoped, ActionEmit, Grants, Sink, Store, LOG_DAYS,
};
pub use rule::RuleBuilder;
pub(crate) use rule::{assume, declaration, rule_type, rules, DynRuleType, RuleAt, RuleType};
pub(crate) use shape::Shape;
pub use unscoped::{is_unscoped, UNSCOPED_ACTIONS};

use std::any::Any;
use std::fmt;

use crate::catalogue::RuleId;
use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::Violation;
use crate::model::kind::{KindData, KindInfo, Sealed};
use crate::model::props::{PropInfo, PropValue};
use crate::model::{ActionType, Stream, Text};

/// Everything one kind is, beyond its properties. Implemented in the kind's file.
pub(crate) trait Kind:
    Props + Clone + PartialEq + Default + fmt::Debug + Send + Sync
{
    /// The action types it emits; the first unless [`Kind::action_type`] says otherwise.
    const TYPES: &'static [ActionType<'static>];
    /// Its artifact counts (the catalogue's matrix row).
    const ARTIFACTS: Option<Artifacts>;
    /// The configuration keys of its action type.
    const CONFIG_KEYS: &'static [ConfigKeySpec];
    /// Only V2 pipelines run it.
    const V2_ONLY: bool = false;
    /// The catalogue rules its checks enforce that the shared list does not name.
    const RULES: &'static [RuleId] = &[];
    /// Where it may run besides the pipeline's account and Region (VSM-REACH-1): anywhere,
    /// unless its resources are in the pipeline's template.
    const REACH: Reach = Reach::ANYWHERE;
    /// The shapes its text properties must have, by property: the constraints of a template
    /// parameter that feeds the property (the kind's check states the same rule on
    /// literals).
    const SHAPES: &'static [(&'static str, Shape)] = &[];
    /// The kind for the registry.
    const INFO: KindInfo = KindInfo {
        keyword: Self::KEYWORD,
        module: Self::MODULE,
        doc: Self::DOC,
        place: Self::PLACE,
        props: Self::PROP_INFO,
        types: Self::TYPES,
        artifacts: Self::ARTIFACTS,
        config_keys: Self::CONFIG_KEYS,
        v2_only: Self::V2_ONLY,
        reach: Self::REACH,
        rules: Self::RULES,
        from_values: crate::model::kind::from_values::<Self>,
        read_config: Self::read_config,
    };

    /// Its `ActionTypeId`.
    fn action_type(&self) -> ActionType<'_> {
        Self::TYPES[0]
    }

    /// The `ActionTypeId` it is emitted with in this stream (a simulated mock step runs as
    /// another type).
    fn emitted_type(&self, _stream: &Stream) -> ActionType<'_> {
        self.action_type()
    }

    /// Its artifact counts, when known.
    fn artifacts(&self) -> Option<Artifacts> {
        Self::ARTIFACTS
    }

    /// The configuration it is emitted with, in a stable order.
    fn configuration<'a>(&'a self, cx: &ConfigCx<'a>) -> Vec<Entry<'a>>;

    /// The escape hatch's own configuration (keys not known in advance).
    fn custom_configuration(&self) -> Vec<(&str, &Text)> {
        Vec::new()
    }

    /// Input artifacts the kind implies (a template's artifact), with the configuration key
    /// each comes from.
    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        Vec::new()
    }

    /// The kind's own rules.
    fn check(&self, _at: &At<'_>, _stream: &Stream, _out: &mut Vec<Violation>) {}

    /// The resources the template creates for the action, by logical id before the prefix,
    /// each with what it is (the stream rules keep parameters off these ids).
    fn resource_ids(&self, _cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Grants the pipeline role what the action needs; `config` is as emitted. Every kind
    /// states its grants, even when they are none.
    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]);

    /// Sets declaration fields beyond the configuration (timeouts, commands).
    fn declare(&self, _decl: &mut PipelineAction) {}

    /// Reading a template back (`import`): the properties one configuration value gives, for
    /// a key whose value is not simply a property's text (a JSON list of variables); `None`
    /// for the others, or when the value is not one the kind writes.
    fn read_config(_key: &str, _text: &str) -> Option<Vec<(String, PropValue)>> {
        None
    }

    /// Reading a template back (`import`): what the kind makes of the resource that a
    /// generated configuration value names; `None` for a kind that generates nothing there.
    #[cfg_attr(not(feature = "import"), allow(dead_code))]
    fn read_generated(&self, _g: &Generated<'_>) -> Option<ReadBack> {
        None
    }
}

/// [`Kind`] as an object, so the engines can drive any kind.
pub(crate) trait DynKind {
    /// The kind's declaration.
    fn info(&self) -> &'static KindInfo;
    /// See [`Kind::emitted_type`].
    fn emitted_type(&self, stream: &Stream) -> ActionType<'_>;
    /// See [`Kind::artifacts`].
    fn artifacts(&self) -> Option<Artifacts>;
    /// See [`Kind::configuration`].
    fn configuration<'a>(&'a self, cx: &ConfigCx<'a>) -> Vec<Entry<'a>>;
    /// See [`Kind::custom_configuration`].
    fn custom_configuration(&self) -> Vec<(&str, &Text)>;
    /// See [`Kind::check`].
    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>);
    /// See [`Kind::SHAPES`].
    fn shapes(&self) -> &'static [(&'static str, Shape)];
    /// See [`Kind::resource_ids`].
    fn resource_ids(&self, cx: &ConfigCx<'_>) -> Vec<(String, String)>;
    /// See [`Kind::grant`].
    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]);
    /// See [`Kind::declare`].
    fn declare(&self, decl: &mut PipelineAction);
    /// See [`Kind::read_generated`].
    #[cfg_attr(not(feature = "import"), allow(dead_code))]
    fn read_generated(&self, g: &Generated<'_>) -> Option<ReadBack>;
}

impl<K: Kind> DynKind for K {
    fn info(&self) -> &'static KindInfo {
        &Self::INFO_REF.0
    }
    fn emitted_type(&self, stream: &Stream) -> ActionType<'_> {
        Kind::emitted_type(self, stream)
    }
    fn artifacts(&self) -> Option<Artifacts> {
        Kind::artifacts(self)
    }
    fn configuration<'a>(&'a self, cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        Kind::configuration(self, cx)
    }
    fn custom_configuration(&self) -> Vec<(&str, &Text)> {
        Kind::custom_configuration(self)
    }
    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>) {
        Kind::check(self, at, stream, out)
    }
    fn shapes(&self) -> &'static [(&'static str, Shape)] {
        Self::SHAPES
    }
    fn resource_ids(&self, cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        Kind::resource_ids(self, cx)
    }
    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        Kind::grant(self, cx, config)
    }
    fn declare(&self, decl: &mut PipelineAction) {
        Kind::declare(self, decl)
    }
    fn read_generated(&self, g: &Generated<'_>) -> Option<ReadBack> {
        Kind::read_generated(self, g)
    }
}

impl<K: Kind> Sealed for K {}

impl<K: Kind> KindData for K {
    fn info(&self) -> &'static KindInfo {
        &Self::INFO_REF.0
    }
    fn values(&self) -> Vec<(&'static PropInfo, PropValue)> {
        K::PROPS
            .iter()
            .filter_map(|p| (p.get)(self).map(|v| (&p.info, v)))
            .collect()
    }
    fn action_type(&self) -> ActionType<'_> {
        Kind::action_type(self)
    }
    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        Kind::implied_inputs(self)
    }
    fn clone_box(&self) -> Box<dyn KindData> {
        Box::new(self.clone())
    }
    fn eq_dyn(&self, other: &dyn KindData) -> bool {
        other.as_any().downcast_ref::<K>() == Some(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Gives every kind a `'static` reference to its [`KindInfo`].
trait InfoRef {
    const INFO_REF: &'static InfoCell;
}

/// A [`KindInfo`] in a static place.
struct InfoCell(KindInfo);

impl<K: Kind> InfoRef for K {
    const INFO_REF: &'static InfoCell = &InfoCell(K::INFO);
}

/// The value a configuration key was emitted with.
pub(crate) fn emitted(config: &[(String, Expr)], key: &str) -> Option<Expr> {
    config
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// Declares a kind's struct: its doc, keyword, place and properties, the required ones in a
/// `required { .. }` block, then the others in an `optional { .. }` block. From it come the struct, its [`Props`], the builder
/// constructor named like the keyword (the required properties in order), the setters of
/// every property on [`ActionBuilder`], and the `Required` struct the `stream!` macro's
/// expansion fills by property name.
///
/// ```ignore
/// kind! {
///     /// A CodeCommit source.
///     #[kind(codecommit, source)]
///     pub struct CodeCommit {
///         required {
///             /// The repository's name.
///             repository: String,
///         }
///         optional {
///             /// Poll for changes.
///             poll: bool,
///         }
///     }
/// }
/// ```
macro_rules! kind {
    (
        $(#[doc = $doc:literal])*
        #[kind($keyword:ident, $place:ident)]
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::kit::typed! {
            $(#[doc = $doc])*
            #[typed($keyword, $crate::kit::kind!(@place $place), ActionBuilder)]
            pub struct $name { $($body)* }
        }
        $crate::kit::kind!(@placed $place $name);
    };
    (@place source) => { $crate::kit::Place::Source };
    (@place step) => { $crate::kit::Place::Step };
    (@place any) => { $crate::kit::Place::Any };
    (@placed source $name:ident) => {
        impl $crate::kit::SourceKind for $name {}
    };
    (@placed step $name:ident) => {
        impl $crate::kit::StepKind for $name {}
    };
    (@placed any $name:ident) => {
        impl $crate::kit::SourceKind for $name {}
        impl $crate::kit::StepKind for $name {}
    };
}
pub(crate) use kind;

/// What `kind!` and `rule_type!` share: a struct of declared properties, its [`Props`], the
/// constructor named like the keyword (the required properties in order), a setter for every
/// property on the builder `$builder<Self>`, and the `Required` struct the `stream!` macro's
/// expansion fills by property name.
macro_rules! typed {
    (
        $(#[doc = $doc:literal])*
        #[typed($keyword:ident, $place:expr, $builder:ident)]
        pub struct $name:ident {
            $(required {
                $( $(#[doc = $rdoc:literal])* $req:ident : $rty:ty ),* $(,)?
            })?
            $(optional {
                $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),* $(,)?
            })?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $($( $(#[doc = $rdoc])* pub $req: $rty, )*)?
            $($( $(#[doc = $fdoc])* pub $field: $ty, )*)?
        }

        impl $crate::kit::Props for $name {
            const KEYWORD: &'static str = stringify!($keyword);
            const MODULE: &'static str = module_path!();
            const DOC: &'static str = concat!($($doc, "\n"),*);
            const PLACE: $crate::kit::Place = $place;
            const PROPS: &'static [$crate::model::props::Prop<Self>] = &[
                $($( $crate::kit::typed!(@prop $req: $rty, $($rdoc)*), )*)?
                $($( $crate::kit::typed!(@prop $field: $ty, $($fdoc)*), )*)?
            ];
            const PROP_INFO: &'static [$crate::model::props::PropInfo] = &[
                $($( $crate::kit::typed!(@info $req: $rty, $($rdoc)*), )*)?
                $($( $crate::kit::typed!(@info $field: $ty, $($fdoc)*), )*)?
            ];
        }

        const _: () = {
            // The `required` block holds exactly the properties that must be given.
            $($( assert!(<$rty as $crate::model::props::PropKind>::REQUIRED, concat!(
                "`", stringify!($req), "` is in `required` but its type has a default"
            )); )*)?
            $($( assert!(!<$ty as $crate::model::props::PropKind>::REQUIRED, concat!(
                "`", stringify!($field), "` must be given: move it into `required`"
            )); )*)?
        };

        /// The required properties, by name: what the `stream!` macro's expansion fills, so
        /// that no property can be swapped or left out.
        #[doc(hidden)]
        pub struct Required {
            $($( $(#[doc = $rdoc])* pub $req: $rty, )*)?
        }

        impl Required {
            /// The builder with these properties.
            pub fn build(self, name: impl Into<String>) -> $crate::kit::$builder<$name> {
                #[allow(unused_mut)]
                let mut kind = $name::default();
                $($( kind.$req = self.$req; )*)?
                $crate::kit::$builder::new(name, kind)
            }
        }

        $(#[doc = $doc])*
        pub fn $keyword(
            name: impl Into<String>,
            $($( $req: impl $crate::model::props::IntoProp<$rty>, )*)?
        ) -> $crate::kit::$builder<$name> {
            #[allow(unused_mut)]
            let mut kind = $name::default();
            $($( $crate::model::props::IntoProp::into_prop($req, &mut kind.$req); )*)?
            $crate::kit::$builder::new(name, kind)
        }

        impl $crate::kit::$builder<$name> {
            $($(
                $(#[doc = $rdoc])*
                pub fn $req(mut self, value: impl $crate::model::props::IntoProp<$rty>) -> Self {
                    $crate::model::props::IntoProp::into_prop(value, &mut self.kind.$req);
                    self
                }
            )*)?
            $($(
                $(#[doc = $fdoc])*
                pub fn $field(mut self, value: impl $crate::model::props::IntoProp<$ty>) -> Self {
                    $crate::model::props::IntoProp::into_prop(value, &mut self.kind.$field);
                    self
                }
            )*)?
        }
    };
    (@prop $field:ident : $ty:ty, $($fdoc:literal)*) => {
        $crate::model::props::Prop {
            info: $crate::kit::typed!(@info $field: $ty, $($fdoc)*),
            get: |k| $crate::model::props::PropKind::to_prop(&k.$field),
            set: |k, v| {
                k.$field = $crate::model::props::PropKind::from_prop(v)?;
                Ok(())
            },
        }
    };
    (@info $field:ident : $ty:ty, $($fdoc:literal)*) => {
        $crate::model::props::PropInfo {
            key: stringify!($field),
            ty: <$ty as $crate::model::props::PropKind>::TYPE,
            required: <$ty as $crate::model::props::PropKind>::REQUIRED,
            doc: concat!($($fdoc, "\n"),*),
        }
    };
}
pub(crate) use typed;
