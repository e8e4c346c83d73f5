//! Figures of each stage: its retries and rollbacks, the rework a pipeline execution's pass
//! through it needed, and its first-pass yield.

use std::collections::{HashMap, HashSet};

use super::delivery::percent;
use super::history::{ActionExecution, ActionStatus, PipelineExecution};
use super::rules::{RuleExecution, RuleStatus};
use super::structure::Structure;
use super::time::Timestamp;
use crate::model::ConditionPlace;

/// Measured figures of one stage.
#[derive(Debug, Clone, PartialEq)]
pub struct StageFigures {
    /// Stage name.
    pub stage: String,
    /// Pipeline executions that are not rollbacks in which an action of the stage ran.
    pub executions: usize,
    /// Of those, the ones in which an action of the stage ran more than once: a retry of the
    /// stage (RetryStageExecution, or an on-failure condition whose result is RETRY).
    pub retried: usize,
    /// The attempts beyond the first: per pipeline execution, the most action executions of
    /// one action of the stage, less one; summed.
    pub retries: usize,
    /// Rollback executions in which an action of the stage ran.
    pub rollbacks: usize,
    /// Of those, the ones CodePipeline started itself (trigger type AutomatedRollback).
    pub automated_rollbacks: usize,
    /// Pipeline executions whose pass through the stage a rollback undid: per rollback, the
    /// last execution before it (not a rollback, nor the one it restores) in which an action of
    /// the stage started.
    pub rolled_back: usize,
    /// Pipeline executions in which an action of the stage succeeded or failed.
    pub finished_in: usize,
    /// Of those, the ones whose pass needed no rework: no action execution of the stage
    /// failed, none ran twice, no rule of its on-success condition failed, and no rollback
    /// undid it.
    pub first_pass: usize,
    /// `first_pass / finished_in` in percent: the measured %C&A of the stage; `None` when it
    /// never finished.
    pub first_pass_yield_percent: Option<f64>,
}

/// One pass of an execution through a stage, while it is read.
#[derive(Default)]
struct Pass<'a> {
    /// Action executions by action name.
    attempts: HashMap<&'a str, usize>,
    succeeded: bool,
    failed: bool,
    /// The first start of its action executions.
    start: Option<Timestamp>,
}

/// The figures of every stage of `structure` from the action and rule executions of
/// `executions` (rollbacks among them). Action executions of actions the structure does not
/// have are passed over. Returns them and the rollbacks that ran no action of the structure.
pub(crate) fn stage_figures(
    structure: &Structure,
    executions: &[&PipelineExecution],
    actions: &[ActionExecution],
    rules: &[RuleExecution],
) -> (Vec<StageFigures>, usize) {
    let by_id: HashMap<&str, &PipelineExecution> =
        executions.iter().map(|e| (e.id.as_str(), *e)).collect();
    let known: HashSet<(&str, &str)> = structure
        .stages
        .iter()
        .flat_map(|s| {
            s.groups
                .iter()
                .flat_map(|g| g.actions.iter())
                .map(move |a| (s.name.as_str(), a.name.as_str()))
        })
        .collect();
    // Passes by stage, then by execution id.
    let mut passes: HashMap<&str, HashMap<&str, Pass<'_>>> = HashMap::new();
    for a in actions {
        if !by_id.contains_key(a.pipeline_execution_id.as_str())
            || !known.contains(&(a.stage.as_str(), a.action.as_str()))
        {
            continue;
        }
        let pass = passes
            .entry(&a.stage)
            .or_default()
            .entry(&a.pipeline_execution_id)
            .or_default();
        *pass.attempts.entry(&a.action).or_default() += 1;
        pass.succeeded |= a.status == ActionStatus::Succeeded;
        pass.failed |= a.status == ActionStatus::Failed;
        pass.start = Some(pass.start.map_or(a.start, |s| s.min(a.start)));
    }
    // Executions in which a rule of a stage's on-success condition failed.
    let on_success: HashSet<(&str, &str)> = structure
        .stages
        .iter()
        .filter_map(|s| s.condition(ConditionPlace::OnSuccess).map(|c| (s, c)))
        .flat_map(|(s, c)| {
            c.rules
                .iter()
                .map(move |r| (s.name.as_str(), r.name.as_str()))
        })
        .collect();
    let failed_checks: HashSet<(&str, &str)> = rules
        .iter()
        .filter(|r| {
            r.status == RuleStatus::Failed
                && on_success.contains(&(r.stage.as_str(), r.rule.as_str()))
        })
        .map(|r| (r.stage.as_str(), r.pipeline_execution_id.as_str()))
        .collect();
    let mut without_stage = 0;
    let mut rollbacks: HashMap<&str, Vec<&PipelineExecution>> = HashMap::new();
    for r in executions.iter().filter(|e| e.is_rollback()) {
        let mut any = false;
        for (stage, by_execution) in &passes {
            if by_execution.contains_key(r.id.as_str()) {
                rollbacks.entry(stage).or_default().push(r);
                any = true;
            }
        }
        without_stage += usize::from(!any);
    }
    let figures = structure
        .stages
        .iter()
        .map(|stage| {
            let empty = HashMap::new();
            let by_execution = passes.get(stage.name.as_str()).unwrap_or(&empty);
            let standard: Vec<(&PipelineExecution, &Pass<'_>)> = by_execution
                .iter()
                .filter_map(|(id, pass)| Some((*by_id.get(id)?, pass)))
                .filter(|(e, _)| !e.is_rollback())
                .collect();
            let stage_rollbacks = rollbacks
                .get(stage.name.as_str())
                .map_or(&[][..], Vec::as_slice);
            let undone = undone(&standard, stage_rollbacks);
            let mut f = StageFigures {
                stage: stage.name.clone(),
                executions: standard.len(),
                retried: 0,
                retries: 0,
                rollbacks: stage_rollbacks.len(),
                automated_rollbacks: stage_rollbacks
                    .iter()
                    .filter(|r| r.is_automated_rollback())
                    .count(),
                rolled_back: undone.len(),
                finished_in: 0,
                first_pass: 0,
                first_pass_yield_percent: None,
            };
            for (e, pass) in &standard {
                let most = pass.attempts.values().copied().max().unwrap_or(0);
                if most > 1 {
                    f.retried += 1;
                    f.retries += most - 1;
                }
                let check_failed = failed_checks.contains(&(stage.name.as_str(), e.id.as_str()));
                if pass.succeeded || pass.failed || check_failed {
                    f.finished_in += 1;
                    let clean = !pass.failed && most == 1 && !check_failed;
                    f.first_pass += usize::from(clean && !undone.contains(e.id.as_str()));
                }
            }
            f.first_pass_yield_percent = percent(f.first_pass, f.finished_in);
            f
        })
        .collect();
    (figures, without_stage)
}

/// The executions whose pass through a stage `rollbacks` undid: for each rollback, the
/// execution of `standard` whose pass through the stage started last at or before the
/// rollback's start, other than the one the rollback restores.
fn undone<'a>(
    standard: &[(&'a PipelineExecution, &Pass<'_>)],
    rollbacks: &[&PipelineExecution],
) -> HashSet<&'a str> {
    rollbacks
        .iter()
        .filter_map(|r| {
            standard
                .iter()
                .filter(|(e, _)| Some(e.id.as_str()) != r.rollback_target.as_deref())
                .filter_map(|(e, pass)| Some((pass.start?, *e)))
                .filter(|(start, _)| *start <= r.start)
                .max_by(|a, b| (a.0, &a.1.id).cmp(&(b.0, &b.1.id)))
                .map(|(_, e)| e.id.as_str())
        })
        .collect()
}
