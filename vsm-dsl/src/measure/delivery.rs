//! The four key metrics and the pipeline's own failure figures, from the pipeline executions of
//! the window (in order of start).

use super::history::{ExecutionStatus, PipelineExecution};
use super::stats::Durations;

/// Seconds in a day.
const DAY: f64 = 86_400.0;

/// Delivery figures of the executions read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Delivery {
    /// Executions read (in the window).
    pub executions: usize,
    /// Of those, Succeeded (rollbacks included).
    pub succeeded: usize,
    /// Of those, Failed (rollbacks included).
    pub failed: usize,
    /// Of those, rollbacks (any status).
    pub rollbacks: usize,
    /// Deployments: Succeeded executions that are not rollbacks.
    pub deployments: usize,
    /// Deployments per day over the window; `None` for a window of no length.
    pub deployment_frequency_per_day: Option<f64>,
    /// Lead time of each deployment: last update − start.
    pub lead_time: Durations,
    /// Deployments followed by a rollback execution before the next deployment.
    pub change_failures: usize,
    /// Change failures / deployments, in percent; `None` without deployments.
    pub change_failure_rate_percent: Option<f64>,
    /// Time to restore of each change failure that was restored.
    pub time_to_restore: Durations,
    /// Change failures with no Succeeded execution after them (not restored yet).
    pub unrestored: usize,
    /// Failed / (Succeeded + Failed) executions, in percent; `None` when there are none.
    pub pipeline_failure_rate_percent: Option<f64>,
    /// Time to green of each run of consecutive Failed executions that ended.
    pub time_to_green: Durations,
    /// True when the last run of Failed executions has no Succeeded execution after it.
    pub still_failing: bool,
}

/// `part / whole` in percent; `None` when `whole` is zero.
pub(crate) fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64 * 100.0)
}

/// The delivery figures of `executions` over a window of `window_seconds`.
pub fn delivery(executions: &[&PipelineExecution], window_seconds: Option<f64>) -> Delivery {
    let count = |status| executions.iter().filter(|e| e.status == status).count();
    let succeeded = count(ExecutionStatus::Succeeded);
    let failed = count(ExecutionStatus::Failed);
    // In order of completion: when an execution changed what runs (or what is red).
    let mut done: Vec<&PipelineExecution> = executions.to_vec();
    done.sort_by(|a, b| (a.last_update, a.start, &a.id).cmp(&(b.last_update, b.start, &b.id)));
    let deployments: Vec<&PipelineExecution> =
        done.iter().copied().filter(|e| e.is_deployment()).collect();
    let lead_time = Durations::of_seconds(
        deployments
            .iter()
            .map(|e| e.last_update.seconds_since(e.start))
            .collect(),
    );
    let (restores, unrestored, change_failures) = change_failures(&done, &deployments);
    let (greens, still_failing) = time_to_green(&done);
    Delivery {
        executions: executions.len(),
        succeeded,
        failed,
        rollbacks: executions.iter().filter(|e| e.is_rollback()).count(),
        deployments: deployments.len(),
        deployment_frequency_per_day: window_seconds
            .filter(|w| *w > 0.0)
            .map(|w| deployments.len() as f64 / (w / DAY)),
        lead_time,
        change_failures,
        change_failure_rate_percent: percent(change_failures, deployments.len()),
        time_to_restore: Durations::of_seconds(restores),
        unrestored,
        pipeline_failure_rate_percent: percent(failed, succeeded + failed),
        time_to_green: Durations::of_seconds(greens),
        still_failing,
    }
}

/// Change failures: deployments followed by a rollback before the next deployment, that is a
/// rollback execution that starts at or after the deployment's last update and before the next
/// deployment's. `done` and `deployments` are in order of last update. Returns each restored
/// one's time to restore (seconds), how many were not restored, and how many there are.
fn change_failures(
    done: &[&PipelineExecution],
    deployments: &[&PipelineExecution],
) -> (Vec<f64>, usize, usize) {
    let mut failed = vec![false; deployments.len()];
    for rollback in done.iter().filter(|e| e.is_rollback()) {
        // The last deployment that ended at or before the rollback started.
        let after = deployments.partition_point(|d| d.last_update <= rollback.start);
        if let Some(i) = after.checked_sub(1) {
            failed[i] = true;
        }
    }
    let mut restores = Vec::new();
    let mut unrestored = 0;
    for (d, _) in deployments.iter().zip(&failed).filter(|(_, f)| **f) {
        // The first Succeeded execution to end after it: the rollback or a new deployment.
        let first = done
            .iter()
            .find(|e| e.status == ExecutionStatus::Succeeded && e.last_update > d.last_update);
        match first {
            Some(good) => restores.push(good.last_update.seconds_since(d.last_update)),
            None => unrestored += 1,
        }
    }
    let count = failed.iter().filter(|f| **f).count();
    (restores, unrestored, count)
}

/// Time to green of each run of consecutive Failed executions in order of last update
/// (executions that neither succeeded nor failed are passed over): the first one's start to
/// the last update of the next Succeeded execution, in seconds; and whether the last run is
/// still red.
fn time_to_green(done: &[&PipelineExecution]) -> (Vec<f64>, bool) {
    let mut greens = Vec::new();
    let mut red_since = None;
    for e in done {
        match e.status {
            ExecutionStatus::Failed => {
                red_since.get_or_insert(e.start);
            }
            ExecutionStatus::Succeeded => {
                if let Some(start) = red_since.take() {
                    greens.push(e.last_update.seconds_since(start));
                }
            }
            _ => {}
        }
    }
    (greens, red_since.is_some())
}
