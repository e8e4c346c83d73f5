//! `vsm measure --pipeline` against a loopback double of the CodePipeline API
//! (tests/it/support/codepipeline.rs): pagination, throttling and server errors retried with
//! backoff, a persistent throttle that gives up cleanly, and the cache, which makes a re-run
//! fetch only new or changed executions.

use crate::support::codepipeline;
use crate::support::git;

use assert_cmd::Command;
use codepipeline::{Fault, Server};
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use vsm::measure::{ExecutionStatus, History, PipelineExecution, Timestamp};

fn shop_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/shop")
}

fn shop() -> (History, Value) {
    let history = History::read_dir(&shop_dir()).expect("the shop history");
    let pipeline = std::fs::read_to_string(shop_dir().join("get-pipeline.json")).unwrap();
    (history, serde_json::from_str(&pipeline).unwrap())
}

/// The `vsm` binary in the tests' AWS environment, pointed at `server`.
fn vsm(server: &Server) -> Command {
    let mut cmd = crate::support::vsm();
    cmd.args(["--endpoint-url", &server.endpoint()]);
    cmd
}

fn run_json(cmd: &mut Command) -> Value {
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON on standard output")
}

/// What `vsm measure --history` gives for the same files.
fn from_files() -> Value {
    let out = Command::cargo_bin("vsm")
        .unwrap()
        .args(["measure", "--json", "--history"])
        .arg(shop_dir())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn live_reading_pages_through_and_retries_throttling_and_server_errors() {
    let (history, pipeline) = shop();
    // Three records a page: 10 executions are 4 pages; e01's 7 action executions are 3.
    let server = Server::start(&history, pipeline, 3);
    server.fail("ListPipelineExecutions", Fault::Throttle, 2);
    let home = TempDir::new().unwrap();
    // The first page is throttled twice, then served; then one action listing fails with 500.
    let v = {
        let mut cmd = vsm(&server);
        cmd.args(["measure", "--pipeline", "shop", "--json", "--cache"])
            .arg(home.path().join("cache"));
        // Queue the 500 behind the throttles: it hits the first ListActionExecutions.
        server.fail("ListActionExecutions", Fault::ServerError, 1);
        run_json(&mut cmd)
    };
    // The same figures as from the files the AWS CLI writes.
    assert_eq!(v, from_files());
    let requests = server.requests();
    let listing: Vec<(Option<String>, bool)> = requests
        .iter()
        .filter(|r| r.operation == "ListPipelineExecutions")
        .map(|r| {
            (
                r.body["nextToken"].as_str().map(str::to_owned),
                r.answered.is_ok(),
            )
        })
        .collect();
    assert_eq!(
        listing,
        [
            (None, false),
            (None, false),
            (None, true),
            (Some("page-3".to_owned()), true),
            (Some("page-6".to_owned()), true),
            (Some("page-9".to_owned()), true),
        ]
    );
    assert!(requests
        .iter()
        .filter(|r| r.operation == "ListPipelineExecutions")
        .all(|r| r.body["pipelineName"] == "shop"));
    // Every execution's action executions, by filter, page by page, after one retried 500.
    let actions: Vec<&codepipeline::Request> = requests
        .iter()
        .filter(|r| r.operation == "ListActionExecutions")
        .collect();
    assert_eq!(actions[0].answered, Err(Fault::ServerError));
    assert_eq!(
        actions[1].body, actions[0].body,
        "the 500 is retried as it was"
    );
    let mut filtered: Vec<&str> = actions
        .iter()
        .filter(|r| r.answered.is_ok() && r.body.get("nextToken").is_none())
        .map(|r| r.body["filter"]["pipelineExecutionId"].as_str().unwrap())
        .collect();
    filtered.sort_unstable();
    assert_eq!(filtered.len(), 10);
    assert!(
        actions.iter().any(|r| r.body["nextToken"] == "page-3"),
        "e01 has 3 pages"
    );
    // No stream: the structure came from GetPipeline.
    assert_eq!(server.count("GetPipeline"), 1);
}

#[test]
fn throttling_that_does_not_stop_gives_up_with_the_service_error() {
    let (history, pipeline) = shop();
    let server = Server::start(&history, pipeline, 100);
    server.fail("ListPipelineExecutions", Fault::Throttle, 5);
    let home = TempDir::new().unwrap();
    let out = vsm(&server)
        .args([
            "measure",
            "--pipeline",
            "shop",
            "--max-attempts",
            "2",
            "--cache",
        ])
        .arg(home.path().join("cache"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot list the executions of shop: ThrottlingException: Rate exceeded"),
        "{stderr}"
    );
    // --max-attempts 2: the first try and one retry.
    assert_eq!(server.count("ListPipelineExecutions"), 2);
    // A pipeline that does not exist: the service's own words.
    let out = vsm(&server)
        .args(["measure", "--pipeline", "nope", "--cache"])
        .arg(home.path().join("cache"))
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("PipelineNotFoundException"), "{stderr}");
}

fn with(history: &History, changed: impl FnOnce(&mut Vec<PipelineExecution>)) -> History {
    let mut executions = history.executions.clone();
    changed(&mut executions);
    History::new(executions, history.actions.clone())
}

#[test]
fn a_rerun_fetches_only_new_and_changed_executions() {
    let (full, pipeline) = shop();
    // First run: e10 is still running.
    let first = with(&full, |e| {
        let e10 = e.iter_mut().find(|e| e.id.starts_with("e10")).unwrap();
        e10.status = ExecutionStatus::InProgress;
    });
    let server = Server::start(&first, pipeline, 3);
    let home = TempDir::new().unwrap();
    let cache = home.path().join("cache");
    let run = |server: &Server| {
        run_json(
            vsm(server)
                .args(["measure", "--pipeline", "shop", "--json", "--cache"])
                .arg(&cache),
        )
    };
    run(&server);
    assert_eq!(server.count("ListPipelineExecutions"), 4);
    let first_actions = server.count("ListActionExecutions");
    assert!(first_actions >= 10, "{first_actions}");
    let dir = cache.join("us-east-1").join("shop");
    for file in [
        "list-pipeline-executions.json",
        "list-action-executions.json",
        "get-pipeline.json",
        "vsm-cache.json",
    ] {
        assert!(dir.join(file).is_file(), "{file} not cached");
    }
    // The cache is itself a history `--history` reads.
    assert_eq!(History::read_dir(&dir).unwrap().executions.len(), 10);

    // Second run: e10 has stopped, and a new execution e11 succeeded.
    let e11_start = Timestamp::parse("2025-03-03T18:10:00Z").unwrap();
    let second = with(&full, |e| {
        e.push(PipelineExecution {
            id: "e11-0000-4000-8000-000000000000".to_owned(),
            status: ExecutionStatus::Succeeded,
            start: e11_start,
            last_update: Timestamp::parse("2025-03-03T18:40:00Z").unwrap(),
            trigger_type: Some("Webhook".to_owned()),
            execution_type: Some("STANDARD".to_owned()),
            source_revisions: Vec::new(),
            rollback_target: None,
        })
    });
    server.set_history(&second);
    server.clear_requests();
    let v = run(&server);
    // One page of executions (e11 new, e10 changed, e09 known and final: stop), and the action
    // executions of e11 and e10 only.
    assert_eq!(server.count("ListPipelineExecutions"), 1);
    let mut fetched: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.operation == "ListActionExecutions")
        .map(|r| r.body["filter"]["pipelineExecutionId"].as_str().unwrap()[..3].to_owned())
        .collect();
    fetched.dedup();
    assert_eq!(fetched, ["e11", "e10"]);
    // The report covers all eleven: e11 is a fifth deployment over 0 → 580 minutes.
    assert_eq!(v["deployments"], 5);
    assert_eq!(v["window_days"], 0.4028);
    // A third run with nothing new lists one page and fetches nothing else.
    server.clear_requests();
    run(&server);
    assert_eq!(server.count("ListPipelineExecutions"), 1);
    assert_eq!(server.count("ListActionExecutions"), 0);
}

