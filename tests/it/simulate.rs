//! A map that runs like the map (`simulate: "1h=1s"`): mock steps become Step Functions
//! invokes of one Wait state machine with their scaled durations, and `vsm measure` reads the
//! scaled history back in map time. The template is written to `target/measure-templates/`
//! for cfn-lint and checkov (`scripts/test` lints it).

use crate::support::Emit;
use assert_cmd::Command;
use serde_json::{json, Value};
use std::time::Duration;
use vsm::builder::{connection, mock};
use vsm::kinds::mock::simulate::definition;
use vsm::kinds::GitProvider;
use vsm::model::TimeScale;
use vsm::time::{days, hours, mins};
use vsm::ValueStream;

/// Source, then A (wait 2h + process 1h = 3h → 3 s), then B (wait 1d + process 4h = 28h →
/// 28 s) and C (no annotations → 0 s) in parallel, at one hour = one second.
fn simulated() -> ValueStream {
    ValueStream::builder("sim")
        .simulate("1h=1s".parse::<TimeScale>().unwrap())
        .source("Source", |s| {
            s.action(connection("App", GitProvider::GitHub, "acme/sim", "main").outputs(["Src"]))
        })
        .stage("Build", |s| {
            s.action(mock("A").wait(hours(2)).process(hours(1)))
                .then()
                .action(mock("B").wait(days(1)).process(hours(4)))
                .action(mock("C"))
        })
        .stage("Ship", |s| {
            s.action(mock("D").wait(mins(20)).process(mins(10)))
        })
        .build()
        .unwrap()
}

fn action(t: &Value, stage: usize, i: usize) -> &Value {
    &t["Resources"]["Pipeline"]["Properties"]["Stages"][stage]["Actions"][i]
}

