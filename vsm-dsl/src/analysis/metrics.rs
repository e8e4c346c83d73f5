//! Lead time, process time, effort, flow efficiency and rolled %C&A of a stream, of each stage,
//! of each parallel group and of each step.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use super::constraint::{find_constraint, Constraint};
use super::coverage::{Coverage, Unmeasured};
use crate::conditions::DeploymentWindow;
use crate::model::{
    Action, Annotations, ConditionPlace, ConditionResult, Stage, StageCondition, Stream, Text,
};

/// Where a step sits: its stage and action names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct StepRef {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
}

impl StepRef {
    /// A reference to `action` in `stage`.
    pub fn new(stage: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            stage: stage.into(),
            action: action.into(),
        }
    }
}

impl fmt::Display for StepRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.stage, self.action)
    }
}

/// Figures of one step (one pipeline action).
#[derive(Debug, Clone, PartialEq)]
pub struct StepMetrics {
    /// Stage and action name.
    pub step: StepRef,
    /// Run order of the action in its stage.
    pub run_order: u32,
    /// Process time (PT), `None` when the step does not say.
    pub process_time: Option<Duration>,
    /// Wait time (WT), `None` when the step does not say.
    pub wait_time: Option<Duration>,
    /// %C&A (0–100), `None` when the step does not say. Values above 100 count as 100 and
    /// negative ones as 0; a NaN counts as not given.
    pub complete_accurate: Option<f64>,
    /// Lead time of the step: WT + PT, an unmeasured part counted as zero.
    pub lead_time: Duration,
    /// True when this step sets its parallel group's lead time (it is on the critical path).
    pub critical: bool,
    /// How much longer this step could take before it changed the group's lead time: the
    /// group's lead time minus this step's. Zero on the critical path (and for ties).
    pub slack: Duration,
    /// For a stage condition every change passes through (before entry, on success), where it
    /// stands: the step is a gate, named after that place (`before entry`, `on success`),
    /// a name no action can have.
    pub gate: Option<ConditionPlace>,
    /// True when the wait time is not annotated but modelled: a deployment window's expected
    /// wait for a change arriving at a random moment.
    pub wait_modelled: bool,
    /// Where the step runs when the stream says (`account 222222222222, us-east-1`): the
    /// action's account (or role) and Region, a gate's rules'; `None` for the pipeline's.
    pub runs_in: Option<String>,
    /// When template conditions decide whether the step is in the pipeline
    /// (`when IsProd`): its stage's and its own; `None` when it always is. The figures
    /// count it as present.
    pub present: Option<String>,
}

impl StepMetrics {
    /// True when both process time and wait time are given.
    pub fn is_timed(&self) -> bool {
        self.process_time.is_some() && self.wait_time.is_some()
    }

    /// Process time, zero when not given.
    pub fn process_or_zero(&self) -> Duration {
        self.process_time.unwrap_or_default()
    }

    /// Wait time, zero when not given.
    pub fn wait_or_zero(&self) -> Duration {
        self.wait_time.unwrap_or_default()
    }
}

/// Figures of one parallel group: the actions of a stage that share a run order.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupMetrics {
    /// The shared run order.
    pub run_order: u32,
    /// The members, in declaration order.
    pub steps: Vec<StepMetrics>,
    /// Lead time of the group: the longest member's WT + PT.
    pub lead_time: Duration,
    /// Index in `steps` of the member that sets the lead time (the first one on ties).
    pub critical: usize,
}

impl GroupMetrics {
    /// The member on the critical path (`None` only for a group without members, which
    /// [`analyze`] never makes).
    pub fn critical_step(&self) -> Option<&StepMetrics> {
        self.steps.get(self.critical)
    }
}

/// Figures of one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageMetrics {
    /// Stage name.
    pub name: String,
    /// Parallel groups in run order.
    pub groups: Vec<GroupMetrics>,
    /// Lead time of the stage: the sum of its groups' lead times.
    pub lead_time: Duration,
    /// Process time along the stage's critical path.
    pub process_time: Duration,
    /// Wait time along the stage's critical path.
    pub wait_time: Duration,
    /// Sum of the process time of every step of the stage, parallel ones included.
    pub effort: Duration,
    /// Product of the %C&A of the stage's steps, as a percentage; `None` when no step of the
    /// stage gives one. Steps without %C&A are left out of the product.
    pub rolled_complete_accurate: Option<f64>,
    /// Where a failure of the stage loops back as rework: `Rollback` (to the last execution
    /// that succeeded in it) or `Retry` (the stage once more), from its on-failure condition;
    /// `None` when a failure just stops the execution.
    pub rework: Option<ConditionResult>,
}

