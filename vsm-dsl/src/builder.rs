//! The typed builder.
//!
//! Its types keep the stream's shape right while you type: the source stage comes first and
//! takes only source actions, other stages take no source actions, and `build()` exists only
//! once there are at least two stages. Everything else is checked by the rules in `build()`,
//! which reports every violation at once.
//!
//! ```
//! use vsm_dsl::builder::{approval, connection, mock};
//! use vsm_dsl::kinds::GitProvider;
//! use vsm_dsl::time::{hours, mins};
//! use vsm_dsl::ValueStream;
//!
//! let stream = ValueStream::builder("checkout")
//!     .source("Source", |s| {
//!         s.action(connection("App", GitProvider::GitHub, "acme/checkout", "main").outputs(["Src"]))
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
    Action, ActionKind, Annotations, ExecutionMode, PipelineType, Stage, Stream, Tag, TimeScale,
    Trigger, Variable,
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

    /// Adds a live view of the pipeline's executions (an EventBridge rule, a log group and a
    /// CloudWatch dashboard).
    pub fn dashboard(mut self, on: bool) -> Self {
        self.stream.settings.dashboard = on;
        self
    }

    /// Makes mock steps take their modelled wait plus process time at this scale.
    pub fn simulate(mut self, scale: TimeScale) -> Self {
        self.stream.settings.simulate = Some(scale);
        self
    }

    /// Sets the execution mode.
    pub fn execution_mode(mut self, mode: ExecutionMode) -> Self {
        self.stream.settings.execution_mode = Some(mode);
        self
    }

    /// Declares pipeline variables (V2): names, or [`Variable`]s with a default or a
    /// description.
    pub fn variables<V: Into<Variable>>(mut self, variables: impl IntoIterator<Item = V>) -> Self {
        self.stream
            .settings
            .variables
            .extend(variables.into_iter().map(Into::into));
        self
    }

    /// Adds Git triggers (V2).
    pub fn triggers(mut self, triggers: impl IntoIterator<Item = Trigger>) -> Self {
        self.stream.settings.triggers.extend(triggers);
        self
    }

    /// Adds tags: `(key, value)` pairs or [`Tag`]s.
    pub fn tags<T: Into<Tag>>(mut self, tags: impl IntoIterator<Item = T>) -> Self {
        self.stream
            .settings
            .tags
            .extend(tags.into_iter().map(Into::into));
        self
    }

    /// The stream so far, unchecked.
    pub fn as_stream(&self) -> &Stream {
        &self.stream
    }

    /// The stream, unchecked: for [`crate::__private`].
    pub(crate) fn into_stream(self) -> Stream {
        self.stream
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
    pub fn action<K: SourceKind + Into<ActionKind>>(mut self, action: ActionBuilder<K>) -> Self {
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
    pub fn action<K: StepKind + Into<ActionKind>>(mut self, action: ActionBuilder<K>) -> Self {
        self.stage.actions.push(action.finish(self.run_order));
        self
    }

    /// Starts the next run order: what follows runs after everything added so far.
    pub fn then(mut self) -> Self {
        self.run_order = self.stage.next_run_order(self.run_order);
        self
    }
}

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
    annotations: Annotations,
}

impl<K: Into<ActionKind>> ActionBuilder<K> {
    /// An action of this kind; the kinds' constructors ([`connection`], [`codebuild`], ...)
    /// are the usual way in.
    pub fn new(name: impl Into<String>, kind: K) -> Self {
        Self {
            name: name.into(),
            kind,
            run_order: None,
            inputs: Vec::new(),
            outputs: Vec::new(),
            namespace: None,
            annotations: Annotations::default(),
        }
    }

    fn finish(self, default_order: u32) -> Action {
        Action {
            name: self.name,
            run_order: self.run_order.unwrap_or(default_order),
            kind: self.kind.into(),
            inputs: self.inputs,
            outputs: self.outputs,
            namespace: self.namespace,
            annotations: self.annotations,
        }
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

pub use crate::kinds::constructors::*;
