//! An execution history in the API's own JSON shapes: what `aws codepipeline
//! list-pipeline-executions`, `aws codepipeline list-action-executions` and `aws codepipeline
//! list-rule-executions` print.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

use super::error::{MeasureError, Problem};
use super::input::{pages, place, Fields, Input, RawTime};
use super::rules::{read_rules, RuleExecution, RulesOut, RULES_FILE};
use super::time::Timestamp;

/// File of `aws codepipeline list-pipeline-executions --pipeline-name P`.
pub const EXECUTIONS_FILE: &str = "list-pipeline-executions.json";
/// File of `aws codepipeline list-action-executions --pipeline-name P`.
pub const ACTIONS_FILE: &str = "list-action-executions.json";
/// File of `aws codepipeline get-pipeline --name P` (the structure, when no stream is given).
pub const PIPELINE_FILE: &str = "get-pipeline.json";

/// Status of a pipeline execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExecutionStatus {
    /// Cancelled.
    Cancelled,
    /// Running.
    InProgress,
    /// Stopped by a person.
    Stopped,
    /// Being stopped.
    Stopping,
    /// Ran to the end.
    Succeeded,
    /// Replaced by a newer execution.
    Superseded,
    /// An action failed.
    Failed,
}

impl ExecutionStatus {
    const ALL: [(&'static str, Self); 7] = [
        ("Cancelled", Self::Cancelled),
        ("InProgress", Self::InProgress),
        ("Stopped", Self::Stopped),
        ("Stopping", Self::Stopping),
        ("Succeeded", Self::Succeeded),
        ("Superseded", Self::Superseded),
        ("Failed", Self::Failed),
    ];

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(k, _)| k)
    }

    /// The status the API spells `text`; `None` for an unknown one.
    pub fn from_api(text: &str) -> Option<Self> {
        Self::ALL.iter().find(|(k, _)| *k == text).map(|(_, s)| *s)
    }

    /// True when the execution will not change any more.
    pub fn is_final(self) -> bool {
        !matches!(self, Self::InProgress | Self::Stopping)
    }
}

/// Status of an action execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionStatus {
    /// Running.
    InProgress,
    /// Left behind (the pipeline execution stopped or was superseded).
    Abandoned,
    /// Succeeded.
    Succeeded,
    /// Failed.
    Failed,
}

impl ActionStatus {
    pub(super) const ALL: [(&'static str, Self); 4] = [
        ("InProgress", Self::InProgress),
        ("Abandoned", Self::Abandoned),
        ("Succeeded", Self::Succeeded),
        ("Failed", Self::Failed),
    ];

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map_or("", |(k, _)| k)
    }

    /// The status the API spells `text`; `None` for an unknown one.
    pub fn from_api(text: &str) -> Option<Self> {
        Self::ALL.iter().find(|(k, _)| *k == text).map(|(_, s)| *s)
    }
}

/// One pipeline execution (a `pipelineExecutionSummaries` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PipelineExecution {
    /// `pipelineExecutionId`.
    pub id: String,
    /// `status`.
    pub status: ExecutionStatus,
    /// `startTime`.
    pub start: Timestamp,
    /// `lastUpdateTime`.
    pub last_update: Timestamp,
    /// `trigger.triggerType`, such as `Webhook` or `ManualRollback`.
    pub trigger_type: Option<String>,
    /// `executionType`: `STANDARD` or `ROLLBACK`.
    pub execution_type: Option<String>,
    /// `sourceRevisions`: the revision each source action gave this execution.
    pub source_revisions: Vec<SourceRevision>,
    /// `rollbackMetadata.rollbackTargetPipelineExecutionId`: for a rollback, the execution
    /// whose revisions it restores.
    pub rollback_target: Option<String>,
}

/// The revision a source action gave a pipeline execution (a `sourceRevisions` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRevision {
    /// `actionName`: the source action.
    pub action: String,
    /// `revisionId`: for a Git source, the commit id.
    pub revision: String,
}

impl PipelineExecution {
    /// True for a rollback: trigger type ManualRollback or AutomatedRollback, or execution type
    /// ROLLBACK.
    pub fn is_rollback(&self) -> bool {
        matches!(
            self.trigger_type.as_deref(),
            Some("ManualRollback" | "AutomatedRollback")
        ) || self.execution_type.as_deref() == Some("ROLLBACK")
    }

