//! Action kinds: one file per kind, holding everything that kind is.
//!
//! A kind's file declares its struct with `kind!`, whose fields are its properties (the key
//! is the field name in Rust, in the JSON form, in the `stream!` macro and as the builder's
//! setter; the type decides whether it is required), and implements `Kind`: its action
//! type, artifact counts, configuration keys, builder constructor, kind-specific rules, IAM
//! grants and the resources it adds. The builder, the JSON form, the macro's lowering and
//! expansion, the emitter, the rules and the docs tables read the kind only through this
//! module.
//!
//! Adding a kind: write its file, then add one line to the `registry!` call below. The
//! compiler points at any part of `Kind` that is missing; `tests/kinds.rs` checks the
//! declaration against the rule catalogue and the docs.

mod props;
mod values;

pub(crate) use crate::emit::{ActionEmit, ParamSpec};
pub(crate) use props::{choice, record};
pub use props::{Choice, IntoProp, Prop, PropInfo, PropKind, PropType, PropValue, Record};
pub use values::ValueErrors;

use std::fmt;

use crate::cfn::{Expr, PipelineAction};
use crate::diagnostic::Violation;
use crate::model::{Action, ActionType, Stage, Stream};
use crate::rules::At;

/// Where a kind may stand in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Only in the source stage.
    Source,
    /// Only in the stages after it.
    Step,
    /// Either: the action's category decides (the escape hatch).
    Any,
}

/// Valid input and output artifact counts of an action type, with its catalogue row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Artifacts {
    /// Catalogue row (CP-TYPE-M-..).
    pub row: &'static str,
    /// Inputs, min and max.
    pub inputs: (usize, usize),
    /// Outputs, min and max.
    pub outputs: (usize, usize),
}

/// A configuration key of an action type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigKeySpec {
    /// The key, as CodePipeline spells it.
    pub key: &'static str,
    /// CodePipeline refuses the action without it (CP-CONF-3).
    pub required: bool,
}

/// A required configuration key.
pub const fn required(key: &'static str) -> ConfigKeySpec {
    ConfigKeySpec {
        key,
        required: true,
    }
}

/// An optional configuration key.
pub const fn optional(key: &'static str) -> ConfigKeySpec {
    ConfigKeySpec {
        key,
        required: false,
    }
}

/// Builds a kind from `(key, value)` pairs; every problem is reported.
pub type FromValues = fn(Vec<(String, PropValue)>) -> Result<ActionKind, ValueErrors>;

/// A kind as the front ends and the docs see it, without its Rust type.
#[derive(Clone, Copy)]
pub struct KindInfo {
    /// The keyword: JSON `type`, macro keyword, builder constructor.
    pub keyword: &'static str,
    /// The kind's doc comment.
    pub doc: &'static str,
    /// Where it may stand.
    pub place: Place,
    /// Its properties, in declaration order.
    pub props: &'static [PropInfo],
    /// The action types it emits (the escape hatch: none fixed).
    pub types: &'static [ActionType<'static>],
    /// Its artifact counts, when fixed.
    pub artifacts: Option<Artifacts>,
    /// The configuration keys of its action type.
    pub config_keys: &'static [ConfigKeySpec],
    /// Only V2 pipelines run it (CP-V2-7).
    pub v2_only: bool,
    /// The catalogue rules the kind's own checks enforce beyond the shared ones.
    pub rules: &'static [crate::rules::RuleInfo],
    /// Builds the kind from property values.
    pub from_values: FromValues,
}

impl KindInfo {
    /// The first line of the doc comment.
    pub fn summary(&self) -> &'static str {
        self.doc.trim().lines().next().unwrap_or("").trim()
    }

    /// A property by key.
    pub fn prop(&self, key: &str) -> Option<&'static PropInfo> {
        self.props.iter().find(|p| p.key == key)
    }

    /// The required properties, in order: the builder constructor's arguments after the name.
    pub fn required_props(&self) -> impl Iterator<Item = &'static PropInfo> {
        self.props.iter().filter(|p| p.required)
    }
}

impl fmt::Debug for KindInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KindInfo")
            .field("keyword", &self.keyword)
            .finish_non_exhaustive()
    }
}

/// The declared properties of a kind; written by the `kind!` macro.
pub trait Props: Sized + 'static {
    /// The doc comment of the struct.
    const DOC: &'static str;
    /// Where it may stand.
    const PLACE: Place;
    /// Properties with typed access.
    const PROPS: &'static [Prop<Self>];
    /// Properties as the docs and the front ends see them.
    const PROP_INFO: &'static [PropInfo];
}

