//! Measuring real value streams: hand-made histories whose figures are computed by hand below,
//! through the library and through `vsm measure`; the modelled-versus-measured comparison;
//! malformed input; and a generated year of history for mock-pipeline.

use crate::support::git;
use crate::support::streams;
use crate::support::vsm;
use crate::support::year;

mod commits;
mod forecast;
mod gates;
mod split;
mod targets;
mod trend;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;
use vsm::builder::{approval, connection, mock};
use vsm::kinds::GitProvider;
use vsm::measure::{
    compare_with_model, measure, measured_stream, Figure, History, Level, MeasureJson, Measurement,
    Structure, Timestamp, Window, CITATION, DEFINITIONS, PLACEMENT, REWORK_CITATION,
};
use vsm::model::Stream;
use vsm::time::{hours, mins};
use vsm::ValueStream;

/// The hand-made history of pipeline `shop`: ten executions on 2025-03-03 from 09:00 UTC.
/// Times below are minutes after 09:00.
///
/// Structure: Source [Checkout] → Build [Compile] then [UnitTests ∥ Lint] → Release [Approve
/// (approval)] then [Deploy].
///
/// | exec | start | last | status    | trigger            | actions (start–end, status)                       |
/// | e01  |   0   |  50  | Succeeded | Webhook            | Checkout 1–2, Compile 3–8, UnitTests 9–13, Lint 9–11, Approve 14–44, Deploy 46–49; Build/Legacy 3–4 (not in the structure) |
/// | e02  |  60   |  75  | Failed    | Webhook            | Checkout 61–62, Compile 63–70, UnitTests 71–74 Failed, Lint 71–73 |
/// | e03  | 120   | 200  | Succeeded | Webhook            | Checkout 122–123, Compile 124–130, UnitTests 131–136, Lint 131–133 Failed then 140–142 (retry), Approve 145–190, Deploy 192–198 |
/// | e04  | 210   | 220  | Succeeded | ManualRollback     | Deploy 212–218                                     |
/// | e05  | 300   | 345  | Succeeded | StartPipelineExec. | Checkout 300–301, Compile 303–306, UnitTests 307–310, Lint 308–309, Approve 311–331, Deploy 332–344 |
/// | e06  | 400   | 410  | Failed    | Webhook            | Checkout 401–402, Compile 403–409 Failed            |
/// | e07  | 420   | 428  | Failed    | Webhook            | Checkout 421–422, Compile 423–427 Failed            |
/// | e08  | 440   | 500  | Succeeded | Webhook            | Checkout 441–442, Compile 443–448, UnitTests 449–452, Lint 449–450, Approve 453–480, Deploy 482–499 |
/// | e09  | 510   | 520  | Succeeded | AutomatedRollback  | Deploy 511–519                                     |
/// | e10  | 530   | 540  | Stopped   | Webhook            | Checkout 531–532, Compile 533–540 Abandoned         |
///
/// Times are written as ISO 8601 with `+00:00`, `+01:00` and `Z`, and as epoch seconds.
fn shop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/shop")
}

fn shop_history() -> History {
    History::read_dir(&shop_dir()).expect("the shop history reads")
}

fn shop_structure() -> Structure {
    Structure::read_get_pipeline(&shop_dir().join("get-pipeline.json")).expect("get-pipeline reads")
}

/// The same pipeline as a stream, with the team's estimates.
fn shop_stream() -> ValueStream {
    ValueStream::builder("shop")
        .source("Source", |s| {
            s.action(
                connection("Checkout", GitProvider::GitHub, "acme/shop", "main")
                    .outputs(["Src"])
                    .process(mins(2))
                    .wait(mins(5))
                    .ca(99.0),
            )
        })
        .stage("Build", |s| {
            s.action(mock("Compile").process(mins(6)).wait(mins(2)).ca(90.0))
                .then()
                .action(mock("UnitTests").process(mins(4)).wait(mins(1)).ca(95.0))
                .action(mock("Lint").process(mins(1)).wait(mins(1)).ca(99.0))
        })
        .stage("Release", |s| {
            s.action(
                approval("Approve")
                    .process(mins(10))
                    .wait(hours(4))
                    .ca(95.0),
            )
            .then()
            .action(mock("Deploy").process(mins(5)).wait(mins(10)).ca(98.0))
        })
        .build()
        .expect("the shop stream is valid")
}

fn minutes(d: Option<Duration>) -> Option<f64> {
    d.map(|d| d.as_secs_f64() / 60.0)
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-6)
}