#[test]
fn mock_steps_wait_their_scaled_time_in_one_state_machine() {
    let template = simulated().template();
    let json = template.to_json_pretty();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/measure-templates");
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(format!("{dir}/simulated.json"), &json).unwrap();
    let t = template.to_value();
    // Seconds computed by hand: 3h → 3, 28h → 28, none → 0, 30m → 0.5 → 1 (rounded).
    for ((stage, i), name, seconds) in [
        ((1, 0), "A", 3),
        ((1, 1), "B", 28),
        ((1, 2), "C", 0),
        ((2, 0), "D", 1),
    ] {
        let a = action(&t, stage, i);
        assert_eq!(a["Name"], name);
        assert_eq!(
            a["ActionTypeId"],
            json!({"Category": "Invoke", "Owner": "AWS", "Provider": "StepFunctions", "Version": "1"})
        );
        assert_eq!(
            a["Configuration"]["StateMachineArn"],
            json!({"Ref": "SimulatedStep"})
        );
        let input: Value =
            serde_json::from_str(a["Configuration"]["Input"].as_str().unwrap()).unwrap();
        assert_eq!(input, json!({"seconds": seconds}), "{name}");
    }
    assert_eq!(action(&t, 1, 1)["RunOrder"], 2);
    let r = &t["Resources"];
    assert!(
        r.get("MockStep").is_none(),
        "no function runs while a step waits"
    );
    let machine = &r["SimulatedStep"];
    assert_eq!(machine["Type"], "AWS::StepFunctions::StateMachine");
    assert_eq!(machine["Properties"]["Definition"], definition());
    let states = &definition()["States"];
    assert_eq!(
        states["Wait"],
        json!({"Type": "Wait", "SecondsPath": "$.seconds", "Next": "Done"})
    );
    // The machine's role may do nothing; the pipeline role may start it and watch its runs.
    let role = &r["SimulatedStepRole"]["Properties"];
    assert!(role.get("Policies").is_none() && role.get("ManagedPolicyArns").is_none());
    let statements = r["PipelineRole"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"]
        .as_array()
        .unwrap();
    let sid = |s: &str| statements.iter().find(|x| x["Sid"] == s).unwrap();
    assert_eq!(
        sid("StartSimulatedSteps")["Resource"],
        json!([{"Ref": "SimulatedStep"}])
    );
    assert_eq!(
        sid("WatchSimulatedSteps")["Resource"],
        json!([{"Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${SimulatedStep.Name}:*"}])
    );
    assert!(statements.iter().all(|s| s["Sid"] != "InvokeFunctions"));
}

#[test]
fn without_the_setting_mock_steps_invoke_the_function() {
    let mut model = simulated().into_inner();
    model.settings.simulate = None;
    let t = ValueStream::new(model).unwrap().template().to_value();
    assert_eq!(action(&t, 1, 0)["ActionTypeId"]["Provider"], "Lambda");
    assert!(t["Resources"].get("SimulatedStep").is_none());
}

#[test]
fn the_scale_unscales_times_back() {
    let s: TimeScale = "1h=1s".parse().unwrap();
    assert_eq!(s.unscale(Duration::from_secs(28)), hours(28));
}

fn at(seconds: u64) -> String {
    format!("2025-03-01T00:00:{seconds:02}Z")
}

/// One run of the simulated pipeline as CodePipeline records it (seconds after midnight):
/// App 0–2, A 3–6 (1 s after App), B 6–34 and C 6–6, D 34–35; the execution 0–35.
fn write_history(dir: &std::path::Path) {
    let exec = json!({"pipelineExecutionSummaries": [{
        "pipelineExecutionId": "e1", "status": "Succeeded", "startTime": at(0),
        "lastUpdateTime": at(35), "trigger": {"triggerType": "Webhook"}
    }]});
    let row = |id: &str, stage: &str, name: &str, from: u64, to: u64| {
        json!({"pipelineExecutionId": "e1", "actionExecutionId": id, "stageName": stage,
               "actionName": name, "status": "Succeeded", "startTime": at(from), "lastUpdateTime": at(to)})
    };
    let actions = json!({"actionExecutionDetails": [
        row("a1", "Source", "App", 0, 2), row("a2", "Build", "A", 3, 6),
        row("a3", "Build", "B", 6, 34), row("a4", "Build", "C", 6, 6), row("a5", "Ship", "D", 34, 35),
    ]});
    std::fs::write(dir.join("list-pipeline-executions.json"), exec.to_string()).unwrap();
    std::fs::write(dir.join("list-action-executions.json"), actions.to_string()).unwrap();
}

fn measure(dir: &std::path::Path, stream: &std::path::Path, extra: &[&str]) -> Value {
    let out = Command::cargo_bin("vsm")
        .unwrap()
        .arg("--stream")
        .arg(stream)
        .args(["measure", "--json", "--history"])
        .arg(dir)
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

#[test]
fn vsm_measure_reads_a_simulated_history_in_map_time() {
    let dir = tempfile::TempDir::new().unwrap();
    write_history(dir.path());
    let stream_file = dir.path().join("sim.json");
    std::fs::write(&stream_file, serde_json::to_string(&*simulated()).unwrap()).unwrap();
    let figures = |v: &Value, name: &str| {
        let a = v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["action"] == name)
            .unwrap()
            .clone();
        (
            a["process_median_minutes"].as_f64().unwrap(),
            a["wait_median_minutes"].as_f64().unwrap(),
        )
    };
    // The stream's own scale: every second of the run is an hour of the map.
    let v = measure(dir.path(), &stream_file, &[]);
    assert_eq!(v["lead_time_median_minutes"], 35.0 * 60.0);
    assert_eq!(figures(&v, "App"), (120.0, 0.0));
    assert_eq!(figures(&v, "A"), (180.0, 60.0), "3 s ran, 1 s after App");
    assert_eq!(figures(&v, "B"), (28.0 * 60.0, 0.0));
    assert_eq!(figures(&v, "D"), (60.0, 0.0));
    // --scale overrides it (one day of the map per second: 24 times longer).
    let v = measure(dir.path(), &stream_file, &["--scale", "1d=1s"]);
    assert_eq!(figures(&v, "A"), (180.0 * 24.0, 60.0 * 24.0));
    // Without a scale the history is read as it ran.
    let mut plain = simulated().into_inner();
    plain.settings.simulate = None;
    std::fs::write(&stream_file, serde_json::to_string(&plain).unwrap()).unwrap();
    let v = measure(dir.path(), &stream_file, &[]);
    assert_eq!(
        figures(&v, "A"),
        (0.05, 0.0167),
        "3 s and 1 s, in minutes to 4 places"
    );
    // A bad scale is refused with the form to write.
    let out = Command::cargo_bin("vsm")
        .unwrap()
        .args(["measure", "--history"])
        .arg(dir.path())
        .args(["--scale", "1h"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("--scale: invalid time scale \"1h\""), "{err}");
}
