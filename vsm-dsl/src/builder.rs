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

pub use crate::kinds::constructors::*;
pub use crate::kit::{ActionBuilder, RuleBuilder, SourceKind, StepKind};
pub use crate::model::value::{find_in_map, get_att, if_, import_value, join, param, sub};
pub use crate::model::{ConditionResult, RetryMode, StageCondition};

use crate::diagnostic::ValidationErrors;
use crate::model::props::IntoProp;
use crate::model::settings::{
    settings_list, Condition, ExecutionMode, Mapping, Parameter, PipelineType, RegionStore, Tag,
    Trigger, Variable,
};
use crate::model::stage::stage_settings_list;
use crate::model::{ActionKind, Stage, Stream, Targets, Text, TimeScale};

/// The rule types of stage conditions, by their constructors: `rule::deployment_window(..)`,
/// `rule::cloudwatch_alarm(..)`, ... (each returns a [`RuleBuilder`] with a setter per
/// property; a [`StageCondition`] takes it with `.rule(..)`).
pub mod rule {
    pub use crate::conditions::constructors::*;
}
use crate::stream::ValueStream;

impl ValueStream {
    /// Starts a typed builder for a pipeline of this name.
    pub fn builder(name: impl Into<Text>) -> StreamBuilder<NeedsSource> {
        StreamBuilder::new(name)
    }
}

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
    pub fn new(name: impl Into<Text>) -> Self {
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

/// The builder's setting methods: one per setting, generated from the settings' one
/// declaration (`crate::model::settings::settings_list!`). A list setting grows with each
/// call.
macro_rules! setting_methods {
    ($( $(#[doc = $doc:literal])* $field:ident : $ty:ty ),* $(,)?) => {
        impl<S> StreamBuilder<S> {
            $(
                $(#[doc = $doc])*
                pub fn $field(mut self, value: impl IntoProp<$ty>) -> Self {
                    IntoProp::into_prop(value, &mut self.stream.settings.$field);
                    self
                }
            )*
        }
    };
}

settings_list!(setting_methods);

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

    /// Puts the stage in the pipeline only when a template condition the stream declares
    /// holds (`Fn::If` around it); call again for more conditions, all of which must hold.
    pub fn when(mut self, condition: impl Into<String>) -> Self {
        self.stage.when.push(condition.into());
        self
    }

    /// Puts the stage in the pipeline only when a template condition does not hold.
    pub fn unless(mut self, condition: impl Into<String>) -> Self {
        self.stage.unless.push(condition.into());
        self
    }
}

/// The stage builders' setting methods: one per stage setting, generated from the stage
/// settings' one declaration (`crate::model::stage::stage_settings_list!`).
macro_rules! stage_setting_methods {
    ($( $(#[doc = $doc:literal])* $field:ident : $place:ident = $cfn:literal ),* $(,)?) => {
        impl StageBuilder {
            $(
                $(#[doc = $doc])*
                pub fn $field(mut self, condition: impl Into<StageCondition>) -> Self {
                    self.stage.settings.$field = Some(condition.into());
                    self
                }
            )*
        }

        impl SourceStage {
            $(
                $(#[doc = $doc])*
                pub fn $field(mut self, condition: impl Into<StageCondition>) -> Self {
                    self.stage.settings.$field = Some(condition.into());
                    self
                }
            )*
        }
    };
}

stage_settings_list!(stage_setting_methods);
