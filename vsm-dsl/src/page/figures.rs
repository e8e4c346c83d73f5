//! Figures as elements of the contract (`data-metric`, `data-value`) and the panels of key
//! figures.

use std::fmt::Write as _;
use std::time::Duration;

use serde_json::Value;

use crate::model::duration::Human;
use crate::render::svg::escape;

/// How a figure reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// Minutes, shown as `2h 5m`.
    Minutes,
    /// A percentage, shown as `61.6%`.
    Percent,
    /// A count.
    Count,
    /// Per day, shown as `1.25 a day`.
    PerDay,
    /// A DORA level (text).
    Level,
}

impl Unit {
    /// The unit of a JSON key, by its suffix.
    pub(super) fn of_key(key: &str) -> Self {
        if key.ends_with("_minutes") {
            Unit::Minutes
        } else if key.ends_with("_percent") {
            Unit::Percent
        } else if key.ends_with("_per_day") {
            Unit::PerDay
        } else {
            Unit::Count
        }
    }
}

/// Minutes as a human duration, to the second.
pub(super) fn human_minutes(minutes: f64) -> String {
    let seconds = (minutes * 60.0).max(0.0);
    Human(Duration::from_secs_f64(seconds.round().min(1e15))).to_string()
}

/// The text of a value.
fn shown(v: &Value, unit: Unit) -> String {
    match (v, unit) {
        (Value::Null, _) => "n/a".to_owned(),
        (Value::String(s), _) => s.clone(),
        (Value::Number(n), Unit::Minutes) => human_minutes(n.as_f64().unwrap_or(0.0)),
        (Value::Number(n), Unit::Percent) => format!("{:.1}%", n.as_f64().unwrap_or(0.0)),
        (Value::Number(n), Unit::PerDay) => format!("{:.2} a day", n.as_f64().unwrap_or(0.0)),
        (Value::Number(n), _) if n.is_f64() => format!("{:.1}", n.as_f64().unwrap_or(0.0)),
        (v, _) => v.to_string(),
    }
}

/// The element of the figure at `key` (a JSON Pointer without its `/`) of `json`, as `tag`.
pub(super) fn figure_as(tag: &str, json: &Value, key: &str, unit: Unit) -> String {
    let v = json.pointer(&format!("/{key}")).unwrap_or(&Value::Null);
    if unit == Unit::Level && v.is_null() {
        return String::new();
    }
    let value = match v {
        Value::Null => String::new(),
        Value::String(s) => format!(" data-value=\"{}\"", escape(s)),
        v => format!(" data-value=\"{v}\""),
    };
    let class = if unit == Unit::Level {
        format!(" class=\"level level-{}\"", shown(v, unit).to_lowercase())
    } else {
        String::new()
    };
    format!(
        "<{tag}{class} data-metric=\"{}\"{value}>{}</{tag}>",
        escape(key),
        escape(&shown(v, unit))
    )
}

/// [`figure_as`] in a `<span>`.
pub(super) fn figure(json: &Value, key: &str, unit: Unit) -> String {
    figure_as("span", json, key, unit)
}