    /// True for a deployment: a Succeeded execution that is not a rollback.
    pub fn is_deployment(&self) -> bool {
        self.status == ExecutionStatus::Succeeded && !self.is_rollback()
    }

    /// True for a rollback CodePipeline started itself (trigger type AutomatedRollback): a
    /// stage whose condition's result is ROLLBACK failed.
    pub fn is_automated_rollback(&self) -> bool {
        self.trigger_type.as_deref() == Some("AutomatedRollback")
    }

    /// The revision source action `action` gave this execution.
    pub fn revision_of(&self, action: &str) -> Option<&str> {
        self.source_revisions
            .iter()
            .find(|r| r.action == action)
            .map(|r| r.revision.as_str())
    }
}

/// One run of one action (an `actionExecutionDetails` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionExecution {
    /// `pipelineExecutionId`: the pipeline execution it belongs to.
    pub pipeline_execution_id: String,
    /// `actionExecutionId`.
    pub id: String,
    /// `stageName`.
    pub stage: String,
    /// `actionName`.
    pub action: String,
    /// `status`.
    pub status: ActionStatus,
    /// `startTime`.
    pub start: Timestamp,
    /// `lastUpdateTime`.
    pub last_update: Timestamp,
}

/// A pipeline's execution history: its executions, their action executions and the rule
/// executions of its stage conditions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Pipeline executions, by start time (then last update, then id).
    pub executions: Vec<PipelineExecution>,
    /// Action executions, by start time (then id).
    pub actions: Vec<ActionExecution>,
    /// Rule executions, by start time (then id); empty for a pipeline without conditions.
    pub rules: Vec<RuleExecution>,
}

impl History {
    /// The history of a simulated stream (`simulate: "1h=1s"`) in map time: every time
    /// stretched by the scale from the earliest start, so each duration and gap is its
    /// run time unscaled (52 s at `1h=1s` reads as 52 h). Order is kept.
    pub fn unscaled(mut self, scale: &crate::model::TimeScale) -> Self {
        let origin = self
            .executions
            .iter()
            .map(|e| e.start)
            .chain(self.actions.iter().map(|a| a.start))
            .chain(self.rules.iter().map(|r| r.start))
            .min();
        let Some(origin) = origin else { return self };
        let factor = scale.map.as_secs_f64() / scale.run.as_secs_f64();
        let stretch = |t: Timestamp| {
            let micros = (t.micros() - origin.micros()) as f64 * factor;
            Timestamp::from_micros(origin.micros().saturating_add(micros.round() as i64))
                .unwrap_or(t)
        };
        for e in &mut self.executions {
            (e.start, e.last_update) = (stretch(e.start), stretch(e.last_update));
        }
        for a in &mut self.actions {
            (a.start, a.last_update) = (stretch(a.start), stretch(a.last_update));
        }
        for r in &mut self.rules {
            (r.start, r.last_update) = (stretch(r.start), stretch(r.last_update));
        }
        self
    }
}

