//! Checks of reading and measuring on small inline histories.

use std::time::Duration;

use super::*;

fn history(executions: &str, actions: &str) -> Result<History, MeasureError> {
    History::from_json(
        Input::new("executions.json", executions),
        Input::new("actions.json", actions),
    )
}

/// An execution summary at minutes after 2025-03-03T09:00:00Z.
fn exec(id: &str, status: &str, start: u32, last: u32, trigger: &str) -> String {
    format!(
        r#"{{"pipelineExecutionId": "{id}", "status": "{status}", "startTime": {}, "lastUpdateTime": {}, "trigger": {{"triggerType": "{trigger}"}}}}"#,
        1_740_992_400 + start * 60,
        1_740_992_400 + last * 60
    )
}

/// An action execution at minutes after 2025-03-03T09:00:00Z.
fn act(
    execution: &str,
    id: &str,
    stage: &str,
    action: &str,
    status: &str,
    start: u32,
    last: u32,
) -> String {
    format!(
        r#"{{"pipelineExecutionId": "{execution}", "actionExecutionId": "{id}", "stageName": "{stage}", "actionName": "{action}", "status": "{status}", "startTime": {}, "lastUpdateTime": {}}}"#,
        1_740_992_400 + start * 60,
        1_740_992_400 + last * 60
    )
}

fn executions_doc(items: &[String]) -> String {
    format!(r#"{{"pipelineExecutionSummaries": [{}]}}"#, items.join(","))
}

fn actions_doc(items: &[String]) -> String {
    format!(r#"{{"actionExecutionDetails": [{}]}}"#, items.join(","))
}

/// Stage `S`: `A` (run order 1), then `B` (run order 2).
fn two_step() -> Structure {
    Structure::from_get_pipeline(Input::new(
        "get-pipeline.json",
        r#"{"pipeline": {"name": "p", "stages": [{"name": "S", "actions": [
            {"name": "B", "runOrder": 2, "actionTypeId": {"category": "Build"}},
            {"name": "A", "actionTypeId": {"category": "Source"}}]}]}}"#,
    ))
    .unwrap()
}

fn minutes(d: Option<Duration>) -> Option<f64> {
    d.map(|d| d.as_secs_f64() / 60.0)
}

#[test]
fn pages_may_follow_one_another_or_form_an_array_and_records_keep_the_last_update() {
    let page1 = executions_doc(&[exec("e1", "InProgress", 0, 5, "Webhook")]);
    let page2 = executions_doc(&[exec("e2", "Succeeded", 10, 20, "Webhook")]);
    // e1 appears again, updated later: that copy is kept.
    let page3 = executions_doc(&[exec("e1", "Succeeded", 0, 8, "Webhook")]);
    let actions = actions_doc(&[]);
    let joined = format!("{page1}\n{page2}\n{page3}");
    let array = format!("[{page1}, {page2}, {page3}]");
    for text in [joined, array] {
        let h = history(&text, &actions).unwrap();
        let ids: Vec<(&str, ExecutionStatus)> = h
            .executions
            .iter()
            .map(|e| (e.id.as_str(), e.status))
            .collect();
        assert_eq!(
            ids,
            [
                ("e1", ExecutionStatus::Succeeded),
                ("e2", ExecutionStatus::Succeeded)
            ]
        );
    }
}

#[test]
fn broken_documents_say_which_file_and_why() {
    let empty = history("", &actions_doc(&[])).unwrap_err();
    assert_eq!(empty.to_string(), "executions.json: is empty");
    let syntax = history("{\"pipelineExecutionSummaries\": [", &actions_doc(&[])).unwrap_err();
    assert!(
        syntax
            .to_string()
            .starts_with("executions.json: is not the JSON the AWS CLI prints: "),
        "{syntax}"
    );
    // A page of the second document lacks its key; problems of both files are listed.
    let both = history(
        &executions_doc(&[exec("e1", "Done", 0, 5, "Webhook")]),
        &format!("{}\n{{\"nextToken\": \"x\"}}", actions_doc(&[])),
    )
    .unwrap_err();
    let lines: Vec<String> = both.problems.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{both}");
    assert!(lines[0].starts_with(
        "executions.json: pipelineExecutionSummaries[0].status: \"Done\" is not one of"
    ));
    assert!(lines[1].starts_with("actions.json: page 2 has no actionExecutionDetails"));
}

