//! Backtests: a forecast from the first part of a history, beside what the rest measured.

use super::{current_model, simulate, Forecast};
use crate::measure::{measure, Durations, History, Span, Structure, Timestamp, Window};

/// The share of the window the forecast learns from; the rest is what it is checked on.
pub const BACKTEST_SHARE: f64 = 2.0 / 3.0;

/// A forecast from the first part of a window and what the rest measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Backtest {
    /// The part learned from.
    pub train: Span,
    /// The part checked on.
    pub test: Span,
    /// The forecast, from the first part.
    pub forecast: Forecast,
    /// Lead time of the deployments of the second part, as measured.
    pub measured_lead_time: Durations,
    /// Deployments per week of the second part, as measured.
    pub measured_deployments_per_week: Option<f64>,
}

/// Forecasts from the first [`BACKTEST_SHARE`] of `span` and measures the rest; `None` when a
/// part has no execution.
pub fn backtest(
    history: &History,
    structure: &Structure,
    span: Span,
    runs: usize,
    seed: u64,
) -> Option<Backtest> {
    let length = span.end.micros() - span.start.micros();
    let split =
        Timestamp::from_micros(span.start.micros() + (length as f64 * BACKTEST_SHARE) as i64)?;
    let train = Window {
        since: Some(span.start),
        until: Timestamp::from_micros(split.micros() - 1),
    };
    let test = Window {
        since: Some(split),
        until: Some(span.end),
    };
    let learned = measure(history, structure, train);
    let checked = measure(history, structure, test);
    if learned.delivery.executions == 0 || checked.delivery.executions == 0 {
        return None;
    }
    let model = current_model(history, structure, train, &learned);
    Some(Backtest {
        train: learned.window?,
        test: checked.window?,
        forecast: simulate(&model, runs, seed, &mut |_| {}),
        measured_lead_time: checked.delivery.lead_time,
        measured_deployments_per_week: checked
            .delivery
            .deployment_frequency_per_day
            .map(|d| d * 7.0),
    })
}
