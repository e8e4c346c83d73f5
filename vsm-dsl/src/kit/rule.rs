//! What a rule type of a stage condition is built from: the [`RuleType`] trait every rule type
//! implements, the `rule_type!` declaration, the builder of one rule and where a rule's checks
//! look ([`RuleAt`]).
//!
//! A rule type is declared like a kind (`crate::kinds`): its properties once, in its own file
//! (`crate::conditions`), from which come the builder constructor and setters, the JSON form,
//! the `stream!` macro's reading, the import and the docs table.

use std::any::Any;
use std::fmt;

use super::config::Entry;
use super::emit::Grants;
use crate::catalogue::RuleId;
use crate::cfn::{Expr, RuleDeclaration};
use crate::diagnostic::{Field, Location, Violation};
use crate::model::condition::{RuleData, RuleSealed};
use crate::model::kind::{fill, Props, ValueErrors};
use crate::model::props::{PropInfo, PropValue};
use crate::model::{ConditionPlace, Rule, RuleKind, RuleTypeInfo, Stage, Stream, Text};

/// Builds rule type `R` from property values; every problem is reported.
pub(crate) fn rule_from_values<R: RuleType>(
    values: Vec<(String, PropValue)>,
) -> Result<RuleKind, ValueErrors> {
    fill::<R>((R::KEYWORD, "rule"), R::PROPS, R::PROP_INFO, values).map(Into::into)
}

/// Everything one rule type is, beyond its properties. Implemented in the rule type's file.
pub(crate) trait RuleType:
    Props + Clone + PartialEq + Default + fmt::Debug + Send + Sync
{
    /// The `RuleTypeId` provider.
    const PROVIDER: &'static str;
    /// Input artifact counts, min and max.
    const INPUTS: (usize, usize) = (0, 0);
    /// A `SKIP` entry condition may hold it (CP-COND-7).
    const SKIPS: bool = false;
    /// The catalogue rules its checks enforce.
    const RULES: &'static [RuleId] = &[];
    /// The rule type for the registry.
    const INFO: RuleTypeInfo = RuleTypeInfo {
        keyword: Self::KEYWORD,
        module: Self::MODULE,
        doc: Self::DOC,
        provider: Self::PROVIDER,
        props: Self::PROP_INFO,
        inputs: Self::INPUTS,
        skips: Self::SKIPS,
        rules: Self::RULES,
        from_values: rule_from_values::<Self>,
    };

    /// Its configuration, in a stable order (literal text or expressions only).
    fn configuration(&self) -> Vec<Entry<'_>>;

    /// Sets declaration fields beyond the configuration (commands).
    fn declare(&self, _decl: &mut RuleDeclaration) {}

    /// Its properties that the declaration carries outside the configuration (commands), as
    /// the import reads them back.
    #[cfg_attr(not(feature = "import"), allow(dead_code))]
    fn declared(_decl: &RuleDeclaration) -> Vec<(String, PropValue)> {
        Vec::new()
    }

    /// Its own rules.
    fn check(&self, _at: &RuleAt<'_>, _stream: &Stream, _out: &mut Vec<Violation>) {}

    /// Grants the role the rule runs as what it needs; `region` is where it runs.
    fn grant(&self, grants: &mut Grants, stream: &Stream, region: Option<&Text>);
}

/// [`RuleType`] as an object, so the engines can drive any rule type.
pub(crate) trait DynRuleType {
    /// See [`RuleType::configuration`].
    fn configuration(&self) -> Vec<Entry<'_>>;
    /// See [`RuleType::declare`].
    fn declare(&self, decl: &mut RuleDeclaration);
    /// See [`RuleType::check`].
    fn check(&self, at: &RuleAt<'_>, stream: &Stream, out: &mut Vec<Violation>);
    /// See [`RuleType::grant`].
    fn grant(&self, grants: &mut Grants, stream: &Stream, region: Option<&Text>);
}

impl<R: RuleType> DynRuleType for R {
    fn configuration(&self) -> Vec<Entry<'_>> {
        RuleType::configuration(self)
    }
    fn declare(&self, decl: &mut RuleDeclaration) {
        RuleType::declare(self, decl)
    }
    fn check(&self, at: &RuleAt<'_>, stream: &Stream, out: &mut Vec<Violation>) {
        RuleType::check(self, at, stream, out)
    }
    fn grant(&self, grants: &mut Grants, stream: &Stream, region: Option<&Text>) {
        RuleType::grant(self, grants, stream, region)
    }
}

impl<R: RuleType> RuleSealed for R {}

impl<R: RuleType> RuleData for R {
    fn info(&self) -> &'static RuleTypeInfo {
        &<Self as RuleInfoRef>::INFO_REF.0
    }
    fn values(&self) -> Vec<(&'static PropInfo, PropValue)> {
        R::PROPS
            .iter()
            .filter_map(|p| (p.get)(self).map(|v| (&p.info, v)))
            .collect()
    }
    fn clone_box(&self) -> Box<dyn RuleData> {
        Box::new(self.clone())
    }
    fn eq_dyn(&self, other: &dyn RuleData) -> bool {
        other.as_any().downcast_ref::<R>() == Some(self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Gives every rule type a `'static` reference to its [`RuleTypeInfo`].
trait RuleInfoRef {
    const INFO_REF: &'static RuleInfoCell;
}

/// A [`RuleTypeInfo`] in a static place.
struct RuleInfoCell(RuleTypeInfo);

impl<R: RuleType> RuleInfoRef for R {
    const INFO_REF: &'static RuleInfoCell = &RuleInfoCell(R::INFO);
}

/// A rule of a stage's condition: where a rule's checks look.
#[derive(Clone, Copy)]
pub(crate) struct RuleAt<'a> {
    /// The stage's index.
    pub si: usize,
    /// The stage.
    pub stage: &'a Stage,
    /// Where the condition applies.
    pub place: ConditionPlace,
    /// The rule's index in its condition.
    pub ri: usize,
    /// The rule.
    pub rule: &'a Rule,
}

impl RuleAt<'_> {
    /// The location of one of the rule's properties.
    pub fn prop(&self, key: &'static str) -> Location {
        Location::stage(
            self.si,
            &self.stage.name,
            Field::RuleProp(self.place.key(), self.ri, key),
        )
    }

    /// The location of the rule as a whole.
    #[allow(dead_code)]
    pub fn rule(&self) -> Location {
        Location::stage(
            self.si,
            &self.stage.name,
            Field::Rule(self.place.key(), self.ri),
        )
    }
}

/// Every rule of every stage condition, with its place, in stream order.
pub(crate) fn rules(stream: &Stream) -> impl Iterator<Item = RuleAt<'_>> {
    stream.stages.iter().enumerate().flat_map(|(si, stage)| {
        stage.settings.conditions().flat_map(move |(place, c)| {
            c.rules.iter().enumerate().map(move |(ri, rule)| RuleAt {
                si,
                stage,
                place,
                ri,
                rule,
            })
        })
    })
}