impl StageMetrics {
    /// Every step of the stage, in run order then declaration order.
    pub fn steps(&self) -> impl Iterator<Item = &StepMetrics> {
        self.groups.iter().flat_map(|g| g.steps.iter())
    }

    /// Process time / lead time of the stage as a percentage; `None` when its lead time is zero.
    pub fn flow_efficiency(&self) -> Option<f64> {
        percent(self.process_time, self.lead_time)
    }
}

/// Figures of a whole stream: what a value stream mapping workshop asks for.
///
/// # Unmeasured steps
///
/// A step without process time or wait time has that part counted as **zero** in every sum and
/// maximum, and is listed in [`unmeasured`](Self::unmeasured); [`coverage`](Self::coverage) says
/// how many steps are fully timed. Because lead time only grows when a missing time is filled
/// in, the lead time shown is then a **lower bound** ([`lead_time_is_lower_bound`]). A step
/// without %C&A is left out of the rolled %C&A, which is then an **upper bound**
/// ([`rolled_complete_accurate_is_upper_bound`]). Reports say both.
///
/// [`lead_time_is_lower_bound`]: Self::lead_time_is_lower_bound
/// [`rolled_complete_accurate_is_upper_bound`]: Self::rolled_complete_accurate_is_upper_bound
#[derive(Debug, Clone, PartialEq)]
pub struct StreamMetrics {
    /// Stream (pipeline) name.
    pub name: String,
    /// Stages in order.
    pub stages: Vec<StageMetrics>,
    /// Lead time: the sum of the stages' lead times (WT + PT along the critical path).
    pub lead_time: Duration,
    /// Process time along the critical path.
    pub process_time: Duration,
    /// Wait time along the critical path.
    pub wait_time: Duration,
    /// Total effort: the sum of every step's process time, parallel ones included.
    pub effort: Duration,
    /// Flow efficiency: critical-path process time / lead time, as a percentage. `None` when the
    /// lead time is zero (an empty or entirely unmeasured stream), where it is undefined.
    pub flow_efficiency: Option<f64>,
    /// Rolled %C&A (first-pass yield): product of every step's %C&A / 100, as a percentage.
    /// `None` when no step gives a %C&A.
    pub rolled_complete_accurate: Option<f64>,
    /// The critical path: one step per parallel group, in flow order.
    pub critical_path: Vec<StepRef>,
    /// The biggest lever: the critical-path step whose wait, removed, shortens lead time most.
    pub constraint: Option<Constraint>,
    /// Steps lacking some annotation.
    pub unmeasured: Vec<Unmeasured>,
    /// How many steps are annotated.
    pub coverage: Coverage,
}

impl StreamMetrics {
    /// Every step, in flow order.
    pub fn steps(&self) -> impl Iterator<Item = &StepMetrics> {
        self.stages.iter().flat_map(|s| s.steps())
    }

    /// Every parallel group, in flow order.
    pub fn groups(&self) -> impl Iterator<Item = &GroupMetrics> {
        self.stages.iter().flat_map(|s| s.groups.iter())
    }

    /// The figures of one step, by stage and action name.
    pub fn step(&self, stage: &str, action: &str) -> Option<&StepMetrics> {
        self.steps()
            .find(|s| s.step.stage == stage && s.step.action == action)
    }

    /// The figures of one stage, by name.
    pub fn stage(&self, name: &str) -> Option<&StageMetrics> {
        self.stages.iter().find(|s| s.name == name)
    }

    /// Steps off the critical path: making them faster does not shorten lead time.
    pub fn off_critical_path(&self) -> impl Iterator<Item = &StepMetrics> {
        self.steps().filter(|s| !s.critical)
    }

    /// True when some step lacks process or wait time, so the true lead time may be longer.
    pub fn lead_time_is_lower_bound(&self) -> bool {
        self.coverage.timed < self.coverage.steps
    }

    /// True when some step lacks %C&A, so the true rolled %C&A may be lower.
    pub fn rolled_complete_accurate_is_upper_bound(&self) -> bool {
        self.coverage.complete_accurate < self.coverage.steps
    }
}

/// `part / whole` as a percentage; `None` when `whole` is zero.
pub(crate) fn percent(part: Duration, whole: Duration) -> Option<f64> {
    if whole.is_zero() {
        None
    } else {
        Some(part.as_secs_f64() / whole.as_secs_f64() * 100.0)
    }
}

/// A %C&A as given, made safe: NaN is "not given", the rest is clamped to 0–100.
fn complete_accurate(annotations: &Annotations) -> Option<f64> {
    annotations
        .complete_accurate
        .filter(|c| !c.is_nan())
        .map(|c| c.clamp(0.0, 100.0))
}

