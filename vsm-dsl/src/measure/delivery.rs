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
    /// Failed executions a rollback undid, restoring the deployment before them: changes
    /// that reached production and failed there (CodePipeline's automated rollback after a
    /// stage failed). They are change failures, and no deployments.
    pub failed_deployments: usize,
    /// Deployments followed by a rollback execution before the next deployment, and failed
    /// deployments.
    pub change_failures: usize,
    /// Change failures / (deployments + failed deployments), in percent; `None` without
    /// either.
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
    /// Failed deployments (each a change failure beside the deployments').
    pub failed_deployments: usize,
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
    let failures = change_failures(&done, &deployments);
    let (restores, unrestored) = restores(&done, &failures.failed_at);
    let reworked = rework(&deployments, &failures.after_failure, shipped);
    let failed_deployments = failures.failed_deployments;
    let failures = failures.deployments;
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
        failed_deployments,
    };
    let change_failures = failures.iter().filter(|f| **f).count() + failed_deployments;
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
        failed_deployments,
        change_failures,
        change_failure_rate_percent: percent(
            change_failures,
            deployments.len() + failed_deployments,
        ),
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

/// The change failures of a window.
struct Failures {
    /// Per deployment, true when it is a change failure.
    deployments: Vec<bool>,
    /// Failed executions a rollback undid.
    failed_deployments: usize,
    /// The last update of every change failure, deployments' and failed deployments'.
    failed_at: Vec<Timestamp>,
    /// Per deployment, true when it is the first to end after a change failure.
    after_failure: Vec<bool>,
}

/// Change failures: a rollback belongs to the deployment that had last ended when it started
/// (`done` and `deployments` are in order of last update). When the rollback restores that
/// very deployment (its rollbackMetadata target), the deployment did not fail: the failed
/// change is the Failed execution (not a rollback) that started last after the deployment
/// and at or before the rollback, a failed deployment; with none, the rollback marks nothing.
fn change_failures(done: &[&PipelineExecution], deployments: &[&PipelineExecution]) -> Failures {
    let mut failed = vec![false; deployments.len()];
    let mut undone: Vec<&PipelineExecution> = Vec::new();
    for rollback in done.iter().filter(|e| e.is_rollback()) {
        // The last deployment that ended at or before the rollback started.
        let after = deployments.partition_point(|d| d.last_update <= rollback.start);
        let Some(i) = after.checked_sub(1) else {
            continue;
        };
        let d = deployments[i];
        if rollback.rollback_target.as_deref() != Some(d.id.as_str()) {
            failed[i] = true;
            continue;
        }
        let failed_change = done
            .iter()
            .filter(|e| e.status == ExecutionStatus::Failed && !e.is_rollback())
            .filter(|e| e.start > d.start && e.start <= rollback.start)
            .max_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        if let Some(f) = failed_change {
            if !undone.iter().any(|u| u.id == f.id) {
                undone.push(f);
            }
        }
    }
    let mut failed_at: Vec<Timestamp> = deployments
        .iter()
        .zip(&failed)
        .filter(|(_, f)| **f)
        .map(|(d, _)| d.last_update)
        .chain(undone.iter().map(|f| f.last_update))
        .collect();
    failed_at.sort();
    // The first deployment to end after each change failure.
    let mut after_failure = vec![false; deployments.len()];
    for at in &failed_at {
        let next = deployments.partition_point(|d| d.last_update <= *at);
        if let Some(flag) = after_failure.get_mut(next) {
            *flag = true;
        }
    }
    Failures {
        deployments: failed,
        failed_deployments: undone.len(),
        failed_at,
        after_failure,
    }
}

/// Time to restore of each change failure that ended at `failed_at`: to the last update of the
/// first Succeeded execution to end after it (the rollback or a new deployment), in seconds;
/// and how many have none yet.
fn restores(done: &[&PipelineExecution], failed_at: &[Timestamp]) -> (Vec<f64>, usize) {
    let mut restores = Vec::new();
    let mut unrestored = 0;
    for at in failed_at {
        let first = done
            .iter()
            .find(|e| e.status == ExecutionStatus::Succeeded && e.last_update > *at);
        match first {
            Some(good) => restores.push(good.last_update.seconds_since(*at)),
            None => unrestored += 1,
        }
    }
    (restores, unrestored)
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
