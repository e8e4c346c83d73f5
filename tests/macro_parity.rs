//! The builder and the `stream!` macro are two front ends over one model and one rule engine:
//! the same stream gives the same template bytes, and the same broken stream the same rule ids.

#[path = "../examples/streams/mod.rs"]
mod streams;

#[path = "../examples/streams/macro_streams.rs"]
mod macro_streams;

use vsm::builder::{
    approval, cloudformation, codebuild, connection, lambda, mock, StageBuilder, StreamBuilder,
};
use vsm::model::{CfnActionMode, ExecutionMode, GitProvider, PipelineType};
use vsm::time::mins;
use vsm::ValueStream;

#[test]
fn mock_pipeline_templates_are_byte_identical() {
    let builder = streams::mock_pipeline()
        .to_cloudformation()
        .to_json_pretty();
    let macro_ = macro_streams::mock_pipeline()
        .to_cloudformation()
        .to_json_pretty();
    assert_eq!(builder, macro_);
}

#[test]
fn delivery_pipeline_templates_are_byte_identical() {
    let builder = streams::delivery_pipeline()
        .to_cloudformation()
        .to_json_pretty();
    let macro_ = macro_streams::delivery_pipeline()
        .to_cloudformation()
        .to_json_pretty();
    assert_eq!(builder, macro_);
}

#[test]
fn the_models_are_equal() {
    assert_eq!(*streams::mock_pipeline(), *macro_streams::mock_pipeline());
    assert_eq!(
        *streams::delivery_pipeline(),
        *macro_streams::delivery_pipeline()
    );
}

/// The builder's start: a connection source producing `Src`.
fn with_source(name: &str) -> StreamBuilder<vsm::builder::NeedsStage> {
    ValueStream::builder(name).source("Source", |s| {
        s.action(connection("App", GitProvider::GitHub, "acme/app", "main").output("Src"))
    })
}

const SOURCE: &str = r#"source "Source" {
    connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
}"#;

/// Rule ids the builder's `build()` reports as errors, among the rules the macro runs at
/// compile time.
fn builder_ids(result: Result<ValueStream, vsm::ValidationErrors>) -> Vec<&'static str> {
    let errors = result.expect_err("the builder rejects this stream");
    let mut ids: Vec<&'static str> = errors
        .errors()
        .map(|v| v.rule)
        .filter(|r| vsm_macros_core::diag::is_compile_time(r))
        .collect();
    ids.sort_unstable();
    ids
}

/// Rule ids the macro reports for this input.
fn macro_ids(input: &str) -> Vec<&'static str> {
    let tokens: proc_macro2::TokenStream = input.parse().expect("valid tokens");
    let mut ids: Vec<&'static str> = vsm_macros_core::rule_violations(tokens)
        .unwrap_or_else(|e| panic!("no syntax error expected: {e}"))
        .into_iter()
        .map(|v| v.rule)
        .collect();
    ids.sort_unstable();
    ids
}

fn stage(
    b: StreamBuilder<vsm::builder::NeedsStage>,
    f: impl FnOnce(StageBuilder) -> StageBuilder,
) -> Result<ValueStream, vsm::ValidationErrors> {
    b.stage("Build", f).build()
}

