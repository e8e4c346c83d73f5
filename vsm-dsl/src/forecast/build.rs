//! Stream models to simulate: measured from a history, from a stream's annotations, and a
//! future state drawn from the measured one.

use super::{StepModel, StepSource, StreamModel};
use crate::measure::{
    percentile, ActionFigures, ExecutionStatus, History, Measurement, Structure, Window,
};
use crate::model::{Action, Stream};

/// `stage / action`.
fn step_name(stage: &str, action: &str) -> String {
    format!("{stage} / {action}")
}

/// `part / whole`, or `otherwise` when `whole` is zero.
fn share(part: usize, whole: usize, otherwise: f64) -> f64 {
    if whole == 0 {
        otherwise
    } else {
        part as f64 / whole as f64
    }
}

fn measured_step(a: &ActionFigures) -> StepModel {
    let failed = a.finished_in - a.first_pass;
    StepModel {
        name: step_name(&a.stage, &a.action),
        wait: a.wait_seconds.clone(),
        process: a.process_seconds.clone(),
        first_pass: share(a.first_pass, a.finished_in, 1.0),
        recovery: share(a.recovered, failed, 1.0),
        source: if a.executions == 0 {
            StepSource::Unknown
        } else {
            StepSource::Measured
        },
    }
}

/// Executions (rollbacks aside) started per week over the window, and the share of them
/// that stopped, were superseded or cancelled, among those that ended.
fn starts(history: &History, m: &Measurement, window: Window) -> (Option<f64>, f64) {
    let started: Vec<ExecutionStatus> = history
        .executions
        .iter()
        .filter(|e| window.holds(e.start) && !e.is_rollback())
        .map(|e| e.status)
        .collect();
    let ended = started.iter().filter(|s| s.is_final()).count();
    let halted = started
        .iter()
        .filter(|s| {
            s.is_final() && !matches!(s, ExecutionStatus::Succeeded | ExecutionStatus::Failed)
        })
        .count();
    let weeks = m.window.map(|w| w.days() / 7.0).filter(|w| *w > 0.0);
    (
        weeks.map(|w| started.len() as f64 / w),
        share(halted, ended, 0.0),
    )
}

/// The groups of `structure` as indices into its actions in flow order.
fn structure_groups(structure: &Structure) -> Vec<Vec<usize>> {
    let mut next = 0;
    structure
        .groups()
        .into_iter()
        .map(|(_, g)| {
            let group: Vec<usize> = (next..next + g.actions.len()).collect();
            next += g.actions.len();
            group
        })
        .collect()
}

/// The stream as measured over `window` of `history` (`m` is that measurement): each step
/// draws from its measured samples.
pub fn current_model(
    history: &History,
    structure: &Structure,
    window: Window,
    m: &Measurement,
) -> StreamModel {
    let (starts_per_week, halted_share) = starts(history, m, window);
    StreamModel {
        name: structure.name.clone(),
        steps: m.actions.iter().map(measured_step).collect(),
        groups: structure_groups(structure),
        starts_per_week,
        halted_share,
    }
}

/// A step from its annotations alone: fixed times, %C&A as first-pass yield, failures
/// retried once with chance `recovery`.
fn annotated_step(stage: &str, a: &Action, recovery: f64) -> StepModel {
    let n = &a.annotations;
    let times =
        |d: Option<std::time::Duration>| d.map(|d| vec![d.as_secs_f64()]).unwrap_or_default();
    let known = n.wait_time.is_some() || n.process_time.is_some();
    StepModel {
        name: step_name(stage, &a.name),
        wait: times(n.wait_time),
        process: times(n.process_time),
        first_pass: n
            .complete_accurate
            .map_or(1.0, |c| c.clamp(0.0, 100.0) / 100.0),
        recovery,
        source: if known {
            StepSource::Annotated
        } else {
            StepSource::Unknown
        },
    }
}

/// The groups of a stream's steps, in flow order, and the steps with their stage.
fn stream_steps(stream: &Stream) -> (Vec<(&str, &Action)>, Vec<Vec<usize>>) {
    let mut steps = Vec::new();
    let mut groups = Vec::new();
    for stage in &stream.stages {
        for (_, actions) in stage.groups() {
            let first = steps.len();
            steps.extend(actions.into_iter().map(|a| (stage.name.as_str(), a)));
            groups.push((first..steps.len()).collect());
        }
    }
    (steps, groups)
}