/// Product of the given %C&A values as a percentage; `None` when there is none.
fn rolled<'a>(steps: impl Iterator<Item = &'a StepMetrics>) -> Option<f64> {
    steps
        .filter_map(|s| s.complete_accurate)
        .fold(None, |acc: Option<f64>, c| {
            Some(acc.unwrap_or(1.0) * c / 100.0)
        })
        .map(|fraction| fraction * 100.0)
}

fn step_metrics(stage: &Stage, action: &Action) -> StepMetrics {
    let process_time = action.annotations.process_time;
    let wait_time = action.annotations.wait_time;
    StepMetrics {
        step: StepRef::new(&stage.name, &action.name),
        run_order: action.run_order,
        process_time,
        wait_time,
        complete_accurate: complete_accurate(&action.annotations),
        lead_time: wait_time
            .unwrap_or_default()
            .saturating_add(process_time.unwrap_or_default()),
        critical: false,
        slack: Duration::ZERO,
        gate: None,
        wait_modelled: false,
        runs_in: runs_in(
            action.account.as_deref(),
            action.action_role.as_ref(),
            action.region.as_ref(),
        ),
        present: stage.presence_of(action).stated(),
    }
}

/// `account A, REGION` (or `role R, REGION`) of what a step declares; `None` when it declares
/// neither.
fn runs_in(account: Option<&str>, role: Option<&Text>, region: Option<&Text>) -> Option<String> {
    let mut parts = Vec::new();
    match (account, role) {
        (Some(a), _) => parts.push(format!("account {a}")),
        (None, Some(r)) => parts.push(format!("role {}", r.display())),
        (None, None) => {}
    }
    if let Some(r) = region {
        parts.push(r.display().into_owned());
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The gate of a condition every change passes through; `None` on failure, which only a
/// failed stage meets.
///
/// Unannotated figures are modelled where the rules say them: a gate of deployment windows
/// only does no work (process time zero), lets every change through (%C&A 100) and makes it
/// wait for the window to open (the longest expected wait of its windows).
fn gate_metrics(
    stage: &str,
    run_order: u32,
    place: ConditionPlace,
    condition: &StageCondition,
) -> Option<StepMetrics> {
    if place == ConditionPlace::OnFailure {
        return None;
    }
    let windows: Vec<&DeploymentWindow> = condition
        .rules
        .iter()
        .filter_map(|r| r.kind.downcast_ref::<DeploymentWindow>())
        .collect();
    let only_windows = !windows.is_empty() && windows.len() == condition.rules.len();
    let modelled_wait = windows
        .iter()
        .filter_map(|w| w.schedule().and_then(|c| c.expected_wait()))
        .max();
    let a = &condition.annotations;
    let wait_time = a.wait_time.or(modelled_wait);
    let process_time = a.process_time.or(only_windows.then_some(Duration::ZERO));
    let complete_accurate = complete_accurate(a).or(only_windows.then_some(100.0));
    Some(StepMetrics {
        step: StepRef::new(stage, gate_name(place)),
        run_order,
        process_time,
        wait_time,
        complete_accurate,
        lead_time: wait_time
            .unwrap_or_default()
            .saturating_add(process_time.unwrap_or_default()),
        critical: false,
        slack: Duration::ZERO,
        gate: Some(place),
        wait_modelled: a.wait_time.is_none() && modelled_wait.is_some(),
        runs_in: {
            let mut places: Vec<String> = Vec::new();
            for r in &condition.rules {
                let place = runs_in(r.account.as_deref(), r.role_arn.as_ref(), r.region.as_ref());
                if let Some(p) = place.filter(|p| !places.contains(p)) {
                    places.push(p);
                }
            }
            (!places.is_empty()).then(|| places.join("; "))
        },
        present: None,
    })
}

/// The step name of the gate at a place: `before entry`, `on success`.
pub fn gate_name(place: ConditionPlace) -> &'static str {
    match place {
        ConditionPlace::BeforeEntry => "before entry",
        ConditionPlace::OnSuccess => "on success",
        ConditionPlace::OnFailure => "on failure",
    }
}

/// A group of one gate.
fn gate_group(step: StepMetrics) -> GroupMetrics {
    let mut step = step;
    step.critical = true;
    GroupMetrics {
        run_order: step.run_order,
        lead_time: step.lead_time,
        steps: vec![step],
        critical: 0,
    }
}

/// A stage's groups in flow order: its before-entry gate, its actions by run order, its
/// on-success gate.
fn stage_groups(stage: &Stage) -> Vec<GroupMetrics> {
    let mut groups: Vec<GroupMetrics> = stage
        .groups()
        .into_iter()
        .filter(|(_, actions)| !actions.is_empty())
        .map(|(order, actions)| group_metrics(stage, order, &actions))
        .collect();
    let after = groups.last().map_or(1, |g| g.run_order.saturating_add(1));
    let gate = |place, run_order| {
        stage
            .settings
            .get(place)
            .and_then(|c| gate_metrics(&stage.name, run_order, place, c))
            .map(|step| StepMetrics {
                present: stage.presence().stated(),
                ..step
            })
            .map(gate_group)
    };
    if let Some(g) = gate(ConditionPlace::OnSuccess, after) {
        groups.push(g);
    }
    if let Some(g) = gate(ConditionPlace::BeforeEntry, 0) {
        groups.insert(0, g);
    }
    groups
}

fn group_metrics(stage: &Stage, run_order: u32, actions: &[&Action]) -> GroupMetrics {
    let mut steps: Vec<StepMetrics> = actions.iter().map(|a| step_metrics(stage, a)).collect();
    // The first member with the longest lead time sets the group's lead time.
    let mut critical = 0;
    for (i, step) in steps.iter().enumerate() {
        if step.lead_time > steps[critical].lead_time {
            critical = i;
        }
    }
    let lead_time = steps.get(critical).map(|s| s.lead_time).unwrap_or_default();
    for (i, step) in steps.iter_mut().enumerate() {
        step.critical = i == critical;
        step.slack = lead_time.saturating_sub(step.lead_time);
    }
    GroupMetrics {
        run_order,
        steps,
        lead_time,
        critical,
    }
}

/// Computes every figure of `stream` (works on a [`crate::model::Stream`] and, through deref,
/// on a validated stream). Never panics: durations saturate instead of overflowing, and
/// figures that would divide by zero are `None`.
pub fn analyze(stream: &Stream) -> StreamMetrics {
    let stages: Vec<StageMetrics> = stream
        .stages
        .iter()
        .map(|stage| {
            let groups = stage_groups(stage);
            let sum = |f: &dyn Fn(&GroupMetrics) -> Duration| {
                groups
                    .iter()
                    .fold(Duration::ZERO, |acc, g| acc.saturating_add(f(g)))
            };
            let lead_time = sum(&|g| g.lead_time);
            let process_time = sum(&|g| {
                g.critical_step()
                    .map(StepMetrics::process_or_zero)
                    .unwrap_or_default()
            });
            let wait_time = sum(&|g| {
                g.critical_step()
                    .map(StepMetrics::wait_or_zero)
                    .unwrap_or_default()
            });
            let effort = groups
                .iter()
                .flat_map(|g| g.steps.iter())
                .fold(Duration::ZERO, |acc, s| {
                    acc.saturating_add(s.process_or_zero())
                });
            let rolled_complete_accurate = rolled(groups.iter().flat_map(|g| g.steps.iter()));
            StageMetrics {
                name: stage.name.clone(),
                groups,
                lead_time,
                process_time,
                wait_time,
                effort,
                rolled_complete_accurate,
                rework: stage
                    .settings
                    .on_failure
                    .as_ref()
                    .map(|c| c.result)
                    .filter(|r| matches!(r, ConditionResult::Rollback | ConditionResult::Retry)),
            }
        })
        .collect();

    let sum = |f: fn(&StageMetrics) -> Duration| {
        stages
            .iter()
            .fold(Duration::ZERO, |acc, s| acc.saturating_add(f(s)))
    };
    let lead_time = sum(|s| s.lead_time);
    let process_time = sum(|s| s.process_time);
    let wait_time = sum(|s| s.wait_time);
    let effort = sum(|s| s.effort);
    let critical_path = stages
        .iter()
        .flat_map(|s| s.groups.iter())
        .filter_map(|g| g.critical_step().map(|s| s.step.clone()))
        .collect();
    let all_steps = || stages.iter().flat_map(|s| s.steps());
    let rolled_complete_accurate = rolled(all_steps());
    let unmeasured = all_steps().filter_map(Unmeasured::of).collect();
    let coverage = Coverage::of(all_steps());
    let constraint = find_constraint(stages.iter().flat_map(|s| s.groups.iter()));

    StreamMetrics {
        name: stream.name.display().into_owned(),
        lead_time,
        process_time,
        wait_time,
        effort,
        flow_efficiency: percent(process_time, lead_time),
        rolled_complete_accurate,
        critical_path,
        constraint,
        unmeasured,
        coverage,
        stages,
    }
}
