//! The emitted templates: snapshots, determinism, limits, embedding and merging.

use crate::support::streams;
use crate::support::Emit;

use serde_json::{json, Value};
use vsm::builder::{connection, mock};
use vsm::cfn::{Element, Properties};
use vsm::emit::{merge_into, EmitOptions, MergeError};
use vsm::kinds::GitProvider;
use vsm::model::{PullRequestFilter, PushFilter, Stream, Trigger};
use vsm::rules::{check_template, INLINE_TEMPLATE_LIMIT};
use vsm::ValueStream;

#[test]
fn mock_pipeline_template() {
    insta::assert_snapshot!(streams::mock_pipeline().template().to_json_pretty());
}

#[test]
fn delivery_pipeline_template() {
    insta::assert_snapshot!(streams::delivery_pipeline().template().to_json_pretty());
}

#[test]
fn same_stream_same_bytes() {
    for make in [streams::mock_pipeline, streams::delivery_pipeline] {
        let a = make().template();
        let b = make().template();
        assert_eq!(a.to_json_pretty(), b.to_json_pretty());
        assert_eq!(a.to_json_compact(), b.to_json_compact());
        // Through the JSON form and back: still the same bytes.
        let json = serde_json::to_string(&make()).unwrap();
        let again: ValueStream = serde_json::from_str(&json).unwrap();
        assert_eq!(again.template().to_json_compact(), a.to_json_compact());
    }
}

#[test]
fn mock_pipeline_keeps_the_modelled_shape() {
    let t = streams::mock_pipeline().template();
    let Properties::Pipeline(p) = &t.resources["Pipeline"].properties else {
        panic!("no pipeline")
    };
    let shape: Vec<(String, Vec<(String, u32)>)> = p
        .stages
        .iter()
        .flat_map(Element::branches)
        .map(|s| {
            (
                s.name.clone(),
                s.actions
                    .iter()
                    .flat_map(Element::branches)
                    .map(|a| (a.name.clone(), a.run_order))
                    .collect(),
            )
        })
        .collect();
    let expect = |name: &str, actions: &[(&str, u32)]| {
        (
            name.to_owned(),
            actions
                .iter()
                .map(|(a, o)| (a.to_string(), *o))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        shape[2..],
        [
            expect(
                "AcceptanceTesting",
                &[
                    ("ProvisionEnvironment", 1),
                    ("InfrastructureAnalysis", 1),
                    ("ConfigureEnvironment", 2),
                    ("AcceptanceTests", 3),
                    ("IntegrationTests", 3),
                    ("DeployApp", 4),
                    ("DeploymentTest", 5)
                ]
            ),
            expect(
                "Capacity",
                &[
                    ("PenTest", 1),
                    ("PerformanceTest", 1),
                    ("ImageTests", 1),
                    ("ResiliencyTests", 1)
                ]
            ),
            expect("ExploratoryTesting", &[("QA", 1)]),
            expect(
                "Production",
                &[
                    ("BlueGreenDeployment", 1),
                    ("OutofBandTests", 1),
                    ("SecurityMetrics", 1),
                    ("SwitchEndPoints", 2)
                ]
            ),
        ]
    );
    let qa = p.stages[4].branches()[0].actions[0].branches()[0];
    assert_eq!(qa.action_type_id.provider, "Manual");
    assert_eq!(
        serde_json::to_value(&qa.configuration).unwrap(),
        json!({"CustomData": "Approval or Reject this change after running Exploratory Tests"})
    );
    assert!(t.to_json_pretty().len() <= INLINE_TEMPLATE_LIMIT);
    assert_eq!(check_template(&t, t.to_json_pretty().len()), vec![]);
}

#[test]
fn one_shared_mock_function_and_least_privilege() {
    let t = streams::mock_pipeline().template().to_value();
    let functions: Vec<&String> = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, r)| r["Type"] == "AWS::Lambda::Function")
        .map(|(id, _)| id)
        .collect();
    assert_eq!(functions, ["MockStep"]);
    assert_eq!(
        t["Resources"]["MockStep"]["Properties"]["Runtime"],
        "python3.13"
    );
    let text = t.to_string();
    assert!(
        !text.contains("arn:aws:"),
        "ARNs must use ${{AWS::Partition}}"
    );
    // No wildcard in any IAM action.
    for (_, r) in t["Resources"].as_object().unwrap() {
        for doc in ["Policies"]
            .iter()
            .flat_map(|k| r["Properties"][k].as_array().into_iter().flatten())
        {
            for st in doc["PolicyDocument"]["Statement"].as_array().unwrap() {
                for a in st["Action"].as_array().unwrap() {
                    assert!(!a.as_str().unwrap().contains('*'), "wildcard action {a}");
                }
            }
        }
    }
    let invoke = &t["Resources"]["PipelineRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Sid"] == "InvokeFunctions")
        .cloned()
        .unwrap();
    assert_eq!(
        invoke["Resource"],
        json!([{"Fn::GetAtt": ["MockStep", "Arn"]}])
    );
    let bucket = &t["Resources"]["ArtifactBucket"];
    assert_eq!(bucket["DeletionPolicy"], "Retain");
    assert_eq!(
        bucket["Properties"]["PublicAccessBlockConfiguration"]["BlockPublicPolicy"],
        true
    );
    assert!(t["Parameters"]["ConnectionArn"].is_object());
    assert!(!text.contains("OAuthToken"));
}