/// The stream as modelled: every step's annotations, without a history (no deployments per
/// week).
pub fn modelled_model(stream: &Stream) -> StreamModel {
    let (steps, groups) = stream_steps(stream);
    StreamModel {
        name: stream.name.display().into_owned(),
        steps: steps
            .into_iter()
            .map(|(stage, a)| annotated_step(stage, a, 1.0))
            .collect(),
        groups,
        starts_per_week: None,
        halted_share: 0.0,
    }
}

/// The step of `steps` named `stage / action`, else the only one named `action` in any stage
/// (a step moved to another stage).
fn matching<'a, T>(
    steps: &'a [T],
    name: impl Fn(&T) -> (&str, &str),
    stage: &str,
    action: &str,
) -> Option<&'a T> {
    steps
        .iter()
        .find(|s| name(s) == (stage, action))
        .or_else(|| {
            let mut same = steps.iter().filter(|s| name(s).1 == action);
            match (same.next(), same.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
}

/// Measured samples moved so that their median is `target` seconds (their shape kept), or
/// `target` alone when nothing was measured.
fn scaled(samples: &[f64], target: f64) -> Vec<f64> {
    match percentile(samples, 50.0) {
        Some(median) if median > 0.0 => samples.iter().map(|s| s * target / median).collect(),
        _ => vec![target],
    }
}

/// A future step drawn from its measured counterpart: a time or %C&A the future state
/// annotates differently from the current stream (any annotated one when there is no current
/// stream) replaces the measured one, times by scaling the measured samples to it.
fn future_step(
    stage: &str,
    a: &Action,
    measured: &StepModel,
    current: Option<&Action>,
) -> StepModel {
    let n = &a.annotations;
    let was = current.map(|c| c.annotations).unwrap_or_default();
    let changed = |new: Option<std::time::Duration>, old: Option<std::time::Duration>| {
        new.filter(|d| current.is_none() || Some(*d) != old)
    };
    let mut step = StepModel {
        name: step_name(stage, &a.name),
        ..measured.clone()
    };
    if let Some(w) = changed(n.wait_time, was.wait_time) {
        step.wait = scaled(&measured.wait, w.as_secs_f64());
        step.source = StepSource::Scaled;
    }
    if let Some(p) = changed(n.process_time, was.process_time) {
        step.process = scaled(&measured.process, p.as_secs_f64());
        step.source = StepSource::Scaled;
    }
    if let Some(c) = n
        .complete_accurate
        .filter(|c| current.is_none() || Some(*c) != was.complete_accurate)
    {
        step.first_pass = c.clamp(0.0, 100.0) / 100.0;
        step.source = StepSource::Scaled;
    }
    step
}

/// A future state of the measured stream `measured`: the future stream's structure (stages,
/// run orders, steps added or removed); each step that was measured (same stage and name, or
/// the only step of that name) draws from its measured samples, changed where the future's
/// annotations differ from `current`'s; a new step takes its annotations, its failures
/// recovering as often as the measured steps' on average. Starts per week are the measured
/// ones.
pub fn future_model(
    future: &Stream,
    current: Option<&Stream>,
    measured: &StreamModel,
) -> StreamModel {
    let failing: Vec<f64> = measured
        .steps
        .iter()
        .filter(|s| s.first_pass < 1.0)
        .map(|s| s.recovery)
        .collect();
    let recovery = if failing.is_empty() {
        1.0
    } else {
        failing.iter().sum::<f64>() / failing.len() as f64
    };
    let current_steps = current
        .map(stream_steps)
        .map(|(s, _)| s)
        .unwrap_or_default();
    let (steps, groups) = stream_steps(future);
    let split = |name: &str| -> (String, String) {
        let (s, a) = name.split_once(" / ").unwrap_or(("", name));
        (s.to_owned(), a.to_owned())
    };
    let names: Vec<(String, String)> = measured.steps.iter().map(|s| split(&s.name)).collect();
    let indexed: Vec<(usize, &(String, String))> = names.iter().enumerate().collect();
    StreamModel {
        name: future.name.display().into_owned(),
        steps: steps
            .into_iter()
            .map(|(stage, a)| {
                let found = matching(
                    &indexed,
                    |(_, n)| (n.0.as_str(), n.1.as_str()),
                    stage,
                    &a.name,
                );
                let was = matching(
                    &current_steps,
                    |(s, c)| (*s, c.name.as_str()),
                    stage,
                    &a.name,
                )
                .map(|(_, c)| *c);
                match found {
                    Some((i, _)) => future_step(stage, a, &measured.steps[*i], was),
                    None => annotated_step(stage, a, recovery),
                }
            })
            .collect(),
        groups,
        starts_per_week: measured.starts_per_week,
        halted_share: measured.halted_share,
    }
}
