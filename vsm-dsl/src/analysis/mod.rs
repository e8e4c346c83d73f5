//! Value-stream metrics: lead time, critical path, flow efficiency, rolled %C&A, the constraint,
//! current-versus-future comparison, and text and JSON reports.
//!
//! Formulas (see the value-stream reference of the project):
//!
//! - a step's lead time is WT + PT;
//! - a parallel group (actions of a stage sharing a run order) takes as long as its longest
//!   member, which is on the **critical path**; a stage is the sum of its groups, the stream the
//!   sum of its stages;
//! - process time is the PT along the critical path, **effort** the PT of every step;
//! - **flow efficiency** is critical-path PT / lead time (undefined, `None`, for a zero lead
//!   time);
//! - **rolled %C&A** is the product of every step's %C&A;
//! - the **constraint** is the critical-path step whose wait, removed, shortens lead time most;
//! - a stage condition every change passes through (before entry, on success) is a **gate**:
//!   a step of its own before or after the stage's actions, with the condition's annotations;
//!   unannotated, a gate of deployment windows waits for the window to open (the expected
//!   wait of a change arriving at a random moment, from the cron expression), does no work
//!   and lets every change through. A condition on failure is not on the way of a change
//!   that succeeds, so it is not a step.
//!
//! A step without process or wait time has that time counted as zero and is listed as
//! unmeasured; the coverage figure and every report then say that lead time is a lower bound.
//!
//! ```
//! use std::time::Duration;
//! use vsm_dsl::analysis::analyze;
//! use vsm_dsl::kinds::Mock;
//! use vsm_dsl::model::{Action, Stage, Stream};
//!
//! let mut step = Action::new("Test", Mock::default());
//! step.annotations.wait_time = Some(Duration::from_secs(3 * 3600));
//! step.annotations.process_time = Some(Duration::from_secs(3600));
//! let mut stage = Stage::new("Verify");
//! stage.actions.push(step);
//! let mut stream = Stream::new("demo");
//! stream.stages.push(stage);
//!
//! let metrics = analyze(&stream);
//! assert_eq!(metrics.lead_time, Duration::from_secs(4 * 3600));
//! assert_eq!(metrics.flow_efficiency, Some(25.0));
//! ```

mod compare;
mod constraint;
mod coverage;
mod json;
mod metrics;
mod text;

pub use compare::{
    compare, Comparison, MetricChange, MetricKind, StageChange, StepChange, StepDiff,
};
pub use constraint::Constraint;
pub use coverage::{Coverage, Missing, Unmeasured};
pub use json::{ComparisonJson, StreamJson};
pub use metrics::{
    analyze, gate_name, GroupMetrics, StageMetrics, StepMetrics, StepRef, StreamMetrics,
};
pub use text::{comparison_text, text_report};
#[cfg_attr(
    not(all(feature = "render", feature = "measure")),
    allow(unused_imports)
)]
pub(crate) use text::{constraint_sentence, coverage_sentence};

#[cfg(test)]
pub(crate) mod tests;
