//! Change lead time and rework from a real Git repository made here with chosen committer
//! times. Expected figures are computed by hand below, and the commits of each deployment by
//! `git rev-list` on a generated repository.

use serde_json::{json, Value};
use std::path::Path;
use vsm::measure::{
    measure_with, shipped_from_repository, History, Input, Level, Structure, Window,
};

use super::git::{Repo, T0};
use super::{json_of, temp, vsm, Run};

/// A pipeline execution at minutes after T0, with revisions of source actions App and Config.
fn exec(id: &str, status: &str, start: i64, last: i64, trigger: &str, app: &str) -> Value {
    json!({
        "pipelineExecutionId": id, "status": status,
        "startTime": T0 + start * 60, "lastUpdateTime": T0 + last * 60,
        "trigger": {"triggerType": trigger},
        "sourceRevisions": [
            {"actionName": "App", "revisionId": app, "revisionSummary": "a change"},
            {"actionName": "Config", "revisionId": "3sL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY"}
        ]
    })
}

/// Source [App (GitHub), Config (S3)] → Deploy [Ship].
const GET_PIPELINE: &str = r#"{"pipeline": {"name": "shop", "stages": [
  {"name": "Source", "actions": [
    {"name": "App", "actionTypeId": {"category": "Source"}},
    {"name": "Config", "actionTypeId": {"category": "Source"}}]},
  {"name": "Deploy", "actions": [{"name": "Ship", "actionTypeId": {"category": "Deploy"}}]}]}}"#;

/// The hand-made repository and history: returns the history directory.
///
/// | commit | minute | parents  | message                 |
/// | c1     |  −600  |          | Initial                 |
/// | c2     |  −300  | c1       | Add cart                |
/// | c3     |  −120  | c2       | Add checkout            |
/// | c4     |    60  | c3       | Add prices              |
/// | f1     |    70  | c4       | Coupons (a branch)      |
/// | c5     |    80  | c4       | Tune cache              |
/// | m1     |   100  | c5, f1   | Merge coupons           |
/// | c6     |   175  | m1       | Revert "Tune cache"     |
/// | c7     |   240  | c6       | fix: rounding           |
/// | c8     |   265  | c7       | Add search              |
/// | c9     |   340  | c8       | Hotfix: search crash    |
///
/// | exec | start–last | status    | trigger        | App revision |
/// | e01  |   0–50     | Succeeded | Webhook        | c3           |
/// | e02  | 110–150    | Succeeded | Webhook        | m1           |
/// | r01  | 160–170    | Succeeded | ManualRollback | c3           |
/// | e03  | 180–230    | Succeeded | Webhook        | c6           |
/// | e04  | 250–260    | Failed    | Webhook        | c7           |
/// | e05  | 270–330    | Succeeded | Webhook        | c8           |
/// | e06  | 345–400    | Succeeded | Webhook        | c9           |
/// | e07  | 410–450    | Succeeded | Webhook        | c9 (again)   |
fn shop(dir: &Path) -> (Repo, std::path::PathBuf) {
    let r = Repo::init(&dir.join("repo.git"));
    let c1 = r.commit("Initial", -600, &[]);
    let c2 = r.commit("Add cart", -300, &[&c1]);
    let c3 = r.commit("Add checkout", -120, &[&c2]);
    let c4 = r.commit("Add prices", 60, &[&c3]);
    let f1 = r.commit("Coupons", 70, &[&c4]);
    let c5 = r.commit("Tune cache", 80, &[&c4]);
    let m1 = r.commit("Merge coupons", 100, &[&c5, &f1]);
    let revert = format!("Revert \"Tune cache\"\n\nThis reverts commit {c5}.");
    let c6 = r.commit(&revert, 175, &[&m1]);
    let c7 = r.commit("fix: rounding", 240, &[&c6]);
    let c8 = r.commit("Add search", 265, &[&c7]);
    let c9 = r.commit("Hotfix: search crash", 340, &[&c8]);
    let executions = json!({"pipelineExecutionSummaries": [
        exec("e01", "Succeeded", 0, 50, "Webhook", &c3),
        exec("e02", "Succeeded", 110, 150, "Webhook", &m1),
        exec("r01", "Succeeded", 160, 170, "ManualRollback", &c3),
        exec("e03", "Succeeded", 180, 230, "Webhook", &c6),
        exec("e04", "Failed", 250, 260, "Webhook", &c7),
        exec("e05", "Succeeded", 270, 330, "Webhook", &c8),
        exec("e06", "Succeeded", 345, 400, "Webhook", &c9),
        exec("e07", "Succeeded", 410, 450, "Webhook", &c9),
    ]});
    let history = dir.join("history");
    write_history(&history, &executions);
    (r, history)
}

