//! The value stream map as one self-contained HTML page, for a workshop on a projector and for
//! sharing afterwards.
//!
//! The page holds the classic map ([`render::svg`](mod@crate::render::svg)) drawn in Rust, so it
//! shows without a script; an inlined script adds pan and zoom (mouse, touch and keyboard),
//! each step's details on hover and on keyboard focus, and a switch between the layers of the
//! page (modelled, measured, future). Beside the map: a panel of the key figures (with their
//! DORA levels when measured), a table of every step (the map's text alternative), and where a
//! history was measured a lead-time scatterplot with its p50, p85 and p95 lines, a weekly
//! throughput chart and a histogram of each step's measured process and wait times. Nothing is
//! fetched: no network request, no font, no image from elsewhere. A print stylesheet lays the
//! page out on A4 or letter, landscape.
//!
//! **The contract for tools and tests.** Each step of a layer's map is an element with
//! `data-step="STAGE/ACTION"` (its row in the table of steps has the same attribute). Each
//! figure shown is an element with `data-metric` and, when the figure is defined,
//! `data-value`: `data-metric` is the figure's place in the JSON report (a JSON Pointer without
//! its leading `/`, such as `lead_time_minutes` or `stages/0/actions/1/wait_minutes`) and
//! `data-value` the number (or DORA level) there, in the JSON's unit, written as the JSON
//! writes it. The report is the one its nearest ancestor's `data-json` names: `report` for
//! `vsm report --json` (with `--compare`, the comparison's JSON), `measure` for
//! `vsm measure --json`, `trend` for `vsm measure --every P --json` (its `periods`), `split`
//! for `vsm measure --split WHEN --json` (its `differences`), `forecast` for `vsm forecast
//! --json`. A figure that is `null` in the JSON has no `data-value`.
//!
//! The bytes of a page depend on its input alone. Opened as `page.html#selftest`, the page
//! checks itself once drawn (every step focusable with its details shown on focus, pan and
//! zoom from the keyboard, layers switching, no script error, text contrast) and writes the
//! outcome as JSON into `<pre id="vsm-selftest">`, which a headless browser's `--dump-dom`
//! prints.
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
//! let page = vsm_dsl::page::stream_page(&vsm_dsl::analysis::analyze(&stream));
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("data-step=\"Test/Unit\""));
//! ```

mod charts;
mod evidence;
mod figures;
mod map;
mod skeleton;

use serde_json::Value;

use crate::analysis::{Comparison, ComparisonJson, StreamJson, StreamMetrics};
use crate::measure::{MeasureJson, Measurement};

pub use evidence::{forecast_panel, split_panel, stages_panel, trend_panel};
use map::Layer;
use skeleton::Page;

/// The page of one stream: its map, its figures and its steps (`vsm render --format html`,
/// `vsm report --format html`).
pub fn stream_page(m: &StreamMetrics) -> String {
    stream_page_with(m, Vec::new())
}

/// [`stream_page`] with more panels after the figures, such as a [`forecast_panel`].
pub fn stream_page_with(m: &StreamMetrics, evidence: Vec<String>) -> String {
    let json = to_value(&StreamJson::new(m));
    let mut page = Page::new(format!("Value stream map: {}", m.name));
    page.layer(Layer::modelled(m, &json, ""));
    page.panel(figures::stream_panel(
        "Modelled figures",
        &json,
        "",
        "report",
    ));
    for panel in evidence {
        page.panel(panel);
    }
    page.finish()
}

/// The page of a current and a future state (`vsm report --compare FUTURE --format html`):
/// both maps as layers, the figures side by side.
pub fn comparison_page(c: &Comparison) -> String {
    let json = to_value(&ComparisonJson::new(c));
    let mut page = Page::new(format!(
        "Value stream map: {} — current and future state",
        c.current.name
    ));
    page.layer(Layer::modelled(&c.current, &json, "current/"));
    page.layer(Layer::future(&c.future, &json));
    page.panel(figures::comparison_panel(&json));
    page.finish()
}

/// The page of a measured stream (`vsm measure --html FILE`): the map of the measured medians
/// (marked as measured, `note` saying where they come from) and the modelled map as layers,
/// the key metrics with their DORA levels, the lead-time scatterplot and the throughput of the
/// history, and each step's measured distributions.
pub fn measured_page(
    model: &StreamMetrics,
    measured: &StreamMetrics,
    m: &Measurement,
    note: &str,
) -> String {
    measured_page_with(model, measured, m, note, Vec::new())
}

/// [`measured_page`] with more panels after the key metrics: the evidence of the same history,
/// such as [`trend_panel`] and [`split_panel`].
pub fn measured_page_with(
    model: &StreamMetrics,
    measured: &StreamMetrics,
    m: &Measurement,
    note: &str,
    evidence: Vec<String>,
) -> String {
    let report = to_value(&StreamJson::new(model));
    let json = to_value(&MeasureJson::new(m));
    let mut page = Page::new(format!("Measured value stream map: {}", m.pipeline));
    page.layer(Layer::measured(measured, m, &json, note));
    page.layer(Layer::modelled(model, &report, ""));
    page.panel(figures::measure_panel(&json));
    let stages = stages_panel(&json);
    if !stages.is_empty() {
        page.panel(stages);
    }
    for panel in evidence {
        page.panel(panel);
    }
    page.panel(figures::stream_panel(
        "Modelled figures",
        &report,
        "",
        "report",
    ));
    page.chart(charts::lead_time_scatter(
        &m.delivery.samples.deployments,
        &json,
    ));
    page.chart(charts::throughput(&m.delivery.samples.deployments));
    page.finish()
}

fn to_value<T: serde::Serialize>(report: &T) -> Value {
    // Plain structs with string keys: serializing cannot fail.
    serde_json::to_value(report).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests;