#[test]
fn since_stops_the_listing_at_older_executions() {
    let (history, pipeline) = shop();
    let server = Server::start(&history, pipeline, 3);
    let home = TempDir::new().unwrap();
    let v = run_json(
        vsm(&server)
            .args([
                "measure",
                "--pipeline",
                "shop",
                "--json",
                "--since",
                "2025-03-03T14:00:00Z",
            ])
            .arg("--cache")
            .arg(home.path().join("cache")),
    );
    // Newest first, three a page: [e10 e09 e08] [e07 e06 e05] [e04 …]: e04 started before 14:00,
    // so the listing stops there, and only e05–e10's action executions are read.
    assert_eq!(server.count("ListPipelineExecutions"), 3);
    let mut fetched: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.operation == "ListActionExecutions")
        .map(|r| r.body["filter"]["pipelineExecutionId"].as_str().unwrap()[..3].to_owned())
        .collect();
    fetched.dedup();
    assert_eq!(fetched, ["e10", "e09", "e08", "e07", "e06", "e05"]);
    // The figures of the files with the same bound.
    let files = Command::cargo_bin("vsm")
        .unwrap()
        .args([
            "measure",
            "--json",
            "--since",
            "2025-03-03T14:00:00Z",
            "--history",
        ])
        .arg(shop_dir())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(v, serde_json::from_slice::<Value>(&files).unwrap());
    assert_eq!(v["deployments"], 2);
}

