//! cfn-lint and checkov from `target/lint-venv` (which `scripts/test` creates), each run once
//! over many templates written to one directory.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tool of the lint venv; a missing venv fails the test with the way to make it.
pub fn tool(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/lint-venv/bin")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: run ./scripts/test once (it installs cfn-lint and checkov into target/lint-venv)",
        path.display()
    );
    path
}

/// A tool of the lint venv as a process on the real day: a run of the tests under libfaketime
/// (`scripts/test-on-date`) moves vsm's clock, not the linters' (cfn-lint dates its own
/// runtime checks).
pub fn command(name: &str) -> Command {
    let mut cmd = Command::new(tool(name));
    cmd.env_remove("LD_PRELOAD").env_remove("FAKETIME");
    cmd
}

/// The version line of cfn-lint, such as `cfn-lint 1.58.0`.
pub fn cfn_lint_version() -> String {
    let out = command("cfn-lint")
        .arg("--version")
        .output()
        .expect("cfn-lint runs");
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Writes each `(name, template)` as `dir/name.json`; returns the paths in order.
pub fn write(dir: &Path, templates: &[(String, String)]) -> Vec<PathBuf> {
    templates
        .iter()
        .map(|(name, json)| {
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, json).expect("template written");
            path
        })
        .collect()
}

/// The file stem of a path, which is the name the template was written under.
fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What cfn-lint reports (errors, warnings and informational findings) per template name:
/// `(rule id, message)`.
pub fn cfn_lint(files: &[PathBuf]) -> BTreeMap<String, Vec<(String, String)>> {
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    if files.is_empty() {
        return found;
    }
    let out = command("cfn-lint")
        .args(["--format", "json", "--"])
        .args(files)
        .output()
        .expect("cfn-lint runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let matches: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "cfn-lint did not print JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    for m in matches.as_array().expect("a list of matches") {
        let file = m["Filename"].as_str().unwrap_or_default();
        let rule = m["Rule"]["Id"].as_str().unwrap_or_default().to_owned();
        let message = m["Message"].as_str().unwrap_or_default().to_owned();
        found.entry(stem(file)).or_default().push((rule, message));
    }
    found
}

/// Failed checkov checks (CloudFormation and secrets frameworks) per template name, and the
/// number of checks that passed.
pub fn checkov(dir: &Path) -> (BTreeMap<String, Vec<String>>, u64) {
    let out = command("checkov")
        .arg("-d")
        .arg(dir)
        .args([
            "--framework",
            "cloudformation",
            "secrets",
            "--quiet",
            "--compact",
            "--skip-download",
            "-o",
            "json",
        ])
        .output()
        .expect("checkov runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "checkov did not print JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let reports = match report {
        serde_json::Value::Array(list) => list,
        one => vec![one],
    };
    let mut failed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut passed = 0;
    for r in &reports {
        passed += r["summary"]["passed"].as_u64().unwrap_or(0);
        assert_eq!(
            r["summary"]["parsing_errors"].as_u64().unwrap_or(0),
            0,
            "checkov could not parse a template: {r}"
        );
        for c in r["results"]["failed_checks"]
            .as_array()
            .into_iter()
            .flatten()
        {
            let file = c["file_path"].as_str().unwrap_or_default();
            let id = c["check_id"].as_str().unwrap_or_default();
            failed.entry(stem(file)).or_default().push(id.to_owned());
        }
    }
    (failed, passed)
}
