//! Stage conditions, retries and rollbacks in a measured history: the hand-made history of
//! pipeline `gated` (tests/fixtures/history/gated), whose figures are computed by hand below,
//! through the library and through `vsm measure`; malformed rule executions; and invariants
//! over generated histories.
//!
//! Structure: Source [Checkout] → Deploy: before entry a deployment window (Window), [Ship],
//! on success a CloudWatch alarm (Alarm, result ROLLBACK), on failure RETRY. Times are minutes
//! after 2025-03-03 09:00 UTC.
//!
//! | exec | start–last | status    | records                                                    |
//! | g1   |   0–40     | Succeeded | Checkout 1–2, Window 3–20, Ship 21–30, Alarm 30–38          |
//! | g2   |  60–80     | Failed    | Checkout 61–62, Window 62–63, Ship 64–70 Failed, 72–78 Failed (retry) |
//! | g3   | 100–130    | Failed    | Checkout 101–102, Window 102–110, Ship 111–117, Alarm 117–122 Failed |
//! | r1   | 131–140    | Succeeded | AutomatedRollback, ROLLBACK, target g1: Ship 132–139        |
//! | g4   | 200–240    | Succeeded | Checkout 201–202, Window 202–230, Ship 231–236, Alarm 237–239; OldCheck 237–238 (no such rule) |
//! | g5   | 300–330    | Succeeded | Checkout 301–302, Window 302–303, Ship 304–306 Failed, 315–320 (retry), Alarm 320–325 |
//!
//! and a Window record of g0, an execution not listed.

use super::{close, minutes, temp};
use crate::support::vsm;

use proptest::prelude::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use vsm::builder::rule;
use vsm::kinds::Mock;
use vsm::measure::{
    compare_with_model, measure, measured_stream, text_report, ActionExecution, ActionStatus,
    ExecutionStatus, History, Input, Measurement, PipelineExecution, RuleExecution, RuleStatus,
    Structure, Timestamp, Window,
};
use vsm::model::{Action, ConditionPlace, Stage, StageCondition, Stream};

fn gated_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/history/gated")
}

fn gated() -> Measurement {
    let history = History::read_dir(&gated_dir()).expect("the gated history reads");
    let structure = Structure::read_get_pipeline(&gated_dir().join("get-pipeline.json"))
        .expect("get-pipeline reads");
    measure(&history, &structure, Window::default())
}

