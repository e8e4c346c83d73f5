//! Pictures of a value stream: a Mermaid flowchart (renders in GitHub pull requests and
//! Markdown), Graphviz DOT, and a standalone SVG value stream map in the classic layout.
//!
//! Each picture shows every step with its wait time (WT), process time (PT) and %C&A, marks the
//! critical path, and draws unmeasured steps dashed with `?` for the missing figures.
//!
//! ```
//! use vsm_dsl::kinds::Mock;
//! use vsm_dsl::model::{Action, Stage, Stream};
//!
//! let mut stage = Stage::new("Test");
//! stage.actions.push(Action::new("Unit", Mock::default()));
//! let mut stream = Stream::new("demo");
//! stream.stages.push(stage);
//!
//! assert!(vsm_dsl::render::mermaid(&stream).starts_with("flowchart LR"));
//! assert!(vsm_dsl::render::dot(&stream).starts_with("digraph"));
//! assert!(vsm_dsl::render::svg(&stream).starts_with("<svg"));
//! ```

pub mod dot;
mod labels;
pub mod mermaid;
pub mod svg;

use crate::analysis::analyze;
use crate::model::Stream;

/// The Mermaid flowchart of `stream` (see [`mermaid::render`]).
pub fn mermaid(stream: &Stream) -> String {
    mermaid::render(&analyze(stream))
}

/// The Graphviz DOT graph of `stream` (see [`dot::render`]).
pub fn dot(stream: &Stream) -> String {
    dot::render(&analyze(stream))
}

/// The SVG value stream map of `stream` (see [`svg::render`]).
pub fn svg(stream: &Stream) -> String {
    svg::render(&analyze(stream))
}

#[cfg(test)]
mod tests;
