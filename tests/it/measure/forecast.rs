//! `vsm forecast`: histories whose distributions are known, so that the forecast can be
//! worked out by hand; future states that remove an approval, make steps parallel and change
//! an annotation; and a backtest on a generated year.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use vsm::builder::{approval, connection, mock};
use vsm::kinds::GitProvider;
use vsm::time::mins;
use vsm::ValueStream;

use super::{json_of, temp, vsm, Run};

const T0: i64 = 1_740_960_000; // 2025-03-03T00:00:00Z

/// Source [Get] → Test [Unit, then Smoke] → Release [Approve (approval), then Ship].
fn stream() -> ValueStream {
    ValueStream::builder("flow")
        .source("Source", |s| {
            s.action(connection("Get", GitProvider::GitHub, "acme/flow", "main").outputs(["Src"]))
        })
        .stage("Test", |s| {
            s.action(mock("Unit")).then().action(mock("Smoke"))
        })
        .stage("Release", |s| {
            s.action(approval("Approve")).then().action(mock("Ship"))
        })
        .build()
        .expect("a valid stream")
}

/// 40 executions, one every 6 hours, all succeeding first time. Each starts its steps at once
/// after the one before: Get 1 min; Unit 10 or 30 min (alternately); Smoke 5 min; Approve 60
/// min; Ship 2 min.
fn history(dir: &Path) -> PathBuf {
    let mut executions = Vec::new();
    let mut actions = Vec::new();
    for i in 0..40i64 {
        let start = T0 + i * 6 * 3600;
        let mut t = start;
        let unit = if i % 2 == 0 { 10 } else { 30 };
        for (stage, action, minutes) in [
            ("Source", "Get", 1),
            ("Test", "Unit", unit),
            ("Test", "Smoke", 5),
            ("Release", "Approve", 60),
            ("Release", "Ship", 2),
        ] {
            actions.push(json!({
                "pipelineExecutionId": format!("e{i}"), "actionExecutionId": format!("a{i}{action}"),
                "stageName": stage, "actionName": action, "status": "Succeeded",
                "startTime": t, "lastUpdateTime": t + minutes * 60
            }));
            t += minutes * 60;
        }
        executions.push(json!({
            "pipelineExecutionId": format!("e{i}"), "status": "Succeeded",
            "startTime": start, "lastUpdateTime": t, "trigger": {"triggerType": "Webhook"}
        }));
    }
    let h = dir.join("history");
    std::fs::create_dir_all(&h).unwrap();
    let write = |name: &str, v: Value| std::fs::write(h.join(name), v.to_string()).unwrap();
    write(
        "list-pipeline-executions.json",
        json!({ "pipelineExecutionSummaries": executions }),
    );
    write(
        "list-action-executions.json",
        json!({ "actionExecutionDetails": actions }),
    );
    h
}

fn write_stream(dir: &Path, name: &str, s: &vsm::model::Stream) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(s).unwrap()).unwrap();
    path
}

#[test]
fn the_forecast_draws_from_the_measured_distribution() {
    let dir = temp();
    let h = history(dir.path());
    let current = write_stream(dir.path(), "flow.json", &stream());
    let v = json_of(
        vsm()
            .arg("--stream")
            .arg(&current)
            .args(["forecast", "--json", "--history"])
            .arg(&h),
    );
    // Every run: 1 + Unit + 5 + 60 + 2, Unit 10 or 30 with even chance: 78 or 98 minutes.
    // Half the runs each: the median of 10,000 is 78 or 98 or between; p85 and p95 are 98.
    let p50 = v["lead_time_p50_minutes"].as_f64().unwrap();
    assert!([78.0, 88.0, 98.0].contains(&p50), "{v}");
    assert_eq!(v["lead_time_p85_minutes"], 98.0);
    assert_eq!(v["lead_time_p95_minutes"], 98.0);
    // 40 starts over 39 × 6 h + 98 min: 40 / (235.6333 h / 168 h) per week, all deploying.
    let weeks = (39.0 * 6.0 + 98.0 / 60.0) / 168.0;
    let per_week = v["deployments_per_week"].as_f64().unwrap();
    assert!((per_week - 40.0 / weeks).abs() < 1e-3, "{per_week}");
    assert_eq!(v["deployed_percent"], 100.0);
    assert_eq!(v["runs"], 10_000);
    assert!(v["future"].is_null() && v["backtest"].is_null());
    // The same seed gives the same forecast; the keys are those of the docs.
    let again = json_of(
        vsm()
            .arg("--stream")
            .arg(&current)
            .args(["forecast", "--json", "--history"])
            .arg(&h),
    );
    assert_eq!(again, v);
}

