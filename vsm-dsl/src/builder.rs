//! The typed builder.
//!
//! Its types keep the stream's shape right while you type: the source stage comes first and
//! takes only source actions, other stages take no source actions, and `build()` exists only
//! once there are at least two stages. Everything else is checked by the rules in `build()`,
//! which reports every violation at once.
//!
//! ```
//! use vsm_dsl::builder::{approval, connection, mock};
//! use vsm_dsl::model::GitProvider;
//! use vsm_dsl::time::{hours, mins};
//! use vsm_dsl::ValueStream;
//!
//! let stream = ValueStream::builder("checkout")
//!     .source("Source", |s| {
//!         s.action(connection("App", GitProvider::GitHub, "acme/checkout", "main").output("Src"))
//!     })
//!     .stage("Test", |s| {
//!         s.action(mock("Unit").process(mins(10)).wait(mins(5)))
//!             .action(mock("Lint").process(mins(2)))
//!             .then()
//!             .action(approval("QA").custom_data("Exploratory tests done?").wait(hours(20)).ca(80.0))
//!     })
//!     .build()
//!     .expect("a valid stream");
//! assert_eq!(stream.stages[1].actions[2].run_order, 2);
//! ```

use std::marker::PhantomData;
use std::time::Duration;

use crate::diagnostic::ValidationErrors;
use crate::model::{
    Action, ActionKind, ApprovalAction, ArtifactPath, Buildspec, Capability, Category,
    CfnActionMode, CloudFormationAction, CodeBuildAction, CodeBuildCategory, ComputeType,
    ConnectionSource, CustomAction, ExecutionMode, GitProvider, Owner, PipelineType,
    PolicyStatement, RoleSource, Stage, Stream, Tag, Trigger, Variable,
};
use crate::stream::ValueStream;

/// Builder state: no stage yet.
#[derive(Debug)]
pub struct NeedsSource;
/// Builder state: the source stage, and nothing after it yet.
#[derive(Debug)]
pub struct NeedsStage;
/// Builder state: at least two stages.
#[derive(Debug)]
pub struct Ready;

mod sealed {
    pub trait Sealed {}
}

/// Builder states that still lack the source stage.
#[diagnostic::on_unimplemented(
    message = "the value stream already has its source stage",
    label = "a second source stage",
    note = "put every source action in the one source stage: `.source(\"Source\", |s| s.action(..).action(..))`"
)]
pub trait CanAddSource: sealed::Sealed {}
/// Builder states that may take another stage.
#[diagnostic::on_unimplemented(
    message = "add the source stage first: call `.source(...)` before `.stage(...)`",
    label = "no source stage yet",
    note = "CodePipeline runs the stage of source actions first (CP-STRUCT-7)"
)]
pub trait CanAddStage: sealed::Sealed {}
/// Builder states complete enough to build.
#[diagnostic::on_unimplemented(
    message = "a value stream needs a source stage and at least one more stage before `.build()`",
    label = "too few stages",
    note = "add a stage with `.stage(\"Build\", |s| ...)` (CP-STRUCT-5)"
)]
pub trait CanBuild: sealed::Sealed {}

impl sealed::Sealed for NeedsSource {}
impl sealed::Sealed for NeedsStage {}
impl sealed::Sealed for Ready {}
impl CanAddSource for NeedsSource {}
impl CanAddStage for NeedsStage {}
impl CanAddStage for Ready {}
impl CanBuild for Ready {}

/// Builds a [`ValueStream`]; see the [module docs](self).
#[derive(Debug)]
#[must_use = "a builder does nothing until `.build()`"]
pub struct StreamBuilder<S> {
    stream: Stream,
    state: PhantomData<S>,
}

impl StreamBuilder<NeedsSource> {
    /// A builder for a pipeline of this name.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            stream: Stream::new(name),
            state: PhantomData,
        }
    }
}

impl<S> StreamBuilder<S> {
    fn into_state<T>(self) -> StreamBuilder<T> {
        StreamBuilder {
            stream: self.stream,
            state: PhantomData,
        }
    }

