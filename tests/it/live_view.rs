//! The live view (`dashboard: true`): an EventBridge rule on the pipeline's state changes, a
//! log group with a resource policy for EventBridge, and a dashboard of Logs Insights queries.
//! The template is snapshotted and written to `target/measure-templates/` for cfn-lint and
//! checkov (`scripts/test` lints it).

use crate::support::streams;
use crate::support::Emit;
use vsm::kinds::Connection;

use serde_json::{json, Value};
use vsm::model::Stream;
use vsm::ValueStream;

/// The mock-pipeline stream with the live view.
fn with_dashboard() -> ValueStream {
    let mut model = streams::mock_pipeline().into_inner();
    model.settings.dashboard = true;
    ValueStream::new(model).unwrap()
}

fn of_type<'a>(t: &'a Value, type_name: &str) -> Vec<(&'a String, &'a Value)> {
    t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == type_name)
        .collect()
}

#[test]
fn live_view_template() {
    let json = with_dashboard().template().to_json_pretty();
    insta::assert_snapshot!(json);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/measure-templates");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/live_view.json"), json).unwrap();
}

#[test]
fn the_rule_delivers_this_pipelines_changes_to_the_log_group() {
    let t = with_dashboard().template().to_value();
    let [(_, rule)] = of_type(&t, "AWS::Events::Rule")[..] else {
        panic!("one rule")
    };
    let pattern = &rule["Properties"]["EventPattern"];
    assert_eq!(pattern["source"], json!(["aws.codepipeline"]));
    assert_eq!(pattern["detail"]["pipeline"], json!(["mock-pipeline"]));
    assert_eq!(
        t["Resources"]["Pipeline"]["Properties"]["Name"],
        "mock-pipeline"
    );
    assert_eq!(
        pattern["detail-type"],
        json!([
            "CodePipeline Pipeline Execution State Change",
            "CodePipeline Action Execution State Change"
        ])
    );
    let targets = rule["Properties"]["Targets"].as_array().unwrap();
    assert_eq!(targets.len(), 1);
    assert_eq!(
        targets[0]["Arn"],
        json!({"Fn::GetAtt": ["PipelineEventsLogs", "Arn"]})
    );
    assert!(
        targets[0].get("RoleArn").is_none(),
        "logs targets take no role"
    );

    let [(logs_id, logs)] = of_type(&t, "AWS::Logs::LogGroup")
        .into_iter()
        .filter(|(id, _)| id.as_str() == "PipelineEventsLogs")
        .collect::<Vec<_>>()[..]
    else {
        panic!("the events log group")
    };
    let p = &logs["Properties"];
    assert_eq!(p["RetentionInDays"], 365);
    assert_eq!(p["KmsKeyId"], json!({"Fn::GetAtt": ["ArtifactKey", "Arn"]}));
    let name = p["LogGroupName"]["Fn::Sub"].as_str().unwrap();
    assert!(name.starts_with("/aws/events/"), "{name}");

    // Only EventBridge may write, and only into this log group.
    let [(_, policy)] = of_type(&t, "AWS::Logs::ResourcePolicy")[..] else {
        panic!("one resource policy")
    };
    let text = policy["Properties"]["PolicyDocument"]["Fn::Sub"]
        .as_str()
        .unwrap();
    let doc: Value = serde_json::from_str(text).unwrap();
    let statements = doc["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 1);
    let s = &statements[0];
    assert_eq!(
        (&s["Effect"], &s["Principal"]),
        (&json!("Allow"), &json!({"Service": "events.amazonaws.com"}))
    );
    assert_eq!(
        s["Action"],
        json!(["logs:CreateLogStream", "logs:PutLogEvents"])
    );
    assert_eq!(s["Resource"], format!("${{{logs_id}.Arn}}"));
}

#[test]
fn the_dashboard_queries_the_events() {
    let t = with_dashboard().template().to_value();
    let [(_, dashboard)] = of_type(&t, "AWS::CloudWatch::Dashboard")[..] else {
        panic!("one dashboard")
    };
    let body: Value = serde_json::from_str(
        dashboard["Properties"]["DashboardBody"]["Fn::Sub"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let widgets = body["widgets"].as_array().unwrap();
    let titles: Vec<&str> = widgets
        .iter()
        .map(|w| w["properties"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "mock-pipeline: Deployments per day (Succeeded executions)",
            "mock-pipeline: Failed executions per day",
            "mock-pipeline: Execution durations (minutes)",
            "mock-pipeline: Failed actions"
        ]
    );
    for w in widgets {
        assert_eq!(w["type"], "log");
        let query = w["properties"]["query"].as_str().unwrap();
        assert!(
            query.starts_with(
                "SOURCE '${PipelineEventsLogs}' | filter `detail-type` = 'CodePipeline "
            ),
            "{query}"
        );
        assert_eq!(w["properties"]["region"], "${AWS::Region}");
    }
    let q = |i: usize| widgets[i]["properties"]["query"].as_str().unwrap();
    assert!(q(0).contains("detail.state = 'SUCCEEDED'") && q(0).contains("by bin(1d)"));
    assert!(q(1).contains("detail.state = 'FAILED'") && q(1).contains("by bin(1d)"));
    assert!(q(2).contains("(max(@timestamp) - min(@timestamp)) / 60000 as minutes"));
    assert!(q(2).contains("by `detail.execution-id`"));
    assert!(q(3).contains("Action Execution State Change") && q(3).contains("detail.action"));
}

#[test]
fn the_setting_is_off_by_default_and_travels_in_the_json_form() {
    let plain = streams::mock_pipeline().template().to_value();
    assert!(of_type(&plain, "AWS::Events::Rule").is_empty());
    assert!(of_type(&plain, "AWS::CloudWatch::Dashboard").is_empty());
    let model = with_dashboard().into_inner();
    let text = serde_json::to_value(&model).unwrap();
    assert_eq!(text["settings"]["dashboard"], true);
    let back: Stream = serde_json::from_value(text).unwrap();
    assert_eq!(back, model);
    let text = serde_json::to_value(streams::mock_pipeline().into_inner()).unwrap();
    assert!(text["settings"].get("dashboard").is_none());
}

#[test]
fn a_parameter_named_like_a_live_view_resource_is_refused() {
    let mut model = with_dashboard().into_inner();
    let Some(c) = model.stages[0].actions[0].kind.downcast_mut::<Connection>() else {
        panic!("a connection source")
    };
    c.connection_parameter = Some("PipelineDashboard".into());
    let err = ValueStream::new(model.clone()).unwrap_err();
    assert_eq!(err.rule_ids(), ["CFN-TPL-14"], "{err}");
    assert!(err.to_string().contains("dashboard"), "{err}");
    model.settings.dashboard = false;
    assert!(
        ValueStream::new(model).is_ok(),
        "without the live view the name is free"
    );
}