#[test]
fn gated_history_gives_the_hand_computed_figures() {
    let m = gated();
    // Gates, in flow order.
    let w = m.gate("Deploy", ConditionPlace::BeforeEntry).unwrap();
    assert_eq!(w.name(), "before entry");
    assert!(w.holds);
    // The window holds each change from Checkout's end to its own last update: 18 1 8 28 1 →
    // sorted 1 1 8 18 28, median 8. A window does no work: process 0. Passed every time.
    assert_eq!(
        (w.executions, w.passed, w.failed, w.first_pass),
        (5, 5, 0, 5)
    );
    assert!(close(minutes(w.wait.median), 8.0));
    assert!(close(minutes(w.process.median), 0.0));
    assert!(close(w.first_pass_yield_percent, 100.0));
    // The alarm: evaluated in g1 g3 g4 g5 (g2 never got past Ship); failed in g3. Its check
    // takes 8 2 5 where it passed → median 5; p85 rank 1.7 → 5 + 0.7 × 3 = 7.1. It waits from
    // Ship's end: 0 0 1 0 → 0.
    let a = m.gate("Deploy", ConditionPlace::OnSuccess).unwrap();
    assert!(!a.holds);
    assert_eq!(
        (a.executions, a.passed, a.failed, a.first_pass),
        (4, 3, 1, 3)
    );
    assert!(close(minutes(a.process.median), 5.0) && close(minutes(a.process.p85), 7.1));
    assert!(close(minutes(a.wait.median), 0.0));
    assert!(close(a.first_pass_yield_percent, 75.0));
    // Ship follows the window, not Checkout: waits 1, 1 and 9 (g2's retry), 1, 1, 1 and 12
    // (g5's retry); r1 ran no window and no Checkout: no wait. Sorted 1 1 1 1 1 9 12 → 1.
    // First passes g1 g3 r1 g4 of six finished: 66.67% (g2 failed twice; g5 failed, then
    // succeeded at the retry).
    let ship = m.action("Deploy", "Ship").unwrap();
    assert_eq!(ship.executions, 8);
    assert_eq!(ship.wait.count, 7);
    assert!(close(minutes(ship.wait.median), 1.0));
    assert_eq!(
        (ship.first_pass, ship.finished_in, ship.recovered),
        (4, 6, 1)
    );
    // Stages: Deploy ran in g1–g5; retried in g2 and g5, one extra attempt each; the automated
    // rollback r1 restored g1 and undid g3, the last pass before it other than its target.
    // First passes g1 and g4: 2 / 5.
    let d = m.stage("Deploy").unwrap();
    assert_eq!(
        (
            d.executions,
            d.retried,
            d.retries,
            d.rollbacks,
            d.automated_rollbacks
        ),
        (5, 2, 2, 1, 1)
    );
    assert_eq!((d.rolled_back, d.finished_in, d.first_pass), (1, 5, 2));
    assert!(close(d.first_pass_yield_percent, 40.0));
    let s = m.stage("Source").unwrap();
    assert_eq!(
        (s.executions, s.retried, s.rollbacks, s.first_pass),
        (5, 0, 0, 5)
    );
    // DORA: deployments g1 g4 g5. r1 restores g1, the deployment before it, so g1 did not
    // fail: g3 did, a failed deployment. Change failure rate 1 / (3 + 1); restored by r1 10
    // minutes after g3's last update; g4 is the rework after it.
    let dl = &m.delivery;
    assert_eq!(
        (dl.deployments, dl.rollbacks, dl.failed_deployments),
        (3, 1, 1)
    );
    assert_eq!(dl.change_failures, 1);
    assert!(close(dl.change_failure_rate_percent, 25.0));
    assert!(close(minutes(dl.time_to_restore.median), 10.0));
    assert_eq!(dl.rework_deployments, 1);
    assert!(!dl.samples.deployments.iter().any(|d| d.change_failure));
    // Left out: g0's record, and the rule no gate has.
    assert_eq!(m.unplaced.rules_outside, 1);
    let unknown: Vec<_> = m.unplaced.rules_unknown.iter().collect();
    assert_eq!(
        unknown,
        [(&("Deploy".to_owned(), "OldCheck".to_owned()), &1)]
    );
    assert_eq!(m.unplaced.rollbacks_without_stage, 0);
}

#[test]
fn vsm_measure_json_counts_gates_retries_and_rollbacks() {
    let out = vsm()
        .args(["measure", "--json", "--history"])
        .arg(gated_dir())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["deployments"], 3);
    assert_eq!(v["failed_deployments"], 1);
    assert_eq!(v["change_failures"], 1);
    assert_eq!(v["change_failure_rate_percent"], 25.0);
    assert_eq!(v["time_to_restore_median_minutes"], 10.0);
    assert_eq!(v["rework_deployments"], 1);
    assert_eq!(
        v["stages"],
        json!([
            {"stage": "Source", "executions": 5, "retried": 0, "retries": 0, "rollbacks": 0,
             "automated_rollbacks": 0, "rolled_back": 0, "first_pass_yield_percent": 100.0},
            {"stage": "Deploy", "executions": 5, "retried": 2, "retries": 2, "rollbacks": 1,
             "automated_rollbacks": 1, "rolled_back": 1, "first_pass_yield_percent": 40.0}
        ])
    );
    assert_eq!(
        v["gates"],
        json!([
            {"stage": "Deploy", "gate": "before_entry", "rules": ["Window"], "executions": 5,
             "passed": 5, "failed": 0, "process_median_minutes": 0.0, "process_p85_minutes": 0.0,
             "wait_median_minutes": 8.0, "first_pass_yield_percent": 100.0},
            {"stage": "Deploy", "gate": "on_success", "rules": ["Alarm"], "executions": 4,
             "passed": 3, "failed": 1, "process_median_minutes": 5.0, "process_p85_minutes": 7.1,
             "wait_median_minutes": 0.0, "first_pass_yield_percent": 75.0}
        ])
    );
    assert_eq!(v["actions"][1]["first_pass_yield_percent"], 66.6667);
}

