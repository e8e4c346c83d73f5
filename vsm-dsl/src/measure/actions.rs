//! Figures of each action: executions, process time, wait time and first-pass yield; the
//! walk of each pipeline execution's records through the flow, which the gates share.

use std::collections::{BTreeMap, HashMap};

use super::delivery::percent;
use super::flow::{flow, reference, FlowGroup, Step};
use super::gates::{GateFigures, Gates};
use super::history::{ActionExecution, ActionStatus, PipelineExecution};
use super::rules::RuleExecution;
use super::stats::Durations;
use super::structure::Structure;
use super::time::Timestamp;

/// Measured figures of one action.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionFigures {
    /// Stage name.
    pub stage: String,
    /// Action name.
    pub action: String,
    /// True for an approval: its duration counts as wait, its process time stays unknown.
    pub approval: bool,
    /// Action executions (every attempt, any status) in the executions read.
    pub executions: usize,
    /// Process time of its Succeeded action executions (empty for an approval).
    pub process: Durations,
    /// Wait time of its action executions whose reference point is known.
    pub wait: Durations,
    /// Pipeline executions in which it succeeded or failed.
    pub finished_in: usize,
    /// Of those, the ones in which it succeeded at its only attempt.
    pub first_pass: usize,
    /// `first_pass / finished_in` in percent; `None` when it never finished.
    pub first_pass_yield_percent: Option<f64>,
    /// Of the pipeline executions in which it failed, the ones in which it then succeeded.
    pub recovered: usize,
    /// The process times measured, seconds, ascending.
    pub process_seconds: Vec<f64>,
    /// The wait times measured, seconds, ascending.
    pub wait_seconds: Vec<f64>,
}

/// Action and rule executions that could not be placed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unplaced {
    /// Action executions of pipeline executions not read (not listed, or outside the window).
    pub outside: usize,
    /// Action executions of actions the structure does not have, by stage and action name,
    /// with their counts.
    pub unknown: BTreeMap<(String, String), usize>,
    /// Rule executions of pipeline executions not read.
    pub rules_outside: usize,
    /// Rule executions of rules no condition of the structure has (or only an on-failure
    /// condition, which is no gate), by stage and rule name, with their counts.
    pub rules_unknown: BTreeMap<(String, String), usize>,
    /// Rollback executions in which no action of the structure ran: no stage counts them.
    pub rollbacks_without_stage: usize,
}

/// Samples of one action while they are collected.
#[derive(Default)]
struct Sample {
    executions: usize,
    process: Vec<f64>,
    wait: Vec<f64>,
    finished_in: usize,
    first_pass: usize,
    recovered: usize,
}

/// What one action's executions in one pipeline execution showed.
#[derive(Clone, Copy, Default)]
struct Seen {
    attempts: usize,
    succeeded: bool,
    failed: bool,
}

/// Where an action sits: its slot (index in structure order), its flat group, and whether it
/// is an approval.
#[derive(Clone, Copy)]
struct Slot {
    index: usize,
    group: usize,
    approval: bool,
}