#[test]
fn broken_streams_give_the_same_rule_ids() {
    type Case = (
        &'static str,
        Result<ValueStream, vsm::ValidationErrors>,
        String,
    );
    let body = |stages: &str| format!("pipeline \"p\"\n{SOURCE}\n{stages}");
    let cases: Vec<Case> = vec![
        (
            "duplicate action",
            stage(with_source("p"), |s| s.action(mock("QA")).action(mock("QA"))),
            body(r#"stage "Build" { mock "QA" | mock "QA" }"#),
        ),
        (
            "duplicate stage",
            with_source("p")
                .stage("Build", |s| s.action(mock("A")))
                .stage("Build", |s| s.action(mock("B")))
                .build(),
            body(r#"stage "Build" { mock "A" } stage "Build" { mock "B" }"#),
        ),
        (
            "consumed in parallel with its producer",
            stage(with_source("p"), |s| {
                s.action(codebuild("Compile").input("Src").output("App"))
                    .action(codebuild("Package").input("App"))
            }),
            body(
                r#"stage "Build" { codebuild "Compile" { in: Src, out: App } | codebuild "Package" { in: App } }"#,
            ),
        ),
        (
            "consumed a stage before it is produced",
            with_source("p")
                .stage("Test", |s| s.action(codebuild("Unit").input("App")))
                .stage("Build", |s| s.action(codebuild("Compile").input("Src").output("App")))
                .build(),
            body(
                r#"stage "Test" { codebuild "Unit" { in: App } }
                   stage "Build" { codebuild "Compile" { in: Src, out: App } }"#,
            ),
        ),
        (
            "never produced",
            stage(with_source("p"), |s| s.action(codebuild("Compile").input("Nope"))),
            body(r#"stage "Build" { codebuild "Compile" { in: Nope } }"#),
        ),
        (
            "no input for CodeBuild, bad names",
            ValueStream::builder("bad name")
                .source("Source", |s| {
                    s.action(
                        connection("App", GitProvider::GitHub, "acme/app", "main").output("Src"),
                    )
                })
                .stage("Build", |s| s.action(codebuild("Compile!").output("a.zip")))
                .build(),
            format!(
                "pipeline \"bad name\"\n{SOURCE}\nstage \"Build\" {{ codebuild \"Compile!\" {{ out: \"a.zip\" }} }}"
            ),
        ),
        (
            "annotations and approval timeout out of range",
            stage(with_source("p"), |s| {
                s.action(mock("Unit").ca(150.0))
                    .action(approval("Go").timeout(mins(1)))
            }),
            body(r#"stage "Build" { mock "Unit" { ca: 150% } | approval "Go" { timeout: 1m } }"#),
        ),
        (
            "CloudFormation without template or change set",
            stage(with_source("p"), |s| {
                s.action(cloudformation("Stack", "app").mode(CfnActionMode::ChangeSetReplace))
            }),
            body(r#"stage "Build" { cloudformation "Stack" { stack: "app", mode: CHANGE_SET_REPLACE } }"#),
        ),
        (
            "V1 with a queued execution mode and a variable",
            with_source("p")
                .pipeline_type(PipelineType::V1)
                .execution_mode(ExecutionMode::Queued)
                .variable("Env", Some("prod"))
                .stage("Build", |s| s.action(mock("Unit")))
                .build(),
            format!(
                "pipeline \"p\" {{ type: V1, execution_mode: QUEUED, variable: Env = \"prod\" }}\n{SOURCE}\nstage \"Build\" {{ mock \"Unit\" }}"
            ),
        ),
        (
            "duplicate output, reserved and duplicate namespaces",
            stage(with_source("p"), |s| {
                s.action(codebuild("A").input("Src").output("Src").namespace("codepipeline"))
                    .action(lambda("B", "f").namespace("codepipeline"))
            }),
            body(
                r#"stage "Build" {
                    codebuild "A" { in: Src, out: Src, namespace: codepipeline }
                  | lambda "B" { function: "f", namespace: codepipeline }
                }"#,
            ),
        ),
        (
            "empty stage",
            with_source("p")
                .stage("Build", |s| s.action(mock("Unit")))
                .stage("Empty", |s| s)
                .build(),
            body(r#"stage "Build" { mock "Unit" } stage "Empty" {}"#),
        ),
        (
            "full clone read by a Lambda; CodeBuild with two inputs and no primary source",
            ValueStream::builder("p")
                .source("Source", |s| {
                    s.action(
                        connection("App", GitProvider::GitHub, "acme/app", "main")
                            .full_clone()
                            .output("Src"),
                    )
                    .action(connection("Lib", GitProvider::GitHub, "acme/lib", "main").output("Lib"))
                })
                .stage("Build", |s| {
                    s.action(lambda("Scan", "scan").input("Src"))
                        .action(codebuild("Compile").input("Src").input("Lib"))
                })
                .build(),
            r#"pipeline "p"
               source "Source" {
                   connection "App" { provider: GitHub, repository: "acme/app", branch: "main", full_clone: true, out: Src }
                 | connection "Lib" { provider: GitHub, repository: "acme/lib", branch: "main", out: Lib }
               }
               stage "Build" { lambda "Scan" { function: "scan", in: Src } | codebuild "Compile" { in: [Src, Lib] } }"#
                .to_owned(),
        ),
    ];
    for (what, built, written) in cases {
        let from_builder = builder_ids(built);
        assert!(
            !from_builder.is_empty(),
            "{what}: the builder found nothing"
        );
        assert_eq!(from_builder, macro_ids(&written), "{what}");
    }
}
