//! A year of execution history for a stream, made deterministically from a seed: what `aws
//! codepipeline list-pipeline-executions` and `list-action-executions` would print for it.
//!
//! Each action's wait and process time follow its annotations, scaled by a drift drawn once
//! per action (so the measured medians differ from the model by a known factor) and by noise
//! drawn per run. An action fails with a probability that grows as its %C&A falls; a failure is
//! retried in the same execution (a Failed then a Succeeded attempt) or fails the execution.
//! Some executions are stopped part-way, and some deployments are followed by a rollback that
//! runs the last stage again.
#![allow(dead_code)]

use std::fmt::Write as _;
use vsm::model::{Category, Stream};

/// When the year starts: 2025-01-01T00:00:00Z.
pub const YEAR_START: i64 = 1_735_689_600;
/// Executions started in the year (rollbacks come on top).
pub const EXECUTIONS: usize = 3_150;

/// SplitMix64 (vsm's own, so that the generated year never changes), with the draws the
/// generator needs.
pub struct Rng(vsm::measure::Rng);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(vsm::measure::Rng::new(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0.unit()
    }

    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// A factor around 1: exp of a sum of uniforms (close to log-normal), median 1.
    pub fn noise(&mut self, spread: f64) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum::<f64>() - 2.0;
        (spread * s).exp()
    }
}

/// One action of the stream as the generator sees it.
pub struct Step {
    pub stage: String,
    pub name: String,
    pub group: usize,
    pub approval: bool,
    /// Modelled wait and process time, seconds.
    pub wait: f64,
    pub process: f64,
    /// Chance that one run fails.
    pub failure: f64,
    /// Drift of this action's real times from the model.
    pub wait_drift: f64,
    pub process_drift: f64,
}

/// The steps of `stream`, with drifts drawn from `rng`.
pub fn steps(stream: &Stream, rng: &mut Rng) -> Vec<Step> {
    let mut out = Vec::new();
    let mut group = 0;
    for stage in &stream.stages {
        for (_, actions) in stage.groups() {
            for a in actions {
                let n = &a.annotations;
                out.push(Step {
                    stage: stage.name.clone(),
                    name: a.name.clone(),
                    group,
                    approval: a.kind.action_type().category == Category::Approval,
                    wait: n.wait_time.map_or(60.0, |d| d.as_secs_f64()),
                    process: n.process_time.map_or(60.0, |d| d.as_secs_f64()),
                    failure: (100.0 - n.complete_accurate.unwrap_or(100.0)) / 100.0 * 0.25,
                    wait_drift: rng.range(0.5, 1.8),
                    process_drift: rng.range(0.7, 1.4),
                });
            }
            group += 1;
        }
    }
    out
}

/// `2025-01-01T00:00:00.000000+00:00`, as the AWS CLI prints times.
pub fn iso(seconds: f64) -> String {
    let micros = (seconds * 1e6).round() as i64;
    vsm::measure::Timestamp::from_micros(micros)
        .expect("a time in range")
        .to_iso()
}

/// The two files' texts.
pub struct Year {
    pub executions: String,
    pub actions: String,
    pub execution_count: usize,
    pub action_count: usize,
}

struct Writer {
    executions: String,
    actions: String,
    execution_count: usize,
    action_count: usize,
}

impl Writer {
    fn execution(
        &mut self,
        id: &str,
        status: &str,
        (start, end): (f64, f64),
        trigger: &str,
        revision: Option<(&str, String)>,
    ) {
        let rollback = trigger.ends_with("Rollback");
        if self.execution_count > 0 {
            self.executions.push_str(",\n");
        }
        let revisions = revision.map_or_else(String::new, |(action, id)| {
            format!(", \"sourceRevisions\": [{{\"actionName\": \"{action}\", \"revisionId\": \"{id}\"}}]")
        });
        let _ = write!(
            self.executions,
            "    {{\"pipelineExecutionId\": \"{id}\", \"status\": \"{status}\", \"startTime\": \"{}\", \
             \"lastUpdateTime\": \"{}\", \"trigger\": {{\"triggerType\": \"{trigger}\"}}, \
             \"executionMode\": \"PARALLEL\", \"executionType\": \"{}\"{revisions}}}",
            iso(start),
            iso(end),
            if rollback { "ROLLBACK" } else { "STANDARD" }
        );
        self.execution_count += 1;
    }

    fn action(&mut self, execution: &str, step: &Step, status: &str, start: f64, end: f64) {
        if self.action_count > 0 {
            self.actions.push_str(",\n");
        }
        let category = if step.approval { "Approval" } else { "Invoke" };
        let _ = write!(
            self.actions,
            "    {{\"pipelineExecutionId\": \"{execution}\", \"actionExecutionId\": \"a{:07}\", \
             \"pipelineVersion\": 1, \"stageName\": \"{}\", \"actionName\": \"{}\", \
             \"startTime\": \"{}\", \"lastUpdateTime\": \"{}\", \"status\": \"{status}\", \
             \"input\": {{\"actionTypeId\": {{\"category\": \"{category}\", \"owner\": \"AWS\", \
             \"provider\": \"Lambda\", \"version\": \"1\"}}}}, \"output\": {{\"executionResult\": \
             {{\"externalExecutionId\": \"x{:07}\"}}}}}}",
            self.action_count,
            step.stage,
            step.name,
            iso(start),
            iso(end),
            self.action_count
        );
        self.action_count += 1;
    }
}