/// The figures of every action and every gate of `structure`, from the action and rule
/// executions of `executions`.
pub fn action_figures(
    structure: &Structure,
    executions: &[&PipelineExecution],
    actions: &[ActionExecution],
    rules: &[RuleExecution],
) -> (Vec<ActionFigures>, Vec<GateFigures>, Unplaced) {
    let groups = flow(structure);
    let mut slots: HashMap<(&str, &str), Slot> = HashMap::new();
    let mut names = Vec::new();
    for (g, FlowGroup { stage, step }) in groups.iter().enumerate() {
        let Step::Actions(group) = step else { continue };
        for a in &group.actions {
            let slot = Slot {
                index: names.len(),
                group: g,
                approval: a.approval,
            };
            slots.entry((&stage.name, &a.name)).or_insert(slot);
            names.push((stage.name.as_str(), a.name.as_str(), a.approval));
        }
    }
    let by_id: HashMap<&str, usize> = executions
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut buckets: Vec<Vec<(Slot, &ActionExecution)>> = vec![Vec::new(); executions.len()];
    let mut unplaced = Unplaced::default();
    let mut gates = Gates::new(&groups);
    let rule_buckets = gates.place(rules, &by_id, &mut unplaced);
    for a in actions {
        let Some(&e) = by_id.get(a.pipeline_execution_id.as_str()) else {
            unplaced.outside += 1;
            continue;
        };
        match slots.get(&(a.stage.as_str(), a.action.as_str())) {
            Some(&slot) => buckets[e].push((slot, a)),
            None => {
                *unplaced
                    .unknown
                    .entry((a.stage.clone(), a.action.clone()))
                    .or_default() += 1
            }
        }
    }
    let mut samples: Vec<Sample> = names.iter().map(|_| Sample::default()).collect();
    let mut ends: Vec<Vec<Timestamp>> = vec![Vec::new(); groups.len()];
    let mut outcome: Vec<Seen> = vec![Seen::default(); names.len()];
    for ((execution, bucket), rules) in executions.iter().zip(&buckets).zip(&rule_buckets) {
        for (slot, a) in bucket {
            ends[slot.group].push(a.last_update);
        }
        gates.ends(rules, &mut ends);
        collect(
            &groups,
            execution,
            bucket,
            &ends,
            &mut outcome,
            &mut samples,
        );
        gates.collect(&groups, execution, rules, &ends);
        for e in &mut ends {
            e.clear();
        }
    }
    let figures = names
        .iter()
        .zip(samples)
        .map(|(&(stage, action, approval), s)| ActionFigures {
            stage: stage.to_owned(),
            action: action.to_owned(),
            approval,
            executions: s.executions,
            process: Durations::of_seconds(s.process.clone()),
            wait: Durations::of_seconds(s.wait.clone()),
            finished_in: s.finished_in,
            first_pass: s.first_pass,
            first_pass_yield_percent: percent(s.first_pass, s.finished_in),
            recovered: s.recovered,
            process_seconds: sorted(s.process),
            wait_seconds: sorted(s.wait),
        })
        .collect();
    (figures, gates.figures(), unplaced)
}

/// Non-negative and ascending, as [`Durations`] counts them.
fn sorted(mut seconds: Vec<f64>) -> Vec<f64> {
    for s in &mut seconds {
        *s = s.max(0.0);
    }
    seconds.sort_unstable_by(f64::total_cmp);
    seconds
}

/// Adds the action executions of one pipeline execution to the samples. `ends` holds the last
/// updates of each place's records in the execution; `outcome` is scratch space, left cleared.
fn collect(
    groups: &[FlowGroup<'_>],
    execution: &PipelineExecution,
    bucket: &[(Slot, &ActionExecution)],
    ends: &[Vec<Timestamp>],
    outcome: &mut [Seen],
    samples: &mut [Sample],
) {
    for (slot, a) in bucket {
        let sample = &mut samples[slot.index];
        sample.executions += 1;
        let seen = &mut outcome[slot.index];
        seen.attempts += 1;
        match a.status {
            ActionStatus::Succeeded => seen.succeeded = true,
            ActionStatus::Failed => seen.failed = true,
            _ => {}
        }
        if a.status == ActionStatus::Succeeded && !slot.approval {
            sample.process.push(a.last_update.seconds_since(a.start));
        }
        // What it follows: the place before it in flow order (the previous run-order group of
        // its stage or its before-entry gate, else the end of the previous stage); the first
        // place follows the pipeline execution's start. The latest last update at or before
        // its start counts.
        if let Some(reference) = reference(groups, ends, slot.group, a.start, execution.start) {
            let until = if slot.approval {
                a.last_update
            } else {
                a.start
            };
            sample.wait.push(until.seconds_since(reference));
        }
    }
    for (slot, _) in bucket {
        let seen = std::mem::take(&mut outcome[slot.index]);
        if seen.succeeded || seen.failed {
            let sample = &mut samples[slot.index];
            sample.finished_in += 1;
            // Run again in the same pipeline execution (a stage retry), it is rework even
            // when no attempt failed.
            sample.first_pass += usize::from(seen.succeeded && !seen.failed && seen.attempts == 1);
            sample.recovered += usize::from(seen.succeeded && seen.failed);
        }
    }
}