    /// Adds the source stage: only source actions are accepted in it.
    pub fn source(
        mut self,
        name: impl Into<String>,
        f: impl FnOnce(SourceStage) -> SourceStage,
    ) -> StreamBuilder<NeedsStage>
    where
        S: CanAddSource,
    {
        let stage = f(SourceStage {
            stage: Stage::new(name),
        })
        .stage;
        self.stream.stages.push(stage);
        self.into_state()
    }

    /// Adds a stage after the ones already there.
    pub fn stage(
        mut self,
        name: impl Into<String>,
        f: impl FnOnce(StageBuilder) -> StageBuilder,
    ) -> StreamBuilder<Ready>
    where
        S: CanAddStage,
    {
        let stage = f(StageBuilder {
            stage: Stage::new(name),
            run_order: 1,
        })
        .stage;
        self.stream.stages.push(stage);
        self.into_state()
    }

    /// Sets the pipeline type (V2 unless set).
    pub fn pipeline_type(mut self, t: PipelineType) -> Self {
        self.stream.settings.pipeline_type = t;
        self
    }

    /// Sets the execution mode.
    pub fn execution_mode(mut self, mode: ExecutionMode) -> Self {
        self.stream.settings.execution_mode = Some(mode);
        self
    }

    /// Declares a pipeline variable with an optional default value.
    pub fn variable(mut self, name: impl Into<String>, default: Option<&str>) -> Self {
        self.stream.settings.variables.push(Variable {
            name: name.into(),
            default: default.map(str::to_owned),
            description: None,
        });
        self
    }

    /// Adds a Git trigger.
    pub fn trigger(mut self, trigger: Trigger) -> Self {
        self.stream.settings.triggers.push(trigger);
        self
    }

    /// Adds a tag.
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.stream.settings.tags.push(Tag {
            key: key.into(),
            value: value.into(),
        });
        self
    }

    /// The stream so far, unchecked.
    pub fn as_stream(&self) -> &Stream {
        &self.stream
    }

    /// Checks the stream against every rule; all violations come back at once.
    pub fn build(self) -> Result<ValueStream, ValidationErrors>
    where
        S: CanBuild,
    {
        ValueStream::new(self.stream)
    }
}

/// The source stage being built.
#[derive(Debug)]
#[must_use]
pub struct SourceStage {
    stage: Stage,
}

impl SourceStage {
    /// Adds a source action (run order 1 unless set).
    pub fn action<K: SourceKind>(mut self, action: ActionBuilder<K>) -> Self {
        self.stage.actions.push(action.finish(1));
        self
    }
}

/// A stage after the source stage, being built.
#[derive(Debug)]
#[must_use]
pub struct StageBuilder {
    stage: Stage,
    run_order: u32,
}

impl StageBuilder {
    /// Adds an action at the current run order: actions added between two `then()` calls run in
    /// parallel.
    pub fn action<K: StepKind>(mut self, action: ActionBuilder<K>) -> Self {
        self.stage.actions.push(action.finish(self.run_order));
        self
    }

    /// Starts the next run order: what follows runs after everything added so far.
    pub fn then(mut self) -> Self {
        let max = self
            .stage
            .actions
            .iter()
            .map(|a| a.run_order)
            .max()
            .unwrap_or(0);
        self.run_order = max.max(self.run_order).saturating_add(1);
        self
    }
}

/// Action kinds, as builder type parameters.
pub mod kind {
    /// A connection source.
    #[derive(Debug)]
    pub struct Connection;
    /// An S3 source.
    #[derive(Debug)]
    pub struct S3Source;
    /// A CodeCommit source.
    #[derive(Debug)]
    pub struct CodeCommit;
    /// An ECR source.
    #[derive(Debug)]
    pub struct Ecr;
    /// A mock step.
    #[derive(Debug)]
    pub struct Mock;
    /// A manual approval.
    #[derive(Debug)]
    pub struct Approval;
    /// A CodeBuild build or test.
    #[derive(Debug)]
    pub struct CodeBuild;
    /// A Lambda invoke.
    #[derive(Debug)]
    pub struct Lambda;
    /// A CloudFormation deploy.
    #[derive(Debug)]
    pub struct CloudFormation;
    /// Any other action type.
    #[derive(Debug)]
    pub struct Custom;
}