#[derive(Deserialize)]
struct ExecutionsPage {
    #[serde(rename = "pipelineExecutionSummaries")]
    items: Option<Vec<RawExecution>>,
    #[serde(rename = "actionExecutionDetails")]
    swapped: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawExecution {
    pipeline_execution_id: Option<String>,
    status: Option<String>,
    start_time: Option<RawTime>,
    last_update_time: Option<RawTime>,
    trigger: Option<RawTrigger>,
    execution_type: Option<String>,
    source_revisions: Option<Vec<RawSourceRevision>>,
    rollback_metadata: Option<RawRollbackMetadata>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRollbackMetadata {
    rollback_target_pipeline_execution_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSourceRevision {
    action_name: Option<String>,
    revision_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawTrigger {
    trigger_type: Option<String>,
}

#[derive(Deserialize)]
struct ActionsPage {
    #[serde(rename = "actionExecutionDetails")]
    items: Option<Vec<RawAction>>,
    #[serde(rename = "pipelineExecutionSummaries")]
    swapped: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAction {
    pipeline_execution_id: Option<String>,
    action_execution_id: Option<String>,
    stage_name: Option<String>,
    action_name: Option<String>,
    status: Option<String>,
    start_time: Option<RawTime>,
    last_update_time: Option<RawTime>,
}

/// The records of every page under `key`; a problem for a page without them.
pub(super) fn records<T>(
    input: Input<'_>,
    pages: Vec<(Option<Vec<T>>, bool)>,
    key: &str,
    other: &str,
    command: &str,
    problems: &mut Vec<Problem>,
) -> Vec<(String, T)> {
    let count = pages.len();
    let mut out = Vec::new();
    for (p, (items, swapped)) in pages.into_iter().enumerate() {
        let Some(items) = items else {
            let hint = if swapped {
                format!(" (it holds {other}: are the two files swapped?)")
            } else {
                String::new()
            };
            let page = if count > 1 {
                format!("page {} ", p + 1)
            } else {
                String::new()
            };
            problems.push(Problem::file(
                input.name,
                format!("{page}has no {key}: expected what `{command}` prints{hint}"),
            ));
            continue;
        };
        out.extend(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| (place(count, p, key, i), item)),
        );
    }
    out
}

fn execution(
    file: &str,
    place: String,
    raw: RawExecution,
    problems: &mut Vec<Problem>,
) -> Option<PipelineExecution> {
    let mut f = Fields {
        file,
        place,
        problems,
    };
    let id = f.need("pipelineExecutionId", raw.pipeline_execution_id);
    let status = f.one_of("status", raw.status.as_deref(), &ExecutionStatus::ALL);
    let start = f.time("startTime", raw.start_time);
    let last_update = f.time("lastUpdateTime", raw.last_update_time);
    let (start, last_update) = (start?, last_update?);
    f.in_order(start, last_update).then_some(())?;
    Some(PipelineExecution {
        id: id?,
        status: status?,
        start,
        last_update,
        trigger_type: raw.trigger.and_then(|t| t.trigger_type),
        execution_type: raw.execution_type,
        // An entry without an action or a revision (an S3 source without versioning) names
        // nothing to follow: left out.
        source_revisions: raw
            .source_revisions
            .unwrap_or_default()
            .into_iter()
            .filter_map(|r| {
                Some(SourceRevision {
                    action: r.action_name?,
                    revision: r.revision_id?,
                })
            })
            .collect(),
        rollback_target: raw
            .rollback_metadata
            .and_then(|m| m.rollback_target_pipeline_execution_id),
    })
}

fn action(
    file: &str,
    place: String,
    raw: RawAction,
    problems: &mut Vec<Problem>,
) -> Option<ActionExecution> {
    let mut f = Fields {
        file,
        place,
        problems,
    };
    let pipeline_execution_id = f.need("pipelineExecutionId", raw.pipeline_execution_id);
    let id = f.need("actionExecutionId", raw.action_execution_id);
    let stage = f.need("stageName", raw.stage_name);
    let action = f.need("actionName", raw.action_name);
    let status = f.one_of("status", raw.status.as_deref(), &ActionStatus::ALL);
    let start = f.time("startTime", raw.start_time);
    let last_update = f.time("lastUpdateTime", raw.last_update_time);
    let (start, last_update) = (start?, last_update?);
    f.in_order(start, last_update).then_some(())?;
    Some(ActionExecution {
        pipeline_execution_id: pipeline_execution_id?,
        id: id?,
        stage: stage?,
        action: action?,
        status: status?,
        start,
        last_update,
    })
}

/// Keeps one record per id (the one updated last; on a tie, the one read last).
fn dedup<T>(items: Vec<T>, id: impl Fn(&T) -> &str, updated: impl Fn(&T) -> Timestamp) -> Vec<T> {
    let mut index: HashMap<String, usize> = HashMap::with_capacity(items.len());
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        match index.get(id(&item)) {
            Some(&i) => {
                if updated(&item) >= updated(&out[i]) {
                    out[i] = item;
                }
            }
            None => {
                index.insert(id(&item).to_owned(), out.len());
                out.push(item);
            }
        }
    }
    out
}

/// The executions of a list-pipeline-executions document; problems go to `problems`.
fn read_executions(input: Input<'_>, problems: &mut Vec<Problem>) -> Vec<PipelineExecution> {
    let pages = pages::<ExecutionsPage>(input)
        .map_err(|p| problems.push(p))
        .unwrap_or_default();
    let raw = records(
        input,
        pages
            .into_iter()
            .map(|p| (p.items, p.swapped.is_some()))
            .collect(),
        "pipelineExecutionSummaries",
        "actionExecutionDetails",
        "aws codepipeline list-pipeline-executions --pipeline-name NAME",
        problems,
    );
    raw.into_iter()
        .filter_map(|(place, raw)| execution(input.name, place, raw, problems))
        .collect()
}

/// The action executions of a list-action-executions document; problems go to `problems`.
fn read_actions(input: Input<'_>, problems: &mut Vec<Problem>) -> Vec<ActionExecution> {
    let pages = pages::<ActionsPage>(input)
        .map_err(|p| problems.push(p))
        .unwrap_or_default();
    let raw = records(
        input,
        pages
            .into_iter()
            .map(|p| (p.items, p.swapped.is_some()))
            .collect(),
        "actionExecutionDetails",
        "pipelineExecutionSummaries",
        "aws codepipeline list-action-executions --pipeline-name NAME",
        problems,
    );
    raw.into_iter()
        .filter_map(|(place, raw)| action(input.name, place, raw, problems))
        .collect()
}

impl History {
    /// Reads the output of `aws codepipeline list-pipeline-executions` and of `aws codepipeline
    /// list-action-executions` (each one object, several pages one after the other, or an array
    /// of pages). Times are ISO 8601 text with a UTC offset or epoch seconds. Every problem
    /// found is reported, each with its file and record.
    pub fn from_json(executions: Input<'_>, actions: Input<'_>) -> Result<Self, MeasureError> {
        let mut problems = Vec::new();
        let executions = read_executions(executions, &mut problems);
        let actions = read_actions(actions, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into());
        }
        Ok(Self::new(executions, actions))
    }

    /// This history with the rule executions of `rules`, the output of `aws codepipeline
    /// list-rule-executions` (read as [`History::from_json`] reads the others).
    pub fn with_rules_json(self, rules: Input<'_>) -> Result<Self, MeasureError> {
        let mut problems = Vec::new();
        let rules = read_rules(rules, &mut problems);
        if !problems.is_empty() {
            return Err(problems.into());
        }
        Ok(self.with_rules(rules))
    }

    /// This history with `rules` added (a newer copy of an id replaces an older one).
    pub fn with_rules(mut self, rules: Vec<RuleExecution>) -> Self {
        self.rules.extend(rules);
        let mut rules = dedup(
            std::mem::take(&mut self.rules),
            |r| &r.id,
            |r| r.last_update,
        );
        rules.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        self.rules = rules;
        self
    }

    /// A history of these records: one per id (the one updated last), in time order.
    pub fn new(executions: Vec<PipelineExecution>, actions: Vec<ActionExecution>) -> Self {
        let mut executions = dedup(executions, |e| &e.id, |e| e.last_update);
        executions
            .sort_by(|a, b| (a.start, a.last_update, &a.id).cmp(&(b.start, b.last_update, &b.id)));
        let mut actions = dedup(actions, |a| &a.id, |a| a.last_update);
        actions.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        Self {
            executions,
            actions,
            rules: Vec::new(),
        }
    }

    /// Reads [`EXECUTIONS_FILE`] and [`ACTIONS_FILE`] from `dir`, and [`RULES_FILE`] when it
    /// is there.
    pub fn read_dir(dir: &Path) -> Result<Self, MeasureError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path)
                .map(|text| (path.display().to_string(), text))
                .map_err(|e| Problem::file(&path.display().to_string(), read_error(&e)))
        };
        // Every problem of every file, the rule executions' included.
        let mut problems = Vec::new();
        let mut rules = Vec::new();
        if dir.join(RULES_FILE).exists() {
            match read(RULES_FILE) {
                Ok((rn, rt)) => rules = read_rules(Input::new(&rn, &rt), &mut problems),
                Err(p) => problems.push(p),
            }
        }
        let history = match (read(EXECUTIONS_FILE), read(ACTIONS_FILE)) {
            (Ok((en, et)), Ok((an, at))) => {
                Self::from_json(Input::new(&en, &et), Input::new(&an, &at))
            }
            (e, a) => Err(MeasureError::from(
                [e.err(), a.err()].into_iter().flatten().collect::<Vec<_>>(),
            )),
        };
        match history {
            Ok(history) if problems.is_empty() => Ok(history.with_rules(rules)),
            Ok(_) => Err(problems.into()),
            Err(e) => {
                let mut all = e.problems;
                all.extend(problems);
                Err(all.into())
            }
        }
    }

    /// Adds `newer` records, which replace older copies of the same id.
    pub fn merge(self, newer: History) -> Self {
        let mut executions = self.executions;
        executions.extend(newer.executions);
        let mut actions = self.actions;
        actions.extend(newer.actions);
        let mut rules = self.rules;
        rules.extend(newer.rules);
        Self::new(executions, actions).with_rules(rules)
    }

    /// The executions as `aws codepipeline list-pipeline-executions` prints them (the fields
    /// vsm reads), times as ISO 8601 text.
    pub fn executions_json(&self) -> String {
        let items: Vec<OutExecution<'_>> = self.executions.iter().map(OutExecution::of).collect();
        to_json(&ExecutionsOut {
            pipeline_execution_summaries: items,
        })
    }

    /// The action executions as `aws codepipeline list-action-executions` prints them (the
    /// fields vsm reads), times as ISO 8601 text.
    pub fn actions_json(&self) -> String {
        let items: Vec<OutAction<'_>> = self.actions.iter().map(OutAction::of).collect();
        to_json(&ActionsOut {
            action_execution_details: items,
        })
    }

    /// The rule executions as `aws codepipeline list-rule-executions` prints them (the fields
    /// vsm reads), times as ISO 8601 text.
    pub fn rules_json(&self) -> String {
        to_json(&RulesOut::of(&self.rules))
    }
}