/// The panel of a stream's figures (`prefix` locates the stream's report in `json`, named
/// `source` in `data-json`).
pub(super) fn stream_panel(title: &str, json: &Value, prefix: &str, source: &str) -> String {
    let row = |label: &str, key: &str| {
        let key = format!("{prefix}{key}");
        format!(
            "<div class=\"kpi\"><dt>{label}</dt><dd>{}</dd></div>",
            figure(json, &key, Unit::of_key(&key))
        )
    };
    let mut out = format!(
        "<section class=\"panel\" data-json=\"{source}\" aria-label=\"{title}\"><h2>{title}</h2><dl class=\"kpis\">"
    );
    for (label, key) in [
        ("Lead time", "lead_time_minutes"),
        ("Process time", "process_time_minutes"),
        ("Wait time", "wait_time_minutes"),
        ("Flow efficiency", "flow_efficiency_percent"),
        ("Rolled %C&amp;A", "rolled_complete_accurate_percent"),
        ("Effort", "effort_minutes"),
        ("Timed steps", "coverage/timed_percent"),
    ] {
        out.push_str(&row(label, key));
    }
    out.push_str("</dl>");
    let at = |k: &str| json.pointer(&format!("/{prefix}{k}"));
    if let Some(Value::String(stage)) = at("constraint/stage") {
        let action = at("constraint/action")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let _ = write!(
            out,
            "<p class=\"constraint\"><strong>Constraint:</strong> {} / {} — its wait removed shortens lead time by {}.</p>",
            escape(stage),
            escape(action),
            figure(
                json,
                &format!("{prefix}constraint/lead_time_saving_minutes"),
                Unit::Minutes
            )
        );
    }
    if at("lead_time_is_lower_bound") == Some(&Value::Bool(true)) {
        out.push_str("<p class=\"note\">Some steps are not timed: their missing times count as zero, so lead time is a lower bound.</p>");
    }
    out.push_str("</section>");
    out
}

/// The current and future figures side by side, with the change.
pub(super) fn comparison_panel(json: &Value) -> String {
    let mut out = String::from(
        "<section class=\"panel\" data-json=\"report\" aria-label=\"Current and future state\"><h2>Current and future state</h2><table class=\"compare\"><thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">Current</th><th scope=\"col\">Future</th><th scope=\"col\">Change</th></tr></thead><tbody>",
    );
    let rows = json.get("metrics").and_then(Value::as_array);
    for (i, row) in rows.into_iter().flatten().enumerate() {
        let name = row.get("name").and_then(Value::as_str).unwrap_or_default();
        let unit = Unit::of_key(name);
        let label = name
            .trim_end_matches("_minutes")
            .trim_end_matches("_percent")
            .replace('_', " ");
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&label),
            figure(json, &format!("metrics/{i}/current"), unit),
            figure(json, &format!("metrics/{i}/future"), unit),
            figure(
                json,
                &format!("metrics/{i}/relative_percent"),
                Unit::Percent
            ),
        );
    }
    out.push_str("</tbody></table></section>");
    out
}

/// The measured key metrics with their DORA levels.
pub(super) fn measure_panel(json: &Value) -> String {
    let mut out = String::from(
        "<section class=\"panel\" data-json=\"measure\" aria-label=\"Measured key metrics\"><h2>Measured key metrics</h2><dl class=\"kpis\">",
    );
    let rows: [(&str, &str, Option<&str>); 10] = [
        ("Deployments", "deployments", None),
        (
            "Deployment frequency",
            "deployment_frequency_per_day",
            Some("deployment_frequency"),
        ),
        (
            "Lead time (median)",
            "lead_time_median_minutes",
            Some("lead_time"),
        ),
        ("Lead time p85", "lead_time_p85_minutes", None),
        ("Lead time p95", "lead_time_p95_minutes", None),
        (
            "Change lead time (median)",
            "change_lead_time_median_minutes",
            Some("change_lead_time"),
        ),
        (
            "Change failure rate",
            "change_failure_rate_percent",
            Some("change_failure_rate"),
        ),
        (
            "Time to restore (median)",
            "time_to_restore_median_minutes",
            Some("time_to_restore"),
        ),
        (
            "Deployment rework rate",
            "deployment_rework_rate_percent",
            None,
        ),
        (
            "Pipeline failure rate",
            "pipeline_failure_rate_percent",
            None,
        ),
    ];
    for (label, key, level) in rows {
        let level = level.map_or_else(String::new, |l| {
            format!(
                " {}",
                figure(json, &format!("dora_levels/{l}"), Unit::Level)
            )
        });
        let _ = write!(
            out,
            "<div class=\"kpi\"><dt>{label}</dt><dd>{}{level}</dd></div>",
            figure(json, key, Unit::of_key(key))
        );
    }
    out.push_str("</dl><p class=\"note\">Levels: DORA 2024 performance levels. Window: ");
    out.push_str(&figure(json, "window_days", Unit::Count));
    out.push_str(" days.</p></section>");
    out
}