#[test]
fn the_text_report_has_a_row_per_stage_and_per_gate() {
    let text = text_report(&gated(), None);
    let line = |start: &str| -> Vec<String> {
        let l = text
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start} in\n{text}"));
        l.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        line("Deploy  "),
        ["Deploy", "5", "2", "2", "1 (1 automated)", "1", "40.0%"]
    );
    assert_eq!(
        line("Deploy / on success"),
        [
            "Deploy / on success (Alarm)",
            "4",
            "3",
            "1",
            "5m",
            "7m 6s",
            "0m",
            "75.0%"
        ]
    );
    assert!(text.contains("Deploy / before entry (Window, deployment windows)"));
    assert!(text.contains("25.0% (1 change failure, 1 of them a failed deployment)"));
    assert!(text.contains(
        "rule executions of rules no gate of the structure has left out: Deploy / OldCheck (1)"
    ));
}

/// The stream of pipeline `gated`, with the team's estimates on its conditions.
fn gated_stream() -> Stream {
    let mut source = Stage::new("Source");
    source
        .actions
        .push(Action::new("Checkout", Mock::default()));
    let mut deploy = Stage::new("Deploy");
    deploy.actions.push(Action::new("Ship", Mock::default()));
    deploy.settings.before_entry = Some(
        StageCondition::fail().rule(rule::deployment_window("Window", "* * 9-16 ? * MON-FRI *")),
    );
    deploy.settings.on_success = Some(
        StageCondition::rollback()
            .rule(rule::cloudwatch_alarm("Alarm", "errors"))
            .process(vsm::time::mins(10))
            .wait(vsm::time::mins(0))
            .ca(99.0),
    );
    let mut s = Stream::new("gated");
    s.stages.push(source);
    s.stages.push(deploy);
    s
}

/// The measured page's panel of stages and gates shows the figures of `--json`.
#[test]
fn the_page_shows_each_stages_rework_and_each_gate() {
    let json = serde_json::to_value(vsm::measure::MeasureJson::new(&gated())).unwrap();
    let panel = vsm::page::stages_panel(&json);
    for (key, value) in [
        ("stages/1/retries", "2"),
        ("stages/1/rollbacks", "1"),
        ("stages/1/first_pass_yield_percent", "40.0"),
        ("gates/0/wait_median_minutes", "8.0"),
        ("gates/1/failed", "1"),
    ] {
        let attr = format!("data-metric=\"{key}\" data-value=\"{value}\"");
        assert!(panel.contains(&attr), "{attr} in {panel}");
    }
    assert!(panel.contains("Deploy / on success"));
}

#[test]
fn measured_gates_line_up_with_the_modelled_ones() {
    let stream = gated_stream();
    // The stream and get-pipeline.json give the same gates.
    let from_stream = Structure::of_stream(&stream);
    let from_file = Structure::read_get_pipeline(&gated_dir().join("get-pipeline.json")).unwrap();
    assert!(from_stream.has_gates() && from_file.has_gates());
    let gates = |s: &Structure| -> Vec<(ConditionPlace, Vec<(String, bool)>)> {
        s.stages[1]
            .conditions
            .iter()
            .filter(|c| c.place != ConditionPlace::OnFailure)
            .map(|c| {
                (
                    c.place,
                    c.rules.iter().map(|r| (r.name.clone(), r.holds)).collect(),
                )
            })
            .collect()
    };
    assert_eq!(gates(&from_stream), gates(&from_file));
    let history = History::read_dir(&gated_dir()).unwrap();
    let m = measure(&history, &from_stream, Window::default());
    assert_eq!(m.gates, gated().gates);
    // The measured stream annotates each condition with its gate's figures.
    let measured = measured_stream(&stream, &m);
    let deploy = &measured.stages[1];
    let w = &deploy.settings.before_entry.as_ref().unwrap().annotations;
    assert_eq!(
        (w.wait_time, w.process_time, w.complete_accurate),
        (
            Some(vsm::time::mins(8)),
            Some(vsm::time::mins(0)),
            Some(100.0)
        )
    );
    let a = &deploy.settings.on_success.as_ref().unwrap().annotations;
    assert_eq!(
        (a.wait_time, a.process_time, a.complete_accurate),
        (
            Some(vsm::time::mins(0)),
            Some(vsm::time::mins(5)),
            Some(75.0)
        )
    );
    // The comparison names them as the analysis does: modelled 10 min of check, measured 5.
    let c = compare_with_model(&stream, &m);
    let gap = c
        .gaps
        .iter()
        .find(|g| g.step.action == "on success" && g.figure == vsm::measure::Figure::ProcessTime)
        .unwrap();
    assert_eq!((gap.modelled, gap.measured), (Some(10.0), Some(5.0)));
    assert!(c.comparison.future.step("Deploy", "before entry").is_some());
    // The window without annotations is modelled as the analysis models it: its expected wait,
    // no work; measured, 8 minutes of waiting.
    let analysis = vsm::analysis::analyze(&stream);
    let expected = analysis.stages[1]
        .steps()
        .find(|s| s.step.action == "before entry")
        .and_then(|s| s.wait_time)
        .unwrap();
    let gap = |figure| {
        c.gaps
            .iter()
            .find(|g| g.step.action == "before entry" && g.figure == figure)
            .map(|g| (g.modelled, g.measured))
            .unwrap()
    };
    assert_eq!(
        gap(vsm::measure::Figure::WaitTime),
        (Some(expected.as_secs_f64() / 60.0), Some(8.0))
    );
    assert_eq!(
        gap(vsm::measure::Figure::ProcessTime),
        (Some(0.0), Some(0.0))
    );
}

