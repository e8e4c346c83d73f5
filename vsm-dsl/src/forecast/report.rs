//! Forecast reports: text for a terminal, JSON for tools (durations in minutes, as `measure
//! --json`).

use serde::Serialize;
use std::time::Duration;

use super::{Backtest, Forecast, StepSource, StreamModel};

fn minutes(d: Option<Duration>) -> Option<f64> {
    d.map(|d| round(d.as_secs_f64() / 60.0))
}

fn round(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

/// One state's forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateJson {
    /// Median lead time of the runs that deploy.
    pub lead_time_p50_minutes: Option<f64>,
    /// 85th percentile.
    pub lead_time_p85_minutes: Option<f64>,
    /// 95th percentile.
    pub lead_time_p95_minutes: Option<f64>,
    /// Deployments per week; `null` without a history.
    pub deployments_per_week: Option<f64>,
    /// Percent of runs that deploy; `null` for what was measured.
    pub deployed_percent: Option<f64>,
}

impl StateJson {
    /// The figures of a forecast.
    pub fn new(f: &Forecast) -> Self {
        Self {
            lead_time_p50_minutes: minutes(f.lead_time.median),
            lead_time_p85_minutes: minutes(f.lead_time.p85),
            lead_time_p95_minutes: minutes(f.lead_time.p95),
            deployments_per_week: f.deployments_per_week.map(round),
            deployed_percent: Some(round(f.deployed_share * 100.0)),
        }
    }

    fn error_percent(&self, measured: &Self) -> ErrorJson {
        let e = |f: Option<f64>, m: Option<f64>| {
            f.zip(m)
                .filter(|(_, m)| *m != 0.0)
                .map(|(f, m)| round((f - m) / m * 100.0))
        };
        ErrorJson {
            lead_time_p50_minutes: e(self.lead_time_p50_minutes, measured.lead_time_p50_minutes),
            lead_time_p85_minutes: e(self.lead_time_p85_minutes, measured.lead_time_p85_minutes),
            lead_time_p95_minutes: e(self.lead_time_p95_minutes, measured.lead_time_p95_minutes),
            deployments_per_week: e(self.deployments_per_week, measured.deployments_per_week),
        }
    }
}

/// Forecast − measured, in percent of measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorJson {
    /// Of the median lead time.
    pub lead_time_p50_minutes: Option<f64>,
    /// Of the 85th percentile.
    pub lead_time_p85_minutes: Option<f64>,
    /// Of the 95th percentile.
    pub lead_time_p95_minutes: Option<f64>,
    /// Of deployments per week.
    pub deployments_per_week: Option<f64>,
}

/// A backtest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestJson {
    /// Start of the part learned from (ISO 8601).
    pub train_start: String,
    /// End of that part and start of the part checked on.
    pub split: String,
    /// End of the part checked on.
    pub test_end: String,
    /// The forecast from the first part.
    pub forecast: StateJson,
    /// What the second part measured.
    pub measured: StateJson,
    /// Forecast − measured, in percent of measured.
    pub error_percent: ErrorJson,
}

impl BacktestJson {
    /// The JSON of a backtest.
    pub fn new(b: &Backtest) -> Self {
        let forecast = StateJson::new(&b.forecast);
        let measured = StateJson {
            lead_time_p50_minutes: minutes(b.measured_lead_time.median),
            lead_time_p85_minutes: minutes(b.measured_lead_time.p85),
            lead_time_p95_minutes: minutes(b.measured_lead_time.p95),
            deployments_per_week: b.measured_deployments_per_week.map(round),
            deployed_percent: None,
        };
        Self {
            train_start: b.train.start.to_iso(),
            split: b.test.start.to_iso(),
            test_end: b.test.end.to_iso(),
            error_percent: forecast.error_percent(&measured),
            forecast,
            measured,
        }
    }
}

/// The JSON of `vsm forecast`: the current stream's figures at the top, the future state's
/// and the backtest beside them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastJson {
    /// Runs simulated per state.
    pub runs: usize,
    /// The seed.
    pub seed: u64,
    /// The current stream.
    #[serde(flatten)]
    pub current: StateJson,
    /// The future state; `null` without one.
    pub future: Option<StateJson>,
    /// The backtest; `null` without `--backtest`.
    pub backtest: Option<BacktestJson>,
}

