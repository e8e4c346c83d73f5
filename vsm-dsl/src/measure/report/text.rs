//! The text report, for a terminal.

use std::fmt::Write as _;

use super::table::{wrap, Table};
use super::{
    action_row, gap_values, gate_row, key_rows, lead_time_note, metric_value, notes, pipeline_rows,
    read_lines, stage_row, COMPARED, DEFINITIONS, GATE_HEADER, STAGE_HEADER,
};
use crate::analysis::constraint_sentence;
use crate::measure::Measurement;
use crate::measure::{ModelComparison, CITATION, PLACEMENT, REWORK_CITATION};

/// Width the report's sentences wrap at.
const WIDTH: usize = 96;

/// The text report of `m`; with `model`, the stream's annotations beside the measured figures.
pub fn text_report(m: &Measurement, model: Option<&ModelComparison>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Measured value stream: {}", m.pipeline);
    for line in read_lines(m) {
        out.push_str(&wrap(&line, WIDTH, ""));
    }
    out.push('\n');
    let mut keys = Table::left(&["Key metrics", "Measured", "DORA 2024"]);
    for row in key_rows(m) {
        keys.row(row);
    }
    keys.render(&mut out, "");
    out.push_str(&wrap(&lead_time_note(m), WIDTH, "  "));
    out.push('\n');
    let mut pipeline = Table::left(&["Before production", "Measured"]);
    for row in pipeline_rows(m) {
        pipeline.row(row);
    }
    pipeline.render(&mut out, "");
    out.push('\n');
    let mut actions = Table::new(&[
        "Stage / action",
        "Executions",
        "Process median",
        "Process p85",
        "Wait median",
        "First-pass yield",
    ]);
    for a in &m.actions {
        actions.row(action_row(a));
    }
    actions.render(&mut out, "");
    out.push('\n');
    let mut stages = Table::new(&STAGE_HEADER);
    for s in &m.stages {
        stages.row(stage_row(s));
    }
    stages.render(&mut out, "");
    if !m.gates.is_empty() {
        out.push('\n');
        let mut gates = Table::new(&GATE_HEADER);
        for g in &m.gates {
            gates.row(gate_row(g));
        }
        gates.render(&mut out, "");
    }
    for note in notes(m) {
        out.push_str(&wrap(&format!("! {note}"), WIDTH, "  "));
    }
    if let Some(model) = model {
        out.push('\n');
        model_section(&mut out, model);
    }
    out.push('\n');
    definitions(&mut out);
    out
}

/// Modelled beside measured: stream-wide figures, constraints, then the steps.
fn model_section(out: &mut String, model: &ModelComparison) {
    let c = &model.comparison;
    out.push_str("Modelled vs measured (the same analysis on the stream as written and on it with measured medians)\n");
    let mut t = Table::left(&["Figure", "Modelled", "Measured"]);
    for key in COMPARED {
        if let Some(change) = c.metric(key) {
            t.row([
                change.label.clone(),
                metric_value(change, change.current),
                metric_value(change, change.future),
            ]);
        }
    }
    t.render(out, "  ");
    if c.future.lead_time_is_lower_bound() {
        out.push_str(&wrap(
            "! some steps have no measured time (no executions, or the process time of an \
             approval): the measured lead time is a lower bound.",
            WIDTH,
            "  ",
        ));
    }
    out.push_str(&wrap(
        &format!("Constraint, modelled: {}", constraint_sentence(&c.current)),
        WIDTH,
        "  ",
    ));
    out.push_str(&wrap(
        &format!("Constraint, measured: {}", constraint_sentence(&c.future)),
        WIDTH,
        "  ",
    ));
    out.push_str("\nSteps, largest gaps first\n");
    let mut t = Table::new(&["Step", "Figure", "Modelled", "Measured", "Gap"]);
    for g in &model.gaps {
        let [modelled, measured, gap] = gap_values(g);
        t.row([
            g.step.to_string(),
            g.figure.label().to_owned(),
            modelled,
            measured,
            gap,
        ]);
    }
    t.render(out, "  ");
}

/// The definitions, the placement in the DORA levels, and the source.
fn definitions(out: &mut String) {
    out.push_str("Definitions\n");
    for (term, text) in DEFINITIONS {
        out.push_str(&wrap(&format!("{term}: {text}"), WIDTH, "  "));
    }
    out.push_str("\nDORA 2024 levels\n");
    for (figure, text) in PLACEMENT {
        out.push_str(&wrap(&format!("{figure}: {text}"), WIDTH, "  "));
    }
    out.push_str(&wrap(&format!("Source: {CITATION}"), WIDTH, "  "));
    out.push_str(&wrap(
        &format!("Deployment rework rate: {REWORK_CITATION}"),
        WIDTH,
        "  ",
    ));
}