fn write_history(history: &Path, executions: &Value) {
    std::fs::create_dir_all(history).unwrap();
    std::fs::write(
        history.join("list-pipeline-executions.json"),
        executions.to_string(),
    )
    .unwrap();
    std::fs::write(
        history.join("list-action-executions.json"),
        r#"{"actionExecutionDetails": []}"#,
    )
    .unwrap();
    std::fs::write(history.join("get-pipeline.json"), GET_PIPELINE).unwrap();
}

fn structure() -> Structure {
    Structure::from_get_pipeline(Input::new("get-pipeline.json", GET_PIPELINE)).unwrap()
}

fn close(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|v| (v - want).abs() < 1e-4)
}

#[test]
fn change_lead_time_counts_each_commit_from_its_time_to_its_deployment() {
    let dir = temp();
    let (repo, history) = shop(dir.path());
    let v = json_of(
        vsm()
            .args(["measure", "--json", "--history"])
            .arg(&history)
            .arg("--git")
            .arg(&repo.dir),
    );
    // e01 is the first deployment: no base, its commits are not counted. e02 ships m1 c5 f1
    // c4 (c3 is e01's): 150 − 100, 150 − 80, 150 − 70, 150 − 60 = 50 70 80 90. The rollback
    // r01 is no deployment. e03 ships c6: 230 − 175 = 55. e04 failed. e05 ships c7 c8 (base
    // c6): 330 − 240 = 90, 330 − 265 = 65. e06 ships c9: 400 − 340 = 60. e07 ships nothing.
    // Sorted: 50 55 60 65 70 80 90 90. Median rank 3.5 → 65 + 0.5 × 5 = 67.5; p85 rank 5.95 →
    // 80 + 0.95 × 10 = 89.5; p95 rank 6.65 → 90.
    assert_eq!(v["changes"], 8);
    assert!(close(&v["change_lead_time_median_minutes"], 67.5), "{v}");
    assert!(close(&v["change_lead_time_p85_minutes"], 89.5), "{v}");
    assert!(close(&v["change_lead_time_p95_minutes"], 90.0), "{v}");
    assert_eq!(v["dora_levels"]["change_lead_time"], "Elite");
    // Deployments e01 e02 e03 e05 e06 e07; e02 is followed by the rollback: one change
    // failure. Rework: e03 (the first deployment after it, which also ships a revert) and e06
    // (a hotfix); c7's "fix:" does not count. 2 / 6.
    assert_eq!(v["deployments"], 6);
    assert_eq!(v["change_failures"], 1);
    assert_eq!(v["rework_deployments"], 2);
    assert!(
        close(&v["deployment_rework_rate_percent"], 100.0 / 3.0),
        "{v}"
    );
    // Without the commits, only e03 is rework, and the change keys are null.
    let plain = json_of(vsm().args(["measure", "--json", "--history"]).arg(&history));
    assert_eq!(plain["rework_deployments"], 1);
    assert!(plain["changes"].is_null() && plain["change_lead_time_median_minutes"].is_null());
    assert!(plain["dora_levels"]["change_lead_time"].is_null());
}

#[test]
fn the_deployment_before_the_window_sets_the_first_ones_base() {
    let dir = temp();
    let (repo, history) = shop(dir.path());
    let since = vsm::measure::Timestamp::from_epoch_seconds((T0 + 200 * 60) as f64).unwrap();
    let h = History::read_dir(&history).unwrap();
    let window = Window {
        since: Some(since),
        until: None,
    };
    let shipped = shipped_from_repository(&h, &structure(), window, None, &repo.dir).unwrap();
    let m = measure_with(&h, &structure(), window, Some(&shipped));
    // From minute 200: e05 e06 e07. e05's base is e03's revision c6, outside the window: it
    // ships c7 c8 (90, 65); e06 c9 (60); e07 nothing. Sorted 60 65 90: median 65.
    let c = m.delivery.changes.as_ref().unwrap();
    assert_eq!((c.commits, c.without_base), (3, 0));
    assert_eq!(c.lead_time.median.unwrap().as_secs(), 65 * 60);
    assert_eq!(m.dora.change_lead_time, Some(Level::Elite));
    // Rework in the window: e06's hotfix only.
    assert_eq!(m.delivery.rework_deployments, 1);
    // The whole history: e01 has no earlier deployment.
    let all = shipped_from_repository(&h, &structure(), Window::default(), None, &repo.dir);
    assert_eq!(all.unwrap().without_base, ["e01"]);
}