/// One configuration key of an action: its value and the property it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry<'a> {
    /// The key, as CodePipeline spells it.
    pub key: &'static str,
    /// The kind's property it comes from, if one.
    pub prop: Option<&'static str>,
    /// The value.
    pub value: ConfigValue<'a>,
}

impl<'a> Entry<'a> {
    /// Literal text from a property.
    pub fn text(key: &'static str, prop: &'static str, text: &'a str) -> Self {
        Self {
            key,
            prop: Some(prop),
            value: ConfigValue::Literal(std::borrow::Cow::Borrowed(text)),
        }
    }

    /// Text made from a property.
    pub fn owned(key: &'static str, prop: Option<&'static str>, text: String) -> Self {
        Self {
            key,
            prop,
            value: ConfigValue::Literal(std::borrow::Cow::Owned(text)),
        }
    }

    /// Optional text from a property.
    pub fn opt(key: &'static str, prop: &'static str, text: &'a Option<String>) -> Option<Self> {
        text.as_deref().map(|t| Self::text(key, prop, t))
    }

    /// A template parameter.
    pub fn param(key: &'static str, prop: Option<&'static str>, spec: ParamSpec) -> Self {
        Self {
            key,
            prop,
            value: ConfigValue::Parameter(spec),
        }
    }

    /// A resource the template creates for the action.
    pub fn generated(key: &'static str) -> Self {
        Self {
            key,
            prop: None,
            value: ConfigValue::Generated,
        }
    }
}

/// What goes into the configuration of an action, key by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConfigValue<'a> {
    /// Literal text.
    Literal(std::borrow::Cow<'a, str>),
    /// A template parameter.
    Parameter(ParamSpec),
    /// A resource the template creates for the action: the kind's [`Kind::generate`].
    Generated,
}

/// What the configuration needs to know about the action's place.
pub(crate) struct ConfigCx<'a> {
    /// The stage.
    pub stage: &'a Stage,
    /// The action.
    pub action: &'a Action,
}

