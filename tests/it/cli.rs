//! The command line without AWS: every subcommand of the standalone `vsm` binary on streams in
//! their JSON form, the embedded `Cli`, and bad input (each a one-line error, never a panic).

use crate::support::streams;
use crate::support::Emit;
use crate::support::{run as vsm, Run};

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::ExitCode;
use tempfile::TempDir;

struct Files {
    dir: TempDir,
}

impl Files {
    fn new() -> Self {
        Self {
            dir: TempDir::new().unwrap(),
        }
    }

    fn write(&self, name: &str, content: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The mock-pipeline stream in its JSON form.
    fn mock_pipeline(&self) -> String {
        self.write(
            "mock-pipeline.json",
            &serde_json::to_string(&*streams::mock_pipeline()).unwrap(),
        )
    }
}

fn assert_one_line_error(run: &Run, code: i32, needle: &str) {
    assert_eq!(
        run.code, code,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(needle),
        "{needle:?} not in {}",
        run.stderr
    );
}

#[test]
fn help_on_every_subcommand_with_examples() {
    let top = vsm(&["--help"]);
    assert_eq!(top.code, 0);
    for sub in [
        "synth", "validate", "diff", "render", "report", "measure", "forecast", "lint", "import",
        "deploy", "status", "list", "destroy",
    ] {
        assert!(top.stdout.contains(sub), "{sub} missing from --help");
        let help = vsm(&[sub, "--help"]);
        assert_eq!(help.code, 0, "{sub}: {}", help.stderr);
        assert!(
            help.stdout.contains(&format!("Usage: vsm {sub}")),
            "{}",
            help.stdout
        );
        assert!(
            help.stdout.contains("Examples:\n  # ") && help.stdout.contains("\n  vsm "),
            "{sub}: {}",
            help.stdout
        );
    }
    let version = vsm(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("vsm "));
    let none = vsm(&[]);
    assert_eq!(none.code, 2, "a subcommand is required");
}

#[test]
fn synth_json_yaml_compact_and_to_a_file() {
    let files = Files::new();
    let stream = files.mock_pipeline();
    let expected = streams::mock_pipeline().template();

    let out = vsm(&["--stream", &stream, "synth"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, expected.to_json_pretty());
    assert_eq!(out.stderr, "");

    let out = vsm(&["synth", "--compact", "--stream", &stream]);
    assert_eq!(out.stdout, expected.to_json_compact() + "\n");

    let out = vsm(&["--stream", &stream, "synth", "--format", "yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\n"));
    let back: Value = serde_saphyr::from_str(&out.stdout).unwrap();
    assert_eq!(
        back,
        expected.to_value(),
        "YAML reads back as the same template"
    );

    let target = files.path("t.yaml");
    let out = vsm(&[
        "--stream",
        &stream,
        "synth",
        "--format",
        "yaml",
        "-o",
        &target.display().to_string(),
    ]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    let back: Value = serde_saphyr::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(back, expected.to_value());

    let out = vsm(&[
        "--stream",
        &stream,
        "synth",
        "--format",
        "yaml",
        "--compact",
    ]);
    assert_one_line_error(&out, 2, "--compact applies to JSON");
    let out = vsm(&[
        "--stream",
        &stream,
        "synth",
        "-o",
        "/nonexistent-dir/t.json",
    ]);
    assert_one_line_error(&out, 2, "cannot write /nonexistent-dir/t.json");
}

#[test]
fn yaml_of_the_delivery_template_reads_back_identically() {
    // Multi-line strings (inline buildspec and Lambda code), ARNs, numbers as strings.
    let files = Files::new();
    let stream = files.write(
        "delivery.json",
        &serde_json::to_string(&*streams::delivery_pipeline()).unwrap(),
    );
    let out = vsm(&["--stream", &stream, "synth", "--format", "yaml"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let back: Value = serde_saphyr::from_str(&out.stdout).unwrap();
    assert_eq!(back, streams::delivery_pipeline().template().to_value());
}

#[test]
fn validate_lists_every_violation_and_size_warnings() {
    let files = Files::new();
    let out = vsm(&["--stream", &files.mock_pipeline(), "validate"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out
        .stdout
        .starts_with("stream mock-pipeline: 6 stages, 19 actions, no rule broken\n"));
    assert!(out.stdout.contains("bytes as pretty JSON"));
    assert!(
        out.stdout.ends_with("valid: 0 error(s), 0 warning(s)\n"),
        "{}",
        out.stdout
    );

    // Two problems at once: a duplicate action name and a stage with no action.
    let bad = json!({"name": "bad", "stages": [
        {"name": "Source", "actions": [{"name": "App", "kind": {"type": "connection", "provider": "GitHub", "repository": "a/b", "branch": "main"}, "outputs": ["Src"]}]},
        {"name": "Test", "actions": [{"name": "Unit", "kind": {"type": "mock"}}, {"name": "Unit", "kind": {"type": "mock"}}]},
        {"name": "Empty", "actions": []}
    ]});
    let bad = files.write("bad.json", &bad.to_string());
    let out = vsm(&["--stream", &bad, "validate"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("the value stream is invalid: 2 error(s)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("stage \"Test\" / action \"Unit\""),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("stage \"Empty\""), "{}", out.stdout);
    assert!(out.stdout.contains("hint: "));

    // Other commands refuse an invalid stream the same way, on standard error.
    let out = vsm(&["--stream", &bad, "synth"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("error: "));
    assert!(out
        .stderr
        .contains("the value stream is invalid: 2 error(s)"));
    assert_eq!(out.stdout, "");

    // The largest stream: above the inline limit, below the S3 one.
    let largest = files.write(
        "largest.json",
        &serde_json::to_string(&*streams::largest()).unwrap(),
    );
    let out = vsm(&["--stream", &largest, "validate"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("warning[CFN-TPL-7]"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("over the 51200 bytes CloudFormation takes inline"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("valid: 0 error(s), 1 warning(s)\n"),
        "{}",
        out.stdout
    );
    let out = vsm(&["--stream", &largest, "synth", "--compact"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.starts_with("warning[CFN-TPL-7]"),
        "{}",
        out.stderr
    );
}

#[test]
fn diff_against_the_stream_and_between_files() {
    let files = Files::new();
    let stream = files.mock_pipeline();
    let old = files.write(
        "old.json",
        &streams::mock_pipeline().template().to_json_pretty(),
    );

    let same = vsm(&["--stream", &stream, "diff", &old]);
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert_eq!(
        same.stdout,
        "No changes: the templates deploy the same stack.\n"
    );

    // The future state: QA approval replaced, Capacity stage folded into acceptance testing.
    let mut future: Value = serde_json::to_value(&*streams::mock_pipeline()).unwrap();
    let stages = future["stages"].as_array_mut().unwrap();
    let capacity = stages.iter().position(|s| s["name"] == "Capacity").unwrap();
    let moved = stages.remove(capacity);
    let acceptance = stages
        .iter_mut()
        .find(|s| s["name"] == "AcceptanceTesting")
        .unwrap();
    acceptance["actions"].as_array_mut().unwrap().extend(
        moved["actions"].as_array().unwrap().iter().map(|a| {
            let mut a = a.clone();
            a["run_order"] = json!(3);
            a
        }),
    );
    let future = files.write("future.json", &future.to_string());

    let out = vsm(&["--stream", &future, "diff", &old]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("pipeline mock-pipeline (resource Pipeline):\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  > action AcceptanceTesting/PenTest moved\n      from stage Capacity\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("  - stage Capacity removed\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  ~ value-stream annotations changed\n"),
        "{}",
        out.stdout
    );

    let md = vsm(&["--stream", &future, "diff", &old, "--format", "markdown"]);
    assert_eq!(md.code, 1);
    assert!(md.stdout.starts_with("**"), "{}", md.stdout);
    assert!(md.stdout.contains(
        "#### pipeline mock-pipeline (resource Pipeline)\n\n| change | what | details |"
    ));
    assert!(
        md.stdout
            .contains("| moved | action AcceptanceTesting/PenTest | from stage Capacity"),
        "{}",
        md.stdout
    );

    // Two template files, no stream; YAML reads like JSON.
    let yaml = vsm(&["--stream", &stream, "synth", "--format", "yaml"]).stdout;
    let yaml = files.write("old.yaml", &yaml);
    let out = vsm(&["diff", &yaml, &old]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let new = vsm(&["--stream", &future, "synth"]).stdout;
    let new = files.write("new.json", &new);
    let out = vsm(&["diff", &old, &new]);
    assert_eq!(out.code, 1);

    // Bad templates.
    let out = vsm(&["diff", &old]);
    assert_one_line_error(&out, 2, "`diff` needs a stream: pass --stream FILE");
    let short = files.write(
        "short.yaml",
        "Resources:\n  X:\n    Type: T\n    Properties:\n      A: !Ref B\n",
    );
    let out = vsm(&["diff", &short, &old]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stdout.contains("X (T)"), "{}", out.stdout);
    let not = files.write("not.json", "{\"a\": 1}");
    let out = vsm(&["diff", &not, &old]);
    assert_one_line_error(
        &out,
        2,
        "not.json:1:1: the template has no Resources section",
    );
    let broken = files.write("broken.json", "{\"Resources\": ");
    let out = vsm(&["diff", &broken, &old]);
    assert_one_line_error(
        &out,
        2,
        "broken.json:1:15: not valid JSON: unexpected end of the text",
    );
}

#[test]
fn render_every_format_and_to_a_file() {
    let files = Files::new();
    let stream = files.mock_pipeline();
    let s = streams::mock_pipeline();
    let out = vsm(&["--stream", &stream, "render"]);
    assert_eq!(out.stdout, vsm::render::mermaid(&s));
    let out = vsm(&["--stream", &stream, "render", "--format", "mermaid"]);
    assert_eq!(out.stdout, vsm::render::mermaid(&s));
    let out = vsm(&["--stream", &stream, "render", "--format", "dot"]);
    assert_eq!(out.stdout, vsm::render::dot(&s));
    let target = files.path("map.svg");
    let out = vsm(&[
        "--stream",
        &stream,
        "render",
        "--format",
        "svg",
        "-o",
        &target.display().to_string(),
    ]);
    assert_eq!(out.code, 0);
    assert_eq!(
        std::fs::read_to_string(target).unwrap(),
        vsm::render::svg(&s)
    );
    let out = vsm(&["--stream", &stream, "render", "--format", "png"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("invalid value 'png'"));
}

#[test]
fn report_text_json_and_comparison() {
    use vsm::analysis::{
        analyze, compare, comparison_text, text_report, ComparisonJson, StreamJson,
    };
    let files = Files::new();
    let stream = files.mock_pipeline();
    let s = streams::mock_pipeline();
    let out = vsm(&["--stream", &stream, "report"]);
    assert_eq!(out.stdout, text_report(&analyze(&s)));
    let out = vsm(&["--stream", &stream, "report", "--json"]);
    assert_eq!(
        out.stdout,
        StreamJson::new(&analyze(&s)).to_string_pretty() + "\n"
    );

    let mut faster = (*s).clone();
    faster.name = "faster".into();
    faster.stages[5].actions[0].annotations.wait_time = Some(vsm::time::hours(1));
    let faster = vsm::ValueStream::new(faster).unwrap();
    let future = files.write("faster.json", &serde_json::to_string(&faster).unwrap());
    let out = vsm(&["--stream", &stream, "report", "--compare", &future]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, comparison_text(&compare(&s, &faster)));
    let out = vsm(&[
        "--stream",
        &stream,
        "report",
        "--compare",
        &future,
        "--json",
    ]);
    assert_eq!(
        out.stdout,
        ComparisonJson::new(&compare(&s, &faster)).to_string_pretty() + "\n"
    );
    let out = vsm(&[
        "--stream",
        &stream,
        "report",
        "--compare",
        "/nonexistent/f.json",
    ]);
    assert_one_line_error(
        &out,
        2,
        "cannot read /nonexistent/f.json: No such file or directory",
    );
}

#[test]
fn bad_input_is_one_clear_line() {
    let files = Files::new();
    let out = vsm(&["--stream", "/nonexistent/stream.json", "synth"]);
    assert_one_line_error(
        &out,
        2,
        "cannot read /nonexistent/stream.json: No such file or directory",
    );
    let dir = files.dir.path().display().to_string();
    let out = vsm(&["--stream", &dir, "validate"]);
    assert_one_line_error(&out, 2, &format!("cannot read {dir}"));
    let invalid = files.write("invalid.json", "{\"name\": \"x\", \"stages\": [");
    let out = vsm(&["--stream", &invalid, "render"]);
    assert_one_line_error(
        &out,
        2,
        "is not a value stream in its JSON form: EOF while parsing",
    );
    let unknown = files.write(
        "unknown.json",
        "{\"name\": \"x\", \"stages\": [], \"colour\": 1}",
    );
    let out = vsm(&["--stream", &unknown, "report"]);
    assert_one_line_error(&out, 2, "unknown field `colour`");
    let out = vsm(&["synth"]);
    assert_one_line_error(&out, 2, "`synth` needs a stream: pass --stream FILE");
    let out = vsm(&["deploy"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--stack <NAME>"), "{}", out.stderr);
    let out = vsm(&["deploy", "--stack", "x", "--parameter", "novalue"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("\"novalue\" is not KEY=VALUE"),
        "{}",
        out.stderr
    );
}

#[cfg(not(feature = "deploy"))]
#[test]
fn aws_commands_name_the_feature_they_need() {
    for args in [
        &["deploy", "--stack", "x"][..],
        &["status", "--stack", "x"][..],
        &["list"][..],
        &["destroy", "--stack", "x"][..],
    ] {
        let out = vsm(args);
        assert_one_line_error(&out, 2, "needs the `deploy` feature");
    }
}

#[test]
fn embedded_command_line_exit_codes() {
    let cli = || {
        vsm::cli::Cli::new(streams::mock_pipeline()).emit_options(crate::support::emit_options())
    };
    assert_eq!(
        cli().run_with(["mock_pipeline", "validate"]),
        ExitCode::SUCCESS
    );
    let files = Files::new();
    let map = files.path("map.svg").display().to_string();
    assert_eq!(
        cli().run_with([
            "mock_pipeline",
            "render",
            "--format",
            "svg",
            "-o",
            map.as_str()
        ]),
        ExitCode::SUCCESS
    );
    assert!(std::fs::read_to_string(&map).unwrap().starts_with("<svg"));
    // One change: a short diff on the test's output.
    let mut old = streams::mock_pipeline().template();
    if let Some(d) = &mut old.description {
        d.push_str(" (old)");
    }
    let old = files.write("old.json", &old.to_json_pretty());
    assert_eq!(
        cli().run_with(["mock_pipeline", "diff", old.as_str()]),
        ExitCode::from(1)
    );
    assert_eq!(
        cli().run_with(["mock_pipeline", "diff", "/nonexistent.json"]),
        ExitCode::from(2)
    );
}

#[test]
fn embedded_examples_in_help_name_the_binary() {
    // The examples' own help shows their name: built here through the library.
    let code = vsm::cli::Cli::new(streams::mock_pipeline()).run_with(["mock_pipeline", "--help"]);
    assert_eq!(code, ExitCode::SUCCESS);
}

/// The date-dependent rules run on the day `SOURCE_DATE_EPOCH` names: mock-pipeline's
/// function runtime is fine on the test day and blocked in 2030 (LMB-2), whatever the clock.
#[test]
fn source_date_epoch_sets_the_day_of_the_runtime_rules() {
    let files = Files::new();
    let stream = files.mock_pipeline();
    let on = |epoch: &str| {
        Run::of(crate::support::vsm().env("SOURCE_DATE_EPOCH", epoch).args([
            "--stream",
            &stream,
            "synth",
            "--compact",
        ]))
    };
    assert_eq!(on(&crate::support::test_day_epoch()).code, 0);
    let later = on("1893456000"); // 2030-01-01
    assert_eq!(later.code, 1, "{}", later.stderr);
    assert!(
        later.stderr.contains("error[LMB-2]") && later.stderr.contains("since 2029-08-31"),
        "{}",
        later.stderr
    );
    assert_one_line_error(
        &on("soon"),
        2,
        "SOURCE_DATE_EPOCH=\"soon\" is not a whole number",
    );
}