impl ForecastJson {
    /// The JSON of the forecasts.
    pub fn new(current: &Forecast, future: Option<&Forecast>, backtest: Option<&Backtest>) -> Self {
        Self {
            runs: current.runs,
            seed: current.seed,
            current: StateJson::new(current),
            future: future.map(StateJson::new),
            backtest: backtest.map(BacktestJson::new),
        }
    }

    /// Pretty-printed JSON text, ending in a newline.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// A duration in minutes, written like `1h 5m`.
fn written(m: Option<f64>) -> String {
    m.map_or_else(
        || "n/a".to_owned(),
        |m| {
            crate::model::duration::Human(Duration::from_secs((m * 60.0).round() as u64))
                .to_string()
        },
    )
}

fn per_week(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a (needs --history)".to_owned(), |v| format!("{v:.1}"))
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:+.1}%"))
}

/// What the model assumes, in a sentence.
pub const MODEL: &str = "Each run is one execution: stages in sequence, run-order groups one \
after the other, a group as long as its slowest step; each attempt's wait and process time \
drawn from the step's measured times, passing first time with its first-pass yield, a failure \
retried once with the measured share of failures that recovered, else the run deploys nothing. \
Deployments per week: measured starts per week × the share not stopped or superseded × the \
share of runs that deploy.";

fn rows(j: &StateJson) -> [(&'static str, String); 5] {
    [
        ("Lead time p50", written(j.lead_time_p50_minutes)),
        ("Lead time p85", written(j.lead_time_p85_minutes)),
        ("Lead time p95", written(j.lead_time_p95_minutes)),
        ("Deployments per week", per_week(j.deployments_per_week)),
        (
            "Runs that deploy",
            j.deployed_percent
                .map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%")),
        ),
    ]
}

/// The forecasts as text: current and future side by side, the backtest, the model, and the
/// steps whose figures are not measured.
pub fn forecast_text(
    models: (&StreamModel, Option<&StreamModel>),
    json: &ForecastJson,
    source: &str,
) -> String {
    let mut out = format!(
        "Forecast of {}: {} per state, seed {} ({source})\n\n",
        models.0.name,
        crate::measure::plural_count(json.runs, "run"),
        json.seed
    );
    let current = rows(&json.current);
    let future = json.future.as_ref().map(rows);
    let width = 22;
    out.push_str(&format!("{:width$}{:>22}", "", "Current"));
    if json.future.is_some() {
        out.push_str(&format!("{:>22}", "Future"));
    }
    out.push('\n');
    for (i, (label, value)) in current.iter().enumerate() {
        out.push_str(&format!("{label:width$}{value:>22}"));
        if let Some(f) = &future {
            out.push_str(&format!("{:>22}", f[i].1));
        }
        out.push('\n');
    }
    if let Some(b) = &json.backtest {
        let minute = |iso: &str| iso.get(..16).unwrap_or(iso).replace('T', " ");
        out.push_str(&format!(
            "\nBacktest: learned from {} to {}, checked on {} to {} (UTC)\n",
            minute(&b.train_start),
            minute(&b.split),
            minute(&b.split),
            minute(&b.test_end)
        ));
        out.push_str(&format!(
            "{:width$}{:>22}{:>22}{:>12}\n",
            "", "Forecast", "Measured", "Error"
        ));
        let errors = [
            b.error_percent.lead_time_p50_minutes,
            b.error_percent.lead_time_p85_minutes,
            b.error_percent.lead_time_p95_minutes,
            b.error_percent.deployments_per_week,
        ];
        for (i, ((label, f), (_, m))) in rows(&b.forecast)
            .iter()
            .zip(rows(&b.measured))
            .take(4)
            .enumerate()
        {
            out.push_str(&format!(
                "{label:width$}{f:>22}{m:>22}{:>12}\n",
                percent(errors[i])
            ));
        }
    }
    out.push('\n');
    out.push_str(&super::super::measure::wrap_text(MODEL, 96, ""));
    for (name, model) in [("current", Some(models.0)), ("future", models.1)] {
        let Some(model) = model else { continue };
        let unknown: Vec<&str> = model
            .steps
            .iter()
            .filter(|s| s.source == StepSource::Unknown)
            .map(|s| s.name.as_str())
            .collect();
        if !unknown.is_empty() {
            out.push_str(&super::super::measure::wrap_text(
                &format!(
                    "! {name}: no measured or annotated time, counted as zero: {}",
                    unknown.join(", ")
                ),
                96,
                "  ",
            ));
        }
    }
    out
}
