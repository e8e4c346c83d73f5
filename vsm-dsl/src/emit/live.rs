//! The live view (`dashboard: true`): the pipeline's state-change events, delivered by an
//! EventBridge rule to a log group, and a CloudWatch dashboard of Logs Insights queries on
//! them. No function to maintain: the queries compute deployments, failures and durations.

use serde_json::json;

use super::Emitter;
use crate::cfn::{Expr, Intrinsic, Resource};
use crate::kit::{sub_escape, Store, LOG_DAYS};
use crate::model::Text;

/// Logical id (before the prefix) of the log group the events go to.
pub(crate) const EVENTS_LOGS: &str = "PipelineEventsLogs";
/// Logical id of the log group's resource policy.
pub(crate) const EVENTS_LOGS_POLICY: &str = "PipelineEventsLogsPolicy";
/// Logical id of the EventBridge rule.
pub(crate) const EVENTS_RULE: &str = "PipelineEventsRule";
/// Logical id of the dashboard.
pub(crate) const DASHBOARD: &str = "PipelineDashboard";

/// The resources of the live view, by logical id before the prefix, with what each is.
pub(crate) const LIVE_RESOURCES: &[(&str, &str)] = &[
    (EVENTS_LOGS, "the log group of the pipeline's events"),
    (EVENTS_LOGS_POLICY, "the log group's resource policy"),
    (EVENTS_RULE, "the rule on the pipeline's events"),
    (DASHBOARD, "the pipeline's dashboard"),
];

/// The detail types the rule delivers.
const PIPELINE_CHANGE: &str = "CodePipeline Pipeline Execution State Change";
const ACTION_CHANGE: &str = "CodePipeline Action Execution State Change";

/// Adds the log group, its policy, the rule and the dashboard. The rule matches the
/// pipeline by its name, which the template sets.
pub(crate) fn live_view(e: &mut Emitter<'_>, store: &Store) {
    let logs_id = e.id(EVENTS_LOGS);
    // EventBridge delivers to log groups named under /aws/events/.
    let logs = Resource::of_type(
        "AWS::Logs::LogGroup",
        json!({
            "KmsKeyId": store.key_arn,
            "LogGroupName": Expr::sub(format!("/aws/events/vsm/${{AWS::StackName}}/{logs_id}")),
            "RetentionInDays": LOG_DAYS,
        }),
    );
    e.resource(EVENTS_LOGS, logs);
    // Only EventBridge may write, and only into this log group.
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "EventBridgeWritesPipelineEvents",
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": format!("${{{logs_id}.Arn}}"),
        }]
    });
    let policy_text = serde_json::to_string(&policy).expect("a policy serializes");
    e.resource(
        EVENTS_LOGS_POLICY,
        Resource::of_type(
            "AWS::Logs::ResourcePolicy",
            json!({
                "PolicyDocument": Expr::sub(policy_text),
                "PolicyName": Expr::sub(format!("${{AWS::StackName}}-{logs_id}")),
            }),
        ),
    );
    let rule = Resource::of_type(
        "AWS::Events::Rule",
        json!({
            "Description": match e.stream.name.as_str() {
                Some(name) => format!("Delivers the execution state changes of pipeline {name} to its log group"),
                None => "Delivers the execution state changes of the stack's pipeline to its log group".to_owned(),
            },
            "EventPattern": {
                "detail": {"pipeline": [e.stream.name.to_expr()]},
                "detail-type": [PIPELINE_CHANGE, ACTION_CHANGE],
                "source": ["aws.codepipeline"],
            },
            "State": "ENABLED",
            "Targets": [{"Arn": Expr::get_att(&logs_id, "Arn"), "Id": "PipelineEventsLogs"}],
        }),
    );
    e.resource(EVENTS_RULE, rule);
    let dashboard = Resource::of_type(
        "AWS::CloudWatch::Dashboard",
        json!({"DashboardBody": dashboard_body(&logs_id, &e.stream.name)}),
    );
    e.resource(DASHBOARD, dashboard);
}

/// The Logs Insights queries of the dashboard: title, view and query text.
pub(crate) fn queries() -> [(&'static str, &'static str, String); 4] {
    let executions = format!("filter `detail-type` = '{PIPELINE_CHANGE}'");
    let actions = format!("filter `detail-type` = '{ACTION_CHANGE}'");
    [
        (
            "Deployments per day (Succeeded executions)",
            "bar",
            format!("{executions} and detail.state = 'SUCCEEDED'\n| stats count(*) as deployments by bin(1d)"),
        ),
        (
            "Failed executions per day",
            "bar",
            format!("{executions} and detail.state = 'FAILED'\n| stats count(*) as failures by bin(1d)"),
        ),
        (
            "Execution durations (minutes)",
            "table",
            format!("{executions}\n| stats (max(@timestamp) - min(@timestamp)) / 60000 as minutes, latest(detail.state) as result by `detail.execution-id`\n| sort minutes desc\n| limit 50"),
        ),
        (
            "Failed actions",
            "table",
            format!("{actions} and detail.state = 'FAILED'\n| stats count(*) as failures by detail.stage, detail.action\n| sort failures desc"),
        ),
    ]
}

/// The dashboard body: `Fn::Sub` text naming the log group by `${logs_id}`.
/// The dashboard's body: `Fn::Sub` text, with the pipeline's name substituted when it is
/// computed.
fn dashboard_body(logs_id: &str, pipeline: &Text) -> Expr {
    match pipeline {
        Text::Lit(name) => Expr::sub(body(logs_id, &sub_escape(name))),
        Text::Expr(name) => Expr::call(Intrinsic::SubWith(
            body(logs_id, "${PipelineName}"),
            [("PipelineName".to_owned(), name.clone())].into(),
        )),
    }
}

/// The body's text; `pipeline` is `Fn::Sub` text.
fn body(logs_id: &str, pipeline: &str) -> String {
    let widgets: Vec<_> = queries()
        .into_iter()
        .enumerate()
        .map(|(i, (title, view, query))| {
            json!({
                "type": "log",
                "x": (i % 2) * 12,
                "y": (i / 2) * 6,
                "width": 12,
                "height": 6,
                "properties": {
                    "query": format!("SOURCE '${{{logs_id}}}' | {}", sub_escape(&query)),
                    "region": "${AWS::Region}",
                    "title": format!("{pipeline}: {title}"),
                    "view": view,
                }
            })
        })
        .collect();
    serde_json::to_string(&json!({"widgets": widgets})).expect("a dashboard serializes")
}