#[test]
fn text_report_names_change_lead_time_and_what_is_not_counted() {
    let dir = temp();
    let (repo, history) = shop(dir.path());
    let out = vsm()
        .args(["measure", "--history"])
        .arg(&history)
        .arg("--git")
        .arg(&repo.dir)
        .stdout_text();
    let text = out;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Change lead time median 1h 8m, p85 1h 30m (8 commits) Elite",
        "Deployment rework rate 33.3% (2 rework deployments) no level",
        "8 commits through source action App",
        "1 deployment with no earlier deployment in the history to set its base",
        "dora.dev/guides/dora-metrics",
    ] {
        assert!(flat.contains(needle), "{needle:?} missing from:\n{text}");
    }
}

#[test]
fn bad_repositories_and_revisions_are_named_with_the_fix() {
    let dir = temp();
    let (repo, history) = shop(dir.path());
    let stderr = |args: &[&str], git: &Path| {
        let out = vsm()
            .args(["measure", "--history"])
            .arg(&history)
            .arg("--git")
            .arg(git)
            .args(args)
            .stderr_text(2);
        out
    };
    let e = stderr(&[], dir.path());
    assert!(
        e.contains("not a Git repository") && e.contains("local clone"),
        "{e}"
    );
    let e = stderr(&["--source-action", "Config"], &repo.dir);
    assert!(e.contains("is not a Git commit id"), "{e}");
    let e = stderr(&["--source-action", "Nope"], &repo.dir);
    assert!(
        e.contains("--source-action Nope") && e.contains("App, Config"),
        "{e}"
    );
    // A revision the clone does not have: the execution, the revision and how to fix it.
    let missing = "0123456789abcdef0123456789abcdef01234567";
    let executions = json!({"pipelineExecutionSummaries": [
        exec("e01", "Succeeded", 0, 50, "Webhook", missing)]});
    let other = dir.path().join("other");
    write_history(&other, &executions);
    let out = vsm()
        .args(["measure", "--history"])
        .arg(&other)
        .arg("--git")
        .arg(&repo.dir)
        .stderr_text(2);
    let e = out;
    assert!(
        e.contains(&format!(
            "execution e01 (started 2025-03-03 09:00 UTC): source revision {missing} is not in"
        )) && e.contains("fetch"),
        "{e}"
    );
}

/// A generated repository with branches and merges, and deployments of random revisions
/// (older ones too): each deployment's commits are those `git rev-list tip --not earlier…`
/// lists.
#[test]
fn each_deployment_ships_what_git_rev_list_lists() {
    let dir = temp();
    let repo = Repo::init(&dir.path().join("repo.git"));
    let mut rng = super::year::Rng::new(7);
    let mut commits: Vec<String> = Vec::new();
    let mut minute = 0;
    for i in 0..50 {
        minute += 1 + (rng.unit() * 20.0) as i64;
        let parents: Vec<&str> = match commits.len() {
            0 => vec![],
            n => {
                let first = n - 1 - (rng.unit() * n.min(6) as f64) as usize;
                let mut p = vec![commits[first].as_str()];
                if n > 3 && rng.unit() < 0.2 {
                    p.push(commits[(rng.unit() * n as f64) as usize].as_str());
                    p.dedup();
                }
                p
            }
        };
        let message = if i % 9 == 4 { "Revert \"x\"" } else { "Change" };
        let id = repo.commit(message, minute, &parents);
        commits.push(id);
    }
    let mut executions = Vec::new();
    let mut tips: Vec<&str> = Vec::new();
    for i in 0..15 {
        let start = minute + 10 + i * 30;
        let tip = &commits[10 + (rng.unit() * 40.0) as usize];
        executions.push(exec(
            &format!("e{i:02}"),
            "Succeeded",
            start,
            start + 20,
            "Webhook",
            tip,
        ));
        tips.push(tip);
    }
    let history = dir.path().join("history");
    write_history(
        &history,
        &json!({ "pipelineExecutionSummaries": executions }),
    );
    let h = History::read_dir(&history).unwrap();
    let shipped =
        shipped_from_repository(&h, &structure(), Window::default(), None, &repo.dir).unwrap();
    let m = measure_with(&h, &structure(), Window::default(), Some(&shipped));
    let samples = &m.delivery.samples.deployments;
    assert_eq!(samples.len(), 15);
    for (i, sample) in samples.iter().enumerate().skip(1) {
        let deployed = minute + 10 + i as i64 * 30 + 20;
        let mut expected: Vec<f64> = repo
            .range_minutes(tips[i], &tips[..i])
            .iter()
            .map(|m| ((deployed - m) * 60) as f64)
            .collect();
        expected.sort_by(f64::total_cmp);
        let mut got = sample.change_lead_times.clone().unwrap();
        got.sort_by(f64::total_cmp);
        assert_eq!(got, expected, "deployment {i}");
    }
    assert!(samples[0].change_lead_times.is_none());
}