/// A rule being built; `K` is its type, which decides its setters (one per property).
#[derive(Debug)]
#[must_use]
pub struct RuleBuilder<K> {
    name: String,
    pub(crate) kind: K,
    inputs: Vec<String>,
    region: Option<Text>,
    account: Option<String>,
    role_arn: Option<Text>,
}

impl<K> RuleBuilder<K> {
    /// A rule of this type; the rule types' constructors (`rule::deployment_window`, ...) are
    /// the usual way in.
    pub fn new(name: impl Into<String>, kind: K) -> Self {
        Self {
            name: name.into(),
            kind,
            inputs: Vec::new(),
            region: None,
            account: None,
            role_arn: None,
        }
    }

    /// Adds input artifacts.
    pub fn inputs<S: Into<String>>(mut self, artifacts: impl IntoIterator<Item = S>) -> Self {
        self.inputs.extend(artifacts.into_iter().map(Into::into));
        self
    }

    /// The Region the rule runs in, when not the pipeline's.
    pub fn region(mut self, region: impl Into<Text>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The account the rule runs in (12 digits), when not the pipeline's: that account's
    /// template creates the role it runs as, unless [`Self::role_arn`] names one.
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// The role the rule runs as, when not the pipeline role.
    pub fn role_arn(mut self, role: impl Into<Text>) -> Self {
        self.role_arn = Some(role.into());
        self
    }
}

impl<K: Into<RuleKind>> From<RuleBuilder<K>> for Rule {
    fn from(b: RuleBuilder<K>) -> Self {
        let mut rule = Rule::new(b.name, b.kind);
        rule.inputs = b.inputs;
        rule.region = b.region;
        rule.account = b.account;
        rule.role_arn = b.role_arn;
        rule
    }
}

/// `sts:AssumeRole` on a rule's own role: the rule runs as that role, whose permissions are
/// its owner's.
pub(crate) fn assume(grants: &mut Grants, role: &Text) {
    grants.allow(
        "AssumeRuleRoles",
        &["sts:AssumeRole"],
        super::arn::role_of(role),
    );
}

/// The declaration of a rule with this type, configuration and name (inputs, Region, role and
/// commands set by the caller).
pub(crate) fn declaration(
    name: &str,
    provider: &str,
    configuration: Vec<(String, Expr)>,
) -> RuleDeclaration {
    RuleDeclaration {
        name: name.to_owned(),
        rule_type_id: crate::cfn::RuleTypeId {
            category: "Rule".to_owned(),
            owner: "AWS".to_owned(),
            provider: provider.to_owned(),
            version: "1".to_owned(),
        },
        configuration: crate::cfn::OrderedMap(configuration),
        input_artifacts: Vec::new(),
        region: None,
        role_arn: None,
        commands: Vec::new(),
    }
}

/// Declares a rule type's struct, like `kind!` declares a kind's: its doc, keyword and
/// properties (`required { .. }` then `optional { .. }`).
macro_rules! rule_type {
    (
        $(#[doc = $doc:literal])*
        #[rule($keyword:ident)]
        pub struct $name:ident { $($body:tt)* }
    ) => {
        $crate::kit::typed! {
            $(#[doc = $doc])*
            #[typed($keyword, $crate::kit::Place::Any, RuleBuilder)]
            pub struct $name { $($body)* }
        }
    };
}
pub(crate) use rule_type;
