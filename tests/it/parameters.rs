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

/// A stream deploying to S3 with the bucket and the KMS key from parameters.
fn s3_with(
    bucket: vsm::model::Text,
    key: vsm::model::Text,
    params: Vec<Parameter>,
) -> Result<ValueStream, vsm::ValidationErrors> {
    ValueStream::builder("site")
        .parameters(params)
        .source("Source", |s| s.action(source()))
        .stage("Deploy", |s| {
            s.action(
                vsm::builder::s3_deploy("Site", bucket)
                    .inputs(["Src"])
                    .kms_key(key),
            )
        })
        .build()
}

/// A bucket name's form (CP-CONF-14) becomes the parameter's pattern; a computed KMS key
/// must be its ARN, which a literal need not be, so CFN-TPL-17 checks the key's default.
#[test]
fn a_value_of_a_form_gives_its_parameter_the_pattern() {
    let ok = s3_with(
        param("Bucket"),
        param("Key"),
        vec![
            Parameter::new("Bucket").default_value("my-site"),
            Parameter::new("Key").default_value("arn:aws:kms:eu-west-1:123456789012:key/k-1"),
        ],
    )
    .expect("valid");
    let t = ok.template().to_value();
    assert_eq!(
        t["Parameters"]["Bucket"]["AllowedPattern"],
        "^(?:[a-z0-9][a-z0-9.-]*[a-z0-9])$"
    );
    assert_eq!(t["Parameters"]["Bucket"]["MaxLength"], 63);
    let err = s3_with(
        param("Bucket"),
        param("Key"),
        vec![
            Parameter::new("Bucket").default_value("my-site"),
            Parameter::new("Key").default_value("alias/site"),
        ],
    )
    .expect_err("a computed key is its ARN");
    let text = err.to_string();
    assert!(
        text.contains("CFN-TPL-17") && text.contains("\"alias/site\" is not a KMS key ARN"),
        "{text}"
    );
    // A literal alias stays fine: the grant turns it into the ARN.
    s3_with(
        param("Bucket"),
        "alias/site".into(),
        vec![Parameter::new("Bucket").default_value("my-site")],
    )
    .expect("a literal alias");
}

/// A parameter that feeds part of a value of a form is warned about, and its default must
/// make a whole of that form where only computed values are held to it.
#[test]
fn a_part_of_a_value_of_a_form_is_a_warning_or_an_error() {
    let warned = s3_with(
        sub("site-${Env}"),
        "alias/site".into(),
        vec![Parameter::new("Env").default_value("prod")],
    )
    .expect("valid");
    assert!(
        warned
            .warnings()
            .iter()
            .any(|w| w.rule == "CFN-TPL-17" && w.message.contains("feeds part of a bucket name")),
        "{:?}",
        warned.warnings()
    );
    let err = s3_with(
        param("Bucket"),
        sub("alias/${Name}"),
        vec![
            Parameter::new("Bucket").default_value("my-site"),
            Parameter::new("Name").default_value("site"),
        ],
    )
    .expect_err("alias/site is not a key ARN");
    assert!(
        err.to_string()
            .contains("is \"alias/site\", which is not a KMS key ARN"),
        "{err}"
    );
}
