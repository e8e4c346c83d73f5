//! Measuring the real value stream from a pipeline's execution history: the four key metrics,
//! the pipeline's own failure figures, and per action the process time, wait time and
//! first-pass yield, beside what the stream models.
//!
//! The history comes in the API's own JSON shapes, what `aws codepipeline
//! list-pipeline-executions` and `aws codepipeline list-action-executions` print ([`History`]);
//! the structure from a stream or from what `aws codepipeline get-pipeline` prints
//! ([`Structure`]). No AWS account is needed. [`DEFINITIONS`] states every figure the way the
//! reports and `docs/measure.md` do.
//!
//! ```
//! use vsm_dsl::measure::{measure, History, Input, Structure, Window};
//!
//! let executions = r#"{"pipelineExecutionSummaries": [{
//!     "pipelineExecutionId": "e1", "status": "Succeeded",
//!     "startTime": "2025-03-01T10:00:00Z", "lastUpdateTime": "2025-03-01T10:30:00Z"}]}"#;
//! let actions = r#"{"actionExecutionDetails": [{
//!     "pipelineExecutionId": "e1", "actionExecutionId": "a1",
//!     "stageName": "Deploy", "actionName": "Ship", "status": "Succeeded",
//!     "startTime": 1740823500, "lastUpdateTime": 1740825000}]}"#;
//! let pipeline = r#"{"pipeline": {"name": "shop", "stages": [{"name": "Deploy",
//!     "actions": [{"name": "Ship", "actionTypeId": {"category": "Deploy"}}]}]}}"#;
//!
//! let history = History::from_json(
//!     Input::new("list-pipeline-executions.json", executions),
//!     Input::new("list-action-executions.json", actions),
//! )?;
//! let structure = Structure::from_get_pipeline(Input::new("get-pipeline.json", pipeline))?;
//! let m = measure(&history, &structure, Window::default());
//! assert_eq!(m.delivery.deployments, 1);
//! // Ship started at 10:05 (5 minutes after the execution) and ran 25 minutes.
//! let ship = &m.actions[0];
//! assert_eq!(ship.wait.median, Some(std::time::Duration::from_secs(300)));
//! assert_eq!(ship.process.median, Some(std::time::Duration::from_secs(1500)));
//! # Ok::<(), vsm_dsl::measure::MeasureError>(())
//! ```

mod actions;
mod bootstrap;
mod commits;
mod delivery;
mod dora;
mod error;
mod flow;
mod gates;
#[cfg(feature = "git")]
mod git;
mod history;
mod input;
mod model;
mod report;
mod rework;
mod rules;
mod split;
mod stages;
mod stats;
mod structure;
mod targets;
mod time;
mod trend;

pub use actions::{ActionFigures, Unplaced};
pub use bootstrap::{interval, statistic, Rng, Statistic, Unit as SampleUnit, RESAMPLES, SEED};
pub use commits::{
    attribute, deployments_to_attribute, is_commit_id, marks_rework, pick_source_action,
    ChangeError, CommitGraph, GraphCommit, Shipped, ShippedCommit, Shipper,
};
pub use delivery::{Changes, Delivery, DeploymentSample, Samples};
pub use dora::{
    change_failure_rate_level, deployment_frequency_level, lead_time_level, time_to_restore_level,
    DoraLevels, Level, CITATION, PLACEMENT,
};
pub use error::{MeasureError, Problem};
pub use gates::GateFigures;
#[cfg(feature = "git")]
pub use git::{shipped_from_repository, Repository};
pub use history::{
    ActionExecution, ActionStatus, ExecutionStatus, History, PipelineExecution, SourceRevision,
    ACTIONS_FILE, EXECUTIONS_FILE, PIPELINE_FILE,
};
pub use input::Input;
pub use model::{compare_with_model, measured_stream, Figure, Gap, ModelComparison};
pub use report::{
    differences_csv, markdown_report, scalar_named, sparkline, split_markdown, split_text,
    text_report, trend_csv, trend_text, ActionJson, BeforeAfterJson, DifferenceJson, DoraJson,
    GateJson, MeasureJson, PeriodJson, Scalar, StageJson, TrendJson, Unit, DEFINITIONS, SCALARS,
};
pub use report::{plural_count, wrap_text};
pub use rework::REWORK_CITATION;
pub use rules::{RuleExecution, RuleStatus, RULES_FILE};
pub use split::{differences, Difference, Verdict};
pub use stages::StageFigures;
pub use stats::{percentile, Durations};
pub use structure::{ActionShape, ConditionShape, GroupShape, RuleShape, StageShape, Structure};
pub use targets::{check_targets, targets_markdown, targets_text, verdict, Bound, TargetCheck};
pub use time::Timestamp;
pub use trend::{trend, Every, Period};