/// Every figure of the whole shop history, computed by hand.
fn assert_shop_figures(m: &Measurement) {
    let d = &m.delivery;
    // Window 0 → 540 min = 9 h = 0.375 days.
    assert!((m.window.unwrap().days() - 0.375).abs() < 1e-12);
    // Succeeded: e01 e03 e04 e05 e08 e09; Failed: e02 e06 e07; other: e10; rollbacks: e04 e09.
    assert_eq!(
        (d.executions, d.succeeded, d.failed, d.rollbacks),
        (10, 6, 3, 2)
    );
    // Deployments: Succeeded and not rollbacks: e01 e03 e05 e08.
    assert_eq!(d.deployments, 4);
    // 4 deployments / 0.375 days = 10.666… per day.
    assert!(close(d.deployment_frequency_per_day, 4.0 / 0.375));
    // Lead times 50, 80, 45, 60 → sorted 45 50 60 80. Median: rank 0.5 × 3 = 1.5 → 50 + 0.5 ×
    // 10 = 55. p85: rank 0.85 × 3 = 2.55 → 60 + 0.55 × 20 = 71.
    assert_eq!(d.lead_time.count, 4);
    assert!(close(minutes(d.lead_time.median), 55.0));
    assert!(close(minutes(d.lead_time.p85), 71.0));
    // e01 → e03: e02 between, no rollback. e03 → e05: e04 is a rollback: change failure.
    // e05 → e08: e06 e07, no rollback. e08 → end: e09 is a rollback: change failure. 2 / 4.
    assert_eq!(d.change_failures, 2);
    assert!(close(d.change_failure_rate_percent, 50.0));
    // Restore: e03 (last 200) → first Succeeded after it, e04 (last 220) = 20; e08 (500) → e09
    // (520) = 20. Median 20.
    assert_eq!((d.time_to_restore.count, d.unrestored), (2, 0));
    assert!(close(minutes(d.time_to_restore.median), 20.0));
    // 3 Failed / (6 + 3) = 33.33…%.
    assert!(close(d.pipeline_failure_rate_percent, 100.0 / 3.0));
    // Runs of failures: [e02] from 60 to e03's last update 200 = 140; [e06 e07] from 400 to
    // e08's last update 500 = 100. Median of 100 and 140 = 120. e10 (Stopped) is passed over.
    assert_eq!(d.time_to_green.count, 2);
    assert!(close(minutes(d.time_to_green.median), 120.0));
    assert!(!d.still_failing);
    // Levels: 10.7 per day > 1: Elite; 55 min < 1 day: Elite; 50% > 30%: Low; 20 min < 1 h:
    // Elite.
    assert_eq!(m.dora.deployment_frequency, Some(Level::Elite));
    assert_eq!(m.dora.lead_time, Some(Level::Elite));
    assert_eq!(m.dora.change_failure_rate, Some(Level::Low));
    assert_eq!(m.dora.time_to_restore, Some(Level::Elite));
    assert_shop_actions(m);
}

