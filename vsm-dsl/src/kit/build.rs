//! The builder of one action, generic over its kind: the setters of a kind's properties are
//! generated on it by `kind!`.

use std::time::Duration;

use crate::model::{Action, ActionKind, Annotations, Text};

/// Kinds the source stage accepts.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a source action",
    label = "not a source action",
    note = "the source stage takes `connection`, `s3_source`, `codecommit`, `ecr` or `custom` actions; put other steps in a later `.stage(...)`"
)]
pub trait SourceKind {}
/// Kinds the stages after the source stage accept.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a source action, which belongs in the source stage",
    label = "source action outside the source stage",
    note = "move it into `.source(...)` (CP-STRUCT-8)"
)]
pub trait StepKind {}

/// An action being built; `K` is its kind, which decides where it may go and which setters
/// it has (one per property of the kind, named like the property).
#[derive(Debug)]
#[must_use]
pub struct ActionBuilder<K> {
    name: String,
    pub(crate) kind: K,
    run_order: Option<u32>,
    inputs: Vec<String>,
    outputs: Vec<String>,
    namespace: Option<String>,
    account: Option<String>,
    region: Option<Text>,
    action_role: Option<Text>,
    when: Vec<String>,
    unless: Vec<String>,
    annotations: Annotations,
}

impl<K: Into<ActionKind>> ActionBuilder<K> {
    /// An action of this kind; the kinds' constructors ([`crate::builder::connection`],
    /// [`crate::builder::codebuild`], ...) are the usual way in.
    pub fn new(name: impl Into<String>, kind: K) -> Self {
        Self {
            name: name.into(),
            kind,
            run_order: None,
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

    /// The action, at this run order unless one was set.
    pub(crate) fn finish(self, default_order: u32) -> Action {
        let mut action = Action::new(self.name, self.kind);
        action.run_order = self.run_order.unwrap_or(default_order);
        action.inputs = self.inputs;
        action.outputs = self.outputs;
        action.namespace = self.namespace;
        action.account = self.account;
        action.region = self.region;
        action.action_role = self.action_role;
        action.when = self.when;
        action.unless = self.unless;
        action.annotations = self.annotations;
        action
    }
}

impl<K> ActionBuilder<K> {
    /// Sets the run order explicitly instead of taking the stage's current one.
    pub fn run_order(mut self, order: u32) -> Self {
        self.run_order = Some(order);
        self
    }

    /// Adds output artifacts.
    pub fn outputs<S: Into<String>>(mut self, artifacts: impl IntoIterator<Item = S>) -> Self {
        self.outputs.extend(artifacts.into_iter().map(Into::into));
        self
    }

    /// Sets the variable namespace.
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.namespace = Some(namespace.into());
        self
    }

    /// Runs the action in another account (12 digits): it assumes the role that account's
    /// template creates, unless [`action_role`](Self::action_role) names one.
    pub fn account(mut self, account: impl Into<String>) -> Self {
        self.account = Some(account.into());
        self
    }

    /// Runs the action in another Region: a Region code, or an expression.
    pub fn region(mut self, region: impl Into<Text>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The role the action assumes: an IAM role ARN, or an expression (`param("Role")`).
    pub fn action_role(mut self, role: impl Into<Text>) -> Self {
        self.action_role = Some(role.into());
        self
    }

    /// Puts the action in the pipeline only when a template condition the stream declares
    /// holds (`Fn::If` around it); call again for more conditions, all of which must hold.
    pub fn when(mut self, condition: impl Into<String>) -> Self {
        self.when.push(condition.into());
        self
    }

    /// Puts the action in the pipeline only when a template condition does not hold: with
    /// [`when`](Self::when) on the same condition, two actions are alternatives.
    pub fn unless(mut self, condition: impl Into<String>) -> Self {
        self.unless.push(condition.into());
        self
    }

    /// Sets the process time (hands-on time).
    pub fn process(mut self, time: Duration) -> Self {
        self.annotations.process_time = Some(time);
        self
    }

    /// Sets the wait time before the step starts.
    pub fn wait(mut self, time: Duration) -> Self {
        self.annotations.wait_time = Some(time);
        self
    }

    /// Sets %C&A (0–100).
    pub fn ca(mut self, percent: f64) -> Self {
        self.annotations.complete_accurate = Some(percent);
        self
    }
}

impl<K: StepKind> ActionBuilder<K> {
    /// Adds input artifacts.
    pub fn inputs<S: Into<String>>(mut self, artifacts: impl IntoIterator<Item = S>) -> Self {
        self.inputs.extend(artifacts.into_iter().map(Into::into));
        self
    }
}
