//! Hand-computed checks of the metrics, the comparison and the reports.

use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::kinds::Mock;
use crate::model::{Action, Stage, Stream};

const MIN: u64 = 60;

fn mins(n: u64) -> Duration {
    Duration::from_secs(n * MIN)
}

/// A step with optional wait, process (minutes) and %C&A.
pub(crate) fn step(
    name: &str,
    order: u32,
    wait: Option<u64>,
    process: Option<u64>,
    ca: Option<f64>,
) -> Action {
    let mut a = Action::new(name, Mock {});
    a.run_order = order;
    a.annotations.wait_time = wait.map(mins);
    a.annotations.process_time = process.map(mins);
    a.annotations.complete_accurate = ca;
    a
}

pub(crate) fn stage(name: &str, actions: Vec<Action>) -> Stage {
    let mut s = Stage::new(name);
    s.actions = actions;
    s
}

/// The workshop stream used across these tests:
///
/// ```text
/// Source   Checkout           WT 0    PT 5m   100%
/// Test     ro1: Unit          WT 10m  PT 20m   90%   ‖ Lint WT 5m PT 10m 100%
///          ro2: Deploy        WT 1h   PT 15m   80%
///          ro3: Smoke         WT 2h   PT 10m   95%   ‖ Perf WT 30m PT 1h 100% ‖ Security (nothing)
/// Release  Approve            WT 1d   PT 30m   90%
/// ```
///
/// Declared out of run order on purpose.
pub(crate) fn workshop() -> Stream {
    let mut s = Stream::new("workshop");
    s.stages.push(stage(
        "Source",
        vec![step("Checkout", 1, Some(0), Some(5), Some(100.0))],
    ));
    s.stages.push(stage(
        "Test",
        vec![
            step("Smoke", 3, Some(120), Some(10), Some(95.0)),
            step("Unit", 1, Some(10), Some(20), Some(90.0)),
            step("Perf", 3, Some(30), Some(60), Some(100.0)),
            step("Deploy", 2, Some(60), Some(15), Some(80.0)),
            step("Lint", 1, Some(5), Some(10), Some(100.0)),
            step("Security", 3, None, None, None),
        ],
    ));
    s.stages.push(stage(
        "Release",
        vec![step("Approve", 1, Some(1440), Some(30), Some(90.0))],
    ));
    s
}