/// The per-action figures of the whole shop history, computed by hand.
fn assert_shop_actions(m: &Measurement) {
    let names: Vec<String> = m
        .actions
        .iter()
        .map(|a| format!("{}/{}", a.stage, a.action))
        .collect();
    // Flow order; in Release, Approve (run order 1) before Deploy (run order 2) although
    // get-pipeline.json declares Deploy first.
    assert_eq!(
        names,
        [
            "Source/Checkout",
            "Build/Compile",
            "Build/UnitTests",
            "Build/Lint",
            "Release/Approve",
            "Release/Deploy"
        ]
    );
    let a = |stage, action| m.action(stage, action).unwrap();
    // Checkout: 8 runs (all but the rollbacks), each 1 min. Waits after the execution's start:
    // 1 1 2 0 1 1 1 1 → sorted 0 1 1 1 1 1 1 2, rank 3.5 → 1. Never failed: 100%.
    let c = a("Source", "Checkout");
    assert_eq!(c.executions, 8);
    assert!(close(minutes(c.process.median), 1.0) && close(minutes(c.process.p85), 1.0));
    assert!(close(minutes(c.wait.median), 1.0));
    assert!(close(c.first_pass_yield_percent, 100.0));
    // Compile: 8 runs. Succeeded ones take 5 7 6 3 5 → sorted 3 5 5 6 7: median 5; p85 rank
    // 0.85 × 4 = 3.4 → 6 + 0.4 × 1 = 6.4. Waits after Checkout ends (the last group of the
    // previous stage): 1 1 1 2 1 1 1 1 → 1. Finished in e01 e02 e03 e05 e06 e07 e08 (e10's is
    // Abandoned); failed in e06 e07: 5 / 7 = 71.43%.
    let c = a("Build", "Compile");
    assert_eq!(c.executions, 8);
    assert!(close(minutes(c.process.median), 5.0) && close(minutes(c.process.p85), 6.4));
    assert!(close(minutes(c.wait.median), 1.0));
    assert_eq!((c.first_pass, c.finished_in), (5, 7));
    assert!(close(c.first_pass_yield_percent, 500.0 / 7.0));
    // UnitTests: 5 runs; Succeeded 4 5 3 3 → sorted 3 3 4 5: median 3.5; p85 rank 2.55 → 4 +
    // 0.55 × 1 = 4.55. Waits after Compile: all 1. Failed in e02: 4 / 5 = 80%.
    let u = a("Build", "UnitTests");
    assert_eq!(u.executions, 5);
    assert!(close(minutes(u.process.median), 3.5) && close(minutes(u.process.p85), 4.55));
    assert!(close(minutes(u.wait.median), 1.0));
    assert!(close(u.first_pass_yield_percent, 80.0));
    // Lint: 6 runs (e03 has a Failed attempt and a retry). Succeeded 2 2 2 1 1 → sorted
    // 1 1 2 2 2: median 2, p85 rank 3.4 → 2. Waits: 1 1 1, the retry 140 − 130 = 10, 308 − 306
    // = 2, 1 → sorted 1 1 1 1 2 10, rank 2.5 → 1. Finished in 5 executions, failed first in
    // e03: 4 / 5 = 80%.
    let l = a("Build", "Lint");
    assert_eq!(l.executions, 6);
    assert!(close(minutes(l.process.median), 2.0) && close(minutes(l.process.p85), 2.0));
    assert!(close(minutes(l.wait.median), 1.0));
    assert!(close(l.first_pass_yield_percent, 80.0));
    // Approve (approval): its whole duration is wait, from the latest end of the group before
    // it at or before its start: e01 44 − 13 = 31; e03 190 − 142 (Lint's retry) = 48; e05 331 −
    // 310 = 21; e08 480 − 452 = 28 → sorted 21 28 31 48: median 29.5. Process unknown.
    let p = a("Release", "Approve");
    assert!(p.approval);
    assert_eq!(p.executions, 4);
    assert_eq!((p.process.median, p.process.p85), (None, None));
    assert!(close(minutes(p.wait.median), 29.5));
    assert!(close(p.first_pass_yield_percent, 100.0));
    // Deploy: 6 runs (rollbacks included). Process 3 6 6 12 17 8 → sorted 3 6 6 8 12 17: median
    // rank 2.5 → 6 + 0.5 × 2 = 7; p85 rank 4.25 → 12 + 0.25 × 5 = 13.25. Waits after Approve: 2
    // 2 1 2 (the rollbacks ran no Approve: no wait) → sorted 1 2 2 2: median 2.
    let d = a("Release", "Deploy");
    assert_eq!(d.executions, 6);
    assert!(close(minutes(d.process.median), 7.0) && close(minutes(d.process.p85), 13.25));
    assert_eq!(d.wait.count, 4);
    assert!(close(minutes(d.wait.median), 2.0));
    assert!(close(d.first_pass_yield_percent, 100.0));
    // Build/Legacy is not in the structure: left out and reported.
    assert_eq!(m.unplaced.outside, 0);
    assert_eq!(
        m.unplaced
            .unknown
            .get(&("Build".to_owned(), "Legacy".to_owned())),
        Some(&1)
    );
}

#[test]
fn shop_history_gives_the_hand_computed_figures() {
    let m = measure(&shop_history(), &shop_structure(), Window::default());
    assert_shop_figures(&m);
    // The stream gives the same structure, so the same figures.
    let from_stream = measure(
        &shop_history(),
        &Structure::of_stream(&shop_stream()),
        Window::default(),
    );
    assert_eq!(from_stream, m);
}

/// The text a command prints.
trait Run {
    /// Standard output of a run that succeeds.
    fn stdout_text(&mut self) -> String;
    /// Standard error of a run that exits with `code`.
    fn stderr_text(&mut self, code: i32) -> String;
}

impl Run for Command {
    fn stdout_text(&mut self) -> String {
        let out = self.assert().success().get_output().stdout.clone();
        String::from_utf8(out).expect("UTF-8 on standard output")
    }

    fn stderr_text(&mut self, code: i32) -> String {
        let out = self.assert().code(code).get_output().stderr.clone();
        String::from_utf8(out).expect("UTF-8 on standard error")
    }
}

fn json_of(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON on standard output")
}

