//! Bad input is harmless: inputs over 100 MB are refused before they are read, and long names
//! and values are cut in messages.

use crate::support::{vsm, Run};
use serde_json::json;
use std::fs::File;
use std::path::Path;
use tempfile::TempDir;

/// A sparse file of `len` bytes: it takes no space on disk.
fn sparse(dir: &Path, name: &str, len: u64) -> String {
    let path = dir.join(name);
    File::create(&path)
        .and_then(|f| f.set_len(len))
        .expect("a sparse file");
    path.display().to_string()
}

fn stream_with_stage(name: &str) -> serde_json::Value {
    json!({
        "name": "checkout",
        "stages": [
            {"name": "Source", "actions": [{
                "name": "App",
                "kind": {"type": "connection", "provider": "GitHub", "repository": "acme/checkout", "branch": "main"},
                "outputs": ["Src"]
            }]},
            {"name": name, "actions": [{"name": "Unit", "kind": {"type": "mock"}}]}
        ]
    })
}

#[test]
fn an_input_over_100_mb_is_refused_unread() {
    let dir = TempDir::new().unwrap();
    let big = sparse(dir.path(), "big.json", 100_000_001);
    let small = dir.path().join("small.json");
    std::fs::write(&small, stream_with_stage("Test").to_string()).unwrap();
    let small = small.display().to_string();
    let refusal =
        format!("error: {big} is 100,000,001 bytes, over the 100,000,000 bytes vsm reads: give a smaller input\n");
    for args in [
        vec!["--stream", &big, "validate"],
        vec!["--stream", &big, "synth"],
        vec!["diff", &big, &small],
        vec!["--stream", &small, "diff", &big],
        vec!["--stream", &small, "report", "--compare", &big],
    ] {
        let Run {
            code,
            stdout,
            stderr,
        } = Run::of(vsm().args(&args));
        assert_eq!(
            (code, stderr.as_str()),
            (2, refusal.as_str()),
            "{args:?}\n{stdout}"
        );
    }
}

#[test]
fn a_100_000_character_stage_name_is_cut_in_messages() {
    let dir = TempDir::new().unwrap();
    let name = "S".repeat(100_000);
    let file = dir.path().join("long.json");
    std::fs::write(&file, stream_with_stage(&name).to_string()).unwrap();
    let Run {
        code,
        stdout,
        stderr,
    } = Run::of(vsm().args(["--stream", &file.display().to_string(), "validate"]));
    assert_eq!(code, 1, "{stderr}");
    let output = stdout + &stderr;
    let cut = format!("\"{0}…{0}\" (100000 characters)", "S".repeat(40));
    assert!(
        output.contains(&format!("error[CP-NAME-2] stage {cut}: ")),
        "{}",
        &output[..output.len().min(600)]
    );
    // The location never prints the name whole; at most the rule's own message does.
    assert!(
        output.matches(&name).count() <= 1,
        "{} bytes of output",
        output.len()
    );
}

#[test]
fn a_long_path_is_cut_in_messages() {
    let path = format!(
        "/nonexistent{}.json",
        format!("/{}", "p".repeat(99)).repeat(30)
    );
    let Run { code, stderr, .. } = Run::of(vsm().args(["--stream", &path, "validate"]));
    assert_eq!(code, 2);
    assert!(stderr.len() < 250, "{stderr}");
    let tail = format!("({} characters): No such file or directory", path.len());
    assert!(stderr.contains(&tail), "{stderr}");
}

#[cfg(feature = "deploy")]
#[test]
fn a_long_stack_name_is_cut_and_refused_before_any_request() {
    let stack = "s".repeat(100_000);
    for command in ["deploy", "status", "destroy"] {
        let Run { code, stderr, .. } = Run::of(
            vsm()
                .env("AWS_ACCESS_KEY_ID", "testing")
                .env("AWS_SECRET_ACCESS_KEY", "testing")
                .env("AWS_REGION", "us-east-1")
                // Nothing listens here: any request would fail with another error.
                .args([
                    "--endpoint-url",
                    "http://127.0.0.1:9",
                    command,
                    "--stack",
                    &stack,
                ]),
        );
        assert_eq!(code, 2, "{command}: {stderr}");
        assert!(stderr.len() < 300, "{command}: {stderr}");
        assert!(
            stderr.contains("(100000 characters) is not a stack name"),
            "{command}: {stderr}"
        );
    }
}

/// Long texts in every kind of place a rule quotes: no message, hint or note holds one whole.
#[test]
fn no_rule_message_prints_a_long_text_whole() {
    let long = |c: char| c.to_string().repeat(100_000);
    let stream: vsm::model::Stream = serde_json::from_value(json!({
        "format_version": 1,
        "name": long('n'),
        "stages": [
            {"name": "Source", "actions": [{
                "name": long('a'),
                "kind": {"type": "connection", "provider": "GitHub", "repository": long('r'), "branch": long('b')},
                "outputs": [long('o')]
            }]},
            {"name": long('s'), "actions": [
                {"name": "Build", "kind": {"type": "codebuild", "buildspec": long('p')}, "inputs": [long('i')]},
                {"name": "Call", "kind": {"type": "custom", "category": "Build", "owner": "Custom", "provider": long('v'), "config": {long('k'): long('x')}}}
            ]}
        ],
        "settings": {
            "pipeline_type": "V2",
            "variables": [{"name": long('w'), "default": long('d')}],
            "tags": [{"key": long('t'), "value": long('u')}]
        }
    }))
    .expect("the JSON form reads long texts");
    let errors = vsm::ValueStream::new(stream).expect_err("long names break rules");
    assert!(errors.len() >= 8, "{:?}", errors.rule_ids());
    let run = "x".repeat(41);
    for v in errors.violations() {
        let texts = [v.message.clone(), v.hint.clone(), v.to_string()];
        for text in texts {
            assert!(
                text.chars().count() < 400,
                "{} prints {} characters: {}",
                v.rule,
                text.chars().count(),
                &text[..200]
            );
            for c in "nraobspikxvwdtu".chars() {
                assert!(
                    !text.contains(&run.replace('x', &c.to_string())),
                    "{} prints a long text: {text}",
                    v.rule
                );
            }
        }
    }
}
