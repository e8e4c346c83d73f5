//! The rule executions of a history, in the API's own JSON shape: what `aws codepipeline
//! list-rule-executions` prints. Each is one evaluation of one rule of a stage condition.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::error::Problem;
use super::history::records;
use super::input::{pages, Fields, Input, RawTime};
use super::time::Timestamp;

/// File of `aws codepipeline list-rule-executions --pipeline-name P` (optional: a pipeline
/// without stage conditions has none).
pub const RULES_FILE: &str = "list-rule-executions.json";

/// Status of a rule execution: the four statuses of an action execution, spelled alike
/// (`InProgress`, `Abandoned`, `Succeeded`, `Failed`: the rule is not met and the condition's
/// result engages).
pub type RuleStatus = super::history::ActionStatus;

/// One evaluation of one rule of a stage condition (a `ruleExecutionDetails` entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleExecution {
    /// `pipelineExecutionId`: the pipeline execution it belongs to.
    pub pipeline_execution_id: String,
    /// `ruleExecutionId`.
    pub id: String,
    /// `stageName`: the stage whose condition holds the rule.
    pub stage: String,
    /// `ruleName`.
    pub rule: String,
    /// `status`.
    pub status: RuleStatus,
    /// `startTime`.
    pub start: Timestamp,
    /// `lastUpdateTime`.
    pub last_update: Timestamp,
    /// `input.ruleTypeId.provider`, such as `DeploymentWindow`, when given.
    pub provider: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct RulesPage {
    #[serde(rename = "ruleExecutionDetails")]
    items: Option<Vec<RawRule>>,
    #[serde(rename = "actionExecutionDetails")]
    swapped: Option<IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRule {
    pipeline_execution_id: Option<String>,
    rule_execution_id: Option<String>,
    stage_name: Option<String>,
    rule_name: Option<String>,
    status: Option<String>,
    start_time: Option<RawTime>,
    last_update_time: Option<RawTime>,
    input: Option<RawRuleInput>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawRuleInput {
    rule_type_id: Option<RawRuleType>,
}

#[derive(Deserialize)]
struct RawRuleType {
    provider: Option<String>,
}

fn rule(
    file: &str,
    place: String,
    raw: RawRule,
    problems: &mut Vec<Problem>,
) -> Option<RuleExecution> {
    let mut f = Fields {
        file,
        place,
        problems,
    };
    let pipeline_execution_id = f.need("pipelineExecutionId", raw.pipeline_execution_id);
    let id = f.need("ruleExecutionId", raw.rule_execution_id);
    let stage = f.need("stageName", raw.stage_name);
    let rule = f.need("ruleName", raw.rule_name);
    let status = f.one_of("status", raw.status.as_deref(), &RuleStatus::ALL);
    let start = f.time("startTime", raw.start_time);
    let last_update = f.time("lastUpdateTime", raw.last_update_time);
    let (start, last_update) = (start?, last_update?);
    f.in_order(start, last_update).then_some(())?;
    Some(RuleExecution {
        pipeline_execution_id: pipeline_execution_id?,
        id: id?,
        stage: stage?,
        rule: rule?,
        status: status?,
        start,
        last_update,
        provider: raw
            .input
            .and_then(|i| i.rule_type_id)
            .and_then(|t| t.provider),
    })
}

/// The rule executions of a list-rule-executions document; problems go to `problems`.
pub(super) fn read_rules(input: Input<'_>, problems: &mut Vec<Problem>) -> Vec<RuleExecution> {
    let pages = pages::<RulesPage>(input)
        .map_err(|p| problems.push(p))
        .unwrap_or_default();
    let raw = records(
        input,
        pages
            .into_iter()
            .map(|p| (p.items, p.swapped.is_some()))
            .collect(),
        "ruleExecutionDetails",
        "actionExecutionDetails",
        "aws codepipeline list-rule-executions --pipeline-name NAME",
        problems,
    );
    raw.into_iter()
        .filter_map(|(place, raw)| rule(input.name, place, raw, problems))
        .collect()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RulesOut<'a> {
    rule_execution_details: Vec<OutRule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutRule<'a> {
    pipeline_execution_id: &'a str,
    rule_execution_id: &'a str,
    stage_name: &'a str,
    rule_name: &'a str,
    status: &'static str,
    start_time: String,
    last_update_time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    input: Option<OutRuleInput<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OutRuleInput<'a> {
    rule_type_id: OutRuleType<'a>,
}

#[derive(Serialize)]
struct OutRuleType<'a> {
    provider: &'a str,
}

impl<'a> RulesOut<'a> {
    /// The rule executions as `aws codepipeline list-rule-executions` prints them (the fields
    /// vsm reads), times as ISO 8601 text.
    pub(super) fn of(rules: &'a [RuleExecution]) -> Self {
        Self {
            rule_execution_details: rules
                .iter()
                .map(|r| OutRule {
                    pipeline_execution_id: &r.pipeline_execution_id,
                    rule_execution_id: &r.id,
                    stage_name: &r.stage,
                    rule_name: &r.rule,
                    status: r.status.as_str(),
                    start_time: r.start.to_iso(),
                    last_update_time: r.last_update.to_iso(),
                    input: r.provider.as_deref().map(|provider| OutRuleInput {
                        rule_type_id: OutRuleType { provider },
                    }),
                })
                .collect(),
        }
    }
}