/// Kinds the source stage accepts.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a source action",
    label = "not a source action",
    note = "the source stage takes `connection`, `s3_source`, `codecommit` or `ecr` actions; put other steps in a later `.stage(...)`"
)]
pub trait SourceKind {}
/// Kinds the stages after the source stage accept.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is a source action, which belongs in the source stage",
    label = "source action outside the source stage",
    note = "move it into `.source(...)` (CP-STRUCT-8)"
)]
pub trait StepKind {}

impl SourceKind for kind::Connection {}
impl SourceKind for kind::S3Source {}
impl SourceKind for kind::CodeCommit {}
impl SourceKind for kind::Ecr {}
impl StepKind for kind::Mock {}
impl StepKind for kind::Approval {}
impl StepKind for kind::CodeBuild {}
impl StepKind for kind::Lambda {}
impl StepKind for kind::CloudFormation {}
impl StepKind for kind::Custom {}

/// An action being built; `K` is its kind, which decides where it may go and which setters
/// it has.
#[derive(Debug)]
#[must_use]
pub struct ActionBuilder<K> {
    action: Action,
    run_order: Option<u32>,
    kind: PhantomData<K>,
}

fn new<K>(name: impl Into<String>, kind: ActionKind) -> ActionBuilder<K> {
    ActionBuilder {
        action: Action::new(name, kind),
        run_order: None,
        kind: PhantomData,
    }
}

impl<K> ActionBuilder<K> {
    fn finish(mut self, default_order: u32) -> Action {
        self.action.run_order = self.run_order.unwrap_or(default_order);
        self.action
    }

    /// Sets the run order explicitly instead of taking the stage's current one.
    pub fn run_order(mut self, order: u32) -> Self {
        self.run_order = Some(order);
        self
    }

    /// Adds an output artifact.
    pub fn output(mut self, artifact: impl Into<String>) -> Self {
        self.action.outputs.push(artifact.into());
        self
    }

    /// Sets the variable namespace.
    pub fn namespace(mut self, namespace: impl Into<String>) -> Self {
        self.action.namespace = Some(namespace.into());
        self
    }

    /// Sets the process time (hands-on time).
    pub fn process(mut self, time: Duration) -> Self {
        self.action.annotations.process_time = Some(time);
        self
    }

    /// Sets the wait time before the step starts.
    pub fn wait(mut self, time: Duration) -> Self {
        self.action.annotations.wait_time = Some(time);
        self
    }

    /// Sets %C&A (0–100).
    pub fn ca(mut self, percent: f64) -> Self {
        self.action.annotations.complete_accurate = Some(percent);
        self
    }

    fn kind_mut<T>(&mut self, f: impl FnOnce(&mut ActionKind) -> Option<&mut T>) -> &mut T {
        f(&mut self.action.kind).expect("builder kind matches its type parameter")
    }
}

impl<K: StepKind> ActionBuilder<K> {
    /// Adds an input artifact.
    pub fn input(mut self, artifact: impl Into<String>) -> Self {
        self.action.inputs.push(artifact.into());
        self
    }
}

/// A connection source (GitHub, GitLab, Bitbucket); the connection ARN is a template parameter.
pub fn connection(
    name: impl Into<String>,
    provider: GitProvider,
    repository: impl Into<String>,
    branch: impl Into<String>,
) -> ActionBuilder<kind::Connection> {
    new(
        name,
        ActionKind::Connection(ConnectionSource {
            provider,
            repository: repository.into(),
            branch: branch.into(),
            connection_parameter: None,
            full_clone: false,
        }),
    )
}

impl ActionBuilder<kind::Connection> {
    fn source(&mut self) -> &mut ConnectionSource {
        self.kind_mut(|k| match k {
            ActionKind::Connection(c) => Some(c),
            _ => None,
        })
    }

    /// Names the template parameter holding the connection ARN (`ConnectionArn` by default).
    pub fn connection_parameter(mut self, name: impl Into<String>) -> Self {
        self.source().connection_parameter = Some(name.into());
        self
    }

    /// Outputs a full clone reference, readable only by CodeBuild.
    pub fn full_clone(mut self) -> Self {
        self.source().full_clone = true;
        self
    }
}

/// An S3 source.
pub fn s3_source(
    name: impl Into<String>,
    bucket: impl Into<String>,
    key: impl Into<String>,
) -> ActionBuilder<kind::S3Source> {
    new(
        name,
        ActionKind::S3Source {
            bucket: bucket.into(),
            key: key.into(),
        },
    )
}