#[test]
fn vsm_measure_json_gives_the_same_figures_with_exactly_the_listed_keys() {
    let out = vsm()
        .args(["measure", "--json", "--history"])
        .arg(shop_dir())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    // The top-level keys, in the order written, and no other.
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(v.as_object().unwrap().len(), keys.len());
    assert_eq!(
        keys,
        [
            "window_days",
            "deployments",
            "deployment_frequency_per_day",
            "lead_time_median_minutes",
            "lead_time_p85_minutes",
            "lead_time_p95_minutes",
            "changes",
            "change_lead_time_median_minutes",
            "change_lead_time_p85_minutes",
            "change_lead_time_p95_minutes",
            "failed_deployments",
            "change_failures",
            "change_failure_rate_percent",
            "rework_deployments",
            "deployment_rework_rate_percent",
            "time_to_restore_median_minutes",
            "time_to_restore_p85_minutes",
            "time_to_restore_p95_minutes",
            "pipeline_failure_rate_percent",
            "time_to_green_median_minutes",
            "time_to_green_p85_minutes",
            "time_to_green_p95_minutes",
            "dora_levels",
            "actions",
            "stages",
            "gates"
        ]
    );
    // The figures of assert_shop_figures, rounded to four decimals.
    assert_eq!(v["window_days"], 0.375);
    assert_eq!(v["deployments"], 4);
    assert_eq!(v["deployment_frequency_per_day"], 10.6667);
    assert_eq!(v["lead_time_median_minutes"], 55.0);
    assert_eq!(v["lead_time_p85_minutes"], 71.0);
    // p95 rank 0.95 × 3 = 2.85 → 60 + 0.85 × 20 = 77.
    assert_eq!(v["lead_time_p95_minutes"], 77.0);
    // No --git: no commits.
    assert_eq!(v["changes"], Value::Null);
    assert_eq!(v["change_lead_time_median_minutes"], Value::Null);
    assert_eq!(v["change_failures"], 2);
    assert_eq!(v["change_failure_rate_percent"], 50.0);
    // Rework: e05, the first deployment after the change failure e03 (e08's failure has no
    // deployment after it): 1 / 4.
    assert_eq!(v["rework_deployments"], 1);
    assert_eq!(v["deployment_rework_rate_percent"], 25.0);
    assert_eq!(v["time_to_restore_median_minutes"], 20.0);
    assert_eq!(v["time_to_restore_p95_minutes"], 20.0);
    assert_eq!(v["pipeline_failure_rate_percent"], 33.3333);
    assert_eq!(v["time_to_green_median_minutes"], 120.0);
    // Greens 100 and 140: p85 rank 0.85 → 100 + 0.85 × 40 = 134; p95 → 138.
    assert_eq!(v["time_to_green_p85_minutes"], 134.0);
    assert_eq!(v["time_to_green_p95_minutes"], 138.0);
    assert_eq!(
        v["dora_levels"],
        serde_json::json!({
            "deployment_frequency": "Elite",
            "lead_time": "Elite",
            "change_lead_time": null,
            "change_failure_rate": "Low",
            "time_to_restore": "Elite"
        })
    );
    let expected = serde_json::json!([
        {"stage": "Source", "action": "Checkout", "executions": 8, "process_median_minutes": 1.0,
         "process_p85_minutes": 1.0, "wait_median_minutes": 1.0, "first_pass_yield_percent": 100.0},
        {"stage": "Build", "action": "Compile", "executions": 8, "process_median_minutes": 5.0,
         "process_p85_minutes": 6.4, "wait_median_minutes": 1.0, "first_pass_yield_percent": 71.4286},
        {"stage": "Build", "action": "UnitTests", "executions": 5, "process_median_minutes": 3.5,
         "process_p85_minutes": 4.55, "wait_median_minutes": 1.0, "first_pass_yield_percent": 80.0},
        {"stage": "Build", "action": "Lint", "executions": 6, "process_median_minutes": 2.0,
         "process_p85_minutes": 2.0, "wait_median_minutes": 1.0, "first_pass_yield_percent": 80.0},
        {"stage": "Release", "action": "Approve", "executions": 4, "process_median_minutes": null,
         "process_p85_minutes": null, "wait_median_minutes": 29.5, "first_pass_yield_percent": 100.0},
        {"stage": "Release", "action": "Deploy", "executions": 6, "process_median_minutes": 7.0,
         "process_p85_minutes": 13.25, "wait_median_minutes": 2.0, "first_pass_yield_percent": 100.0}
    ]);
    assert_eq!(v["actions"], expected);
    // Stages: Build ran in the 8 executions that are not rollbacks; Lint ran twice in e03 (a
    // retry). It finished in 7 (e10's Compile was abandoned); first passes e01 e05 e08 (e02 and
    // e03 had a Failed attempt, e06 and e07 failed): 3 / 7. Release ran in e01 e03 e05 e08;
    // the rollbacks e04 (manual, after e03) and e09 (automated, after e08) ran its Deploy and
    // undid e03's and e08's passes: first passes e01 e05, 2 / 4. No conditions: no gates.
    assert_eq!(v["failed_deployments"], 0);
    let stages = serde_json::json!([
        {"stage": "Source", "executions": 8, "retried": 0, "retries": 0, "rollbacks": 0,
         "automated_rollbacks": 0, "rolled_back": 0, "first_pass_yield_percent": 100.0},
        {"stage": "Build", "executions": 8, "retried": 1, "retries": 1, "rollbacks": 0,
         "automated_rollbacks": 0, "rolled_back": 0, "first_pass_yield_percent": 42.8571},
        {"stage": "Release", "executions": 4, "retried": 0, "retries": 0, "rollbacks": 2,
         "automated_rollbacks": 1, "rolled_back": 2, "first_pass_yield_percent": 50.0}
    ]);
    assert_eq!(v["stages"], stages);
    assert_eq!(v["gates"], serde_json::json!([]));
    // The library's JSON report is the same document.
    let m = measure(&shop_history(), &shop_structure(), Window::default());
    assert_eq!(serde_json::to_value(MeasureJson::new(&m)).unwrap(), v);
}