#[test]
fn annotations_ride_in_the_pipeline_metadata() {
    let t = streams::mock_pipeline().template().to_value();
    let qa = &t["Resources"]["Pipeline"]["Metadata"]["ValueStream"]["ExploratoryTesting"]["QA"];
    assert_eq!(
        qa,
        &json!({"ProcessTime": "3h", "WaitTime": "3d", "CompleteAccurate": 80.0})
    );
}

fn small() -> ValueStream {
    ValueStream::builder("small")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitLab, "acme/app", "main").outputs(["Src"]))
        })
        .stage("Build", |s| s.action(mock("Step")))
        .build()
        .unwrap()
}

#[test]
fn embedding_uses_existing_resources_and_prefixes_ids() {
    let options = EmitOptions {
        logical_id_prefix: "Shop".into(),
        artifact_bucket: Some("acme-artifacts".into()),
        kms_key_arn: Some(
            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab".into(),
        ),
        pipeline_role_arn: Some("arn:aws:iam::123456789012:role/pipeline".into()),
        ..fixed()
    };
    let t = small().to_cloudformation_with(&options).unwrap();
    let ids: Vec<&str> = t.resources.keys().map(String::as_str).collect();
    assert_eq!(
        ids,
        [
            "ShopMockStep",
            "ShopMockStepLogs",
            "ShopMockStepRole",
            "ShopPipeline"
        ]
    );
    let p = t.to_value();
    let props = &p["Resources"]["ShopPipeline"]["Properties"];
    assert_eq!(props["RoleArn"], "arn:aws:iam::123456789012:role/pipeline");
    assert_eq!(props["ArtifactStore"]["Location"], "acme-artifacts");
    assert!(p["Parameters"]["ShopConnectionArn"].is_object());
}

#[test]
fn bad_embedding_options_are_all_reported() {
    let options = EmitOptions {
        logical_id_prefix: "my-prefix".into(),
        artifact_bucket: Some("arn:aws:s3:::bucket".into()),
        kms_key_arn: Some("alias/mine".into()),
        pipeline_role_arn: Some("pipeline".into()),
        ..fixed()
    };
    let err = small().to_cloudformation_with(&options).unwrap_err();
    assert_eq!(
        err.rule_ids(),
        ["CFN-TPL-1", "CP-STRUCT-13", "CP-STRUCT-14", "CP-STRUCT-12"]
    );
}