/// A CodeCommit source.
pub fn codecommit(
    name: impl Into<String>,
    repository: impl Into<String>,
    branch: impl Into<String>,
) -> ActionBuilder<kind::CodeCommit> {
    new(
        name,
        ActionKind::CodeCommit {
            repository: repository.into(),
            branch: branch.into(),
        },
    )
}

/// An ECR source (tag `latest` unless set).
pub fn ecr(name: impl Into<String>, repository: impl Into<String>) -> ActionBuilder<kind::Ecr> {
    new(
        name,
        ActionKind::Ecr {
            repository: repository.into(),
            tag: None,
        },
    )
}

impl ActionBuilder<kind::Ecr> {
    /// Sets the image tag.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        if let ActionKind::Ecr { tag: t, .. } = &mut self.action.kind {
            *t = Some(tag.into());
        }
        self
    }
}

/// A mock step: the template's shared always-succeeding function.
pub fn mock(name: impl Into<String>) -> ActionBuilder<kind::Mock> {
    new(name, ActionKind::Mock)
}

/// A manual approval.
pub fn approval(name: impl Into<String>) -> ActionBuilder<kind::Approval> {
    new(name, ActionKind::Approval(ApprovalAction::default()))
}

impl ActionBuilder<kind::Approval> {
    fn approval(&mut self) -> &mut ApprovalAction {
        self.kind_mut(|k| match k {
            ActionKind::Approval(a) => Some(a),
            _ => None,
        })
    }

    /// Text shown to the approver.
    pub fn custom_data(mut self, text: impl Into<String>) -> Self {
        self.approval().custom_data = Some(text.into());
        self
    }

    /// URL the approver reviews.
    pub fn review_url(mut self, url: impl Into<String>) -> Self {
        self.approval().review_url = Some(url.into());
        self
    }

    /// SNS topic ARN notified when approval is needed.
    pub fn notify(mut self, topic_arn: impl Into<String>) -> Self {
        self.approval().notification_topic = Some(topic_arn.into());
        self
    }

    /// How long the approval waits (5 minutes to 60 days; 7 days by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.approval().timeout = Some(timeout);
        self
    }
}

/// A CodeBuild build; the template creates its project. Reads `buildspec.yml` unless set.
pub fn codebuild(name: impl Into<String>) -> ActionBuilder<kind::CodeBuild> {
    new(
        name,
        ActionKind::CodeBuild(CodeBuildAction {
            category: CodeBuildCategory::Build,
            buildspec: Buildspec::Path("buildspec.yml".to_owned()),
            image: None,
            compute_type: ComputeType::Small,
            primary_source: None,
        }),
    )
}

impl ActionBuilder<kind::CodeBuild> {
    fn build(&mut self) -> &mut CodeBuildAction {
        self.kind_mut(|k| match k {
            ActionKind::CodeBuild(b) => Some(b),
            _ => None,
        })
    }

    /// Makes it a test action.
    pub fn test(mut self) -> Self {
        self.build().category = CodeBuildCategory::Test;
        self
    }

    /// Reads the buildspec from this path in the primary source.
    pub fn buildspec_path(mut self, path: impl Into<String>) -> Self {
        self.build().buildspec = Buildspec::Path(path.into());
        self
    }

    /// Uses this buildspec text.
    pub fn buildspec_inline(mut self, text: impl Into<String>) -> Self {
        self.build().buildspec = Buildspec::Inline(text.into());
        self
    }

    /// Sets the build image.
    pub fn image(mut self, image: impl Into<String>) -> Self {
        self.build().image = Some(image.into());
        self
    }

    /// Sets the compute size.
    pub fn compute(mut self, compute: ComputeType) -> Self {
        self.build().compute_type = compute;
        self
    }

    /// Names the primary source among several inputs.
    pub fn primary_source(mut self, artifact: impl Into<String>) -> Self {
        self.build().primary_source = Some(artifact.into());
        self
    }
}

/// An invoke of an existing Lambda function.
pub fn lambda(name: impl Into<String>, function: impl Into<String>) -> ActionBuilder<kind::Lambda> {
    new(
        name,
        ActionKind::Lambda {
            function: function.into(),
            user_parameters: None,
        },
    )
}