/// From 14:00 (minute 300) on: e05 to e10.
#[test]
fn since_and_until_bound_the_window() {
    let since = Timestamp::parse("2025-03-03T14:00:00Z").unwrap();
    let window = Window {
        since: Some(since),
        until: None,
    };
    let m = measure(&shop_history(), &shop_structure(), window);
    let d = &m.delivery;
    // Window 300 → 540 = 240 min = 1/6 day; deployments e05 e08: 2 / (1/6) = 12 per day.
    assert_eq!(d.executions, 6);
    assert!(close(d.deployment_frequency_per_day, 12.0));
    // Lead times 45 and 60: median 52.5; p85 rank 0.85 → 45 + 0.85 × 15 = 57.75.
    assert!(close(minutes(d.lead_time.median), 52.5));
    assert!(close(minutes(d.lead_time.p85), 57.75));
    // e05 → e08: no rollback between; e08 → e09 rollback: 1 of 2 = 50%, restored in 20.
    assert_eq!(d.change_failures, 1);
    assert!(close(minutes(d.time_to_restore.median), 20.0));
    // 2 Failed (e06 e07) / (3 Succeeded + 2) = 40%; one run of failures: 400 → 500 = 100.
    assert!(close(d.pipeline_failure_rate_percent, 40.0));
    assert!(close(minutes(d.time_to_green.median), 100.0));
    // The 19 action executions of e01–e04 belong to executions outside the window.
    assert_eq!(m.unplaced.outside, 19);
    // Through the command line, --until before any execution: an empty window of 0.5 days
    // from --since to --until, no deployment.
    let v = json_of(
        vsm()
            .args(["measure", "--json", "--since", "2025-03-02T00:00:00Z"])
            .args(["--until", "2025-03-02T12:00:00Z", "--history"])
            .arg(shop_dir()),
    );
    assert_eq!(v["window_days"], 0.5);
    assert_eq!(v["deployments"], 0);
    assert_eq!(v["deployment_frequency_per_day"], 0.0);
    assert_eq!(v["lead_time_median_minutes"], Value::Null);
    assert_eq!(v["change_failure_rate_percent"], Value::Null);
    assert_eq!(v["dora_levels"]["deployment_frequency"], "Low");
    assert_eq!(v["dora_levels"]["lead_time"], Value::Null);
    let window = json_of(
        vsm()
            .args(["measure", "--json", "--since", "2025-03-03", "--history"])
            .arg(shop_dir()),
    );
    // Since midnight: 09:00 → 18:00 of executions plus the 9 hours before: 18 h = 0.75 days.
    assert_eq!(window["window_days"], 0.75);
}