/// `vsm import --pipeline` reads the declaration with GetPipeline and imports it: the same
/// stages, actions and run orders, as the JSON form.
#[test]
fn import_reads_a_deployed_pipeline() {
    let (history, pipeline) = shop();
    let server = Server::start(&history, pipeline.clone(), 100);
    let stream = run_json(vsm(&server).args(["import", "--pipeline", "shop", "--to", "json"]));
    let shape = |stages: &Value, name: &str, order: &str| -> Vec<(String, Vec<(String, u64)>)> {
        stages
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let actions = s["actions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| {
                        let n = a[name].as_str().unwrap().to_owned();
                        (n, a[order].as_u64().unwrap_or(1))
                    })
                    .collect();
                (s[name].as_str().unwrap().to_owned(), actions)
            })
            .collect()
    };
    assert_eq!(stream["name"], "shop");
    assert_eq!(
        shape(&stream["stages"], "name", "run_order"),
        shape(&pipeline["pipeline"]["stages"], "name", "runOrder")
    );
    assert_eq!(server.count("GetPipeline"), 1);
}

/// `--pipeline NAME --git REPO`: the revisions the API returns, read live, give the same
/// change lead time as the same history read from files.
#[test]
fn live_reading_measures_change_lead_time_from_the_repository() {
    let (mut history, pipeline) = shop();
    let home = TempDir::new().unwrap();
    let repo = git::Repo::init(&home.path().join("repo.git"));
    // One commit 30 minutes before each execution starts (minutes after 2025-03-03T09:00Z).
    let mut parent: Option<String> = None;
    let t0 = Timestamp::parse("2025-03-03T09:00:00Z").unwrap();
    for e in &mut history.executions {
        let minute = (e.start.seconds_since(t0) / 60.0) as i64 - 30;
        let parents: Vec<&str> = parent.iter().map(String::as_str).collect();
        let id = repo.commit("Change", minute, &parents);
        e.source_revisions = vec![vsm::measure::SourceRevision {
            action: "Checkout".to_owned(),
            revision: id.clone(),
        }];
        parent = Some(id);
    }
    let files = home.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    std::fs::write(
        files.join("list-pipeline-executions.json"),
        history.executions_json(),
    )
    .unwrap();
    std::fs::write(
        files.join("list-action-executions.json"),
        history.actions_json(),
    )
    .unwrap();
    std::fs::copy(
        shop_dir().join("get-pipeline.json"),
        files.join("get-pipeline.json"),
    )
    .unwrap();
    let server = Server::start(&history, pipeline, 3);
    let live = run_json(
        vsm(&server)
            .args(["measure", "--pipeline", "shop", "--json", "--git"])
            .arg(&repo.dir)
            .arg("--cache")
            .arg(home.path().join("cache")),
    );
    let from_files = run_json(
        Command::cargo_bin("vsm")
            .unwrap()
            .args(["measure", "--json", "--history"])
            .arg(&files)
            .arg("--git")
            .arg(&repo.dir),
    );
    assert_eq!(live, from_files);
    // Deployments e01 e03 e05 e08: each after the first ships the commits of the executions
    // since the previous one (e02 e03; e04 e05; e06 e07 e08), each made 30 minutes before its
    // execution started.
    assert_eq!(live["changes"], 7);
    assert_eq!(live["dora_levels"]["change_lead_time"], "Elite");
}
