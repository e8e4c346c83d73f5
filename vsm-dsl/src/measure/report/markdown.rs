//! The Markdown report, for a pull request.

use std::fmt::Write as _;

use super::{
    action_row, gap_values, gate_row, key_rows, lead_time_note, metric_value, notes, pipeline_rows,
    read_lines, stage_row, COMPARED, DEFINITIONS, GATE_HEADER, STAGE_HEADER,
};
use crate::analysis::constraint_sentence;
use crate::measure::{Measurement, ModelComparison, CITATION, PLACEMENT, REWORK_CITATION};

/// A table cell: pipes and line breaks escaped.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// Writes a Markdown table; the first column is left-aligned, the others right-aligned.
fn table<const N: usize>(
    out: &mut String,
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let align: Vec<&str> = (0..N)
        .map(|i| if i == 0 { ":---" } else { "---:" })
        .collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// The Markdown report of `m`; with `model`, the stream's annotations beside the measured
/// figures.
pub fn markdown_report(m: &Measurement, model: Option<&ModelComparison>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "### Measured value stream: {}\n", cell(&m.pipeline));
    for line in read_lines(m) {
        let _ = writeln!(out, "{}  ", cell(&line));
    }
    out.push('\n');
    table(
        &mut out,
        ["Key metrics", "Measured", "DORA 2024"],
        key_rows(m),
    );
    let _ = writeln!(out, "_{}_\n", lead_time_note(m));
    table(
        &mut out,
        ["Before production", "Measured"],
        pipeline_rows(m),
    );
    table(
        &mut out,
        [
            "Stage / action",
            "Executions",
            "Process median",
            "Process p85",
            "Wait median",
            "First-pass yield",
        ],
        m.actions.iter().map(action_row),
    );
    table(&mut out, STAGE_HEADER, m.stages.iter().map(stage_row));
    if !m.gates.is_empty() {
        table(&mut out, GATE_HEADER, m.gates.iter().map(gate_row));
    }
    for note in notes(m) {
        let _ = writeln!(out, "> {}\n", cell(&note));
    }
    if let Some(model) = model {
        model_section(&mut out, model);
    }
    out.push_str("<details><summary>Definitions</summary>\n\n");
    for (term, text) in DEFINITIONS {
        let _ = writeln!(out, "- **{term}**: {text}");
    }
    out.push_str("\nDORA 2024 levels:\n\n");
    for (figure, text) in PLACEMENT {
        let _ = writeln!(out, "- **{figure}**: {text}");
    }
    let _ = writeln!(
        out,
        "\nSource: {CITATION}\n\nDeployment rework rate: {REWORK_CITATION}\n\n</details>"
    );
    out
}

fn model_section(out: &mut String, model: &ModelComparison) {
    let c = &model.comparison;
    out.push_str("#### Modelled vs measured\n\n");
    let rows = COMPARED
        .iter()
        .filter_map(|key| c.metric(key))
        .map(|change| {
            [
                change.label.clone(),
                metric_value(change, change.current),
                metric_value(change, change.future),
            ]
        });
    table(out, ["Figure", "Modelled", "Measured"], rows);
    let _ = writeln!(
        out,
        "- Constraint, modelled: {}\n- Constraint, measured: {}\n",
        cell(&constraint_sentence(&c.current)),
        cell(&constraint_sentence(&c.future))
    );
    let rows = model.gaps.iter().map(|g| {
        let [modelled, measured, gap] = gap_values(g);
        [
            g.step.to_string(),
            g.figure.label().to_owned(),
            modelled,
            measured,
            gap,
        ]
    });
    table(
        out,
        [
            "Step (largest gaps first)",
            "Figure",
            "Modelled",
            "Measured",
            "Gap",
        ],
        rows,
    );
}
