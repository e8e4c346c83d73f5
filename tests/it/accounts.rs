//! Steps in other accounts and Regions: the multi-account example's templates (snapshots,
//! lint, least privilege across the boundary), the front ends agreeing, and the shared
//! cross-account and cross-Region templates importing with typed steps.

use std::path::PathBuf;

use serde_json::{json, Value};
use vsm::cfn::{Document, Template};
use vsm::diff::diff_templates;
use vsm::emit::EmitOptions;
use vsm::ValueStream;

use crate::support::streams::{self, PRODUCTION_ACCOUNT, TEST_ACCOUNT, TOOLS_ACCOUNT};
use crate::support::{fixture as shared, lint, Emit};

/// Every template of the example: the other accounts' and Regions' first, then the pipeline's.
fn templates() -> Vec<(String, Template)> {
    let emission = streams::multi_account()
        .emit(&EmitOptions::default())
        .unwrap();
    let mut out: Vec<(String, Template)> = emission
        .companions
        .into_iter()
        .map(|c| (c.name, c.template))
        .collect();
    out.push(("pipeline".to_owned(), emission.template));
    out
}

fn value(t: &Template) -> Value {
    serde_json::from_str(&t.to_json_compact()).unwrap()
}

#[test]
fn multi_account_templates() {
    let all = templates();
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "region-us-east-1",
            &format!("account-{TEST_ACCOUNT}"),
            &format!("account-{PRODUCTION_ACCOUNT}"),
            "pipeline"
        ]
    );
    for (name, t) in &all {
        insta::assert_snapshot!(format!("multi_account_{name}"), t.to_json_pretty());
    }
}

#[test]
fn multi_account_templates_are_lint_clean() {
    let dir = tempfile::tempdir().unwrap();
    let texts: Vec<(String, String)> = templates()
        .into_iter()
        .map(|(n, t)| (n, t.to_json_pretty()))
        .collect();
    let files: Vec<PathBuf> = lint::write(dir.path(), &texts);
    assert_eq!(lint::cfn_lint(&files), Default::default());
    let (failed, passed) = lint::checkov(dir.path());
    assert_eq!(failed, Default::default());
    assert!(passed > 50, "{passed}");
}