/// The shop stream's estimates beside the measured medians, both through the same analysis.
#[test]
fn modelled_and_measured_compare_through_the_same_analysis() {
    let stream = shop_stream();
    let m = measure(
        &shop_history(),
        &Structure::of_stream(&stream),
        Window::default(),
    );
    let measured = measured_stream(&stream, &m);
    let ann = |stage: &str, action: &str| measured.action(stage, action).unwrap().annotations;
    // Medians to the second, first-pass yield to a tenth.
    assert_eq!(
        ann("Build", "UnitTests").process_time,
        Some(Duration::from_secs(210))
    );
    assert_eq!(ann("Build", "Compile").complete_accurate, Some(71.4));
    assert_eq!(ann("Release", "Approve").process_time, None);
    assert_eq!(
        ann("Release", "Approve").wait_time,
        Some(Duration::from_secs(1770))
    );
    let c = compare_with_model(&stream, &m).comparison;
    // Modelled: (5+2) + (2+6) + max(1+4, 1+1) + (240+10) + (10+5) = 285 min; process 2+6+4+10+5
    // = 27; flow efficiency 27 / 285 = 9.47%; constraint Approve, saving 240 min.
    assert_eq!(c.current.lead_time, mins(285));
    assert!((c.current.flow_efficiency.unwrap() - 2700.0 / 285.0).abs() < 1e-9);
    assert_eq!(
        c.current.constraint.as_ref().unwrap().step.action,
        "Approve"
    );
    // Measured: (1+1) + (1+5) + max(1+3.5, 1+2) + 29.5 + (2+7) = 51 min (a lower bound: the
    // approval has no process time); process 1+5+3.5+0+7 = 16.5; 16.5 / 51 = 32.35%;
    // constraint Approve, saving its whole 29.5 min wait.
    assert_eq!(c.future.lead_time, mins(51));
    assert!(c.future.lead_time_is_lower_bound());
    assert!((c.future.flow_efficiency.unwrap() - 1650.0 / 51.0).abs() < 1e-9);
    let constraint = c.future.constraint.as_ref().unwrap();
    assert_eq!(constraint.step.action, "Approve");
    assert_eq!(constraint.lead_time_saving, Duration::from_secs(1770));
    // Largest gaps first: Approve's wait (240 → 29.5), Deploy's wait (10 → 2), Checkout's wait
    // (5 → 1), Deploy's process (5 → 7); Approve's process (10 → unknown) comes after every
    // known gap. Then %C&A: Lint 99 → 80 (−19), Compile 90 → 71.4 (−18.6), UnitTests 95 → 80.
    let gaps = compare_with_model(&stream, &m).gaps;
    let head: Vec<(String, Figure)> = gaps
        .iter()
        .take(4)
        .map(|g| (g.step.action.clone(), g.figure))
        .collect();
    assert_eq!(
        head,
        [
            ("Approve".to_owned(), Figure::WaitTime),
            ("Deploy".to_owned(), Figure::WaitTime),
            ("Checkout".to_owned(), Figure::WaitTime),
            ("Deploy".to_owned(), Figure::ProcessTime),
        ]
    );
    assert!((gaps[0].difference().unwrap() + 210.5).abs() < 1e-9);
    let times = gaps
        .iter()
        .filter(|g| g.figure != Figure::CompleteAccurate)
        .count();
    assert_eq!(times, 12);
    assert_eq!(gaps[times - 1].step.action, "Approve");
    assert_eq!(gaps[times - 1].difference(), None);
    let yields: Vec<&str> = gaps[times..]
        .iter()
        .take(3)
        .map(|g| g.step.action.as_str())
        .collect();
    assert_eq!(yields, ["Lint", "Compile", "UnitTests"]);
}

fn temp() -> tempfile::TempDir {
    tempfile::TempDir::new().expect("a temporary directory")
}

#[test]
fn vsm_measure_with_a_stream_writes_the_measured_stream_and_map() {
    let dir = temp();
    let stream_file = dir.path().join("shop.json");
    std::fs::write(
        &stream_file,
        serde_json::to_string(&*shop_stream()).unwrap(),
    )
    .unwrap();
    let written = dir.path().join("measured.json");
    let svg = dir.path().join("measured.svg");
    let out = vsm()
        .args(["--stream"])
        .arg(&stream_file)
        .args(["measure", "--history"])
        .arg(shop_dir())
        .arg("--write")
        .arg(&written)
        .arg("--svg")
        .arg(&svg)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // The text report: the key metrics with their levels, the model beside the measurement,
    // the lead-time caveat, the definitions and the source of the levels.
    for needle in [
        "Measured value stream: shop",
        "Deployment frequency",
        "10.67 per day (4 deployments)",
        "median 55m, p85 1h 11m",
        "50.0% (2 change failures)",
        "Modelled vs measured",
        "Lead time",
        "4h 45m",
        "51m",
        "Constraint, measured: Release / Approve waits 29m 30s",
        "Release / Approve",
        "the time from commit to that start is not in the history",
        "Build / Legacy (1)",
        "Definitions",
        CITATION.split_whitespace().last().unwrap(),
    ] {
        assert!(flat.contains(needle), "{needle:?} missing from:\n{text}");
    }
    // --write: the stream's JSON form with measured annotations, which the same analysis reads
    // back to the measured lead time.
    let back: Stream = serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
    assert_eq!(
        back.action("Release", "Deploy")
            .unwrap()
            .annotations
            .process_time,
        Some(mins(7))
    );
    assert_eq!(
        back.action("Build", "Compile")
            .unwrap()
            .annotations
            .complete_accurate,
        Some(71.4)
    );
    assert_eq!(vsm::analysis::analyze(&back).lead_time, mins(51));
    // --svg: the map of measured figures, marked as measured.
    let picture = std::fs::read_to_string(&svg).unwrap();
    assert!(picture.starts_with("<svg"));
    assert!(picture.contains("<title>Measured value stream map: shop</title>"));
    assert!(picture.contains("Measured from the pipeline&apos;s history: medians of 10 executions"));
    assert!(picture.contains("Measured lead time"));
}

