//! Modelled versus measured: a stream's annotations beside the figures measured for its
//! steps, and the stream-wide figures computed both ways by the same analysis.

use std::time::Duration;

use super::Measurement;
use crate::analysis::{compare, gate_name, Comparison, StepRef};
use crate::model::{Annotations, ConditionPlace, Stream};

/// A figure of a step that is both modelled and measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// Wait time (minutes).
    WaitTime,
    /// Process time (minutes).
    ProcessTime,
    /// %C&A against the measured first-pass yield (percent).
    CompleteAccurate,
}

impl Figure {
    /// `wait`, `process`, `%C&A`.
    pub fn label(self) -> &'static str {
        match self {
            Self::WaitTime => "wait",
            Self::ProcessTime => "process",
            Self::CompleteAccurate => "%C&A",
        }
    }
}

/// One figure of one step, modelled and measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// The step.
    pub step: StepRef,
    /// Which figure.
    pub figure: Figure,
    /// The stream's annotation: minutes for times, percent for %C&A; `None` when not given.
    pub modelled: Option<f64>,
    /// The measured median (or first-pass yield); `None` when not measured.
    pub measured: Option<f64>,
}

impl Gap {
    /// Measured minus modelled; `None` when either is missing.
    pub fn difference(&self) -> Option<f64> {
        Some(self.measured? - self.modelled?)
    }
}

/// A stream's model beside its measured figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelComparison {
    /// Wait and process times of every step, largest gap first, then %C&A against first-pass
    /// yield, largest gap first; figures missing on a side come last, in flow order.
    pub gaps: Vec<Gap>,
    /// Lead time, flow efficiency, the constraint and the rest by the analysis: `current` is
    /// the stream as modelled, `future` the stream with measured annotations
    /// ([`measured_stream`]).
    pub comparison: Comparison,
}

/// The places of a stage's gates.
const GATES: [ConditionPlace; 2] = [ConditionPlace::BeforeEntry, ConditionPlace::OnSuccess];

/// A copy of `stream` whose annotations are the measured medians: process time, wait time,
/// and first-pass yield as %C&A (times to the second, yield to a tenth of a percent), of each
/// action and of each gate (a stage condition before entry or on success). A figure not
/// measured (no executions; the process time of an approval) is left out.
pub fn measured_stream(stream: &Stream, m: &Measurement) -> Stream {
    let mut out = stream.clone();
    for stage in &mut out.stages {
        for action in &mut stage.actions {
            action.annotations = match m.action(&stage.name, &action.name) {
                Some(f) => Annotations {
                    process_time: f.process.median.map(whole_seconds),
                    wait_time: f.wait.median.map(whole_seconds),
                    complete_accurate: f
                        .first_pass_yield_percent
                        .map(|p| (p * 10.0).round() / 10.0),
                },
                None => Annotations::default(),
            };
        }
        for place in GATES {
            let gate = m.gate(&stage.name, place);
            let condition = match place {
                ConditionPlace::BeforeEntry => stage.settings.before_entry.as_mut(),
                _ => stage.settings.on_success.as_mut(),
            };
            if let Some(c) = condition {
                c.annotations = match gate.filter(|g| g.executions > 0) {
                    Some(g) => Annotations {
                        process_time: g.process.median.map(whole_seconds),
                        wait_time: g.wait.median.map(whole_seconds),
                        complete_accurate: g
                            .first_pass_yield_percent
                            .map(|p| (p * 10.0).round() / 10.0),
                    },
                    // Not measured: the analysis models what the rules say (a deployment
                    // window's expected wait), as for the stream as written.
                    None => Annotations::default(),
                };
            }
        }
    }
    out
}

fn whole_seconds(d: Duration) -> Duration {
    Duration::from_secs(d.as_secs() + u64::from(d.subsec_nanos() >= 500_000_000))
}

fn minutes(d: Duration) -> f64 {
    d.as_secs_f64() / 60.0
}

/// Compares `stream`'s annotations with `m`: step by step, and stream-wide through
/// [`crate::analysis::compare`] of the stream and its [`measured_stream`].
pub fn compare_with_model(stream: &Stream, m: &Measurement) -> ModelComparison {
    let measured = measured_stream(stream, m);
    let mut times = Vec::new();
    let mut yields = Vec::new();
    // Every step in flow order: per stage its before-entry gate, its actions, its on-success
    // gate, each gate named as the analysis names it.
    let steps = |s: &Stream| -> Vec<(String, String, Annotations)> {
        s.stages
            .iter()
            .flat_map(|stage| {
                let gate = |place| {
                    stage.settings.get(place).map(|c| {
                        (
                            stage.name.clone(),
                            gate_name(place).to_owned(),
                            c.annotations,
                        )
                    })
                };
                gate(ConditionPlace::BeforeEntry)
                    .into_iter()
                    .chain(
                        stage
                            .actions
                            .iter()
                            .map(|a| (stage.name.clone(), a.name.clone(), a.annotations)),
                    )
                    .chain(gate(ConditionPlace::OnSuccess))
            })
            .collect()
    };
    // The modelled figures as the analysis reads them: a gate of deployment windows waits for
    // its window (and does no work) without annotations.
    let analysis = crate::analysis::analyze(stream);
    let modelled = |step: &StepRef, a: Annotations| -> Annotations {
        let found = analysis
            .stages
            .iter()
            .flat_map(|s| s.steps())
            .find(|s| &s.step == step);
        match found {
            Some(s) => Annotations {
                process_time: s.process_time,
                wait_time: s.wait_time,
                complete_accurate: s.complete_accurate,
            },
            None => a,
        }
    };
    for ((stage, name, a), (_, _, b)) in steps(stream).into_iter().zip(steps(&measured)) {
        let step = StepRef::new(stage, name);
        let a = modelled(&step, a);
        for (figure, x, y) in [
            (Figure::WaitTime, a.wait_time, b.wait_time),
            (Figure::ProcessTime, a.process_time, b.process_time),
        ] {
            times.push(Gap {
                step: step.clone(),
                figure,
                modelled: x.map(minutes),
                measured: y.map(minutes),
            });
        }
        yields.push(Gap {
            step,
            figure: Figure::CompleteAccurate,
            modelled: a.complete_accurate,
            measured: b.complete_accurate,
        });
    }
    let largest_first = |gaps: &mut Vec<Gap>| {
        gaps.sort_by(|x, y| {
            let key = |g: &Gap| g.difference().map(f64::abs);
            match (key(x), key(y)) {
                (Some(a), Some(b)) => b.total_cmp(&a),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        })
    };
    largest_first(&mut times);
    largest_first(&mut yields);
    times.extend(yields);
    ModelComparison {
        gaps: times,
        comparison: compare(stream, &measured),
    }
}
