//! The layers of the page: a map each (drawn in Rust) and the table of its steps, which is
//! the map's text alternative and what a step's tooltip shows.

use std::fmt::Write as _;

use serde_json::Value;

use super::charts::histogram;
use super::figures::{figure, figure_as, Unit};
use crate::analysis::StreamMetrics;
use crate::measure::Measurement;
use crate::render::svg::{escape, render_interactive, Marking};

/// One layer of the page: modelled, measured or future.
pub(super) struct Layer {
    /// `modelled`, `measured` or `future`.
    pub id: &'static str,
    /// The name on its switch.
    pub label: &'static str,
    /// The report its map's figures are keyed to (`data-json`): `report` or `measure`.
    pub source: &'static str,
    /// Its map.
    pub svg: String,
    /// The table of its steps.
    pub table: String,
}

/// A table's opening: caption, the report it reads, and its header.
fn open_table(out: &mut String, id: &str, caption: &str, source: &str, columns: &[&str]) {
    let _ = write!(
        out,
        "<table class=\"steps\" data-table=\"{id}\" data-json=\"{source}\"><caption>{caption}</caption><thead><tr>"
    );
    for c in columns {
        let _ = write!(out, "<th scope=\"col\">{c}</th>");
    }
    out.push_str("</tr></thead><tbody>");
}

/// A step's row opening: `data-step` and its stage and action cells.
fn open_row(out: &mut String, stage: &str, action: &str, critical: bool) {
    let class = if critical { " class=\"critical\"" } else { "" };
    let _ = write!(
        out,
        "<tr{class} data-step=\"{s}/{a}\"><td>{s}</td><th scope=\"row\">{a}</th>",
        s = escape(stage),
        a = escape(action)
    );
}

/// The table of a modelled stream's steps, read from its report at `prefix` in `json`.
fn model_table(id: &str, caption: &str, json: &Value, prefix: &str) -> String {
    let mut out = String::new();
    let stages = json
        .pointer(&format!("/{prefix}stages"))
        .and_then(Value::as_array);
    // Where steps run, when a step of the stream says.
    let any = |key: &str| {
        stages.into_iter().flatten().any(|s| {
            s.get("actions")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|a| a.get(key).is_some()))
        })
    };
    let places = any("runs_in");
    // When template conditions decide a step, when a step of the stream says.
    let present = any("present");
    let mut columns = vec![
        "Stage",
        "Action",
        "Wait",
        "Process",
        "%C&amp;A",
        "Lead time",
        "Path",
    ];
    if places {
        columns.push("Runs in");
    }
    if present {
        columns.push("Present");
    }
    open_table(&mut out, id, caption, "report", &columns);
    for (i, stage) in stages.into_iter().flatten().enumerate() {
        let name = stage
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let actions = stage.get("actions").and_then(Value::as_array);
        for (j, action) in actions.into_iter().flatten().enumerate() {
            let at = |k: &str| format!("{prefix}stages/{i}/actions/{j}/{k}");
            let critical = action.get("critical") == Some(&Value::Bool(true));
            let action_name = action
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            open_row(&mut out, name, action_name, critical);
            for key in [
                "wait_minutes",
                "process_minutes",
                "complete_accurate_percent",
                "lead_time_minutes",
            ] {
                out.push_str(&figure_as("td", json, &at(key), Unit::of_key(key)));
            }
            if critical {
                out.push_str("<td>critical path</td>");
            } else {
                let _ = write!(
                    out,
                    "<td>slack {}</td>",
                    figure(json, &at("slack_minutes"), Unit::Minutes)
                );
            }
            if places {
                let place = action.get("runs_in").and_then(Value::as_str);
                let _ = write!(
                    out,
                    "<td>{}</td>",
                    escape(place.unwrap_or("the pipeline's account and Region"))
                );
            }
            if present {
                let when = action.get("present").and_then(Value::as_str);
                let _ = write!(out, "<td>{}</td>", escape(when.unwrap_or("always")));
            }
            out.push_str("</tr>");
        }
    }
    out.push_str("</tbody></table>");
    out
}

/// The table of the measured steps, with each step's distributions.
fn measured_table(m: &Measurement, json: &Value) -> String {
    let mut out = String::new();
    open_table(
        &mut out,
        "measured",
        "Measured steps: medians of the history",
        "measure",
        &[
            "Stage",
            "Action",
            "Executions",
            "Wait (median)",
            "Process (median)",
            "Process p85",
            "First-pass yield",
            "Distributions",
        ],
    );
    for (k, a) in m.actions.iter().enumerate() {
        open_row(&mut out, &a.stage, &a.action, false);
        for key in [
            "executions",
            "wait_median_minutes",
            "process_median_minutes",
            "process_p85_minutes",
            "first_pass_yield_percent",
        ] {
            out.push_str(&figure_as(
                "td",
                json,
                &format!("actions/{k}/{key}"),
                Unit::of_key(key),
            ));
        }
        let _ = write!(
            out,
            "<td class=\"dists\">{}{}</td></tr>",
            histogram("Process", &a.process_seconds),
            histogram("Wait", &a.wait_seconds)
        );
    }
    out.push_str("</tbody></table>");
    out
}

impl Layer {
    /// The map of a stream as written; its report is at `prefix` in `json`.
    pub fn modelled(m: &StreamMetrics, json: &Value, prefix: &str) -> Self {
        let caption = if prefix.is_empty() {
            "Modelled steps"
        } else {
            "Current state: modelled steps"
        };
        Self {
            id: "modelled",
            source: "report",
            label: if prefix.is_empty() {
                "Modelled"
            } else {
                "Current"
            },
            svg: render_interactive(
                m,
                Marking {
                    measured: None,
                    keys: Some(prefix),
                },
            ),
            table: model_table("modelled", caption, json, prefix),
        }
    }

    /// The map of the future state of a comparison's JSON.
    pub fn future(m: &StreamMetrics, json: &Value) -> Self {
        Self {
            id: "future",
            label: "Future",
            source: "report",
            svg: render_interactive(
                m,
                Marking {
                    measured: None,
                    keys: Some("future/"),
                },
            ),
            table: model_table("future", "Future state: modelled steps", json, "future/"),
        }
    }

    /// The map of the measured medians.
    pub fn measured(map: &StreamMetrics, m: &Measurement, json: &Value, note: &str) -> Self {
        Self {
            id: "measured",
            label: "Measured",
            source: "measure",
            svg: render_interactive(
                map,
                Marking {
                    measured: Some(note),
                    keys: None,
                },
            ),
            table: measured_table(m, json),
        }
    }
}