#[test]
fn merges_into_an_existing_template_and_refuses_collisions() {
    let existing = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {"Env": {"Type": "String"}},
        "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}
    });
    let t = small().template();
    let merged = merge_into(&t, existing.clone()).unwrap();
    assert!(merged["Resources"]["Queue"].is_object());
    assert!(merged["Resources"]["Pipeline"].is_object());
    assert!(merged["Parameters"]["Env"].is_object());
    assert!(merged["Parameters"]["ConnectionArn"].is_object());
    // The same stream again collides on every resource, but shares identical parameters.
    let err = merge_into(&t, merged.clone()).unwrap_err();
    let MergeError::Collision(ids) = &err else {
        panic!("{err}")
    };
    assert!(ids.contains(&"Pipeline".to_owned()) && !ids.contains(&"ConnectionArn".to_owned()));
    assert!(err.to_string().starts_with("CFN-TPL-2"));
    // With a prefix both fit.
    let other = small()
        .to_cloudformation_with(&EmitOptions {
            logical_id_prefix: "Two".into(),
            ..fixed()
        })
        .unwrap();
    let both = merge_into(&other, merged).unwrap();
    assert!(
        both["Resources"]["TwoPipeline"].is_object() && both["Resources"]["Pipeline"].is_object()
    );
    assert_eq!(
        merge_into(&t, json!([])).unwrap_err(),
        MergeError::NotAnObject
    );
    assert_eq!(
        merge_into(&t, json!({"Resources": 1})).unwrap_err(),
        MergeError::BadSection("Resources".into())
    );
}

#[test]
fn trigger_lists_are_omitted_when_empty() {
    let mut stream: Stream = small().into_inner();
    stream.settings.triggers = vec![Trigger {
        source_action: "App".into(),
        push: vec![PushFilter {
            branches: vec!["main".into()],
            ..Default::default()
        }],
        pull_request: vec![PullRequestFilter {
            branches: vec!["main".into()],
            ..Default::default()
        }],
    }];
    let t = ValueStream::new(stream).unwrap().template().to_value();
    let git = &t["Resources"]["Pipeline"]["Properties"]["Triggers"][0]["GitConfiguration"];
    assert_eq!(git["Push"], json!([{"Branches": {"Includes": ["main"]}}]));
    assert_eq!(
        git["PullRequest"],
        json!([{"Branches": {"Includes": ["main"]}}])
    );
}

#[test]
fn template_size_limits_are_checked() {
    let v = streams::largest();
    assert_eq!((v.stages.len(), v.actions().count()), (50, 500));
    let t = v.template();
    let pretty = t.to_json_pretty().len();
    let compact = t.to_json_compact().len();
    assert!(pretty > INLINE_TEMPLATE_LIMIT);
    let warnings = check_template(&t, pretty);
    assert_eq!(
        warnings
            .iter()
            .map(|v| (v.rule.id(), v.is_error()))
            .collect::<Vec<_>>(),
        [("CFN-TPL-7", false)]
    );
    assert!(check_template(&t, 1_000_001)
        .iter()
        .any(|v| v.rule == "CFN-TPL-7" && v.is_error()));
    assert!(
        compact / 500 <= 200,
        "compact JSON is {} bytes per action",
        compact / 500
    );
}

#[test]
fn template_resource_parameter_and_output_counts_are_checked() {
    let mut t = small().template();
    let some = t.resources.values().next().unwrap().clone();
    let param = t.parameters.values().next().unwrap().clone();
    let output = t.outputs.values().next().unwrap().clone();
    for i in 0..500 {
        t.resources.insert(format!("Extra{i}"), some.clone());
        t.parameters.insert(format!("P{i}"), param.clone());
        t.outputs.insert(format!("O{i}"), output.clone());
    }
    t.resources.insert("bad-id".into(), some);
    let rules: Vec<&str> = check_template(&t, 10).iter().map(|v| v.rule.id()).collect();
    assert_eq!(rules, ["CFN-TPL-3", "CFN-TPL-4", "CFN-TPL-5", "CFN-TPL-1"]);
    let fine = small().template();
    assert!(check_template(&fine, 10).is_empty());
}

#[test]
fn template_parses_back_into_the_typed_form() {
    let t = streams::delivery_pipeline().template();
    let back: vsm::cfn::Template = serde_json::from_str(&t.to_json_pretty()).unwrap();
    assert_eq!(back, t);
    let v: Value = serde_json::from_str(&t.to_json_compact()).unwrap();
    assert_eq!(v, t.to_value());
}

