//! A pipeline's structure as measuring needs it: stages, their run-order groups, which
//! actions are approvals, and the rules of each stage condition. From a vsm stream, or from
//! what `aws codepipeline get-pipeline` prints.

use serde::Deserialize;
use std::path::Path;

use super::error::{MeasureError, Problem};
use super::history::read_error;
use super::input::{pages, Fields, Input};
use crate::model::{Category, ConditionPlace, Stream};

/// The structure of a pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    /// Pipeline name.
    pub name: String,
    /// Stages in order.
    pub stages: Vec<StageShape>,
}

/// One stage: its run-order groups in ascending order, and its conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageShape {
    /// Stage name.
    pub name: String,
    /// Groups of actions sharing a run order, ascending.
    pub groups: Vec<GroupShape>,
    /// Its conditions, in the order of their places (before entry, on success, on failure).
    pub conditions: Vec<ConditionShape>,
}

impl StageShape {
    /// The condition at `place`, if the stage has one.
    pub fn condition(&self, place: ConditionPlace) -> Option<&ConditionShape> {
        self.conditions.iter().find(|c| c.place == place)
    }
}

/// The condition of a stage at one place: its result and its rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConditionShape {
    /// Where in the stage it applies.
    pub place: ConditionPlace,
    /// What engages when a rule is not met (`FAIL`, `SKIP`, `ROLLBACK`, `RETRY`), as the API
    /// spells it; `None` when not given.
    pub result: Option<String>,
    /// Its rules.
    pub rules: Vec<RuleShape>,
}

/// One rule of a condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleShape {
    /// Rule name.
    pub name: String,
    /// True for a rule that only holds a change until it may pass (a `DeploymentWindow`): its
    /// time counts as wait, and it does no work.
    pub holds: bool,
}

/// The provider of the rule type that holds a change rather than evaluating it.
pub(crate) const HOLDING_PROVIDER: &str = "DeploymentWindow";

/// Actions of a stage that share a run order (they run in parallel).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupShape {
    /// The run order.
    pub run_order: u32,
    /// The actions, in declaration order.
    pub actions: Vec<ActionShape>,
}

/// One action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionShape {
    /// Action name.
    pub name: String,
    /// True for an action of category Approval: its duration counts as wait.
    pub approval: bool,
    /// True for an action of category Source: it gives each execution its revision.
    pub source: bool,
}