#[test]
fn many_problems_are_counted_past_twenty() {
    let items: Vec<String> = (0..25)
        .map(|i| format!(r#"{{"pipelineExecutionId": "e{i}", "status": "Succeeded"}}"#))
        .collect();
    let err = history(&executions_doc(&items), &actions_doc(&[])).unwrap_err();
    // Each record lacks both times.
    assert_eq!(err.problems.len(), 50);
    let text = err.to_string();
    assert_eq!(text.lines().count(), 21);
    assert!(text.ends_with("… and 30 more"), "{text}");
}

#[test]
fn get_pipeline_problems_are_all_listed() {
    let err = Structure::from_get_pipeline(Input::new(
        "gp.json",
        r#"{"pipeline": {"name": "p", "stages": [{"name": "S", "actions": [
            {"name": "A", "runOrder": 0, "actionTypeId": {"category": "Build"}},
            {"name": "B", "actionTypeId": {}},
            {"actionTypeId": {"category": "Build"}}]}, {"actions": []}]}}"#,
    ))
    .unwrap_err();
    let lines: Vec<String> = err.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "gp.json: pipeline.stages[0].actions[0].runOrder: 0 is not a run order (1 to 999)",
            "gp.json: pipeline.stages[0].actions[1].actionTypeId.category: is missing",
            "gp.json: pipeline.stages[0].actions[2].name: is missing",
            "gp.json: pipeline.stages[1].name: is missing",
        ]
    );
    let not_one =
        Structure::from_get_pipeline(Input::new("gp.json", r#"{"pipelines": []}"#)).unwrap_err();
    assert!(not_one.to_string().contains("has no pipeline"));
}

#[test]
fn run_orders_group_actions_and_default_to_one() {
    let s = two_step();
    let groups: Vec<(u32, Vec<&str>)> = s.stages[0]
        .groups
        .iter()
        .map(|g| {
            (
                g.run_order,
                g.actions.iter().map(|a| a.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(groups, [(1, vec!["A"]), (2, vec!["B"])]);
}

/// A stage retried as a whole: A and B run again after B failed. B's first attempt follows
/// A's first run only; A's second run ended after B's first attempt started.
#[test]
fn wait_counts_only_what_ended_before_the_action_started() {
    let h = history(
        &executions_doc(&[exec("e1", "Succeeded", 0, 60, "Webhook")]),
        &actions_doc(&[
            act("e1", "a1", "S", "A", "Succeeded", 2, 5),
            act("e1", "a2", "S", "B", "Failed", 6, 10),
            act("e1", "a3", "S", "A", "Succeeded", 30, 34),
            act("e1", "a4", "S", "B", "Succeeded", 40, 50),
        ]),
    )
    .unwrap();
    let m = measure(&h, &two_step(), Window::default());
    let b = m.action("S", "B").unwrap();
    // Waits: 6 − 5 = 1 (A's second run ended at 34, after 6: not counted) and 40 − 34 = 6.
    assert_eq!(b.wait.count, 2);
    assert_eq!(minutes(b.wait.median), Some(3.5));
    // A: 2 − 0 = 2 after the execution's start, and 30 − 0 = 30.
    assert_eq!(minutes(m.action("S", "A").unwrap().wait.median), Some(16.0));
    assert_eq!(b.first_pass_yield_percent, Some(0.0));
    assert_eq!(minutes(b.process.median), Some(10.0));
}

#[test]
fn open_failures_and_unrestored_changes_are_counted_apart() {
    let h = history(
        &executions_doc(&[
            exec("e1", "Succeeded", 0, 10, "Webhook"),
            exec("r1", "Failed", 20, 25, "ManualRollback"),
            exec("e2", "Failed", 30, 40, "Webhook"),
            exec("e3", "InProgress", 50, 55, "Webhook"),
        ]),
        &actions_doc(&[]),
    )
    .unwrap();
    let m = measure(&h, &two_step(), Window::default());
    let d = &m.delivery;
    // e1 is followed by a rollback (a failed one still counts) and nothing succeeds after it.
    assert_eq!((d.deployments, d.change_failures, d.unrestored), (1, 1, 1));
    assert_eq!(d.time_to_restore.median, None);
    assert_eq!(m.dora.time_to_restore, None);
    // r1 and e2 failed and nothing went green after them: no time to green, still failing.
    assert_eq!(d.time_to_green.count, 0);
    assert!(d.still_failing);
    // 2 Failed / (1 Succeeded + 2 Failed).
    assert!((d.pipeline_failure_rate_percent.unwrap() - 200.0 / 3.0).abs() < 1e-9);
}

#[test]
fn an_empty_history_measures_to_nothing_without_panicking() {
    let h = history(&executions_doc(&[]), &actions_doc(&[])).unwrap();
    let m = measure(&h, &two_step(), Window::default());
    assert_eq!(m.window, None);
    assert_eq!(m.delivery.deployment_frequency_per_day, None);
    assert_eq!(m.dora, DoraLevels::default());
    assert!(m
        .actions
        .iter()
        .all(|a| a.executions == 0 && a.wait.median.is_none()));
    let json = MeasureJson::new(&m).to_string_pretty();
    assert!(json.contains("\"window_days\": null"), "{json}");
    assert!(text_report(&m, None).contains("Window: no execution read"));
    assert!(markdown_report(&m, None).contains("| Lead time | median n/a, p85 n/a | n/a |"));
}

#[test]
fn what_a_history_writes_reads_back_the_same() {
    let h = history(
        &executions_doc(&[
            exec("e1", "Succeeded", 0, 60, "Webhook"),
            exec("r1", "Succeeded", 70, 75, "AutomatedRollback"),
        ]),
        &actions_doc(&[act("e1", "a1", "S", "A", "Succeeded", 2, 5)]),
    )
    .unwrap();
    let back = history(&h.executions_json(), &h.actions_json()).unwrap();
    assert_eq!(back, h);
    assert!(back.executions[1].is_rollback());
    // Merging a newer copy replaces the older one.
    let newer = history(
        &executions_doc(&[exec("e2", "InProgress", 80, 81, "Webhook")]),
        &actions_doc(&[]),
    )
    .unwrap();
    let merged = h.clone().merge(newer);
    assert_eq!(merged.executions.len(), 3);
    assert_eq!(merged.actions, h.actions);
}

/// Executions that overlap (PARALLEL mode) are taken in order of last update.
#[test]
fn overlapping_executions_count_in_the_order_they_end() {
    let h = history(
        &executions_doc(&[
            // D1 starts first but ends last of the two deployments; D2 ends at 50.
            exec("d1", "Succeeded", 0, 100, "Webhook"),
            exec("d2", "Succeeded", 10, 50, "Webhook"),
            // A rollback starts at 60: D2 had last ended. It ends at 70.
            exec("r1", "Succeeded", 60, 70, "ManualRollback"),
            // F1 fails at 140 after S1 succeeded at 120; S2 ends at 190.
            exec("s1", "Succeeded", 105, 120, "Webhook"),
            exec("f1", "Failed", 101, 140, "Webhook"),
            exec("s2", "Succeeded", 110, 190, "Webhook"),
        ]),
        &actions_doc(&[]),
    )
    .unwrap();
    let d = measure(&h, &two_step(), Window::default()).delivery;
    // Deployments d2 (50), d1 (100), s1 (120), s2 (190); the rollback belongs to d2, restored by
    // r1 itself, the first Succeeded execution to end after 50: 70 − 50 = 20.
    assert_eq!((d.deployments, d.change_failures), (4, 1));
    assert_eq!(minutes(d.time_to_restore.median), Some(20.0));
    // In order of last update s1 (120), f1 (140), s2 (190): one run [f1], from its start (101)
    // to s2's last update (190) = 89.
    assert_eq!(d.time_to_green.count, 1);
    assert_eq!(minutes(d.time_to_green.median), Some(89.0));
}