/// The pipeline assumes exactly the two roles it names; the key and bucket let in exactly the
/// two other accounts, for exactly those roles; no statement allows `*` as a principal.
#[test]
fn least_privilege_across_the_boundary() {
    let all = templates();
    let pipeline = value(&all[3].1);
    let role = |account: &str, name: &str| json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::{account}:role/{name}")});
    let actions = |a: &str| role(a, "shop-delivery-actions");
    let r = &pipeline["Resources"];
    let policy = &r["PipelineRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"];
    let assume: Vec<&Value> = policy
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["Action"] == json!(["sts:AssumeRole"]))
        .collect();
    assert_eq!(assume.len(), 1);
    assert_eq!(
        assume[0]["Resource"],
        json!([actions(TEST_ACCOUNT), actions(PRODUCTION_ACCOUNT)])
    );
    assert_eq!(
        r["PipelineRole"]["Properties"]["RoleName"],
        "shop-delivery-pipeline"
    );
    // Every deploy runs in another account: the pipeline role deploys no stack itself, and
    // reads no alarm (the production gate's alarm is read by the production account's role).
    assert!(!policy.to_string().contains("cloudformation:CreateStack"));
    assert!(!policy.to_string().contains("cloudwatch:"));
    let production = value(&all[2].1);
    let gate = production["Resources"]["ActionRole"]["Properties"]["Policies"][0]["PolicyDocument"]
        ["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Action"] == json!(["cloudwatch:DescribeAlarms"]))
        .expect("the production role reads the gate's alarm")
        .clone();
    assert_eq!(
        gate["Resource"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:cloudwatch:eu-west-1:${AWS::AccountId}:alarm:shop-5xx-errors"}])
    );
    let roots = json!([
        {"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::{TEST_ACCOUNT}:root")},
        {"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::{PRODUCTION_ACCOUNT}:root")}
    ]);
    for (resource, doc) in [
        ("ArtifactKey", "KeyPolicy"),
        ("ArtifactBucketPolicy", "PolicyDocument"),
    ] {
        let statements = r[resource]["Properties"][doc]["Statement"]
            .as_array()
            .unwrap();
        let other = statements
            .iter()
            .find(|s| s["Sid"] == "OtherAccountActions")
            .unwrap_or_else(|| panic!("{resource} lets in the other accounts"));
        assert_eq!(other["Principal"]["AWS"], roots, "{resource}");
        assert_eq!(
            other["Condition"]["ArnEquals"]["aws:PrincipalArn"],
            json!([actions(TEST_ACCOUNT), actions(PRODUCTION_ACCOUNT)]),
            "{resource}"
        );
        for s in statements.iter().filter(|s| s["Effect"] == "Allow") {
            assert_ne!(s["Principal"], json!("*"), "{resource}");
            assert_ne!(s["Principal"]["AWS"], json!("*"), "{resource}");
        }
    }
    // The store in us-east-1 lets in the test account only: production deploys in eu-west-1.
    let east = value(&all[0].1);
    let key = &east["Resources"]["ArtifactKey"]["Properties"]["KeyPolicy"]["Statement"];
    let other = key
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["Sid"] == "OtherAccountActions")
        .unwrap();
    assert_eq!(
        other["Principal"]["AWS"],
        json!([{"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::{TEST_ACCOUNT}:root")}])
    );
    // The test account's role trusts the pipeline role of the tools account alone, and deploys
    // its stacks in both Regions it runs in.
    let test = value(&all[1].1);
    let role_props = &test["Resources"]["ActionRole"]["Properties"];
    let trust = &role_props["AssumeRolePolicyDocument"]["Statement"][0];
    assert_eq!(
        trust["Principal"]["AWS"],
        json!({"Fn::Sub": format!("arn:${{AWS::Partition}}:iam::{TOOLS_ACCOUNT}:root")})
    );
    assert_eq!(
        trust["Condition"]["ArnEquals"]["aws:PrincipalArn"],
        role(TOOLS_ACCOUNT, "shop-delivery-pipeline")
    );
    let text = role_props["Policies"].to_string();
    for region in ["eu-west-1", "us-east-1"] {
        assert!(
            text.contains(&format!(
                "arn:${{AWS::Partition}}:cloudformation:{region}:${{AWS::AccountId}}:stack/shop-test/*"
            )),
            "{text}"
        );
    }
    assert!(text.contains("iam:PassRole"));
    assert_eq!(
        test["Resources"]["DeployRole"]["Properties"]["RoleName"],
        "shop-delivery-deploy"
    );
    // The deploys name CloudFormation's role in their account.
    let stages = &pipeline["Resources"]["Pipeline"]["Properties"]["Stages"];
    let prod = &stages[4]["Actions"][0];
    assert_eq!(prod["RoleArn"], actions(PRODUCTION_ACCOUNT));
    assert_eq!(
        prod["Configuration"]["RoleArn"],
        role(PRODUCTION_ACCOUNT, "shop-delivery-deploy")
    );
    assert_eq!(stages[2]["Actions"][1]["Region"], "us-east-1");
    let stores = &pipeline["Resources"]["Pipeline"]["Properties"]["ArtifactStores"];
    let regions: Vec<&Value> = stores
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["Region"])
        .collect();
    assert_eq!(regions, [&json!("eu-west-1"), &json!("us-east-1")]);
}