#[test]
fn malformed_rule_executions_are_refused_with_every_problem_named() {
    let dir = temp();
    for name in [
        "list-pipeline-executions.json",
        "list-action-executions.json",
    ] {
        std::fs::copy(gated_dir().join(name), dir.path().join(name)).unwrap();
    }
    let bad = r#"{"ruleExecutionDetails": [
        {"pipelineExecutionId": "g1", "ruleExecutionId": "x1", "stageName": "Deploy",
         "status": "Succeeded", "startTime": 1740992400, "lastUpdateTime": 1740992460},
        {"pipelineExecutionId": "g1", "ruleExecutionId": "x2", "stageName": "Deploy",
         "ruleName": "Window", "status": "Passed", "startTime": 1740992400,
         "lastUpdateTime": 1740992340}
    ]}
    {"actionExecutionDetails": []}"#;
    std::fs::write(dir.path().join("list-rule-executions.json"), bad).unwrap();
    let err = History::read_dir(dir.path()).unwrap_err();
    let lines: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    let expect = [
        "list-rule-executions.json: page 1, ruleExecutionDetails[0].ruleName: is missing",
        "list-rule-executions.json: page 1, ruleExecutionDetails[1].status: \"Passed\" is not one of InProgress, Abandoned, Succeeded, Failed",
        "list-rule-executions.json: page 1, ruleExecutionDetails[1].lastUpdateTime: 2025-03-03T08:59:00.000000+00:00 is before startTime",
        "list-rule-executions.json: page 2 has no ruleExecutionDetails: expected what `aws codepipeline list-rule-executions --pipeline-name NAME` prints (it holds actionExecutionDetails: are the two files swapped?)",
    ];
    assert_eq!(lines.len(), expect.len(), "{err}");
    for want in expect {
        assert!(
            lines.iter().any(|l| l.contains(want)),
            "{want}\n  is not among\n{err}"
        );
    }
    // With a problem in another file too, every problem of both.
    std::fs::write(
        dir.path().join("list-action-executions.json"),
        r#"{"pipelineExecutionSummaries": []}"#,
    )
    .unwrap();
    let err = History::read_dir(dir.path()).unwrap_err();
    assert_eq!(err.problems.len(), expect.len() + 1, "{err}");
    // Read as a string, the same problems.
    let text = std::fs::read_to_string(dir.path().join("list-rule-executions.json")).unwrap();
    let err = History::default()
        .with_rules_json(Input::new("list-rule-executions.json", &text))
        .unwrap_err();
    assert_eq!(err.problems.len(), expect.len());
}

fn at(minute: u32) -> Timestamp {
    Timestamp::from_micros(1_740_992_400_000_000 + i64::from(minute) * 60_000_000).unwrap()
}