/// Everything one kind is, beyond its properties. Implemented in the kind's file.
pub(crate) trait Kind:
    Props + Clone + PartialEq + Default + fmt::Debug + Into<ActionKind>
{
    /// The keyword: JSON `type`, macro keyword, builder constructor.
    const KEYWORD: &'static str;
    /// The action types it emits; the first unless [`Kind::action_type`] says otherwise.
    const TYPES: &'static [ActionType<'static>];
    /// Its artifact counts (the catalogue's matrix row).
    const ARTIFACTS: Option<Artifacts>;
    /// The configuration keys of its action type.
    const CONFIG_KEYS: &'static [ConfigKeySpec];
    /// Only V2 pipelines run it.
    const V2_ONLY: bool = false;
    /// The catalogue rules its checks enforce that the shared list does not name.
    const RULES: &'static [crate::rules::RuleInfo] = &[];
    /// The kind for the registry.
    const INFO: KindInfo = KindInfo {
        keyword: Self::KEYWORD,
        doc: Self::DOC,
        place: Self::PLACE,
        props: Self::PROP_INFO,
        types: Self::TYPES,
        artifacts: Self::ARTIFACTS,
        config_keys: Self::CONFIG_KEYS,
        v2_only: Self::V2_ONLY,
        rules: Self::RULES,
        from_values: values::from_values::<Self>,
    };

    /// Its `ActionTypeId`.
    fn action_type(&self) -> ActionType<'_> {
        Self::TYPES[0]
    }

    /// Its artifact counts, when known.
    fn artifacts(&self) -> Option<Artifacts> {
        Self::ARTIFACTS
    }

    /// The configuration it is emitted with, in a stable order.
    fn configuration(&self, cx: &ConfigCx<'_>) -> Vec<Entry<'_>>;

    /// The escape hatch's own configuration (keys not known in advance).
    fn custom_configuration(&self) -> Vec<(&str, &str)> {
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
    fn resource_ids(&self, _stream: &Stream, _cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The resource behind a [`ConfigValue::Generated`] value of `key`.
    fn generate(&self, key: &'static str, _cx: &mut ActionEmit<'_, '_>) -> Expr {
        Expr::str(format!("<{} has no generated {key}>", Self::KEYWORD))
    }

    /// Grants the pipeline role what the action needs; `config` is as emitted.
    fn grant(&self, _cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {}

    /// Sets declaration fields beyond the configuration (timeouts, commands).
    fn declare(&self, _decl: &mut PipelineAction) {}
}

/// [`Kind`] as an object, so [`ActionKind`] can dispatch without restating every method.
pub(crate) trait DynKind {
    fn info(&self) -> &'static KindInfo;
    fn values(&self) -> Vec<(&'static PropInfo, PropValue)>;
    fn action_type(&self) -> ActionType<'_>;
    fn artifacts(&self) -> Option<Artifacts>;
    fn configuration(&self, cx: &ConfigCx<'_>) -> Vec<Entry<'_>>;
    fn custom_configuration(&self) -> Vec<(&str, &str)>;
    fn implied_inputs(&self) -> Vec<(&'static str, &str)>;
    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>);
    fn resource_ids(&self, stream: &Stream, cx: &ConfigCx<'_>) -> Vec<(String, String)>;
    fn generate(&self, key: &'static str, cx: &mut ActionEmit<'_, '_>) -> Expr;
    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]);
    fn declare(&self, decl: &mut PipelineAction);
}

impl<K: Kind> DynKind for K {
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
    fn artifacts(&self) -> Option<Artifacts> {
        Kind::artifacts(self)
    }
    fn configuration(&self, cx: &ConfigCx<'_>) -> Vec<Entry<'_>> {
        Kind::configuration(self, cx)
    }
    fn custom_configuration(&self) -> Vec<(&str, &str)> {
        Kind::custom_configuration(self)
    }
    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        Kind::implied_inputs(self)
    }
    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>) {
        Kind::check(self, at, stream, out)
    }
    fn resource_ids(&self, stream: &Stream, cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        Kind::resource_ids(self, stream, cx)
    }
    fn generate(&self, key: &'static str, cx: &mut ActionEmit<'_, '_>) -> Expr {
        Kind::generate(self, key, cx)
    }
    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        Kind::grant(self, cx, config)
    }
    fn declare(&self, decl: &mut PipelineAction) {
        Kind::declare(self, decl)
    }
}

/// Gives every kind a `'static` reference to its [`KindInfo`].
pub(crate) trait InfoRef {
    const INFO_REF: &'static InfoCell;
}

/// A [`KindInfo`] in a static place.
pub(crate) struct InfoCell(pub KindInfo);

impl<K: Kind> InfoRef for K {
    const INFO_REF: &'static InfoCell = &InfoCell(K::INFO);
}

/// Declares a kind's struct: its doc, where it stands, and its properties.
///
/// ```ignore
/// kind! {
///     /// A CodeBuild build or test.
///     #[place(step)]
///     pub struct CodeBuild {
///         /// Build or test; `Build` when unset.
///         category: Option<CodeBuildCategory>,
///     }
/// }
/// ```
macro_rules! kind {
    (
        $(#[doc = $doc:literal])*
        #[place($place:ident)]
        pub struct $name:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            $( $(#[doc = $fdoc])* pub $field: $ty, )*
        }

        impl $crate::kinds::Props for $name {
            const DOC: &'static str = concat!($($doc, "\n"),*);
            const PLACE: $crate::kinds::Place = $crate::kinds::kind!(@place $place);
            const PROPS: &'static [$crate::kinds::Prop<Self>] = &[
                $( $crate::kinds::Prop {
                    info: $crate::kinds::kind!(@info $field: $ty, $($fdoc)*),
                    get: |k| $crate::kinds::PropKind::to_prop(&k.$field),
                    set: |k, v| {
                        k.$field = $crate::kinds::PropKind::from_prop(v)?;
                        Ok(())
                    },
                }, )*
            ];
            const PROP_INFO: &'static [$crate::kinds::PropInfo] = &[
                $( $crate::kinds::kind!(@info $field: $ty, $($fdoc)*), )*
            ];
        }

        $crate::kinds::kind!(@placed $place $name);

        impl $crate::builder::ActionBuilder<$name> {
            $(
                $(#[doc = $fdoc])*
                pub fn $field(mut self, value: impl $crate::kinds::IntoProp<$ty>) -> Self {
                    $crate::kinds::IntoProp::into_prop(value, &mut self.kind.$field);
                    self
                }
            )*
        }
    };
    (@info $field:ident : $ty:ty, $($fdoc:literal)*) => {
        $crate::kinds::PropInfo {
            key: stringify!($field),
            ty: <$ty as $crate::kinds::PropKind>::TYPE,
            required: <$ty as $crate::kinds::PropKind>::REQUIRED,
            doc: concat!($($fdoc, "\n"),*),
        }
    };
    (@place source) => { $crate::kinds::Place::Source };
    (@place step) => { $crate::kinds::Place::Step };
    (@place any) => { $crate::kinds::Place::Any };
    (@placed source $name:ident) => {
        impl $crate::builder::SourceKind for $name {}
    };
    (@placed step $name:ident) => {
        impl $crate::builder::StepKind for $name {}
    };
    (@placed any $name:ident) => {
        impl $crate::builder::SourceKind for $name {}
        impl $crate::builder::StepKind for $name {}
    };
}
pub(crate) use kind;

/// Registers the kinds: one line each, `module::Kind`. The module holds the kind's struct,
/// its [`Kind`] impl and its builder constructor, a function named like the module.
macro_rules! registry {
    ($( $module:ident :: $kind:ident ),* $(,)?) => {
        $( pub mod $module; pub use $module::*; )*

        /// What an action does: one variant per kind (see [`KINDS`]).
        #[derive(Debug, Clone, PartialEq)]
        pub enum ActionKind {
            $(
                #[doc = concat!("See [`", stringify!($kind), "`].")]
                $kind($kind),
            )*
        }

        impl ActionKind {
            pub(crate) fn as_dyn(&self) -> &dyn DynKind {
                match self {
                    $( Self::$kind(k) => k, )*
                }
            }
        }

        $(
            impl From<$kind> for ActionKind {
                fn from(k: $kind) -> Self {
                    Self::$kind(k)
                }
            }
        )*

        /// Every kind, in registration order.
        pub const KINDS: &[&KindInfo] = &[ $( &<$kind as InfoRef>::INFO_REF.0, )* ];

        /// The builder's constructors, one per kind.
        pub mod constructors {
            $( pub use super::$module::$module; )*
        }

        const _: () = {
            // Every registered type is the kind its module declares.
            $( let _: fn(&$kind) -> &dyn DynKind = |k| k; )*
        };
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
}

impl ActionKind {
    /// The kind's registry entry.
    pub fn info(&self) -> &'static KindInfo {
        self.as_dyn().info()
    }

    /// The keyword: JSON `type`, macro keyword, builder constructor.
    pub fn keyword(&self) -> &'static str {
        self.info().keyword
    }

    /// The properties that are set, in declaration order.
    pub fn values(&self) -> Vec<(&'static PropInfo, PropValue)> {
        self.as_dyn().values()
    }

    /// Builds a kind from its keyword and property values; every problem is reported.
    pub fn from_values(
        keyword: &str,
        values: Vec<(String, PropValue)>,
    ) -> Result<Self, ValueErrors> {
        match find(keyword) {
            Some(info) => (info.from_values)(values),
            None => Err(ValueErrors::unknown_kind(keyword)),
        }
    }

    /// The action's `ActionTypeId`.
    pub fn action_type(&self) -> ActionType<'_> {
        self.as_dyn().action_type()
    }

    /// Valid artifact counts, when the action type is known.
    pub fn artifacts(&self) -> Option<Artifacts> {
        self.as_dyn().artifacts()
    }

    /// True for source actions.
    pub fn is_source(&self) -> bool {
        self.action_type().category == crate::model::Category::Source
    }

    /// Input artifacts the kind implies beyond the ones listed (a template's artifact), with
    /// the configuration key each comes from.
    pub fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        self.as_dyn().implied_inputs()
    }
}

/// The kind of a keyword.
pub fn find(keyword: &str) -> Option<&'static KindInfo> {
    KINDS.iter().copied().find(|k| k.keyword == keyword)
}

/// The artifact counts and configuration keys of an action type: from the kind that emits
/// it, else from the catalogue's rows for types vsm has no kind for.
pub fn type_facts(t: &ActionType<'_>) -> Option<(Artifacts, &'static [ConfigKeySpec])> {
    KINDS
        .iter()
        .find(|k| k.types.iter().any(|kt| kt.same_type(t)))
        .and_then(|k| k.artifacts.map(|a| (a, k.config_keys)))
        .or_else(|| crate::rules::other_type(t).map(|a| (a, &[][..])))
}

/// The value a configuration key was emitted with.
pub(crate) fn emitted(config: &[(String, Expr)], key: &str) -> Option<Expr> {
    config
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

/// Where a provider exists: `Owner/Category` of every known type with that provider.
pub(crate) fn homes(provider: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let types = KINDS
        .iter()
        .flat_map(|k| k.types.iter().copied())
        .chain(crate::rules::other_types());
    for t in types.filter(|t| t.provider == provider) {
        let home = format!("{}/{}", t.owner, t.category);
        if !out.contains(&home) {
            out.push(home);
        }
    }
    out
}
