//! Targets as code: `settings.targets` against the shop history's hand-computed figures
//! (lead time p85 71 min, 10.67 deployments a day, change failure rate 50 %, time to restore
//! median 20 min, Compile's first-pass yield 5 / 7 = 71.4 %).

use super::{shop_dir, shop_stream, temp};
use crate::support::vsm;
use serde_json::Value;
use std::time::Duration;
use vsm::model::{Quantity, StepTarget, Stream, Targets};

fn q(v: f64) -> Option<Quantity> {
    Quantity::new(v)
}

/// The shop stream with these targets, written as its JSON form.
fn stream_with(dir: &tempfile::TempDir, targets: Targets) -> std::path::PathBuf {
    let mut stream: Stream = shop_stream().into_inner();
    stream.settings.targets = Some(targets);
    let path = dir.path().join("shop.json");
    std::fs::write(&path, serde_json::to_string(&stream).unwrap()).unwrap();
    path
}

fn check(stream: &std::path::Path, format: &[&str]) -> (i32, String, String) {
    let out = vsm()
        .arg("--stream")
        .arg(stream)
        .args(["measure", "--check", "--history"])
        .arg(shop_dir())
        .args(format)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn targets_met_pass_and_every_miss_is_listed_and_fails() {
    let dir = temp();
    let met = stream_with(
        &dir,
        Targets {
            lead_time_p85: Some(Duration::from_secs(72 * 60)),
            deployment_frequency_per_day: q(10.0),
            change_failure_rate_percent: q(50.0),
            time_to_restore_median: Some(Duration::from_secs(20 * 60)),
            first_pass_yield: vec![StepTarget::new("Build/Compile", q(70.0).unwrap())],
            ..Targets::default()
        },
    );
    let (code, text, _) = check(&met, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("5 of 5 targets met"), "{text}");

    let missed = stream_with(
        &dir,
        Targets {
            lead_time_p85: Some(Duration::from_secs(70 * 60)),
            deployment_frequency_per_day: q(11.0),
            change_failure_rate_percent: q(49.0),
            time_to_restore_median: Some(Duration::from_secs(20 * 60)),
            first_pass_yield: vec![StepTarget::new("Build/Compile", q(72.0).unwrap())],
            change_lead_time_p85: Some(Duration::from_secs(3600)),
        },
    );
    let (code, text, stderr) = check(&missed, &[]);
    assert_eq!(code, 1, "{text}");
    for line in [
        "✗ lead_time_p85: 1h 11m, target at most 1h 10m",
        "✗ deployment_frequency_per_day: 10.67 a day, target at least 11 a day",
        "✗ change_failure_rate_percent: 50%, target at most 49%",
        "✓ time_to_restore_median: 20m, target at most 20m",
        "✗ first_pass_yield Build/Compile: 71.43%, target at least 72%",
        // No --git: no commits, no verdict.
        "? change_lead_time_p85: not measured",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    assert!(stderr.contains("4 of 6 targets missed"), "{stderr}");

    let (code, json, _) = check(&missed, &["--json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["targets_missed"], 4);
    let lead = &v["targets"][0];
    assert_eq!(lead["target"], "lead_time_p85");
    assert_eq!(lead["bound"], "at_most");
    assert_eq!(lead["limit"], 70.0);
    assert_eq!(lead["unit"], "minutes");
    assert_eq!(lead["met"], false);
    // The measured figure is the report's own.
    assert_eq!(lead["measured"], v["lead_time_p85_minutes"]);

    let (code, md, _) = check(&missed, &["--markdown"]);
    assert_eq!(code, 1);
    assert!(
        md.contains("### Targets") && md.contains("| ❌ | `lead_time_p85` |"),
        "{md}"
    );
}

#[test]
fn targets_are_written_in_the_json_form_and_the_macro() {
    let json = r#"{"lead_time_p85": "2h", "deployment_frequency_per_day": 1.5,
                   "change_failure_rate_percent": "15%",
                   "first_pass_yield": [{"action": "Build/Compile", "percent": 90}]}"#;
    let t: Targets = serde_json::from_str(json).unwrap();
    assert_eq!(t.lead_time_p85, Some(Duration::from_secs(7200)));
    assert_eq!(t.deployment_frequency_per_day, q(1.5));
    assert_eq!(t.change_failure_rate_percent, q(15.0));
    assert_eq!(t.first_pass_yield[0].percent, q(90.0));
    let from_macro = vsm::stream! {
        pipeline "shop" {
            targets: {
                lead_time_p85: 2h,
                deployment_frequency_per_day: 1.5,
                change_failure_rate_percent: 15%,
                first_pass_yield: ["Build/Compile" = 90%],
            },
        }
        source "Source" {
            connection "Checkout" { provider: GitHub, repository: "acme/shop", branch: "main", outputs: Src }
        }
        stage "Build" { mock "Compile" }
    };
    assert_eq!(from_macro.settings.targets.as_ref(), Some(&t));
    assert!(serde_json::from_str::<Targets>(r#"{"change_failure_rate_percent": -3}"#).is_err());
}

#[test]
fn check_without_targets_says_how_to_declare_them() {
    let dir = temp();
    let path = dir.path().join("shop.json");
    std::fs::write(&path, serde_json::to_string(&*shop_stream()).unwrap()).unwrap();
    let (code, _, stderr) = check(&path, &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("declare `targets`"), "{stderr}");
}
