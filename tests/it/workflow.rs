//! The pull-request workflow (`docs/github-actions/pipeline-diff.yml`), run here: its shell
//! steps as GitHub's runner runs them (bash with `-eo pipefail`, the workflow's `env`, a
//! runner's temporary directory and step summary), on a stream whose pull request changes a
//! step. The steps that call GitHub (`uses:` actions, the comment posted with `gh`) are left
//! out; what they attach or post is checked instead.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::support::browser::Browser;
use crate::support::streams;

const WORKFLOW: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/docs/github-actions/pipeline-diff.yml"
);

/// The shell steps run here, by name, in the workflow's order.
const STEPS: [&str; 3] = [
    "Value stream map page (HTML and PNG)",
    "Diff and value stream map",
    "Lint the templates",
];

/// The workflow's `run:` script of the step named `name`.
fn script(workflow: &Value, name: &str) -> String {
    workflow["jobs"]["pipeline-diff"]["steps"]
        .as_array()
        .expect("the job's steps")
        .iter()
        .find(|s| s["name"] == name)
        .and_then(|s| s["run"].as_str())
        .unwrap_or_else(|| panic!("no step {name:?} with a script in the workflow"))
        .to_owned()
}

/// Runs `script` as GitHub's runner does, in `dir`, with `env`.
fn run_step(script: &str, dir: &Path, env: &BTreeMap<String, String>) {
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(dir)
        .envs(env)
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "the step failed ({}):\n{script}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_pull_request_workflow_attaches_the_page_and_comments_the_diff_and_map() {
    let text = std::fs::read_to_string(WORKFLOW).unwrap();
    let workflow: Value = serde_saphyr::from_str(&text).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let temp = dir.path();

    // The pull request's stream, and its base branch's template: one step slower before.
    let stream = streams::mock_pipeline();
    let file = temp.join("stream.json");
    std::fs::write(&file, serde_json::to_string(&*stream).unwrap()).unwrap();
    let mut base = (*stream).clone();
    base.stages[1].actions[0].name = "OldArtifact".to_owned();
    let base_file = temp.join("base-stream.json");
    std::fs::write(&base_file, serde_json::to_string(&base).unwrap()).unwrap();
    let vsm = env!("CARGO_BIN_EXE_vsm");
    let base_template = crate::support::process()
        .args(["--stream", &base_file.to_string_lossy(), "synth"])
        .output()
        .unwrap();
    assert!(base_template.status.success());
    std::fs::write(temp.join("base.json"), &base_template.stdout).unwrap();

    let mut env: BTreeMap<String, String> = workflow["env"]
        .as_object()
        .expect("the workflow's env")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
        .collect();
    let page_url = "https://github.com/acme/shop/actions/runs/1/artifacts/2";
    for (k, v) in [
        ("STREAM_RUN", format!("{vsm} --stream {}", file.display())),
        ("RUNNER_TEMP", temp.display().to_string()),
        ("GITHUB_BASE_REF", "main".to_owned()),
        (
            "GITHUB_STEP_SUMMARY",
            temp.join("summary.md").display().to_string(),
        ),
        ("PAGE_URL", page_url.to_owned()),
        // The day templates are emitted on (the Lambda runtime rules), as every test's.
        ("SOURCE_DATE_EPOCH", crate::support::test_day_epoch()),
    ] {
        env.insert(k.to_owned(), v);
    }
    env.remove("CARGO_TARGET_DIR");
    let browser = Browser::find();
    if browser.is_none() {
        // Without a browser the page step cannot take its screenshot: skip it, as
        // `Browser::find` allows only outside CI.
        return;
    }
    for name in STEPS {
        run_step(&script(&workflow, name), temp, &env);
    }

    // The artifact: the page and its PNG.
    let page = std::fs::read_to_string(temp.join("page/value-stream-map.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("data-step=\"Build/Artifact\""));
    let png = std::fs::metadata(temp.join("page/value-stream-map.png")).unwrap();
    assert!(png.len() > 10_000, "{} bytes of PNG", png.len());
    // The comment: the marker, the diff (the renamed step), the map and the page's link.
    let comment = std::fs::read_to_string(temp.join("comment.md")).unwrap();
    assert!(comment.starts_with(env["MARKER"].as_str()), "{comment}");
    assert!(
        comment.contains("OldArtifact") && comment.contains("Artifact"),
        "{comment}"
    );
    assert!(comment.contains("```mermaid\nflowchart LR"), "{comment}");
    assert!(comment.contains(page_url), "{comment}");
    let summary = std::fs::read_to_string(temp.join("summary.md")).unwrap();
    assert_eq!(summary, comment);
    // The lint findings for code scanning: SARIF 2.1.0.
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(temp.join("vsm.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
}