impl Structure {
    /// The structure of a stream: approvals are the actions whose type has category Approval.
    pub fn of_stream(stream: &Stream) -> Self {
        let stages = stream
            .stages
            .iter()
            .map(|stage| StageShape {
                name: stage.name.clone(),
                groups: grouped(stage.actions.iter().map(|a| {
                    let category = a.kind.action_type().category;
                    let shape = ActionShape {
                        name: a.name.clone(),
                        approval: category == Category::Approval,
                        source: category == Category::Source,
                    };
                    (a.run_order, shape)
                })),
                conditions: stage
                    .settings
                    .conditions()
                    .map(|(place, c)| ConditionShape {
                        place,
                        result: Some(c.result.as_str().to_owned()),
                        rules: c
                            .rules
                            .iter()
                            .map(|r| RuleShape {
                                name: r.name.clone(),
                                holds: r.kind.info().provider == HOLDING_PROVIDER,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Self {
            name: stream.name.display().into_owned(),
            stages,
        }
    }

    /// Reads what `aws codepipeline get-pipeline --name NAME` prints: approvals are the
    /// actions whose `actionTypeId.category` is `Approval`; `runOrder` defaults to 1.
    pub fn from_get_pipeline(input: Input<'_>) -> Result<Self, MeasureError> {
        let mut docs = pages::<RawGetPipeline>(input).map_err(MeasureError::one)?;
        if docs.len() != 1 {
            return Err(MeasureError::one(Problem::file(
                input.name,
                format!("holds {} documents; expected one, what `aws codepipeline get-pipeline --name NAME` prints", docs.len()),
            )));
        }
        let Some(pipeline) = docs.remove(0).pipeline else {
            return Err(MeasureError::one(Problem::file(
                input.name,
                "has no pipeline: expected what `aws codepipeline get-pipeline --name NAME` prints",
            )));
        };
        let mut problems = Vec::new();
        let mut f = Fields {
            file: input.name,
            place: "pipeline".to_owned(),
            problems: &mut problems,
        };
        let name = f.need("name", pipeline.name);
        let raw_stages = f.need("stages", pipeline.stages).unwrap_or_default();
        let stages: Vec<StageShape> = raw_stages
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| stage(input.name, i, s, &mut problems))
            .collect();
        match name {
            Some(name) if problems.is_empty() => Ok(Self { name, stages }),
            _ => Err(problems.into()),
        }
    }

    /// Reads a get-pipeline file.
    pub fn read_get_pipeline(path: &Path) -> Result<Self, MeasureError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| MeasureError::one(Problem::file(&name, read_error(&e))))?;
        Self::from_get_pipeline(Input::new(&name, &text))
    }

    /// The source actions, in flow order.
    pub fn source_actions(&self) -> Vec<&str> {
        self.groups()
            .into_iter()
            .flat_map(|(_, g)| g.actions.iter())
            .filter(|a| a.source)
            .map(|a| a.name.as_str())
            .collect()
    }

    /// True when a stage has a condition with rules before entry or on success: a gate, whose
    /// rule executions the history then holds.
    pub fn has_gates(&self) -> bool {
        self.stages.iter().any(|s| {
            s.conditions
                .iter()
                .any(|c| c.place != ConditionPlace::OnFailure && !c.rules.is_empty())
        })
    }

    /// Every run-order group in flow order, stage by stage, with its stage.
    pub fn groups(&self) -> Vec<(&StageShape, &GroupShape)> {
        self.stages
            .iter()
            .flat_map(|s| s.groups.iter().map(move |g| (s, g)))
            .collect()
    }
}

#[derive(Deserialize)]
struct RawGetPipeline {
    pipeline: Option<RawPipeline>,
}

#[derive(Deserialize)]
struct RawPipeline {
    name: Option<String>,
    stages: Option<Vec<RawStage>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawStage {
    name: Option<String>,
    actions: Option<Vec<RawAction>>,
    before_entry: Option<RawConditions>,
    on_success: Option<RawConditions>,
    on_failure: Option<RawConditions>,
}

/// `beforeEntry`, `onSuccess` or `onFailure`: the conditions, and for `onFailure` its own
/// result.
#[derive(Deserialize)]
struct RawConditions {
    result: Option<String>,
    conditions: Option<Vec<RawCondition>>,
}

#[derive(Deserialize)]
struct RawCondition {
    result: Option<String>,
    rules: Option<Vec<RawRule>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRule {
    name: Option<String>,
    rule_type_id: Option<RawRuleTypeId>,
}

#[derive(Deserialize)]
struct RawRuleTypeId {
    provider: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawAction {
    name: Option<String>,
    action_type_id: Option<RawTypeId>,
    run_order: Option<i64>,
}

#[derive(Deserialize)]
struct RawTypeId {
    category: Option<String>,
}

/// The condition of one place: the rules of all its conditions (a rule without a name is left
/// out), and the first result given.
fn condition(place: ConditionPlace, raw: Option<RawConditions>) -> Option<ConditionShape> {
    let raw = raw?;
    let conditions = raw.conditions.unwrap_or_default();
    // On failure, the place's own result is the one that engages; elsewhere the condition's.
    let result = raw
        .result
        .or_else(|| conditions.iter().find_map(|c| c.result.clone()));
    let rules = conditions
        .into_iter()
        .flat_map(|c| c.rules.unwrap_or_default())
        .filter_map(|r| {
            Some(RuleShape {
                holds: r
                    .rule_type_id
                    .and_then(|t| t.provider)
                    .is_some_and(|p| p == HOLDING_PROVIDER),
                name: r.name?,
            })
        })
        .collect();
    Some(ConditionShape {
        place,
        result,
        rules,
    })
}

fn stage(file: &str, i: usize, raw: RawStage, problems: &mut Vec<Problem>) -> Option<StageShape> {
    let place = format!("pipeline.stages[{i}]");
    let mut f = Fields {
        file,
        place: place.clone(),
        problems,
    };
    let name = f.need("name", raw.name);
    let raw_actions = f.need("actions", raw.actions).unwrap_or_default();
    let mut actions: Vec<(u32, ActionShape)> = Vec::new();
    for (j, a) in raw_actions.into_iter().enumerate() {
        let mut f = Fields {
            file,
            place: format!("{place}.actions[{j}]"),
            problems,
        };
        let name = f.need("name", a.name);
        let category = f
            .need("actionTypeId", a.action_type_id)
            .and_then(|t| f.need("actionTypeId.category", t.category));
        let run_order = a.run_order.unwrap_or(1);
        if !(1..=999).contains(&run_order) {
            problems.push(Problem::at(
                file,
                format!("{place}.actions[{j}].runOrder"),
                format!("{run_order} is not a run order (1 to 999)"),
            ));
            continue;
        }
        if let (Some(name), Some(category)) = (name, category) {
            let shape = ActionShape {
                name,
                approval: category == "Approval",
                source: category == "Source",
            };
            actions.push((run_order as u32, shape));
        }
    }
    let groups = grouped(actions.into_iter());
    let conditions = [
        (ConditionPlace::BeforeEntry, raw.before_entry),
        (ConditionPlace::OnSuccess, raw.on_success),
        (ConditionPlace::OnFailure, raw.on_failure),
    ]
    .into_iter()
    .filter_map(|(place, raw)| condition(place, raw))
    .collect();
    Some(StageShape {
        name: name?,
        groups,
        conditions,
    })
}

/// Actions grouped by run order, ascending; declaration order within a group.
fn grouped(actions: impl Iterator<Item = (u32, ActionShape)>) -> Vec<GroupShape> {
    let mut actions: Vec<(u32, ActionShape)> = actions.collect();
    // A stable sort keeps declaration order among equal run orders.
    actions.sort_by_key(|(order, _)| *order);
    let mut groups: Vec<GroupShape> = Vec::new();
    for (run_order, action) in actions {
        match groups.last_mut() {
            Some(g) if g.run_order == run_order => g.actions.push(action),
            _ => groups.push(GroupShape {
                run_order,
                actions: vec![action],
            }),
        }
    }
    groups
}