impl ActionBuilder<kind::Lambda> {
    /// Text passed to the function as `UserParameters`.
    pub fn user_parameters(mut self, text: impl Into<String>) -> Self {
        if let ActionKind::Lambda {
            user_parameters, ..
        } = &mut self.action.kind
        {
            *user_parameters = Some(text.into());
        }
        self
    }
}

/// A CloudFormation deploy of a stack (CREATE_UPDATE unless set).
pub fn cloudformation(
    name: impl Into<String>,
    stack_name: impl Into<String>,
) -> ActionBuilder<kind::CloudFormation> {
    new(
        name,
        ActionKind::CloudFormation(CloudFormationAction {
            mode: CfnActionMode::CreateUpdate,
            stack_name: stack_name.into(),
            template: None,
            capabilities: Vec::new(),
            role: None,
            change_set_name: None,
            parameter_overrides: None,
        }),
    )
}

impl ActionBuilder<kind::CloudFormation> {
    fn cfn(&mut self) -> &mut CloudFormationAction {
        self.kind_mut(|k| match k {
            ActionKind::CloudFormation(c) => Some(c),
            _ => None,
        })
    }

    /// Sets the action mode.
    pub fn mode(mut self, mode: CfnActionMode) -> Self {
        self.cfn().mode = mode;
        self
    }

    /// Deploys the template at `path` in `artifact`, and takes `artifact` as an input.
    pub fn template(mut self, artifact: impl Into<String>, path: impl Into<String>) -> Self {
        let artifact = artifact.into();
        if !self.action.inputs.contains(&artifact) {
            self.action.inputs.push(artifact.clone());
        }
        self.cfn().template = Some(ArtifactPath {
            artifact,
            path: path.into(),
        });
        self
    }

    /// Acknowledges a capability.
    pub fn capability(mut self, capability: Capability) -> Self {
        self.cfn().capabilities.push(capability);
        self
    }

    /// Passes this role ARN to CloudFormation.
    pub fn role_arn(mut self, arn: impl Into<String>) -> Self {
        self.cfn().role = Some(RoleSource::Arn(arn.into()));
        self
    }

    /// Takes the role ARN from this template parameter.
    pub fn role_parameter(mut self, parameter: impl Into<String>) -> Self {
        self.cfn().role = Some(RoleSource::Parameter(parameter.into()));
        self
    }

    /// Sets the change set name (change-set modes).
    pub fn change_set(mut self, name: impl Into<String>) -> Self {
        self.cfn().change_set_name = Some(name.into());
        self
    }

    /// Sets `ParameterOverrides` (a JSON object).
    pub fn parameter_overrides(mut self, json: impl Into<String>) -> Self {
        self.cfn().parameter_overrides = Some(json.into());
        self
    }
}

/// Any other action type, written out in full; checked against the artifact matrix where the
/// provider is known.
pub fn custom(
    name: impl Into<String>,
    category: Category,
    owner: Owner,
    provider: impl Into<String>,
) -> ActionBuilder<kind::Custom> {
    new(
        name,
        ActionKind::Custom(CustomAction {
            category,
            owner,
            provider: provider.into(),
            version: "1".to_owned(),
            configuration: Default::default(),
            permissions: Vec::new(),
        }),
    )
}

impl ActionBuilder<kind::Custom> {
    fn custom(&mut self) -> &mut CustomAction {
        self.kind_mut(|k| match k {
            ActionKind::Custom(c) => Some(c),
            _ => None,
        })
    }

    /// Sets the action type version.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.custom().version = version.into();
        self
    }

    /// Sets a configuration value.
    pub fn config(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.custom().configuration.insert(key.into(), value.into());
        self
    }

    /// Grants the pipeline role these IAM actions on these resources, so the action can run.
    pub fn permission<A: Into<String>, R: Into<String>>(
        mut self,
        actions: impl IntoIterator<Item = A>,
        resources: impl IntoIterator<Item = R>,
    ) -> Self {
        self.custom().permissions.push(PolicyStatement {
            actions: actions.into_iter().map(Into::into).collect(),
            resources: resources.into_iter().map(Into::into).collect(),
        });
        self
    }
}
