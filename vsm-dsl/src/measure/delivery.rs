//! The four key metrics and the pipeline's own failure figures, from the pipeline executions of
//! the window (in order of start).

use super::commits::Shipped;
use super::history::{ExecutionStatus, PipelineExecution};
use super::rework::rework;
use super::stats::Durations;
use super::time::Timestamp;

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
    /// Deployments that are rework: unplanned work after an incident in production.
    pub rework_deployments: usize,
    /// Rework deployments / deployments, in percent; `None` without deployments.
    pub deployment_rework_rate_percent: Option<f64>,
    /// Change lead time, when the commits are known.
    pub changes: Option<Changes>,
    /// The samples every figure above is computed from.
    pub samples: Samples,
}

/// Change lead time: from each commit to the deployment that shipped it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// The source action whose revisions were followed.
    pub source_action: String,
    /// Commits the deployments of the window shipped.
    pub commits: usize,
    /// Change lead time of each of those commits: the deployment's last update − the
    /// commit's committer time.
    pub lead_time: Durations,
    /// Deployments without a revision of the source action (they ship no commit counted).
    pub without_revision: usize,
    /// Deployments with no earlier deployment to set their base (they ship no commit counted).
    pub without_base: usize,
    /// Parent links to commits not in the repository (a shallow clone's boundary).
    pub missing_parents: usize,
}

/// The samples of a window's delivery figures, one entry per unit counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Samples {
    /// Each deployment, in order of last update.
    pub deployments: Vec<DeploymentSample>,
    /// Time to restore of each restored change failure, seconds.
    pub restores: Vec<f64>,
    /// Time to green of each run of failures that ended, seconds.
    pub greens: Vec<f64>,
    /// Each Succeeded or Failed execution: true when it failed.
    pub finished_failed: Vec<bool>,
}

/// One deployment as the figures count it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeploymentSample {
    /// Its start.
    pub start: Timestamp,
    /// Its lead time (last update − start), seconds.
    pub lead_time: f64,
    /// True when it is a change failure.
    pub change_failure: bool,
    /// True when it is rework.
    pub rework: bool,
    /// Change lead time of each commit it shipped, seconds; `None` when its commits are not
    /// counted (no commits read, no revision, or no base).
    pub change_lead_times: Option<Vec<f64>>,
}

/// `part / whole` in percent; `None` when `whole` is zero.
pub(crate) fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64 * 100.0)
}

/// The delivery figures of `executions` over a window of `window_seconds`; with `shipped`, the
/// commits each deployment shipped, change lead time and reverts counted as rework.
pub fn delivery(
    executions: &[&PipelineExecution],
    window_seconds: Option<f64>,
    shipped: Option<&Shipped>,
) -> Delivery {
    let count = |status| executions.iter().filter(|e| e.status == status).count();
    let succeeded = count(ExecutionStatus::Succeeded);
    let failed = count(ExecutionStatus::Failed);
    // In order of completion: when an execution changed what runs (or what is red).
    let mut done: Vec<&PipelineExecution> = executions.to_vec();
    done.sort_by(|a, b| (a.last_update, a.start, &a.id).cmp(&(b.last_update, b.start, &b.id)));
    let deployments: Vec<&PipelineExecution> =
        done.iter().copied().filter(|e| e.is_deployment()).collect();
    let (restores, unrestored, failures) = change_failures(&done, &deployments);
    let reworked = rework(&deployments, &failures, shipped);
    let (greens, still_failing) = time_to_green(&done);
    let samples = Samples {
        deployments: deployment_samples(&deployments, &failures, &reworked, shipped),
        restores,
        greens,
        finished_failed: done
            .iter()
            .filter(|e| {
                matches!(
                    e.status,
                    ExecutionStatus::Succeeded | ExecutionStatus::Failed
                )
            })
            .map(|e| e.status == ExecutionStatus::Failed)
            .collect(),
    };
    let change_failures = failures.iter().filter(|f| **f).count();
    let rework_deployments = reworked.iter().filter(|r| **r).count();
    Delivery {
        executions: executions.len(),
        succeeded,
        failed,
        rollbacks: executions.iter().filter(|e| e.is_rollback()).count(),
        deployments: deployments.len(),
        deployment_frequency_per_day: window_seconds
            .filter(|w| *w > 0.0)
            .map(|w| deployments.len() as f64 / (w / DAY)),
        lead_time: Durations::of_seconds(samples.deployments.iter().map(|d| d.lead_time).collect()),
        change_failures,
        change_failure_rate_percent: percent(change_failures, deployments.len()),
        time_to_restore: Durations::of_seconds(samples.restores.clone()),
        unrestored,
        pipeline_failure_rate_percent: percent(failed, succeeded + failed),
        time_to_green: Durations::of_seconds(samples.greens.clone()),
        still_failing,
        rework_deployments,
        deployment_rework_rate_percent: percent(rework_deployments, deployments.len()),
        changes: shipped.map(|s| changes(s, &samples.deployments)),
        samples,
    }
}

fn deployment_samples(
    deployments: &[&PipelineExecution],
    failures: &[bool],
    reworked: &[bool],
    shipped: Option<&Shipped>,
) -> Vec<DeploymentSample> {
    deployments
        .iter()
        .zip(failures.iter().zip(reworked))
        .map(|(d, (&change_failure, &rework))| DeploymentSample {
            start: d.start,
            lead_time: d.last_update.seconds_since(d.start),
            change_failure,
            rework,
            change_lead_times: shipped.and_then(|s| s.commits.get(&d.id)).map(|commits| {
                commits
                    .iter()
                    .map(|c| d.last_update.seconds_since(c.time))
                    .collect()
            }),
        })
        .collect()
}

/// Change lead time over the deployments of the window.
fn changes(shipped: &Shipped, deployments: &[DeploymentSample]) -> Changes {
    let times: Vec<f64> = deployments
        .iter()
        .filter_map(|d| d.change_lead_times.as_deref())
        .flatten()
        .copied()
        .collect();
    Changes {
        source_action: shipped.source_action.clone(),
        commits: times.len(),
        lead_time: Durations::of_seconds(times),
        without_revision: shipped.without_revision.len(),
        without_base: shipped.without_base.len(),
        missing_parents: shipped.missing_parents,
    }
}

/// Change failures: deployments followed by a rollback before the next deployment, that is a
/// rollback execution that starts at or after the deployment's last update and before the next
/// deployment's. `done` and `deployments` are in order of last update. Returns each restored
/// one's time to restore (seconds), how many were not restored, and which deployments are
/// change failures.
fn change_failures(
    done: &[&PipelineExecution],
    deployments: &[&PipelineExecution],
) -> (Vec<f64>, usize, Vec<bool>) {
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
    (restores, unrestored, failed)
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