/// The same bytes every time, and through the JSON form and back.
#[test]
fn multi_account_is_deterministic_and_survives_json() {
    let a = streams::multi_account();
    let json = serde_json::to_string(&a).unwrap();
    let b: ValueStream = serde_json::from_str(&json).unwrap();
    assert_eq!(
        a.template().to_json_compact(),
        b.template().to_json_compact()
    );
    assert!(json.contains(r#""account":"222222222222""#), "{json}");
    assert!(json.contains(r#""region":"us-east-1""#), "{json}");
}

/// The macro writes the same stream as the builder, and reports the new rules at their key.
#[test]
fn the_macro_takes_accounts_regions_and_roles() {
    let s = vsm::stream! {
        pipeline "x" { account: "111111111111", region: "eu-west-1", parameters: [DeployerRole] }
        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }
        stage "Deploy" {
            cloudformation "Test" { stack: "app", template: "Src::t.yaml", account: "222222222222", region: "us-east-1" }
            cloudformation "Own" { stack: "own", template: "Src::t.yaml", action_role: !Ref DeployerRole }
        }
    };
    let a = &s.stages[1].actions;
    assert_eq!(a[0].account.as_deref(), Some("222222222222"));
    assert_eq!(
        a[0].region.as_ref().and_then(|r| r.as_str()),
        Some("us-east-1")
    );
    assert_eq!(
        a[1].action_role.as_ref().and_then(|r| r.parameter()),
        Some("DeployerRole")
    );
}

/// The shared cross-account and cross-Region pipelines import with typed steps (their roles
/// and Regions on the steps, their stores as settings) and re-emit the same pipeline.
#[test]
fn cross_account_and_region_templates_import_typed_and_re_emit() {
    let Some(dir) = shared("third-party") else {
        return;
    };
    for (file, typed) in [
        (
            "awslabs__aws-refarch-cross-account-pipeline__code-pipeline.yaml",
            "action_role",
        ),
        (
            "aws-samples__aws-codepipeline-cross-region-continuous-deployment__cross-region-code-pipeline.yaml",
            "region",
        ),
        ("symphoniacloud__multi-region-codepipeline__pipeline.yaml", "region"),
    ] {
        let doc = Document::parse(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let import = vsm::import::template(&doc.template, None).unwrap();
        let steps: Vec<_> = import
            .stream
            .actions()
            .filter(|(_, a)| match typed {
                "region" => a.region.is_some(),
                _ => a.action_role.is_some(),
            })
            .collect();
        assert!(!steps.is_empty(), "{file}: no step with a typed {typed}");
        for (_, a) in &steps {
            assert_ne!(a.kind.keyword(), "custom", "{file}: {} is custom", a.name);
        }
        let json = serde_json::to_value(&import.stream).unwrap();
        if typed == "region" {
            assert!(
                !json["settings"]["artifact_stores"].as_array().unwrap().is_empty(),
                "{file}"
            );
        }
        let Ok(stream) = ValueStream::new(import.stream.clone()) else {
            continue;
        };
        let id = doc
            .template
            .resources
            .iter()
            .find(|(_, r)| r.type_name() == "AWS::CodePipeline::Pipeline")
            .map(|(id, _)| id.clone())
            .unwrap();
        let only = |t: &Template, id: &str| {
            let mut out = Template::default();
            out.resources
                .insert("Pipeline".to_owned(), t.resources[id].clone());
            out
        };
        let diff = diff_templates(&only(&doc.template, &id), &only(&stream.template(), "Pipeline"));
        let regional: Vec<String> = diff
            .sections
            .iter()
            .flat_map(|s| s.changes.iter())
            .flat_map(|c| c.details.iter())
            // The pipeline's role and its one store are what vsm generates, and a configuration's
            // role (CloudFormation's) may become a parameter (docs/import.md, normalisation 1
            // and 2); the steps' own roles and Regions and the Regions' stores stay.
            .filter(|d| {
                !d.starts_with("Properties.RoleArn")
                    && !d.starts_with("Properties.ArtifactStore.")
                    && !d.starts_with("configuration ")
            })
            .filter(|d| {
                // What changed, not the values (a pipeline may be named `MultiRegionPipeline`).
                let key = d.split(": ").next().unwrap_or_default();
                key.contains("Region") || key.contains("RoleArn") || key.contains("ArtifactStore")
            })
            .cloned()
            .collect();
        assert!(regional.is_empty(), "{file}: {regional:?}\n{}", diff.to_text());
    }
}