#[test]
fn vsm_measure_markdown_is_tables_for_a_pull_request() {
    let dir = temp();
    let stream_file = write_stream(&dir);
    let md = vsm()
        .args(["--stream"])
        .arg(&stream_file)
        .args(["measure", "--markdown", "--history"])
        .arg(shop_dir())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(md.starts_with("### Measured value stream: shop"));
    assert!(md.contains("| Deployment frequency | 10.67 per day (4 deployments) | Elite |"));
    assert!(
        md.contains("| Release / Approve (approval) | 4 | unknown | unknown | 29m 30s | 100.0% |")
    );
    assert!(md.contains("#### Modelled vs measured"));
    assert!(md.contains("<details><summary>Definitions</summary>"));
}

#[test]
fn the_embedded_command_line_measures_its_own_stream() {
    let dir = temp();
    let written = dir.path().join("measured.json");
    let code = vsm::cli::Cli::new(shop_stream()).run_with([
        "shop".as_ref(),
        "measure".as_ref(),
        "--history".as_ref(),
        shop_dir().as_os_str(),
        "--json".as_ref(),
        "--write".as_ref(),
        written.as_os_str(),
    ]);
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let back: Stream = serde_json::from_str(&std::fs::read_to_string(&written).unwrap()).unwrap();
    assert_eq!(
        back.action("Release", "Approve")
            .unwrap()
            .annotations
            .wait_time,
        Some(Duration::from_secs(1770))
    );
}

#[test]
fn malformed_history_is_refused_with_every_problem_named() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/malformed");
    let err = History::read_dir(&dir).unwrap_err();
    let lines: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 5, "{err}");
    let expect = [
        "list-pipeline-executions.json: pipelineExecutionSummaries[0].status: is missing",
        "list-pipeline-executions.json: pipelineExecutionSummaries[1].startTime: \"2025-03-03T09:00:00\" is not an ISO 8601 time with a UTC offset (no UTC offset",
        "list-pipeline-executions.json: pipelineExecutionSummaries[2].status: \"succeeded\" is not one of Cancelled, InProgress, Stopped, Stopping, Succeeded, Superseded, Failed",
        "list-pipeline-executions.json: pipelineExecutionSummaries[3].lastUpdateTime: 2025-03-03T08:50:00.000000+00:00 is before startTime",
        "list-action-executions.json: has no actionExecutionDetails: expected what `aws codepipeline list-action-executions --pipeline-name NAME` prints (it holds pipelineExecutionSummaries: are the two files swapped?)",
    ];
    for (line, want) in lines.iter().zip(expect) {
        assert!(line.contains(want), "{line}\n  should contain\n{want}");
    }
    // The command line: exit 2, every problem on standard error, no get-pipeline needed first.
    let keep = temp();
    let out = vsm()
        .args(["--stream"])
        .arg(write_stream(&keep))
        .args(["measure", "--history"])
        .arg(&dir)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: the history cannot be read:"),
        "{stderr}"
    );
    for want in expect {
        assert!(
            stderr.contains(&want[want.find(": ").unwrap() + 2..][..30]),
            "{stderr}"
        );
    }
}

fn write_stream(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("shop.json");
    std::fs::write(&path, serde_json::to_string(&*shop_stream()).unwrap()).unwrap();
    path
}

