//! The builder and the `stream!` macro are two front ends over one model and one rule engine:
//! the same stream gives the same template bytes, and the same broken stream the same rule ids.

use crate::support::streams;
use crate::support::Emit;

use crate::support::macro_streams;

use vsm::builder::{
    approval, cloudformation, codebuild, connection, lambda, mock, StageBuilder, StreamBuilder,
};
use vsm::kinds::{CfnActionMode, GitProvider};
use vsm::model::{ExecutionMode, PipelineType, Variable};
use vsm::time::mins;
use vsm::ValueStream;

#[test]
fn mock_pipeline_templates_are_byte_identical() {
    let builder = streams::mock_pipeline().template().to_json_pretty();
    let macro_ = macro_streams::mock_pipeline().template().to_json_pretty();
    assert_eq!(builder, macro_);
}

#[test]
fn delivery_pipeline_templates_are_byte_identical() {
    let builder = streams::delivery_pipeline().template().to_json_pretty();
    let macro_ = macro_streams::delivery_pipeline()
        .template()
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
        s.action(connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]))
    })
}

const SOURCE: &str = r#"source "Source" {
    connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
}"#;

/// Rule ids the builder's `build()` reports as errors, among the rules the macro runs at
/// compile time.
fn builder_ids(result: Result<ValueStream, vsm::ValidationErrors>) -> Vec<&'static str> {
    let errors = result.expect_err("the builder rejects this stream");
    let mut ids: Vec<&'static str> = errors
        .errors()
        .map(|v| v.rule)
        .filter(|r| vsm_macros_core::diag::is_compile_time(*r))
        .map(|r| r.id())
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
        .map(|v| v.rule.id())
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
                s.action(codebuild("Compile").inputs(["Src"]).outputs(["App"]))
                    .action(codebuild("Package").inputs(["App"]))
            }),
            body(
                r#"stage "Build" { codebuild "Compile" { inputs: Src, outputs: App } | codebuild "Package" { inputs: App } }"#,
            ),
        ),
        (
            "consumed a stage before it is produced",
            with_source("p")
                .stage("Test", |s| s.action(codebuild("Unit").inputs(["App"])))
                .stage("Build", |s| s.action(codebuild("Compile").inputs(["Src"]).outputs(["App"])))
                .build(),
            body(
                r#"stage "Test" { codebuild "Unit" { inputs: App } }
                   stage "Build" { codebuild "Compile" { inputs: Src, outputs: App } }"#,
            ),
        ),
        (
            "never produced",
            stage(with_source("p"), |s| s.action(codebuild("Compile").inputs(["Nope"]))),
            body(r#"stage "Build" { codebuild "Compile" { inputs: Nope } }"#),
        ),
        (
            "no input for CodeBuild, bad names",
            ValueStream::builder("bad name")
                .source("Source", |s| {
                    s.action(
                        connection("App", GitProvider::GitHub, "acme/app", "main").outputs(["Src"]),
                    )
                })
                .stage("Build", |s| s.action(codebuild("Compile!").outputs(["a.zip"])))
                .build(),
            format!(
                "pipeline \"bad name\"\n{SOURCE}\nstage \"Build\" {{ codebuild \"Compile!\" {{ outputs: \"a.zip\" }} }}"
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
                .variables([Variable::new("Env").default_value("prod")])
                .stage("Build", |s| s.action(mock("Unit")))
                .build(),
            format!(
                "pipeline \"p\" {{ pipeline_type: V1, execution_mode: QUEUED, variables: [Env = \"prod\"] }}\n{SOURCE}\nstage \"Build\" {{ mock \"Unit\" }}"
            ),
        ),
        (
            "duplicate output, reserved and duplicate namespaces",
            stage(with_source("p"), |s| {
                s.action(codebuild("A").inputs(["Src"]).outputs(["Src"]).namespace("codepipeline"))
                    .action(lambda("B", "f").namespace("codepipeline"))
            }),
            body(
                r#"stage "Build" {
                    codebuild "A" { inputs: Src, outputs: Src, namespace: codepipeline }
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
                            .full_clone(true)
                            .outputs(["Src"]),
                    )
                    .action(connection("Lib", GitProvider::GitHub, "acme/lib", "main").outputs(["Lib"]))
                })
                .stage("Build", |s| {
                    s.action(lambda("Scan", "scan").inputs(["Src"]))
                        .action(codebuild("Compile").inputs(["Src"]).inputs(["Lib"]))
                })
                .build(),
            r#"pipeline "p"
               source "Source" {
                   connection "App" { provider: GitHub, repository: "acme/app", branch: "main", full_clone: true, outputs: Src }
                 | connection "Lib" { provider: GitHub, repository: "acme/lib", branch: "main", outputs: Lib }
               }
               stage "Build" { lambda "Scan" { function: "scan", inputs: Src } | codebuild "Compile" { inputs: [Src, Lib] } }"#
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

use crate::support::arbitrary;

use proptest::prelude::*;

/// Reads `stream!` source the way the macro does: parse, then lower (no rules).
fn read_macro_source(source: &str) -> Result<vsm::model::Stream, String> {
    let tokens: proc_macro2::TokenStream = source.parse().map_err(|e| format!("{e:?}"))?;
    let (ast, mut errors) = vsm_macros_core::ast::parse(tokens);
    let lowered = vsm_macros_core::lower::lower(&ast, &mut errors);
    match errors.combined() {
        Some(e) => Err(e.to_string()),
        None => Ok(lowered.stream),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Every kind, property and setting, printed as `stream!` source, reads back as the same
    /// stream: the macro's keys and values are the model's.
    #[test]
    fn any_stream_printed_as_macro_source_reads_back_the_same(stream in arbitrary::stream()) {
        let source = vsm::code::stream_macro(&stream);
        let back = read_macro_source(&source);
        prop_assert_eq!(back.as_ref(), Ok(&stream), "{}", source);
    }

    /// The JSON form carries every kind, property and setting.
    #[test]
    fn any_stream_survives_the_json_form(stream in arbitrary::stream()) {
        let json = serde_json::to_string(&stream).unwrap();
        let back: vsm::model::Stream = serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        prop_assert_eq!(back, stream);
    }
}

use crate::support::valid;

/// Twenty generated valid streams, each written as `stream!` source and as builder code into
/// one program that checks both give the stream's JSON form: the builder and the macro agree
/// by test. trybuild compiles and runs the program.
#[test]
fn generated_streams_are_the_same_from_the_macro_and_the_builder() {
    use std::fmt::Write;
    let streams: Vec<vsm::model::Stream> = valid::sample(80, 5)
        .into_iter()
        .map(|c| c.stream)
        .filter(|s| ValueStream::new(s.clone()).is_ok())
        .take(20)
        .collect();
    assert_eq!(streams.len(), 20, "too few valid streams generated");
    // And every pipeline of the shared third-party templates, imported: parameters,
    // conditions, expressions and alternatives as real templates write them.
    let mut streams = streams;
    streams.extend(imported_corpus());
    let mut program = String::from(
        "//! Written by tests/macro_parity.rs: each stream as `stream!` source and as builder\n\
         //! code, both checked against its JSON form.\n\
         #![allow(unused_imports)]\n\
         use std::time::Duration;\n\
         use vsm::builder::*;\n\
         use vsm::conditions;\n\
         use vsm::kinds::*;\n\
         use vsm::model::*;\n\
         use vsm::time::*;\n\
         use vsm::ValueStream;\n",
    );
    for (i, stream) in streams.iter().enumerate() {
        let json = serde_json::to_string(stream).unwrap();
        let source = vsm::code::stream_macro(stream);
        let builder = vsm::code::builder(stream);
        write!(
            program,
            "\nfn case_{i}() {{\n    \
                 let expected: Stream = serde_json::from_str({json:?}).unwrap();\n    \
                 let from_macro = vsm::stream! {{\n{source}\n    }};\n    \
                 let from_builder = {builder}\n        .build()\n        .expect(\"the builder accepts case {i}\");\n    \
                 assert_eq!(*from_macro, expected, \"stream! source of case {i}\");\n    \
                 assert_eq!(*from_builder, expected, \"builder code of case {i}\");\n\
             }}\n"
        )
        .unwrap();
    }
    program.push_str("\nfn main() {\n");
    for i in 0..streams.len() {
        writeln!(program, "    case_{i}();").unwrap();
    }
    program.push_str("}\n");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/macro-parity");
    std::fs::create_dir_all(dir).unwrap();
    let path = format!("{dir}/generated_streams.rs");
    std::fs::write(&path, program).unwrap();
    trybuild::TestCases::new().pass(&path);
}

/// The streams imported from the shared third-party templates (none without `../shared`).
fn imported_corpus() -> Vec<vsm::model::Stream> {
    let Some(dir) = crate::support::fixture("third-party") else {
        return Vec::new();
    };
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let doc = vsm::cfn::Document::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for (_, import) in vsm::import::pipelines(&doc.template) {
            if ValueStream::new(import.stream.clone()).is_ok() {
                out.push(import.stream);
            }
        }
    }
    out
}

/// Every pipeline imported from the shared templates, printed as `stream!` source, reads back
/// as the same stream.
#[test]
fn imported_streams_read_back_from_macro_source() {
    for stream in imported_corpus() {
        let source = vsm::code::stream_macro(&stream);
        let back = read_macro_source(&source).unwrap_or_else(|e| panic!("{e}\n{source}"));
        if back != stream {
            let (a, b) = (
                serde_json::to_string_pretty(&back).unwrap(),
                serde_json::to_string_pretty(&stream).unwrap(),
            );
            let at = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let near = |t: &str| {
                t.lines()
                    .skip(at.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{:?} reads back differently:\n{}\n--- expected:\n{}",
                stream.name,
                near(&a),
                near(&b)
            );
        }
    }
}