/// A year of history for `stream`: [`EXECUTIONS`] executions, every ~3 hours.
pub fn year(stream: &Stream, seed: u64) -> Year {
    year_with(stream, seed, None)
}

/// What each execution names as its source revision: the source action, and the revision of
/// an execution that starts at a given time (epoch seconds).
pub type Revisions<'a> = (&'a str, &'a dyn Fn(f64) -> String);

/// [`year`], each execution naming the revision `revisions` gives for its start (a rollback,
/// the revision of the execution it rolls back).
pub fn year_with(stream: &Stream, seed: u64, revisions: Option<Revisions<'_>>) -> Year {
    let revision = |start: f64| revisions.map(|(action, of)| (action, of(start)));
    let mut rng = Rng::new(seed);
    let steps = steps(stream, &mut rng);
    let groups = steps.iter().map(|s| s.group).max().map_or(0, |g| g + 1);
    let last_stage = steps.last().map(|s| s.stage.clone()).unwrap_or_default();
    let mut w = Writer {
        executions: String::from("{\n  \"pipelineExecutionSummaries\": [\n"),
        actions: String::from("{\n  \"actionExecutionDetails\": [\n"),
        execution_count: 0,
        action_count: 0,
    };
    let interval = 365.0 * 86_400.0 / EXECUTIONS as f64;
    for i in 0..EXECUTIONS {
        let start = YEAR_START as f64 + i as f64 * interval + rng.range(0.0, interval * 0.6);
        let id = format!("e{i:05}");
        let (status, end) = run(&mut w, &mut rng, &id, &steps, groups, start);
        w.execution(&id, status, (start, end), "Webhook", revision(start));
        if status == "Succeeded" && rng.unit() < 0.04 {
            let rollback = format!("r{i:05}");
            let r_start = end + rng.range(600.0, 3.0 * 3600.0);
            let finals: Vec<&Step> = steps.iter().filter(|s| s.stage == last_stage).collect();
            let mut t = r_start;
            for s in finals {
                let a_start = t + rng.range(5.0, 60.0);
                let a_end = a_start + s.process * s.process_drift * rng.noise(0.3);
                w.action(&rollback, s, "Succeeded", a_start, a_end);
                t = t.max(a_end);
            }
            let trigger = if rng.unit() < 0.5 {
                "ManualRollback"
            } else {
                "AutomatedRollback"
            };
            w.execution(
                &rollback,
                "Succeeded",
                (r_start, t + 5.0),
                trigger,
                revision(start),
            );
        }
    }
    w.executions.push_str("\n  ]\n}\n");
    w.actions.push_str("\n  ]\n}\n");
    Year {
        executions: w.executions,
        actions: w.actions,
        execution_count: w.execution_count,
        action_count: w.action_count,
    }
}

/// Runs one execution group by group; its status and last update.
fn run(
    w: &mut Writer,
    rng: &mut Rng,
    id: &str,
    steps: &[Step],
    groups: usize,
    start: f64,
) -> (&'static str, f64) {
    let stop_at = (rng.unit() < 0.015).then(|| (rng.unit() * groups as f64) as usize);
    let mut t = start;
    for g in 0..groups {
        let mut group_end = t;
        for s in steps.iter().filter(|s| s.group == g) {
            let wait = s.wait * s.wait_drift * rng.noise(0.35);
            let process = s.process * s.process_drift * rng.noise(0.3);
            // An approval starts at once and waits for its approver; others wait, then work.
            let (a_start, work) = if s.approval {
                (t + rng.range(1.0, 30.0), wait)
            } else {
                (t + wait, process)
            };
            if stop_at == Some(g) {
                let end = a_start + work * 0.5;
                w.action(id, s, "Abandoned", a_start, end);
                return ("Stopped", end + 2.0);
            }
            let mut end = a_start + work;
            if rng.unit() < s.failure {
                let failed_at = a_start + work * rng.range(0.2, 1.0);
                w.action(id, s, "Failed", a_start, failed_at);
                if rng.unit() < 0.8 {
                    let retry = failed_at + rng.range(300.0, 7200.0);
                    end = retry + work;
                    w.action(id, s, "Succeeded", retry, end);
                } else {
                    return ("Failed", failed_at + 3.0);
                }
            } else {
                w.action(id, s, "Succeeded", a_start, end);
            }
            group_end = group_end.max(end);
        }
        t = group_end;
    }
    ("Succeeded", t + 5.0)
}
