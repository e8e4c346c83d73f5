//! Trends: a history whose weeks are built to known figures, read back per week as text,
//! JSON and CSV.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};

use super::{json_of, temp, vsm, Run};

/// 2025-03-03T00:00:00Z, a Monday.
const MONDAY: i64 = 1_740_960_000;

/// Week k (0–3) has k + 1 deployments, on days 0, 1, 2, 3 of the week at noon, each taking
/// 10 × (k + 1) minutes; week 1 also has one Failed execution.
fn weeks(dir: &Path) -> PathBuf {
    let mut executions = Vec::new();
    for week in 0..4i64 {
        for day in 0..=week {
            let start = MONDAY + (week * 7 + day) * 86_400 + 12 * 3600;
            executions.push(json!({
                "pipelineExecutionId": format!("w{week}d{day}"), "status": "Succeeded",
                "startTime": start, "lastUpdateTime": start + 600 * (week + 1),
                "trigger": {"triggerType": "Webhook"}
            }));
        }
    }
    let failed = MONDAY + 7 * 86_400 + 18 * 3600;
    executions.push(json!({
        "pipelineExecutionId": "f1", "status": "Failed",
        "startTime": failed, "lastUpdateTime": failed + 300
    }));
    let history = dir.join("history");
    std::fs::create_dir_all(&history).unwrap();
    let write = |name: &str, v: Value| std::fs::write(history.join(name), v.to_string()).unwrap();
    write(
        "list-pipeline-executions.json",
        json!({ "pipelineExecutionSummaries": executions }),
    );
    write(
        "list-action-executions.json",
        json!({ "actionExecutionDetails": [] }),
    );
    write(
        "get-pipeline.json",
        json!({"pipeline": {"name": "weekly", "stages": [{"name": "Ship", "actions": [
            {"name": "Deploy", "actionTypeId": {"category": "Deploy"}}]}]}}),
    );
    history
}

fn args(history: &Path) -> Vec<String> {
    [
        "measure",
        "--every",
        "week",
        "--since",
        "2025-03-03",
        "--until",
        "2025-03-30T23:59:59.999999Z",
        "--history",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain([history.display().to_string()])
    .collect()
}

#[test]
fn each_week_gets_its_own_figures() {
    let dir = temp();
    let history = weeks(dir.path());
    let v = json_of(vsm().args(args(&history)).arg("--json"));
    assert_eq!(v["every"], "week");
    // The whole window: 1 + 2 + 3 + 4 = 10 deployments.
    assert_eq!(v["deployments"], 10);
    let periods = v["periods"].as_array().unwrap();
    assert_eq!(periods.len(), 4);
    for (k, p) in periods.iter().enumerate() {
        let n = k as f64 + 1.0;
        assert_eq!(p["deployments"], k + 1, "week {k}");
        // Every deployment of week k takes 10 (k + 1) minutes.
        assert_eq!(p["lead_time_median_minutes"], 10.0 * n);
        assert_eq!(p["lead_time_p95_minutes"], 10.0 * n);
        // k + 1 deployments in 7 days (the last period ends a microsecond early).
        let f = p["deployment_frequency_per_day"].as_f64().unwrap();
        assert!((f - n / 7.0).abs() < 1e-3, "week {k}: {f}");
        assert_eq!(
            p["start"],
            vsm::measure::Timestamp::from_epoch_seconds((MONDAY + k as i64 * 7 * 86_400) as f64)
                .unwrap()
                .to_iso()
        );
        // The same keys as the whole window, plus start and end.
        assert_eq!(
            p.as_object().unwrap().len(),
            v.as_object().unwrap().len() - 2 + 2
        );
    }
    // Week 1: 1 failed of 3 finished executions.
    assert!(
        (periods[1]["pipeline_failure_rate_percent"]
            .as_f64()
            .unwrap()
            - 100.0 / 3.0)
            .abs()
            < 1e-3
    );
    assert_eq!(periods[0]["pipeline_failure_rate_percent"], 0.0);
}

#[test]
fn trends_as_text_with_sparklines_and_as_csv() {
    let dir = temp();
    let history = weeks(dir.path());
    let out = vsm().args(args(&history)).stdout_text();
    let text = out;
    // Deployments 1 2 3 4: ▁ ▃ ▆ █ ((n − 1) / 3 of the way up).
    let line = text.lines().find(|l| l.starts_with("Deployments")).unwrap();
    assert!(line.contains("▁▃▆█"), "{text}");
    assert!(
        text.contains("Trend of weekly by week: 2025-03-03 to 2025-03-30 (4 weeks)"),
        "{text}"
    );
    assert!(text.contains("Week of"), "{text}");
    let out = vsm().args(args(&history)).arg("--csv").stdout_text();
    let csv = out;
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 5);
    let header: Vec<&str> = rows[0].split(',').collect();
    assert_eq!(header[..4], ["start", "end", "window_days", "deployments"]);
    let lead = header
        .iter()
        .position(|h| *h == "lead_time_median_minutes")
        .unwrap();
    let third: Vec<&str> = rows[3].split(',').collect();
    assert_eq!(third[lead], "30");
    // Change lead time is undefined without --git: empty cells.
    let change = header
        .iter()
        .position(|h| *h == "change_lead_time_median_minutes")
        .unwrap();
    assert_eq!(third[change], "");
}

#[test]
fn a_window_with_nothing_in_it_is_refused_in_a_sentence() {
    let dir = temp();
    let history = weeks(dir.path());
    let out = vsm()
        .args([
            "measure",
            "--every",
            "month",
            "--since",
            "2030-01-01",
            "--history",
        ])
        .arg(&history)
        .stderr_text(2);
    let e = out;
    assert!(
        e.contains("--every month: no execution in the window"),
        "{e}"
    );
    vsm()
        .args(["measure", "--every", "fortnight", "--history"])
        .arg(&history)
        .assert()
        .code(2);
}