/// A generated history of a pipeline with one action per stage (Build [Compile] → Deploy
/// [Ship]): each execution runs the stages in turn, each action once, until one fails; and
/// rule executions of rules no condition of the structure has.
fn history_strategy() -> impl Strategy<Value = History> {
    let run = (
        0u32..4,
        1u32..30,
        1u32..30,
        any::<bool>(),
        any::<bool>(),
        0usize..3,
    );
    prop::collection::vec(run, 1..12).prop_map(|runs| {
        let mut executions = Vec::new();
        let mut actions = Vec::new();
        let mut rules = Vec::new();
        let mut t = 0;
        for (i, (gap, build, ship, build_ok, ship_ok, checks)) in runs.into_iter().enumerate() {
            let id = format!("e{i:02}");
            let start = t + gap;
            let mut end = start;
            let mut action = |stage: &str, name: &str, from: u32, to: u32, ok: bool| {
                actions.push(ActionExecution {
                    pipeline_execution_id: id.clone(),
                    id: format!("{id}-{name}"),
                    stage: stage.to_owned(),
                    action: name.to_owned(),
                    status: if ok {
                        ActionStatus::Succeeded
                    } else {
                        ActionStatus::Failed
                    },
                    start: at(from),
                    last_update: at(to),
                });
            };
            action("Build", "Compile", start + 1, start + 1 + build, build_ok);
            end = end.max(start + 1 + build);
            if build_ok {
                action("Deploy", "Ship", end + 1, end + 1 + ship, ship_ok);
                end += 1 + ship;
            }
            for c in 0..checks {
                rules.push(RuleExecution {
                    pipeline_execution_id: id.clone(),
                    id: format!("{id}-check{c}"),
                    stage: "Deploy".to_owned(),
                    rule: format!("Check{c}"),
                    status: RuleStatus::Succeeded,
                    start: at(start),
                    last_update: at(end),
                    provider: Some("LambdaInvoke".to_owned()),
                });
            }
            executions.push(PipelineExecution {
                id,
                status: if build_ok && ship_ok {
                    ExecutionStatus::Succeeded
                } else {
                    ExecutionStatus::Failed
                },
                start: at(start),
                last_update: at(end + 1),
                trigger_type: Some("Webhook".to_owned()),
                execution_type: Some("STANDARD".to_owned()),
                source_revisions: Vec::new(),
                rollback_target: None,
            });
            t = end + 2;
        }
        History::new(executions, actions).with_rules(rules)
    })
}

fn plain_structure() -> Structure {
    let text = r#"{"pipeline": {"name": "plain", "stages": [
        {"name": "Build", "actions": [{"name": "Compile", "actionTypeId": {"category": "Build"}}]},
        {"name": "Deploy", "actions": [{"name": "Ship", "actionTypeId": {"category": "Deploy"}}]}]}}"#;
    Structure::from_get_pipeline(Input::new("get-pipeline.json", text)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Without retries, rollbacks or gates: rule executions change no figure (they are only
    /// counted as left out), no stage is retried or rolled back, and a stage of one action has
    /// that action's first-pass yield.
    #[test]
    fn without_retries_rollbacks_or_gates_the_figures_are_the_actions(history in history_strategy()) {
        let structure = plain_structure();
        let with_rules = measure(&history, &structure, Window::default());
        let mut bare = history.clone();
        bare.rules.clear();
        let without = measure(&bare, &structure, Window::default());
        prop_assert_eq!(&with_rules.actions, &without.actions);
        prop_assert_eq!(&with_rules.delivery, &without.delivery);
        prop_assert_eq!(&with_rules.stages, &without.stages);
        prop_assert!(with_rules.gates.is_empty());
        prop_assert_eq!(with_rules.unplaced.rules_unknown.values().sum::<usize>(), history.rules.len());
        for s in &with_rules.stages {
            prop_assert_eq!((s.retried, s.retries, s.rollbacks, s.rolled_back), (0, 0, 0, 0));
            let a = with_rules.actions.iter().find(|a| a.stage == s.stage).unwrap();
            prop_assert_eq!((s.first_pass, s.finished_in), (a.first_pass, a.finished_in));
            prop_assert_eq!(s.first_pass_yield_percent, a.first_pass_yield_percent);
        }
        prop_assert_eq!(with_rules.delivery.failed_deployments, 0);
    }
}