#[test]
fn a_future_state_without_the_approval_with_parallel_tests_and_a_slower_ship() {
    let dir = temp();
    let h = history(dir.path());
    let current = write_stream(dir.path(), "flow.json", &stream());
    // Future: Unit and Smoke in parallel, no approval, Ship annotated 4 minutes (measured 2:
    // its samples scale to a median of 4), and a new step Scan of 3 minutes after Ship.
    let mut future = (*stream()).clone();
    let test = &mut future.stages[1];
    test.actions[1].run_order = test.actions[0].run_order;
    let release = &mut future.stages[2];
    release.actions.retain(|a| a.name != "Approve");
    release.actions[0].annotations.process_time = Some(mins(4));
    let mut scan = vsm::model::Action::new("Scan", vsm::kinds::Mock::default());
    scan.run_order = release.actions[0].run_order + 1;
    scan.annotations.process_time = Some(mins(3));
    release.actions.push(scan);
    let future = write_stream(dir.path(), "future.json", &future);
    let v = json_of(
        vsm()
            .arg("--stream")
            .arg(&current)
            .args(["forecast", "--json", "--history"])
            .arg(&h)
            .arg("--future")
            .arg(&future),
    );
    // Future run: 1 + max(Unit, 5) + 4 + 3 = 18 or 38 minutes; p95 38.
    let f = &v["future"];
    assert_eq!(f["lead_time_p95_minutes"], 38.0, "{v}");
    assert!([18.0, 28.0, 38.0].contains(&f["lead_time_p50_minutes"].as_f64().unwrap()));
    assert_eq!(f["deployments_per_week"], v["deployments_per_week"]);
    // The text puts both side by side.
    let out = vsm()
        .arg("--stream")
        .arg(&current)
        .args(["forecast", "--history"])
        .arg(&h)
        .arg("--future")
        .arg(&future)
        .stdout_text();
    let text = out;
    assert!(
        text.contains("Current") && text.contains("Future"),
        "{text}"
    );
    assert!(
        text.contains("Lead time p95") && text.contains("1h 38m") && text.contains("38m"),
        "{text}"
    );
}

#[test]
fn without_a_history_the_annotations_are_forecast() {
    let dir = temp();
    let mut s = (*stream()).clone();
    for stage in &mut s.stages {
        for a in &mut stage.actions {
            a.annotations.process_time = Some(mins(10));
            a.annotations.complete_accurate = Some(50.0);
        }
    }
    let file = write_stream(dir.path(), "s.json", &s);
    let v = json_of(
        vsm()
            .arg("--stream")
            .arg(&file)
            .args(["forecast", "--json"]),
    );
    // Five steps of 10 minutes; each fails half the time and is retried once (10 more).
    // Runs with no retry take 50 minutes: 1/32 of them. p95 needs most steps retried.
    assert_eq!(v["deployed_percent"], 100.0);
    assert!(v["deployments_per_week"].is_null());
    let p50 = v["lead_time_p50_minutes"].as_f64().unwrap();
    // Retries ~ Binomial(5, 1/2): median 2 or 3 retries → 70 or 80 minutes.
    assert!((70.0..=80.0).contains(&p50), "{p50}");
    // Nothing to forecast from.
    vsm().args(["forecast"]).assert().code(2);
}

/// The generated year of mock-pipeline: learned from its first two thirds, the forecast of
/// the last third is close to what that third measured.
#[test]
fn a_backtest_on_a_year_shows_its_error() {
    let stream = super::streams::mock_pipeline();
    let y = super::year::year(&stream, 2025);
    let dir = temp();
    let h = dir.path().join("year");
    std::fs::create_dir_all(&h).unwrap();
    std::fs::write(h.join("list-pipeline-executions.json"), &y.executions).unwrap();
    std::fs::write(h.join("list-action-executions.json"), &y.actions).unwrap();
    let file = write_stream(dir.path(), "s.json", &stream);
    let v = json_of(
        vsm()
            .arg("--stream")
            .arg(&file)
            .args([
                "forecast",
                "--json",
                "--backtest",
                "--runs",
                "4000",
                "--history",
            ])
            .arg(&h),
    );
    let b = &v["backtest"];
    for key in [
        "lead_time_p50_minutes",
        "lead_time_p85_minutes",
        "deployments_per_week",
    ] {
        let e = b["error_percent"][key].as_f64().unwrap();
        assert!(e.abs() < 15.0, "{key}: {e}% off: {b}");
    }
    assert!(b["split"].as_str().unwrap().starts_with("2025-09"), "{b}");
}
