//! The evidence panels of a measured page: the figures per period (`measure --every`), and
//! each figure before and after a change with its 95% interval and verdict (`measure
//! --split`). Their keys are those of the same command's `--json`.

use std::fmt::Write as _;

use serde_json::Value;

use super::figures::{figure_as, human_minutes, Unit};
use crate::render::svg::escape;

/// The per-period columns: label and key.
const TREND: [(&str, &str); 7] = [
    ("Deployments", "deployments"),
    ("Frequency", "deployment_frequency_per_day"),
    ("Lead time p50", "lead_time_median_minutes"),
    ("Lead time p85", "lead_time_p85_minutes"),
    ("Change failure rate", "change_failure_rate_percent"),
    ("Time to restore p50", "time_to_restore_median_minutes"),
    ("Lead time level", "dora_levels/lead_time"),
];

/// The figures of each period of `json` (the `--every --json` report), with a line chart of
/// the lead time's median and p85 per period.
pub fn trend_panel(json: &Value) -> String {
    let periods = json
        .get("periods")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let every = json
        .get("every")
        .and_then(Value::as_str)
        .unwrap_or("period");
    let mut out = format!(
        "<section class=\"panel wide\" data-json=\"trend\" aria-label=\"Trend per {every}\"><h2>Trend per {}</h2>",
        escape(every)
    );
    out.push_str(&trend_chart(periods, every));
    out.push_str("<table class=\"compare\"><thead><tr><th scope=\"col\">From</th>");
    for (label, _) in TREND {
        let _ = write!(out, "<th scope=\"col\">{label}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (i, p) in periods.iter().enumerate() {
        let start = p.get("start").and_then(Value::as_str).unwrap_or_default();
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>",
            escape(start.get(..10).unwrap_or(start))
        );
        for (_, key) in TREND {
            let unit = if key.starts_with("dora_levels/") {
                Unit::Level
            } else {
                Unit::of_key(key)
            };
            let cell = figure_as("td", json, &format!("periods/{i}/{key}"), unit);
            out.push_str(if cell.is_empty() {
                "<td>n/a</td>"
            } else {
                &cell
            });
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
    out
}

/// The lead time's median and p85 per period as two lines; its text alternative lists them.
fn trend_chart(periods: &[Value], every: &str) -> String {
    let series = |key: &str| -> Vec<Option<f64>> {
        periods
            .iter()
            .map(|p| p.get(key).and_then(Value::as_f64))
            .collect()
    };
    let (p50, p85) = (
        series("lead_time_median_minutes"),
        series("lead_time_p85_minutes"),
    );
    let top = p50
        .iter()
        .chain(&p85)
        .flatten()
        .copied()
        .fold(0.0_f64, f64::max);
    if periods.len() < 2 || top <= 0.0 {
        return String::new();
    }
    let (w, h, pad) = (600.0, 120.0, 10.0);
    let x = |i: usize| pad + i as f64 * (w - 2.0 * pad) / (periods.len() - 1) as f64;
    let y = |v: f64| h - pad - v / top * (h - 2.0 * pad);
    let described: Vec<String> = p50
        .iter()
        .zip(&p85)
        .map(|(a, b)| {
            let show = |v: &Option<f64>| v.map_or("n/a".to_owned(), human_minutes);
            format!("{} / {}", show(a), show(b))
        })
        .collect();
    let desc = format!(
        "Lead time median / p85 per {every}, oldest first: {}",
        described.join("; ")
    );
    let mut out = format!(
        "<svg class=\"trend\" viewBox=\"0 0 {} {h}\" width=\"{}\" height=\"{h}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        w + 40.0,
        w + 40.0,
        escape(&desc),
        escape(&desc)
    );
    // The axis from zero, labelled at zero and at the top.
    let _ = write!(
        out,
        "<line class=\"axis\" x1=\"{pad}\" y1=\"{:.1}\" x2=\"{w}\" y2=\"{:.1}\"/><text x=\"{pad}\" y=\"{:.1}\" font-size=\"11\">0</text><text x=\"{pad}\" y=\"{:.1}\" font-size=\"11\">{}</text>",
        y(0.0),
        y(0.0),
        y(0.0) - 3.0,
        pad + 1.0,
        escape(&human_minutes(top))
    );
    for (values, class) in [(&p50, "p50"), (&p85, "p85")] {
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| format!("{:.1},{:.1}", x(i), y(v))))
            .collect();
        let _ = write!(
            out,
            "<polyline class=\"{class}\" fill=\"none\" points=\"{}\"/>",
            points.join(" ")
        );
        if let Some((i, v)) = values
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, v)| v.map(|v| (i, v)))
        {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\">{class}</text>",
                x(i) + 4.0,
                y(v) + 4.0
            );
        }
    }
    out.push_str("</svg>");
    out
}

