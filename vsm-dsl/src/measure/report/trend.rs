//! Trend reports: each figure per period as text with sparklines, JSON and CSV.

use serde::Serialize;

use super::figures::{scalar_named, sparkline, written, SCALARS};
use super::json::MeasureJson;
use super::table::Table;
use super::{count, plural};
use crate::measure::{Every, Measurement, Period};

/// The figures the text report follows from period to period.
const FOLLOWED: [&str; 13] = [
    "deployments",
    "deployment_frequency_per_day",
    "lead_time_median_minutes",
    "lead_time_p85_minutes",
    "lead_time_p95_minutes",
    "change_lead_time_median_minutes",
    "change_lead_time_p85_minutes",
    "change_lead_time_p95_minutes",
    "change_failure_rate_percent",
    "deployment_rework_rate_percent",
    "time_to_restore_median_minutes",
    "pipeline_failure_rate_percent",
    "time_to_green_median_minutes",
];

/// The JSON of a trend: the whole window's report, `every`, and `periods`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendJson {
    /// The whole window.
    #[serde(flatten)]
    pub whole: MeasureJson,
    /// `day`, `week` or `month`.
    pub every: &'static str,
    /// Each period, in order.
    pub periods: Vec<PeriodJson>,
}

/// One period: its bounds and the same keys as the whole window's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodJson {
    /// Start (ISO 8601).
    pub start: String,
    /// End (ISO 8601).
    pub end: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: MeasureJson,
}

impl TrendJson {
    /// The JSON of `whole` and its `periods`.
    pub fn new(whole: &Measurement, every: Every, periods: &[Period]) -> Self {
        Self {
            whole: MeasureJson::new(whole),
            every: every.as_str(),
            periods: periods
                .iter()
                .map(|p| PeriodJson {
                    start: p.start.to_iso(),
                    end: p.end.to_iso(),
                    figures: MeasureJson::new(&p.measurement),
                })
                .collect(),
        }
    }

    /// Pretty-printed JSON text, ending in a newline.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// The periods as CSV: `start,end`, then every single figure of the JSON report by its key;
/// an empty cell where a figure is undefined.
pub fn trend_csv(periods: &[Period]) -> String {
    let mut out = String::from("start,end");
    for s in &SCALARS {
        out.push(',');
        out.push_str(s.key);
    }
    out.push('\n');
    for p in periods {
        let j = MeasureJson::new(&p.measurement);
        out.push_str(&format!("{},{}", p.start.to_iso(), p.end.to_iso()));
        for s in &SCALARS {
            out.push(',');
            if let Some(v) = (s.get)(&j) {
                out.push_str(&v.to_string());
            }
        }
        out.push('\n');
    }
    out
}

/// The trend as text: one line per figure with its sparkline, first and last period and the
/// whole window, then a table of the periods.
pub fn trend_text(whole: &Measurement, every: Every, periods: &[Period]) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
        return format!("Trend of {}: no period\n", whole.pipeline);
    };
    out.push_str(&format!(
        "Trend of {} by {every}: {} to {} ({})\n\n",
        whole.pipeline,
        first.start.to_date(),
        last.end.to_date(),
        plural(periods.len(), every.as_str())
    ));
    let jsons: Vec<MeasureJson> = periods
        .iter()
        .map(|p| MeasureJson::new(&p.measurement))
        .collect();
    let all = MeasureJson::new(whole);
    let mut t = Table::left(&["Figure", "Per period", "First", "Last", "Whole window"]);
    for s in FOLLOWED.iter().filter_map(|k| scalar_named(k)) {
        let values: Vec<Option<f64>> = jsons.iter().map(|j| (s.get)(j)).collect();
        if values.iter().all(Option::is_none) && (s.get)(&all).is_none() {
            continue;
        }
        t.row([
            s.label.to_owned(),
            sparkline(&values),
            written(s.unit, values[0]),
            written(s.unit, values[values.len() - 1]),
            written(s.unit, (s.get)(&all)),
        ]);
    }
    t.render(&mut out, "");
    out.push('\n');
    period_table(&mut out, every, periods, &jsons);
    out
}

fn period_table(out: &mut String, every: Every, periods: &[Period], jsons: &[MeasureJson]) {
    let head = format!("{} of", capitalised(every.as_str()));
    let mut t = Table::new(&[
        &head,
        "Deployments",
        "Per day",
        "Lead p50",
        "Lead p85",
        "Lead p95",
        "Change p50",
        "Change fail",
        "Rework",
        "Restore p50",
        "Pipeline fail",
    ]);
    let cell = |j: &MeasureJson, key: &str| {
        scalar_named(key).map_or_else(String::new, |s| written(s.unit, (s.get)(j)))
    };
    for (p, j) in periods.iter().zip(jsons) {
        t.row([
            p.start.to_date(),
            count(j.deployments),
            cell(j, "deployment_frequency_per_day"),
            cell(j, "lead_time_median_minutes"),
            cell(j, "lead_time_p85_minutes"),
            cell(j, "lead_time_p95_minutes"),
            cell(j, "change_lead_time_median_minutes"),
            cell(j, "change_failure_rate_percent"),
            cell(j, "deployment_rework_rate_percent"),
            cell(j, "time_to_restore_median_minutes"),
            cell(j, "pipeline_failure_rate_percent"),
        ]);
    }
    t.render(out, "");
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
