//! Figures of each gate: a stage condition every change passes through (before entry, on
//! success), measured from the rule executions of its rules. A gate is a check with its own
//! time; the time its deployment windows hold a change is wait.

use std::collections::{HashMap, HashSet};

use super::actions::Unplaced;
use super::delivery::percent;
use super::flow::{reference, FlowGroup, Step};
use super::history::PipelineExecution;
use super::rules::{RuleExecution, RuleStatus};
use super::stats::Durations;
use super::structure::HOLDING_PROVIDER;
use super::time::Timestamp;
use crate::analysis::gate_name;
use crate::model::ConditionPlace;

/// Measured figures of one gate.
#[derive(Debug, Clone, PartialEq)]
pub struct GateFigures {
    /// Stage name.
    pub stage: String,
    /// Where in the stage: before entry or on success.
    pub place: ConditionPlace,
    /// Its rules, by name.
    pub rules: Vec<String>,
    /// True when every rule only holds a change (deployment windows): it does no work.
    pub holds: bool,
    /// Rule executions of its rules in the executions read: every evaluation, any status.
    pub executions: usize,
    /// Pipeline executions in which it passed (the last evaluation of each rule Succeeded) or
    /// failed (a rule execution Failed).
    pub finished_in: usize,
    /// Of those, the ones in which it passed.
    pub passed: usize,
    /// Of those, the ones in which it failed and did not pass.
    pub failed: usize,
    /// Of those, the ones in which it passed with one Succeeded evaluation of each rule.
    pub first_pass: usize,
    /// `first_pass / finished_in` in percent; `None` when it never finished.
    pub first_pass_yield_percent: Option<f64>,
    /// Process time (the check): from when its deployment windows let the change through (or
    /// its first rule's start) to its last rule's last update, in executions where it passed.
    pub process: Durations,
    /// Wait time: from what it follows to its first rule's start, or to when its deployment
    /// windows let the change through.
    pub wait: Durations,
    /// The process times measured, seconds, ascending.
    pub process_seconds: Vec<f64>,
    /// The wait times measured, seconds, ascending.
    pub wait_seconds: Vec<f64>,
}

impl GateFigures {
    /// The step name of the gate, as the modelled map names it: `before entry`, `on success`.
    pub fn name(&self) -> &'static str {
        gate_name(self.place)
    }
}

/// A rule execution placed at its gate.
#[derive(Clone, Copy)]
pub(crate) struct Placed<'r> {
    /// Index of the gate in [`Gates`].
    gate: usize,
    /// True when its rule holds the change (a deployment window).
    holds: bool,
    record: &'r RuleExecution,
}

/// One gate while its samples are collected.
struct Gate<'a> {
    /// Its place in the flow.
    group: usize,
    stage: &'a str,
    place: ConditionPlace,
    rules: Vec<&'a str>,
    holds: bool,
    executions: usize,
    finished_in: usize,
    passed: usize,
    failed: usize,
    first_pass: usize,
    process: Vec<f64>,
    wait: Vec<f64>,
}

/// The gates of a flow and their samples.
pub(crate) struct Gates<'a> {
    gates: Vec<Gate<'a>>,
    /// Gate and whether the rule holds, by stage and rule name.
    rules: HashMap<(&'a str, &'a str), (usize, bool)>,
    /// Rules of on-failure conditions, by stage and rule name: known, but on no change's way.
    on_failure: HashSet<(&'a str, &'a str)>,
}