#[test]
fn the_command_line_says_what_it_needs() {
    // No stream and no get-pipeline.json: how to get one.
    let dir = temp();
    for file in [
        "list-pipeline-executions.json",
        "list-action-executions.json",
    ] {
        std::fs::copy(shop_dir().join(file), dir.path().join(file)).unwrap();
    }
    let out = vsm()
        .args(["measure", "--history"])
        .arg(dir.path())
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("aws codepipeline get-pipeline --name NAME >"),
        "{stderr}"
    );
    // --write needs the stream.
    let out = vsm()
        .args(["measure", "--write", "x.json", "--history"])
        .arg(shop_dir())
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("--write, --svg and --html need the stream"));
    // A bound that is not a time, and bounds the wrong way round.
    let out = vsm()
        .args(["measure", "--since", "last week", "--history"])
        .arg(shop_dir())
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("--since: \"last week\" is neither a duration"));
    vsm()
        .args([
            "measure",
            "--since",
            "2025-03-04",
            "--until",
            "2025-03-03",
            "--history",
        ])
        .arg(shop_dir())
        .assert()
        .code(2);
    // A directory that does not exist: the file it looked for.
    let out = vsm()
        .args(["measure", "--history", "/nonexistent/history"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("/nonexistent/history/list-pipeline-executions.json: cannot be read"));
}

#[test]
fn docs_state_every_definition_as_the_report_does() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/measure.md"))
            .expect("docs/measure.md");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let docs = flat(&docs);
    for (term, text) in DEFINITIONS.iter().chain(PLACEMENT.iter()) {
        assert!(
            docs.contains(&flat(&format!("**{term}**: {text}"))),
            "docs/measure.md lacks the definition of {term} as the report states it"
        );
    }
    assert!(docs.contains(CITATION));
    assert!(docs.contains(&flat(REWORK_CITATION)));
}

/// The generated year of mock-pipeline's history: its size and mix, and figures that follow
/// the generator's drifts.
#[test]
fn a_year_of_mock_pipeline_history_is_measured() {
    let stream = streams::mock_pipeline();
    let y = year::year(&stream, 2025);
    assert!(
        (3_000..3_400).contains(&y.execution_count),
        "{}",
        y.execution_count
    );
    assert!(
        (55_000..65_000).contains(&y.action_count),
        "{}",
        y.action_count
    );
    let history = History::from_json(
        vsm::measure::Input::new("executions", &y.executions),
        vsm::measure::Input::new("actions", &y.actions),
    )
    .expect("the generated year reads");
    assert_eq!(history.executions.len(), y.execution_count);
    assert_eq!(history.actions.len(), y.action_count);
    let m = measure(&history, &Structure::of_stream(&stream), Window::default());
    let d = &m.delivery;
    // Failures, retries, stops and rollbacks are all there.
    assert!(
        d.failed > 50 && d.rollbacks > 50 && d.change_failures > 50,
        "{d:?}"
    );
    assert!(
        d.executions > d.succeeded + d.failed,
        "some executions were stopped"
    );
    assert!(m.actions.iter().any(|a| a.first_pass < a.finished_in));
    assert!((350.0..375.0).contains(&m.window.unwrap().days()));
    // Every action ran; measured medians follow the model times the action's drift (drawn
    // again here from the same seed) within the noise.
    let drifts = year::steps(&stream, &mut year::Rng::new(2025));
    for s in &drifts {
        let a = m.action(&s.stage, &s.name).unwrap();
        assert!(a.executions > 2_000, "{}/{}", s.stage, s.name);
        let wait = a.wait.median.unwrap().as_secs_f64();
        let expected = s.wait * s.wait_drift;
        assert!(
            (wait / expected - 1.0).abs() < 0.15,
            "{} wait {wait} vs {expected}",
            s.name
        );
        if !s.approval {
            let process = a.process.median.unwrap().as_secs_f64();
            let expected = s.process * s.process_drift;
            assert!(
                (process / expected - 1.0).abs() < 0.15,
                "{} process {process} vs {expected}",
                s.name
            );
        }
    }
    // The same year through the command line, written where the AWS CLI would write it.
    let dir = temp();
    std::fs::write(
        dir.path().join("list-pipeline-executions.json"),
        &y.executions,
    )
    .unwrap();
    std::fs::write(dir.path().join("list-action-executions.json"), &y.actions).unwrap();
    let stream_file = dir.path().join("stream.json");
    std::fs::write(&stream_file, serde_json::to_string(&*stream).unwrap()).unwrap();
    let v = json_of(
        vsm()
            .arg("--stream")
            .arg(&stream_file)
            .args(["measure", "--json", "--history"])
            .arg(dir.path()),
    );
    assert_eq!(v["deployments"], d.deployments);
    assert_eq!(v["actions"].as_array().unwrap().len(), 19);
}
