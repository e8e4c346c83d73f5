//! An action of the stream and the parts of its action type.

use serde::{Deserialize, Serialize};

use super::presence::Presence;
use super::props::choice;
use super::{ActionKind, Annotations, Text};

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
    /// The account the action runs in (12 digits), when it is not the pipeline's: the template
    /// of that account creates the role the action assumes, unless `action_role` names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The Region the action runs in (CodePipeline's action `Region`), when it is not the
    /// pipeline's: a Region code or an expression.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::props::opt_text"
    )]
    pub region: Option<Text>,
    /// The role the action assumes (CodePipeline's action `RoleArn`): an IAM role ARN, a
    /// parameter or any expression. Unset, an action in another account assumes the role its
    /// account's template creates; an action in the pipeline's account runs as the pipeline.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::props::opt_text"
    )]
    pub action_role: Option<Text>,
    /// Template conditions that must hold for the action to be in the pipeline.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::presence::one_or_many"
    )]
    pub when: Vec<String>,
    /// Template conditions that must not hold for the action to be in the pipeline.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::presence::one_or_many"
    )]
    pub unless: Vec<String>,
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
            account: None,
            region: None,
            action_role: None,
            when: Vec::new(),
            unless: Vec::new(),
            annotations: Annotations::default(),
        }
    }

    /// When the action is in the pipeline, its stage aside.
    pub fn presence(&self) -> Presence<'_> {
        Presence::of(&self.when, &self.unless)
    }

    /// The input artifacts as emitted: the listed ones, then those the kind implies (a
    /// CloudFormation template's artifact) that are not listed.
    pub fn all_inputs(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.inputs.iter().map(String::as_str).collect();
        for (_, implied) in self.kind.implied_inputs() {
            if !all.contains(&implied) {
                all.push(implied);
            }
        }
        all
    }
}

choice! {
    /// Action categories (CP-TYPE-2).
    pub enum Category {
        /// Source.
        #[default]
        Source = "Source",
        /// Build.
        Build = "Build",
        /// Test.
        Test = "Test",
        /// Deploy.
        Deploy = "Deploy",
        /// Invoke.
        Invoke = "Invoke",
        /// Approval.
        Approval = "Approval",
        /// Compute (Commands).
        Compute = "Compute",
    }
}

choice! {
    /// Action owners (CP-TYPE-1).
    pub enum Owner {
        /// Built-in AWS action types.
        #[default]
        Aws = "AWS",
        /// Partner action types.
        ThirdParty = "ThirdParty",
        /// Registered custom action types.
        Custom = "Custom",
    }
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

impl ActionType<'static> {
    /// A built-in AWS action type, version 1.
    pub const fn aws(category: Category, provider: &'static str) -> Self {
        Self {
            category,
            owner: Owner::Aws,
            provider,
            version: "1",
        }
    }
}

impl ActionType<'_> {
    /// Same owner, category and provider (versions aside).
    pub fn same_type(&self, other: &ActionType<'_>) -> bool {
        self.owner == other.owner
            && self.category == other.category
            && self.provider == other.provider
    }
}

impl std::fmt::Display for ActionType<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.owner, self.category, self.provider)
    }
}