impl<'a> Gates<'a> {
    /// The gates of `flow`, without samples.
    pub(crate) fn new(flow: &[FlowGroup<'a>]) -> Self {
        let mut gates = Vec::new();
        let mut rules = HashMap::new();
        let mut on_failure = HashSet::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for (group, f) in flow.iter().enumerate() {
            if seen.insert(f.stage.name.as_str()) {
                if let Some(c) = f.stage.condition(ConditionPlace::OnFailure) {
                    on_failure.extend(
                        c.rules
                            .iter()
                            .map(|r| (f.stage.name.as_str(), r.name.as_str())),
                    );
                }
            }
            let Step::Gate(c) = f.step else { continue };
            for r in &c.rules {
                rules
                    .entry((f.stage.name.as_str(), r.name.as_str()))
                    .or_insert((gates.len(), r.holds));
            }
            gates.push(Gate {
                group,
                stage: &f.stage.name,
                place: c.place,
                rules: c.rules.iter().map(|r| r.name.as_str()).collect(),
                holds: !c.rules.is_empty() && c.rules.iter().all(|r| r.holds),
                executions: 0,
                finished_in: 0,
                passed: 0,
                failed: 0,
                first_pass: 0,
                process: Vec::new(),
                wait: Vec::new(),
            });
        }
        Self {
            gates,
            rules,
            on_failure,
        }
    }

    /// The rule executions of each pipeline execution (by index, as `by_id` numbers them),
    /// placed at their gates; the others are counted in `unplaced` (rules of on-failure
    /// conditions are known and only left out).
    pub(crate) fn place<'r>(
        &self,
        rules: &'r [RuleExecution],
        by_id: &HashMap<&str, usize>,
        unplaced: &mut Unplaced,
    ) -> Vec<Vec<Placed<'r>>> {
        let mut out = vec![Vec::new(); by_id.len()];
        for r in rules {
            let Some(&e) = by_id.get(r.pipeline_execution_id.as_str()) else {
                unplaced.rules_outside += 1;
                continue;
            };
            let key = (r.stage.as_str(), r.rule.as_str());
            match self.rules.get(&key) {
                Some(&(gate, holds)) => out[e].push(Placed {
                    gate,
                    holds: holds || r.provider.as_deref() == Some(HOLDING_PROVIDER),
                    record: r,
                }),
                None if self.on_failure.contains(&key) => {}
                None => {
                    *unplaced
                        .rules_unknown
                        .entry((r.stage.clone(), r.rule.clone()))
                        .or_default() += 1;
                }
            }
        }
        out
    }

    /// Adds the last updates of one pipeline execution's rule executions to `ends`, at their
    /// gates' places.
    pub(crate) fn ends(&self, rules: &[Placed<'_>], ends: &mut [Vec<Timestamp>]) {
        for p in rules {
            ends[self.gates[p.gate].group].push(p.record.last_update);
        }
    }

    /// Adds the rule executions of one pipeline execution to the samples. `ends` holds the
    /// last updates of each place's records in the execution.
    pub(crate) fn collect(
        &mut self,
        flow: &[FlowGroup<'_>],
        execution: &PipelineExecution,
        rules: &[Placed<'_>],
        ends: &[Vec<Timestamp>],
    ) {
        for (index, gate) in self.gates.iter_mut().enumerate() {
            let records: Vec<&Placed<'_>> = rules.iter().filter(|p| p.gate == index).collect();
            let Some(start) = records.iter().map(|p| p.record.start).min() else {
                continue;
            };
            gate.executions += records.len();
            let end = records
                .iter()
                .map(|p| p.record.last_update)
                .max()
                .unwrap_or(start);
            // Until the windows let the change through it waits; the rest is the check.
            let through = records
                .iter()
                .filter(|p| p.holds)
                .map(|p| p.record.last_update)
                .max()
                .unwrap_or(start);
            if let Some(from) = reference(flow, ends, gate.group, start, execution.start) {
                gate.wait.push(through.seconds_since(from));
            }
            let outcome = outcome(&records);
            if outcome.passed || outcome.failed {
                gate.finished_in += 1;
            }
            if outcome.passed {
                gate.passed += 1;
                gate.process.push(end.seconds_since(through));
                if !outcome.failed && !outcome.repeated {
                    gate.first_pass += 1;
                }
            } else if outcome.failed {
                gate.failed += 1;
            }
        }
    }

    /// The figures of every gate, in flow order.
    pub(crate) fn figures(self) -> Vec<GateFigures> {
        self.gates
            .into_iter()
            .map(|g| GateFigures {
                stage: g.stage.to_owned(),
                place: g.place,
                rules: g.rules.iter().map(|r| (*r).to_owned()).collect(),
                holds: g.holds,
                executions: g.executions,
                finished_in: g.finished_in,
                passed: g.passed,
                failed: g.failed,
                first_pass: g.first_pass,
                first_pass_yield_percent: percent(g.first_pass, g.finished_in),
                process: Durations::of_seconds(g.process.clone()),
                wait: Durations::of_seconds(g.wait.clone()),
                process_seconds: sorted(g.process),
                wait_seconds: sorted(g.wait),
            })
            .collect()
    }
}

/// How a gate's evaluations in one pipeline execution ended.
struct Outcome {
    /// The last evaluation of each rule evaluated Succeeded.
    passed: bool,
    /// An evaluation Failed.
    failed: bool,
    /// A rule was evaluated more than once.
    repeated: bool,
}

fn outcome(records: &[&Placed<'_>]) -> Outcome {
    let mut last: HashMap<&str, &RuleExecution> = HashMap::new();
    let mut repeated = false;
    for p in records {
        let r = p.record;
        match last.get(r.rule.as_str()) {
            Some(seen) => {
                repeated = true;
                if (r.start, r.last_update, &r.id) > (seen.start, seen.last_update, &seen.id) {
                    last.insert(&r.rule, r);
                }
            }
            None => {
                last.insert(&r.rule, r);
            }
        }
    }
    Outcome {
        passed: last.values().all(|r| r.status == RuleStatus::Succeeded),
        failed: records
            .iter()
            .any(|p| p.record.status == RuleStatus::Failed),
        repeated,
    }
}

/// Non-negative and ascending, as [`Durations`] counts them.
fn sorted(mut seconds: Vec<f64>) -> Vec<f64> {
    for s in &mut seconds {
        *s = s.max(0.0);
    }
    seconds.sort_unstable_by(f64::total_cmp);
    seconds
}
