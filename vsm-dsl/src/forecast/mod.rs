//! Forecasts: a Monte Carlo simulation of a stream's structure with each step's times drawn
//! from what its history measured, for the stream as it is and for a future state.
//!
//! One simulated run is one pipeline execution. Stages run in sequence and the run-order
//! groups of a stage one after the other; a group takes as long as its slowest member. Each
//! step's attempt takes a wait and a process time drawn (with replacement) from its measured
//! samples; it passes first time with its measured first-pass yield; a failed attempt is
//! retried once (another wait and process time) with the measured share of failures that
//! recovered in the same execution, and otherwise the run fails there and deploys nothing.
//! The lead time of a run that deploys is the sum of its groups. Deployments per week are the
//! measured starts per week, times the measured share of executions not stopped or superseded,
//! times the share of simulated runs that deploy.
//!
//! ```
//! use vsm_dsl::forecast::{simulate, StepModel, StreamModel};
//!
//! // Two steps in sequence: 10 or 20 minutes, then always 30, both always passing.
//! let step = |name: &str, process: Vec<f64>| StepModel::fixed(name, 0.0, 0.0, 1.0).with_process(process);
//! let model = StreamModel {
//!     name: "demo".into(),
//!     steps: vec![step("A", vec![600.0, 1200.0]), step("B", vec![1800.0])],
//!     groups: vec![vec![0], vec![1]],
//!     starts_per_week: Some(10.0),
//!     halted_share: 0.0,
//! };
//! let f = simulate(&model, 1_000, 7, &mut |_| {});
//! let p95 = f.lead_time.p95.unwrap().as_secs();
//! assert_eq!(p95, 3000);
//! assert_eq!(f.deployments_per_week, Some(10.0));
//! ```

mod backtest;
mod build;
mod report;

pub use backtest::{backtest, Backtest, BACKTEST_SHARE};
pub use build::{current_model, future_model, modelled_model};
pub use report::{forecast_text, BacktestJson, ForecastJson, StateJson};

use crate::measure::{Durations, Rng};

/// One step as the simulation draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct StepModel {
    /// `stage / action`.
    pub name: String,
    /// Wait times to draw from, seconds (empty: zero).
    pub wait: Vec<f64>,
    /// Process times to draw from, seconds (empty: zero).
    pub process: Vec<f64>,
    /// Chance that an attempt passes first time (0–1).
    pub first_pass: f64,
    /// Chance that a failed attempt is retried and passes in the same execution (0–1).
    pub recovery: f64,
    /// Where its figures come from, for the report.
    pub source: StepSource,
}

/// Where a step's figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepSource {
    /// Measured samples, as they are.
    Measured,
    /// Measured samples scaled to a changed annotation.
    Scaled,
    /// The stream's annotations (no history, or a new step).
    Annotated,
    /// Nothing measured nor annotated: counted as zero.
    Unknown,
}

impl StepModel {
    /// A step of fixed times (seconds) passing first time with chance `first_pass`; a failure
    /// is retried once and passes.
    pub fn fixed(name: &str, wait: f64, process: f64, first_pass: f64) -> Self {
        Self {
            name: name.to_owned(),
            wait: vec![wait],
            process: vec![process],
            first_pass,
            recovery: 1.0,
            source: StepSource::Annotated,
        }
    }

    /// The same step drawing its process time from `process`.
    pub fn with_process(mut self, process: Vec<f64>) -> Self {
        self.process = process;
        self
    }
}

/// A stream as the simulation runs it.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamModel {
    /// Stream name.
    pub name: String,
    /// The steps.
    pub steps: Vec<StepModel>,
    /// Run-order groups in flow order (stage by stage), as indices into `steps`.
    pub groups: Vec<Vec<usize>>,
    /// Executions (rollbacks aside) started per week, as measured; `None` without a history.
    pub starts_per_week: Option<f64>,
    /// Share of those executions stopped, superseded or cancelled (0–1), as measured.
    pub halted_share: f64,
}