fn names(path: &[StepRef]) -> Vec<String> {
    path.iter().map(ToString::to_string).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn stage_and_stream_figures_by_hand() {
    let m = analyze(&workshop());
    // Test stage: groups 30m (Unit) + 1h15m (Deploy) + 2h10m (Smoke) = 3h55m.
    let test = m.stage("Test").unwrap();
    assert_eq!(test.groups.len(), 3);
    assert_eq!(
        test.groups.iter().map(|g| g.lead_time).collect::<Vec<_>>(),
        [mins(30), mins(75), mins(130)]
    );
    assert_eq!(test.lead_time, mins(235));
    assert_eq!(test.process_time, mins(20 + 15 + 10));
    assert_eq!(test.wait_time, mins(10 + 60 + 120));
    assert_eq!(test.effort, mins(20 + 10 + 15 + 10 + 60));
    // Stream: 5m + 3h55m + 1d 30m.
    assert_eq!(m.lead_time, mins(5 + 235 + 1470));
    assert_eq!(m.process_time, mins(5 + 45 + 30));
    assert_eq!(m.wait_time, mins(190 + 1440));
    assert_eq!(m.effort, mins(5 + 115 + 30));
    assert!(close(m.flow_efficiency.unwrap(), 80.0 / 1710.0 * 100.0));
    // 1 × .9 × 1 × .8 × .95 × 1 × .9 (Security has none).
    assert!(close(
        m.rolled_complete_accurate.unwrap(),
        0.9 * 0.8 * 0.95 * 0.9 * 100.0
    ));
    assert!(m.rolled_complete_accurate_is_upper_bound());
}

#[test]
fn critical_path_takes_the_longest_member_of_each_group() {
    let m = analyze(&workshop());
    assert_eq!(
        names(&m.critical_path),
        [
            "Source / Checkout",
            "Test / Unit",
            "Test / Deploy",
            "Test / Smoke",
            "Release / Approve"
        ]
    );
    let lint = m.step("Test", "Lint").unwrap();
    assert!(!lint.critical);
    assert_eq!(lint.slack, mins(15));
    let perf = m.step("Test", "Perf").unwrap();
    assert_eq!(perf.slack, mins(40));
    let security = m.step("Test", "Security").unwrap();
    assert_eq!(security.lead_time, Duration::ZERO);
    assert_eq!(security.slack, mins(130));
    let off: Vec<String> = m.off_critical_path().map(|s| s.step.to_string()).collect();
    assert_eq!(off, ["Test / Lint", "Test / Perf", "Test / Security"]);
}

#[test]
fn unmeasured_step_is_listed_and_counted_in_coverage() {
    let m = analyze(&workshop());
    assert_eq!(m.unmeasured.len(), 1);
    assert_eq!(m.unmeasured[0].step, StepRef::new("Test", "Security"));
    assert_eq!(
        m.unmeasured[0].missing,
        [
            Missing::ProcessTime,
            Missing::WaitTime,
            Missing::CompleteAccurate
        ]
    );
    assert_eq!(
        m.coverage,
        Coverage {
            steps: 8,
            timed: 7,
            complete_accurate: 7
        }
    );
    assert!(close(m.coverage.timed_percent().unwrap(), 87.5));
    assert!(m.lead_time_is_lower_bound());
}

#[test]
fn constraint_is_the_wait_whose_removal_saves_most() {
    let m = analyze(&workshop());
    let c = m.constraint.unwrap();
    assert_eq!(c.step, StepRef::new("Release", "Approve"));
    assert_eq!(c.wait_time, mins(1440));
    assert_eq!(c.lead_time_saving, mins(1440));
}

#[test]
fn constraint_accounts_for_parallel_siblings() {
    // Without Release: Smoke waits 2h but Perf (1h30m) takes over, so removing Smoke's wait saves
    // only 40m; Deploy's 1h wait saves 1h and is the bigger lever.
    let mut s = workshop();
    s.stages.pop();
    let m = analyze(&s);
    let c = m.constraint.unwrap();
    assert_eq!(c.step, StepRef::new("Test", "Deploy"));
    assert_eq!(c.lead_time_saving, mins(60));
}

#[test]
fn no_constraint_when_no_wait_can_be_removed() {
    let mut s = Stream::new("tied");
    s.stages.push(stage(
        "Only",
        vec![
            step("A", 1, Some(60), Some(10), None),
            step("B", 1, Some(60), Some(10), None),
        ],
    ));
    let m = analyze(&s);
    assert_eq!(m.lead_time, mins(70));
    assert_eq!(m.constraint, None);
    assert!(text_report(&m).contains("Constraint       none"));
}

#[test]
fn zero_complete_accurate_rolls_to_zero() {
    let mut s = Stream::new("broken");
    s.stages.push(stage(
        "S",
        vec![
            step("Good", 1, Some(0), Some(10), Some(100.0)),
            step("Bad", 2, Some(0), Some(10), Some(0.0)),
        ],
    ));
    let m = analyze(&s);
    assert_eq!(m.rolled_complete_accurate, Some(0.0));
    assert!(!m.rolled_complete_accurate_is_upper_bound());
    assert_eq!(m.stages[0].rolled_complete_accurate, Some(0.0));
    assert_eq!(m.flow_efficiency, Some(100.0));
}

#[test]
fn out_of_range_complete_accurate_is_clamped_and_nan_is_not_given() {
    let mut s = Stream::new("odd");
    s.stages.push(stage(
        "S",
        vec![
            step("High", 1, None, None, Some(250.0)),
            step("Nan", 2, None, None, Some(f64::NAN)),
            step("Half", 3, None, None, Some(50.0)),
        ],
    ));
    let m = analyze(&s);
    assert_eq!(m.rolled_complete_accurate, Some(50.0));
    assert_eq!(m.coverage.complete_accurate, 2);
}

#[test]
fn empty_stream_and_zero_lead_time_have_no_flow_efficiency() {
    let m = analyze(&Stream::new("empty"));
    assert_eq!(m.lead_time, Duration::ZERO);
    assert_eq!(m.flow_efficiency, None);
    assert_eq!(m.rolled_complete_accurate, None);
    assert_eq!(m.constraint, None);
    assert!(m.critical_path.is_empty());
    assert_eq!(m.coverage.timed_percent(), None);
    let text = text_report(&m);
    assert!(text.contains("undefined (lead time is zero)"), "{text}");
    assert!(StreamJson::new(&m)
        .to_string_pretty()
        .contains("\"flow_efficiency_percent\": null"));

    let mut s = Stream::new("instant");
    s.stages.push(Stage::new("NoActions"));
    s.stages.push(stage(
        "S",
        vec![step("A", 1, Some(0), Some(0), Some(100.0))],
    ));
    let m = analyze(&s);
    assert_eq!(m.stages[0].lead_time, Duration::ZERO);
    assert_eq!(m.flow_efficiency, None);
    assert_eq!(m.stages[1].flow_efficiency(), None);
    assert_eq!(names(&m.critical_path), ["S / A"]);
}

#[test]
fn huge_durations_saturate_instead_of_overflowing() {
    let mut a = Action::new("A", Mock {});
    a.annotations.wait_time = Some(Duration::MAX);
    a.annotations.process_time = Some(Duration::MAX);
    let mut s = Stream::new("huge");
    s.stages.push(stage("S", vec![a.clone(), a]));
    let m = analyze(&s);
    assert_eq!(m.lead_time, Duration::MAX);
    let _ = text_report(&m);
    let _ = StreamJson::new(&m).to_string_pretty();
}

/// The future state of the workshop stream: Approve replaced by an automated check, Smoke's wait
/// cut from 2h to 30m.
pub(crate) fn workshop_future() -> Stream {
    let mut s = workshop();
    s.name = "workshop-future".into();
    s.stages[1].actions[0].annotations.wait_time = Some(mins(30));
    s.stages[2].actions = vec![step("AutoCheck", 1, Some(0), Some(10), Some(95.0))];
    s
}

#[test]
fn comparison_by_hand() {
    let c = compare(&workshop(), &workshop_future());
    // Future Test stage: 30m + 1h15m + max(Smoke 40m, Perf 1h30m) = 3h15m; Release 10m.
    assert_eq!(c.future.lead_time, mins(5 + 195 + 10));
    let lt = c.metric("lead_time").unwrap();
    assert_eq!(lt.current, Some(1710.0));
    assert_eq!(lt.future, Some(210.0));
    assert_eq!(lt.absolute(), Some(-1500.0));
    assert!(close(
        lt.relative_percent().unwrap(),
        -1500.0 / 1710.0 * 100.0
    ));
    let fe = c.metric("flow_efficiency").unwrap();
    assert!(close(fe.future.unwrap(), 110.0 / 210.0 * 100.0));
    assert!(close(
        fe.absolute().unwrap(),
        110.0 / 210.0 * 100.0 - 80.0 / 1710.0 * 100.0
    ));
    assert_eq!(
        c.future.step("Test", "Perf").map(|s| s.critical),
        Some(true)
    );

    let kinds: Vec<(String, &str)> = c
        .steps
        .iter()
        .map(|d| {
            let k = match d.change {
                StepChange::Added => "added",
                StepChange::Removed => "removed",
                StepChange::Changed(_) => "changed",
            };
            (d.step.to_string(), k)
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("Test / Smoke".to_owned(), "changed"),
            ("Release / Approve".to_owned(), "removed"),
            ("Release / AutoCheck".to_owned(), "added")
        ]
    );
    let StepChange::Changed(fields) = &c.steps[0].change else {
        unreachable!()
    };
    assert_eq!(
        fields,
        &[("wait time".to_owned(), "2h".to_owned(), "30m".to_owned())]
    );

    let release = c.stages.iter().find(|s| s.name == "Release").unwrap();
    assert_eq!(release.lead_time.absolute(), Some(10.0 - 1470.0));
}

#[test]
fn comparison_of_a_stream_with_itself_changes_nothing() {
    let c = compare(&workshop(), &workshop());
    assert!(c.steps.is_empty());
    for m in &c.metrics {
        assert!(m.absolute().is_none_or(|a| a == 0.0), "{}", m.key);
    }
    assert!(comparison_text(&c).contains("no step added, removed or changed"));
}

#[test]
fn comparison_with_empty_stream_has_no_relative_change_from_zero() {
    let c = compare(&Stream::new("nothing"), &workshop());
    let lt = c.metric("lead_time").unwrap();
    assert_eq!(lt.relative_percent(), None);
    assert_eq!(lt.absolute(), Some(1710.0));
    assert_eq!(c.steps.len(), 8);
    let _ = comparison_text(&c);
    let _ = ComparisonJson::new(&c).to_string_pretty();
}

#[test]
fn json_has_the_documented_keys_and_numbers() {
    let m = analyze(&workshop());
    let v: serde_json::Value =
        serde_json::from_str(&StreamJson::new(&m).to_string_pretty()).unwrap();
    assert_eq!(v["lead_time_minutes"], 1710.0);
    assert_eq!(v["process_time_minutes"], 80.0);
    assert_eq!(v["effort_minutes"], 150.0);
    // 8000 / 1710 = 4.678362…, rounded to four decimals.
    assert_eq!(v["flow_efficiency_percent"], 4.6784);
    assert_eq!(v["rolled_complete_accurate_percent"], 61.56);
    assert_eq!(
        v["critical_path"][1],
        serde_json::json!({"stage": "Test", "action": "Unit"})
    );
    assert_eq!(v["constraint"]["stage"], "Release");
    assert_eq!(v["constraint"]["action"], "Approve");
    assert_eq!(v["constraint"]["wait_minutes"], 1440.0);
    assert_eq!(v["unmeasured"][0]["action"], "Security");
    assert_eq!(v["unmeasured"][0]["missing"][0], "process_time");
    assert_eq!(v["stages"][1]["name"], "Test");
    assert_eq!(v["stages"][1]["lead_time_minutes"], 235.0);
    assert_eq!(v["stages"][1]["actions"][0]["name"], "Unit");
    assert_eq!(
        v["stages"][1]["actions"][5]["wait_minutes"],
        serde_json::Value::Null
    );
}

#[test]
fn text_report_reads_in_human_units() {
    let text = text_report(&analyze(&workshop()));
    assert!(
        text.contains("Lead time        at least 1d 4h 30m"),
        "{text}"
    );
    assert!(text.contains("Flow efficiency  4.7%"), "{text}");
    assert!(
        text.contains("Release / Approve waits 1d; removing that wait cuts lead time by 1d"),
        "{text}"
    );
    assert!(
        text.contains("1 step without process or wait time"),
        "{text}"
    );
    // Every table line of the step table has its columns in the same places.
    let lines: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Stage / action"))
        .take(12)
        .collect();
    let col = lines[0].find("Lead time").unwrap() + "Lead time".len();
    for line in &lines[1..] {
        assert_eq!(
            line.chars().nth(col - 1).map(|c| c != ' '),
            Some(true),
            "{line:?}"
        );
    }
}

#[test]
fn text_report_snapshot() {
    insta::assert_snapshot!(text_report(&analyze(&workshop())));
}

#[test]
fn json_report_snapshot() {
    insta::assert_json_snapshot!(StreamJson::new(&analyze(&workshop())));
}

#[test]
fn comparison_snapshots() {
    let c = compare(&workshop(), &workshop_future());
    insta::assert_snapshot!(comparison_text(&c));
    insta::assert_json_snapshot!(ComparisonJson::new(&c));
}

/// Random streams: 1–4 stages of 0–5 steps, run orders 1–3, times up to 1000 minutes, some
/// missing.
fn arb_stream() -> impl Strategy<Value = Stream> {
    let arb_step = (
        1u32..4,
        proptest::option::weighted(0.85, 0u64..1000),
        proptest::option::weighted(0.85, 0u64..1000),
    );
    let arb_stage = proptest::collection::vec(arb_step, 0..6);
    proptest::collection::vec(arb_stage, 1..5).prop_map(|stages| {
        let mut s = Stream::new("random");
        for (i, steps) in stages.into_iter().enumerate() {
            let actions = steps
                .into_iter()
                .enumerate()
                .map(|(j, (order, wait, process))| {
                    step(&format!("A{j}"), order, wait, process, Some(90.0))
                })
                .collect();
            s.stages.push(stage(&format!("S{i}"), actions));
        }
        s
    })
}

proptest! {
    #[test]
    fn lead_time_is_never_below_critical_path_process_time(s in arb_stream()) {
        let m = analyze(&s);
        prop_assert!(m.lead_time >= m.process_time);
        prop_assert_eq!(m.lead_time, m.process_time + m.wait_time);
        prop_assert!(m.effort >= m.process_time);
        if let Some(fe) = m.flow_efficiency {
            prop_assert!((0.0..=100.0).contains(&fe));
        }
        // Every step fits inside its group's lead time.
        for g in m.groups() {
            for st in &g.steps {
                prop_assert_eq!(st.lead_time + st.slack, g.lead_time);
            }
        }
    }

    #[test]
    fn extra_wait_off_the_critical_path_only_counts_beyond_its_slack(
        s in arb_stream(),
        pick in any::<prop::sample::Index>(),
        extra in 0u64..2000,
    ) {
        let m = analyze(&s);
        let off: Vec<&StepMetrics> = m.off_critical_path().collect();
        prop_assume!(!off.is_empty());
        let target = off[pick.index(off.len())];
        let slack = target.slack;
        let mut changed = s.clone();
        let action = changed
            .stages
            .iter_mut()
            .find(|st| st.name == target.step.stage)
            .and_then(|st| st.actions.iter_mut().find(|a| a.name == target.step.action))
            .unwrap();
        action.annotations.wait_time = Some(action.annotations.wait_time.unwrap_or_default() + mins(extra));
        let after = analyze(&changed);
        // Unchanged until the branch becomes critical, then longer by exactly the excess.
        prop_assert_eq!(after.lead_time, m.lead_time + mins(extra).saturating_sub(slack));
        if mins(extra) <= slack {
            prop_assert_eq!(after.lead_time, m.lead_time);
        }
    }
}

/// Stage conditions every change passes through are gates: a deployment window before entry
/// waits, unannotated, for the window to open; an annotated alarm check after success takes
/// its annotations; a rollback on failure is not on the way of a change that succeeds.
#[test]
fn conditions_are_gates_with_a_modelled_window_wait() {
    use crate::builder::rule;
    use crate::model::{ConditionPlace, StageCondition};

    let mut deploy = stage(
        "Deploy",
        vec![step("Release", 1, Some(5), Some(10), Some(99.0))],
    );
    deploy.settings.before_entry = Some(
        StageCondition::fail().rule(rule::deployment_window("Hours", "* * 9-16 ? * MON-FRI *")),
    );
    deploy.settings.on_success = Some(
        StageCondition::rollback()
            .rule(rule::cloudwatch_alarm("Errors", "errors"))
            .process(mins(10))
            .wait(mins(0))
            .ca(95.0),
    );
    deploy.settings.on_failure = Some(StageCondition::rollback());
    let mut s = Stream::new("gated");
    s.stages.push(stage(
        "Build",
        vec![step("Compile", 1, Some(1), Some(4), Some(100.0))],
    ));
    s.stages.push(deploy);
    let m = analyze(&s);

    let names: Vec<&str> = m.steps().map(|s| s.step.action.as_str()).collect();
    assert_eq!(names, ["Compile", "before entry", "Release", "on success"]);

    // Open 40 of the week's 168 hours: four 16-hour nights and a 64-hour weekend, so a change
    // arriving at a random moment waits (4·16² + 64²) / 2 / 168 hours on average.
    let window = m.step("Deploy", "before entry").unwrap();
    let expected = (4.0 * 16.0f64.powi(2) + 64.0f64.powi(2)) / 2.0 / 168.0 * 3600.0;
    let got = window.wait_time.unwrap().as_secs_f64();
    assert!(
        (got - expected).abs() < 60.0,
        "{got} s, expected {expected} s"
    );
    assert!(window.wait_modelled);
    assert_eq!(window.gate, Some(ConditionPlace::BeforeEntry));
    assert_eq!(window.process_time, Some(Duration::ZERO));
    assert_eq!(window.complete_accurate, Some(100.0));
    assert!(window.critical);

    let alarm = m.step("Deploy", "on success").unwrap();
    assert_eq!(alarm.gate, Some(ConditionPlace::OnSuccess));
    assert_eq!(
        (alarm.wait_time, alarm.process_time),
        (Some(mins(0)), Some(mins(10)))
    );
    assert!(!alarm.wait_modelled);
    assert_eq!(alarm.run_order, 2);

    let stage = m.stage("Deploy").unwrap();
    assert_eq!(stage.lead_time, window.lead_time + mins(15) + mins(10));
    assert_eq!(m.lead_time, mins(5) + stage.lead_time);
    // Waiting for the window is the biggest lever, and the rolled %C&A counts the alarm.
    assert_eq!(
        m.constraint.as_ref().unwrap().step,
        StepRef::new("Deploy", "before entry")
    );
    let rolled = m.rolled_complete_accurate.unwrap();
    assert!((rolled - 99.0 * 0.95).abs() < 1e-9, "{rolled}");
    assert_eq!(m.coverage.steps, 4);

    // An annotated wait replaces the modelled one.
    let mut annotated = s.clone();
    annotated.stages[1].settings.before_entry = Some(
        StageCondition::fail()
            .rule(rule::deployment_window("Hours", "* * 9-16 ? * MON-FRI *"))
            .wait(mins(30)),
    );
    let window = analyze(&annotated)
        .step("Deploy", "before entry")
        .unwrap()
        .clone();
    assert_eq!(window.wait_time, Some(mins(30)));
    assert!(!window.wait_modelled);
}

/// Build, then a Deploy stage of two actions (A, B) that retries every action on failure.
pub(crate) fn retrying() -> Stream {
    use crate::model::{RetryMode, StageCondition};

    let mut deploy = stage(
        "Deploy",
        vec![
            step("A", 1, Some(1), Some(2), None),
            step("B", 2, Some(1), Some(2), None),
        ],
    );
    deploy.settings.on_failure = Some(StageCondition::retry(RetryMode::AllActions));
    let mut s = Stream::new("healing");
    s.stages.push(stage(
        "Build",
        vec![step("Compile", 1, Some(1), Some(4), None)],
    ));
    s.stages.push(deploy);
    s
}

/// A stage that rolls back or retries on failure says so: in its figures, the text report,
/// and the JSON form (the pictures: render's tests).
#[test]
fn rework_on_failure_loops_back() {
    use crate::model::ConditionResult;

    let m = analyze(&retrying());
    assert_eq!(m.stage("Build").unwrap().rework, None);
    assert_eq!(
        m.stage("Deploy").unwrap().rework,
        Some(ConditionResult::Retry)
    );
    // Not a step: a change that succeeds never meets it.
    assert_eq!(m.coverage.steps, 3);
    assert!(text_report(&m).contains("on failure: retry"));
    let json = serde_json::to_value(StreamJson::new(&m)).unwrap();
    assert_eq!(json["stages"][1]["rework_on_failure"], "RETRY");
    assert!(json["stages"][0].get("rework_on_failure").is_none());
}
