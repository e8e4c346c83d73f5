//! Parameterised streams: template expressions in values, declared parameters, conditions
//! and mappings, and the constraints a parameter takes from the values it feeds.

use crate::support::Emit;

use serde_json::{json, Value};
use vsm::builder::{codebuild, connection, find_in_map, if_, mock, param, sub};
use vsm::kinds::GitProvider;
use vsm::model::{Condition, Mapping, Parameter};
use vsm::ValueStream;

fn equals(a: Value, b: Value) -> vsm::cfn::Expr {
    vsm::cfn::Expr::from_value(&json!({"Fn::Equals": [a, b]}))
}

/// A source action.
fn source() -> vsm::builder::ActionBuilder<vsm::kinds::Connection> {
    connection("A", GitProvider::GitHub, "acme/app", "main").outputs(["Src"])
}

/// A stream whose name, repository, branch and project come from parameters.
fn parameterised() -> Result<ValueStream, vsm::ValidationErrors> {
    ValueStream::builder(sub("${Env}-checkout"))
        .parameters([
            Parameter::new("Env")
                .default_value("test")
                .allowed_values(["test", "prod"]),
            Parameter::new("Repo").description("owner/name of the repository"),
            Parameter::new("Branch").default_value("main"),
        ])
        .conditions([Condition::new(
            "IsProd",
            equals(json!({"Ref": "Env"}), json!("prod")),
        )])
        .mappings([Mapping::new(
            "Sizes",
            [
                ("test", [("Image", "small")]),
                ("prod", [("Image", "large")]),
            ],
        )])
        .source("Source", |s| {
            s.action(
                connection("App", GitProvider::GitHub, param("Repo"), param("Branch"))
                    .outputs(["Src"]),
            )
        })
        .stage("Build", |s| {
            s.action(codebuild("Compile").inputs(["Src"]).image(if_(
                "IsProd",
                find_in_map("Sizes", param("Env"), "Image"),
                "aws/codebuild/standard:7.0",
            )))
            .action(mock("Note").run_order(2))
        })
        .stage("Deploy", |s| s.action(mock("Deploy")))
        .build()
}

#[test]
fn a_parameterised_stream_builds_and_declares_what_it_uses() {
    let stream = parameterised().expect("valid");
    let t = stream.template().to_value();
    assert_eq!(
        t["Resources"]["Pipeline"]["Properties"]["Name"],
        json!({"Fn::Sub": "${Env}-checkout"})
    );
    let env = &t["Parameters"]["Env"];
    assert_eq!(env["Default"], "test");
    assert_eq!(env["AllowedValues"], json!(["test", "prod"]));
    // The pipeline name's rule (CP-NAME-1) became the parameter's constraints: at most
    // 100 - 9 characters of name characters.
    assert_eq!(env["MaxLength"], 91);
    assert_eq!(env["AllowedPattern"], "^[A-Za-z0-9.@_-]*$");
    let repo = &t["Parameters"]["Repo"];
    assert_eq!(repo["MinLength"], 1);
    assert_eq!(repo["MaxLength"], 1000);
    assert_eq!(
        t["Conditions"]["IsProd"],
        json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})
    );
    assert_eq!(t["Mappings"]["Sizes"]["prod"]["Image"], "large");
}

#[test]
fn a_default_the_rule_rejects_is_an_error_at_the_parameter() {
    let err = ValueStream::builder(param("Name"))
        .parameters([Parameter::new("Name").default_value("has spaces")])
        .source("Source", |s| s.action(source()))
        .stage("B", |s| s.action(mock("B")))
        .build()
        .expect_err("the default is no pipeline name");
    let text = err.to_string();
    assert!(text.contains("CP-NAME-1"), "{text}");
    assert!(text.contains("has spaces"), "{text}");
    assert!(text.contains("parameter #1"), "{text}");
}

#[test]
fn an_undeclared_reference_and_an_unused_declaration_are_errors() {
    let err = ValueStream::builder(param("Missing"))
        .parameters([Parameter::new("Unused")])
        .source("Source", |s| s.action(source()))
        .stage("B", |s| s.action(mock("B")))
        .build()
        .expect_err("refers to nothing");
    let ids: Vec<&str> = err.violations().iter().map(|v| v.rule.id()).collect();
    assert!(ids.contains(&"CFN-TPL-10"), "{ids:?}");
    assert!(ids.contains(&"CFN-TPL-18"), "{ids:?}");
}

#[test]
fn bounds_that_leave_no_valid_value_are_an_error() {
    let err = ValueStream::builder(param("Name"))
        .parameters([Parameter::new("Name").length(Some(150), None)])
        .source("Source", |s| s.action(source()))
        .stage("B", |s| s.action(mock("B")))
        .build()
        .expect_err("a pipeline name has at most 100 characters");
    assert!(err.to_string().contains("CFN-TPL-17"), "{err}");
}

#[test]
fn the_json_form_reads_and_writes_template_objects() {
    let stream = parameterised().expect("valid");
    let json = serde_json::to_value(&stream).unwrap();
    assert_eq!(json["name"], json!({"Fn::Sub": "${Env}-checkout"}));
    let again: ValueStream = serde_json::from_value(json).expect("reads back");
    assert_eq!(
        again.template().to_json_compact(),
        stream.template().to_json_compact()
    );
}

#[test]
fn the_parameterised_template_is_lint_clean() {
    use crate::support::lint;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/parameter-templates");
    std::fs::create_dir_all(&dir).unwrap();
    let template = parameterised().expect("valid").template().to_json_pretty();
    let files = lint::write(&dir, &[("parameterised".to_owned(), template)]);
    let found = lint::cfn_lint(&files);
    assert!(found.values().all(Vec::is_empty), "cfn-lint: {found:?}");
    let (failed, passed) = lint::checkov(&dir);
    assert!(failed.is_empty() && passed > 0, "checkov: {failed:?}");
}