#[test]
fn full_clone_sources_let_codebuild_use_the_connection() {
    use vsm::builder::codebuild;
    let clone = |full: bool| {
        ValueStream::builder("clone")
            .source("Source", |s| {
                let c = connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]);
                s.action(if full { c.full_clone(true) } else { c })
            })
            .stage("Build", |s| s.action(codebuild("Compile").inputs(["Src"])))
            .build()
            .unwrap()
            .template()
            .to_value()
    };
    let statements = |t: &Value| {
        t["Resources"]["CodeBuildRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
            .clone()
    };
    let with = clone(true);
    let sid = statements(&with)
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Sid"] == "CloneThroughConnections")
        .cloned();
    assert_eq!(sid.unwrap()["Resource"], json!([{"Ref": "ConnectionArn"}]));
    let without = clone(false);
    assert!(!statements(&without)
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["Sid"] == "CloneThroughConnections"));
}

#[test]
fn cloudformation_deploys_take_their_role_from_a_parameter_and_may_pass_only_it() {
    let t = streams::delivery_pipeline().template().to_value();
    assert_eq!(t["Parameters"]["DeployProductionRoleArn"]["Type"], "String");
    let statements = t["Resources"]["PipelineRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"]
        .clone();
    let pass = statements
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Sid"] == "PassDeployRoles")
        .cloned()
        .unwrap();
    assert_eq!(
        pass["Resource"],
        json!([{"Ref": "DeployProductionRoleArn"}])
    );
    assert_eq!(
        pass["Condition"]["StringEquals"]["iam:PassedToService"],
        "cloudformation.amazonaws.com"
    );
    let deploy = statements
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Sid"] == "DeployStacks")
        .cloned()
        .unwrap();
    assert_eq!(
        deploy["Resource"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/checkout-service-prod/*"}])
    );
}

/// The runtime lifecycle is checked when the template is emitted, on the date of the emit
/// options, and only when a function is emitted.
#[test]
fn runtime_rules_run_at_emission_on_the_given_date_and_only_for_emitted_functions() {
    use vsm::rules::Date;
    let on = |y, m, d| EmitOptions {
        today: Some(Date::new(y, m, d)),
        ..Default::default()
    };
    let with_mock = small();
    assert!(with_mock
        .stages
        .iter()
        .flat_map(|s| &s.actions)
        .any(|a| a.kind.keyword() == "mock"));
    let warnings = with_mock.emit(&on(2029, 6, 30)).unwrap().warnings;
    assert!(
        warnings.iter().any(|v| v.rule == "LMB-3" && !v.is_error()),
        "{warnings:?}"
    );
    assert_eq!(with_mock.emit(&on(2029, 6, 29)).unwrap().warnings, vec![]);

    let without_mock = ValueStream::builder("no-functions")
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
        })
        .stage("Build", |s| {
            s.action(vsm::builder::codebuild("Compile").inputs(["Src"]))
        })
        .build()
        .unwrap();
    assert_eq!(without_mock.emit(&on(2040, 1, 1)).unwrap().warnings, vec![]);
    // Validity itself does not depend on the day.
    assert_eq!(without_mock.warnings(), &[]);
}

#[test]
fn codebuild_project_descriptions_fit_codebuild_limit() {
    let long = |c: char| std::iter::repeat_n(c, 100).collect::<String>();
    let stream = ValueStream::builder(long('p'))
        .source("Source", |s| {
            s.action(
                vsm::builder::connection("App", GitProvider::GitHub, "acme/app", "main")
                    .outputs(["Src"]),
            )
        })
        .stage(long('s'), |s| {
            s.action(vsm::builder::codebuild(long('a')).inputs(["Src"]))
        })
        .build()
        .unwrap();
    let t = stream.template().to_value();
    let project = t["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::CodeBuild::Project")
        .unwrap();
    let description = project["Properties"]["Description"].as_str().unwrap();
    assert_eq!(description.chars().count(), 255);
    assert!(description.starts_with("Stage \"sss"));
}

/// Emit options on a fixed day: the runtime lifecycle rules must not make a test depend on
/// the day it runs.
fn fixed() -> EmitOptions {
    EmitOptions {
        today: Some(crate::support::TEST_DAY),
        ..EmitOptions::default()
    }
}