/// What a simulation forecasts.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Runs simulated.
    pub runs: usize,
    /// The seed.
    pub seed: u64,
    /// Lead time of the runs that deploy: median, 85th and 95th percentile.
    pub lead_time: Durations,
    /// Share of runs that deploy (0–1).
    pub deployed_share: f64,
    /// Deployments per week; `None` without measured starts.
    pub deployments_per_week: Option<f64>,
}

/// Runs between two calls of `progress`.
pub const PROGRESS_EVERY: usize = 1_000;

/// Draws from `values`, or zero for none.
fn draw(values: &[f64], rng: &mut Rng) -> f64 {
    match values.len() {
        0 => 0.0,
        1 => values[0],
        n => values[rng.below(n)],
    }
}

/// One attempt of `step`, and whether the step passed; `None` when the run fails there.
fn step_time(step: &StepModel, rng: &mut Rng) -> Option<f64> {
    let attempt = |rng: &mut Rng| draw(&step.wait, rng) + draw(&step.process, rng);
    let first = attempt(rng);
    if rng.unit() < step.first_pass {
        return Some(first);
    }
    (rng.unit() < step.recovery).then(|| first + attempt(rng))
}

/// One run: its lead time in seconds, or `None` when it fails.
fn run(model: &StreamModel, rng: &mut Rng) -> Option<f64> {
    let mut total = 0.0;
    for group in &model.groups {
        let mut slowest: f64 = 0.0;
        for &s in group {
            slowest = slowest.max(step_time(&model.steps[s], rng)?);
        }
        total += slowest;
    }
    Some(total)
}

/// Simulates `runs` executions of `model` from `seed`; `progress` hears the runs done every
/// [`PROGRESS_EVERY`] runs.
pub fn simulate(
    model: &StreamModel,
    runs: usize,
    seed: u64,
    progress: &mut dyn FnMut(usize),
) -> Forecast {
    let mut rng = Rng::new(seed);
    let mut lead_times = Vec::with_capacity(runs);
    for i in 0..runs {
        if let Some(t) = run(model, &mut rng) {
            lead_times.push(t);
        }
        if (i + 1) % PROGRESS_EVERY == 0 {
            progress(i + 1);
        }
    }
    let deployed_share = if runs == 0 {
        0.0
    } else {
        lead_times.len() as f64 / runs as f64
    };
    Forecast {
        runs,
        seed,
        lead_time: Durations::of_seconds(lead_times),
        deployed_share,
        deployments_per_week: model
            .starts_per_week
            .map(|s| s * (1.0 - model.halted_share) * deployed_share),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_steps_wait_for_the_slowest_and_failures_stop_runs() {
        let model = StreamModel {
            name: "p".into(),
            steps: vec![
                StepModel::fixed("A", 60.0, 600.0, 1.0),
                StepModel::fixed("B", 0.0, 900.0, 1.0),
                StepModel {
                    recovery: 0.0,
                    ..StepModel::fixed("C", 0.0, 300.0, 0.5)
                },
            ],
            groups: vec![vec![0, 1], vec![2]],
            starts_per_week: Some(20.0),
            halted_share: 0.1,
        };
        let f = simulate(&model, 4_000, 1, &mut |_| {});
        // max(660, 900) + 300 for every run that passes C.
        assert_eq!(f.lead_time.median.unwrap().as_secs(), 1200);
        assert!(
            (f.deployed_share - 0.5).abs() < 0.03,
            "{}",
            f.deployed_share
        );
        let per_week = f.deployments_per_week.unwrap();
        assert!((per_week - 20.0 * 0.9 * f.deployed_share).abs() < 1e-9);
        // A failure retried once costs a second attempt.
        let retried = StreamModel {
            steps: vec![StepModel::fixed("A", 0.0, 100.0, 0.0)],
            groups: vec![vec![0]],
            ..model
        };
        let f = simulate(&retried, 100, 1, &mut |_| {});
        assert_eq!(f.lead_time.p95.unwrap().as_secs(), 200);
        assert_eq!(f.deployed_share, 1.0);
        let mut calls = Vec::new();
        simulate(&retried, 2_500, 1, &mut |n| calls.push(n));
        assert_eq!(calls, [1_000, 2_000]);
    }
}