/// An I/O error without its `(os error N)` tail.
pub(crate) fn read_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or_default();
    format!("cannot be read: {text}")
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Plain structs of strings: serializing cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecutionsOut<'a> {
    pipeline_execution_summaries: Vec<OutExecution<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutExecution<'a> {
    pipeline_execution_id: &'a str,
    status: &'static str,
    start_time: String,
    last_update_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    trigger: Option<OutTrigger<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    execution_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    source_revisions: Vec<OutSourceRevision<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rollback_metadata: Option<OutRollbackMetadata<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutRollbackMetadata<'a> {
    rollback_target_pipeline_execution_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutSourceRevision<'a> {
    action_name: &'a str,
    revision_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutTrigger<'a> {
    trigger_type: &'a str,
}

impl<'a> OutExecution<'a> {
    fn of(e: &'a PipelineExecution) -> Self {
        Self {
            pipeline_execution_id: &e.id,
            status: e.status.as_str(),
            start_time: e.start.to_iso(),
            last_update_time: e.last_update.to_iso(),
            trigger: e
                .trigger_type
                .as_deref()
                .map(|t| OutTrigger { trigger_type: t }),
            execution_type: e.execution_type.as_deref(),
            source_revisions: e
                .source_revisions
                .iter()
                .map(|r| OutSourceRevision {
                    action_name: &r.action,
                    revision_id: &r.revision,
                })
                .collect(),
            rollback_metadata: e.rollback_target.as_deref().map(|t| OutRollbackMetadata {
                rollback_target_pipeline_execution_id: t,
            }),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionsOut<'a> {
    action_execution_details: Vec<OutAction<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutAction<'a> {
    pipeline_execution_id: &'a str,
    action_execution_id: &'a str,
    stage_name: &'a str,
    action_name: &'a str,
    status: &'static str,
    start_time: String,
    last_update_time: String,
}

impl<'a> OutAction<'a> {
    fn of(a: &'a ActionExecution) -> Self {
        Self {
            pipeline_execution_id: &a.pipeline_execution_id,
            action_execution_id: &a.id,
            stage_name: &a.stage,
            action_name: &a.action,
            status: a.status.as_str(),
            start_time: a.start.to_iso(),
            last_update_time: a.last_update.to_iso(),
        }
    }
}