/// Each figure before and after of `json` (the `--split --json` report): the two values, the
/// change, the 95% interval of the difference and the verdict.
pub fn split_panel(json: &Value) -> String {
    let mut out = String::from(
        "<section class=\"panel wide\" data-json=\"split\" aria-label=\"Before and after\"><h2>Before and after</h2><table class=\"compare\"><thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Change</th><th scope=\"col\">95% interval</th><th scope=\"col\">Verdict</th></tr></thead><tbody>",
    );
    let rows = json
        .get("differences")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, row) in rows.iter().enumerate() {
        let metric = row
            .get("metric")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let unit = Unit::of_key(metric);
        let label = metric
            .trim_end_matches("_minutes")
            .trim_end_matches("_percent")
            .trim_end_matches("_per_day")
            .replace('_', " ");
        let at = |k: &str| format!("differences/{i}/{k}");
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th>{}{}{}<td>{} to {}</td>{}</tr>",
            escape(&label),
            figure_as("td", json, &at("before"), unit),
            figure_as("td", json, &at("after"), unit),
            figure_as("td", json, &at("change_percent"), Unit::Percent),
            figure_as("span", json, &at("ci95_low"), unit),
            figure_as("span", json, &at("ci95_high"), unit),
            figure_as("td", json, &at("verdict"), Unit::Count),
        );
    }
    out.push_str("</tbody></table></section>");
    out
}

/// The forecast of `json` (the `vsm forecast --json` report): each figure for the current
/// stream, the future state and, with a backtest, what the forecast said and what the last
/// third of the history measured.
pub fn forecast_panel(json: &Value) -> String {
    let mut columns: Vec<(&str, &str)> = vec![("Current", "")];
    if json.get("future").is_some_and(|f| !f.is_null()) {
        columns.push(("Future", "future/"));
    }
    if json.get("backtest").is_some_and(|b| !b.is_null()) {
        columns.push(("Backtest: forecast", "backtest/forecast/"));
        columns.push(("Backtest: measured", "backtest/measured/"));
    }
    let runs = json.get("runs").and_then(Value::as_u64).unwrap_or(0);
    let mut out = format!(
        "<section class=\"panel wide\" data-json=\"forecast\" aria-label=\"Forecast\"><h2>Forecast</h2><p class=\"note\">Monte Carlo: {runs} simulated executions per state, drawn from each step's times.</p><table class=\"compare\"><thead><tr><th scope=\"col\">Figure</th>"
    );
    for (label, _) in &columns {
        let _ = write!(out, "<th scope=\"col\">{label}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (label, key) in [
        ("Lead time p50", "lead_time_p50_minutes"),
        ("Lead time p85", "lead_time_p85_minutes"),
        ("Lead time p95", "lead_time_p95_minutes"),
        ("Deployments a week", "deployments_per_week"),
        ("Runs that deploy", "deployed_percent"),
    ] {
        let _ = write!(out, "<tr><th scope=\"row\">{label}</th>");
        for (_, prefix) in &columns {
            out.push_str(&figure_as(
                "td",
                json,
                &format!("{prefix}{key}"),
                Unit::of_key(key),
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></section>");
    out
}

/// The measured stages (executions, retries, rollbacks, first-pass yield) and gates (passed,
/// failed, check and wait times) of `json` (the `vsm measure --json` report); empty when
/// there are none.
pub fn stages_panel(json: &Value) -> String {
    let rows = |key: &str| {
        json.get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
    };
    let (stages, gates) = (rows("stages"), rows("gates"));
    if stages.is_empty() && gates.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<section class=\"panel wide\" data-json=\"measure\" aria-label=\"Measured stages and gates\"><h2>Measured stages and gates</h2>",
    );
    let table = |out: &mut String,
                 caption: &str,
                 list: &str,
                 items: &[Value],
                 name: &dyn Fn(&Value) -> String,
                 columns: &[(&str, &str)]| {
        let _ = write!(
            out,
            "<table class=\"compare\"><caption>{caption}</caption><thead><tr><th scope=\"col\">{}</th>",
            if list == "gates" { "Gate" } else { "Stage" }
        );
        for (label, _) in columns {
            let _ = write!(out, "<th scope=\"col\">{label}</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for (i, item) in items.iter().enumerate() {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape(&name(item)));
            for (_, key) in columns {
                let key = format!("{list}/{i}/{key}");
                out.push_str(&figure_as("td", json, &key, Unit::of_key(&key)));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    };
    let text = |v: &Value, k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    if !stages.is_empty() {
        table(
            &mut out,
            "Rework: a retry runs an action again in one execution; a rollback restores an earlier execution",
            "stages",
            stages,
            &|s| text(s, "stage"),
            &[
                ("Executions", "executions"),
                ("Retried", "retried"),
                ("Retries", "retries"),
                ("Rollbacks", "rollbacks"),
                ("Rolled back", "rolled_back"),
                ("First-pass yield", "first_pass_yield_percent"),
            ],
        );
    }
    if !gates.is_empty() {
        table(
            &mut out,
            "Gates: the stage conditions every change passes through",
            "gates",
            gates,
            &|g| {
                format!(
                    "{} / {}",
                    text(g, "stage"),
                    text(g, "gate").replace('_', " ")
                )
            },
            &[
                ("Executions", "executions"),
                ("Passed", "passed"),
                ("Failed", "failed"),
                ("Check (median)", "process_median_minutes"),
                ("Wait (median)", "wait_median_minutes"),
                ("First-pass yield", "first_pass_yield_percent"),
            ],
        );
    }
    out.push_str("</section>");
    out
}