/// Bounds on the executions read: an execution is read when it starts within them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// Read executions that start at or after this instant.
    pub since: Option<Timestamp>,
    /// Read executions that start at or before this instant.
    pub until: Option<Timestamp>,
}

impl Window {
    /// True when `start` lies within the bounds.
    pub fn holds(&self, start: Timestamp) -> bool {
        self.since.is_none_or(|s| start >= s) && self.until.is_none_or(|u| start <= u)
    }
}

/// The measured window: from `--since` (or the earliest start read) to `--until` (or the
/// latest last update read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Start of the window.
    pub start: Timestamp,
    /// End of the window.
    pub end: Timestamp,
}

impl Span {
    /// Length in days (zero when the end is not after the start).
    pub fn days(&self) -> f64 {
        self.end.seconds_since(self.start).max(0.0) / 86_400.0
    }
}

/// Everything measured from a history.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// Pipeline name (from the structure).
    pub pipeline: String,
    /// The window; `None` when no execution was read and no bound was given.
    pub window: Option<Span>,
    /// The key metrics and the pipeline's failure figures.
    pub delivery: Delivery,
    /// The key metrics placed in the DORA 2024 performance levels.
    pub dora: DoraLevels,
    /// Figures of every action of the structure, in flow order.
    pub actions: Vec<ActionFigures>,
    /// Figures of every stage of the structure: retries, rollbacks, first-pass yield.
    pub stages: Vec<StageFigures>,
    /// Figures of every gate (a stage condition before entry or on success), in flow order.
    pub gates: Vec<GateFigures>,
    /// Action and rule executions left out: of executions not read, or of actions and rules
    /// not in the structure; and rollbacks that ran no action of the structure.
    pub unplaced: Unplaced,
}

impl Measurement {
    /// The figures of one action, by stage and action name.
    pub fn action(&self, stage: &str, action: &str) -> Option<&ActionFigures> {
        self.actions
            .iter()
            .find(|a| a.stage == stage && a.action == action)
    }

    /// The figures of one stage, by name.
    pub fn stage(&self, stage: &str) -> Option<&StageFigures> {
        self.stages.iter().find(|s| s.stage == stage)
    }

    /// The figures of one gate, by stage and place.
    pub fn gate(&self, stage: &str, place: crate::model::ConditionPlace) -> Option<&GateFigures> {
        self.gates
            .iter()
            .find(|g| g.stage == stage && g.place == place)
    }
}

/// Measures `history` against `structure` over `window`. Never panics: figures that would
/// divide by zero or come from no sample are `None`.
pub fn measure(history: &History, structure: &Structure, window: Window) -> Measurement {
    measure_with(history, structure, window, None)
}

/// [`measure`], with the commits each deployment shipped ([`attribute`], or
/// `shipped_from_repository` with the `git` feature): change lead time, and reverts and
/// hotfixes counted as rework.
pub fn measure_with(
    history: &History,
    structure: &Structure,
    window: Window,
    shipped: Option<&Shipped>,
) -> Measurement {
    let executions: Vec<&PipelineExecution> = history
        .executions
        .iter()
        .filter(|e| window.holds(e.start))
        .collect();
    let start = window
        .since
        .or_else(|| executions.iter().map(|e| e.start).min());
    let end = window
        .until
        .or_else(|| executions.iter().map(|e| e.last_update).max());
    let span = start.zip(end).map(|(start, end)| Span { start, end });
    let seconds = span.map(|s| s.days() * 86_400.0);
    let delivery = delivery::delivery(&executions, seconds, shipped);
    let (actions, gates, mut unplaced) =
        actions::action_figures(structure, &executions, &history.actions, &history.rules);
    let (stages, without_stage) =
        stages::stage_figures(structure, &executions, &history.actions, &history.rules);
    unplaced.rollbacks_without_stage = without_stage;
    Measurement {
        pipeline: structure.name.clone(),
        window: span,
        dora: dora::levels(&delivery),
        delivery,
        actions,
        stages,
        gates,
        unplaced,
    }
}

#[cfg(test)]
mod tests;
