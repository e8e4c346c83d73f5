//! CP-V2-6, CP-NAME-7, CP-COND: stage conditions, rollback and retry, and each rule type's own
//! rules.

use super::*;
use vsm::builder::rule;
use vsm::conditions::variable_check::VariableOperator;

/// Weekdays, 09:00 to 16:59.
const WINDOW: &str = "* * 9-16 ? * MON-FRI *";

fn window(name: &str) -> Rule {
    rule::deployment_window(name, WINDOW).into()
}

/// The build stage's conditions.
fn build(s: &mut Stream) -> &mut StageSettings {
    &mut s.stages[1].settings
}

/// The build stage waits for the window, failing the entry outside it.
fn gate(s: &mut Stream, rules: Vec<Rule>) {
    let mut c = StageCondition::fail();
    c.rules = rules;
    build(s).before_entry = Some(c);
}

/// The build stage must keep an alarm in `account` quiet, or it rolls back; with `role`, the
/// rule runs as that role.
fn alarm_in(s: &mut Stream, account: &str, role: Option<&str>) {
    let mut alarm = rule::cloudwatch_alarm("Errors", "app-errors").account(account);
    if let Some(role) = role {
        alarm = alarm.role_arn(role);
    }
    build(s).on_success = Some(StageCondition::rollback().rule(alarm));
}

/// The pipeline's account and Region are known.
fn home(s: &mut Stream) {
    s.settings.account = Some("111111111111".into());
    s.settings.region = Some("eu-west-1".into());
}

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "VSM-XACCT-1",
            |s| {
                home(s);
                alarm_in(s, "3333333333333", None);
            },
            |s| {
                home(s);
                alarm_in(s, "333333333333", None);
            },
        ),
        (
            "VSM-XACCT-1",
            |s| {
                home(s);
                alarm_in(
                    s,
                    "333333333333",
                    Some("arn:aws:iam::222222222222:role/gate"),
                );
            },
            |s| {
                home(s);
                alarm_in(
                    s,
                    "333333333333",
                    Some("arn:aws:iam::333333333333:role/gate"),
                );
            },
        ),
        (
            "CP-XREG-5",
            |s| alarm_in(s, "333333333333", None),
            |s| {
                alarm_in(
                    s,
                    "333333333333",
                    Some("arn:aws:iam::333333333333:role/gate"),
                )
            },
        ),
        (
            "CP-V2-6",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                gate(s, vec![window("Window")]);
            },
            |s| gate(s, vec![window("Window")]),
        ),
        (
            "CP-NAME-7",
            |s| gate(s, vec![window("Office hours")]),
            |s| gate(s, vec![window(&n('w', 100))]),
        ),
        (
            "CP-COND-1",
            |s| gate(s, vec![]),
            |s| gate(s, vec![window("Window")]),
        ),
        (
            "CP-COND-2",
            |s| gate(s, (1..=6).map(|i| window(&format!("W{i}"))).collect()),
            |s| gate(s, (1..=5).map(|i| window(&format!("W{i}"))).collect()),
        ),
        (
            "CP-COND-3",
            |s| {
                let check =
                    rule::lambda_invoke("Check", "release-gate").user_parameters(n('p', 10_001));
                gate(s, vec![check.into()]);
            },
            |s| {
                let check =
                    rule::lambda_invoke("Check", "release-gate").user_parameters(n('p', 10_000));
                gate(s, vec![check.into()]);
            },
        ),
        (
            "CP-COND-4",
            |s| build(s).on_failure = Some(StageCondition::skip()),
            |s| build(s).on_failure = Some(StageCondition::fail()),
        ),
        (
            "CP-COND-5",
            |s| {
                build(s).on_failure =
                    Some(StageCondition::rollback().retry_mode(RetryMode::AllActions))
            },
            |s| build(s).on_failure = Some(StageCondition::retry(RetryMode::AllActions)),
        ),
        (
            "CP-COND-6",
            |s| build(s).before_entry = Some(StageCondition::rollback().rule(window("Window"))),
            |s| build(s).before_entry = Some(StageCondition::fail().rule(window("Window"))),
        ),
        (
            "CP-COND-7",
            |s| build(s).before_entry = Some(StageCondition::skip().rule(window("Window"))),
            |s| {
                let check = rule::variable_check(
                    "OnMain",
                    "#{variables.Branch}",
                    VariableOperator::Eq,
                    "main",
                );
                s.settings.variables.push(Variable {
                    name: "Branch".into(),
                    default: Some("main".into()),
                    description: None,
                });
                build(s).before_entry = Some(StageCondition::skip().rule(check));
            },
        ),
        (
            "CP-COND-8",
            |s| {
                build(s).on_failure =
                    Some(StageCondition::retry(RetryMode::FailedActions).rule(window("Window")))
            },
            |s| build(s).on_failure = Some(StageCondition::retry(RetryMode::FailedActions)),
        ),
        (
            "CP-COND-9",
            |s| {
                gate(s, vec![window("Window")]);
                build(s).on_success = Some(StageCondition::rollback().rule(window("Window")));
            },
            |s| {
                gate(s, vec![window("Window")]);
                build(s).on_success = Some(StageCondition::rollback().rule(window("Later")));
            },
        ),
        (
            "CP-COND-10",
            |s| {
                gate(
                    s,
                    vec![rule::deployment_window("Window", "* * 9-16 * * MON-FRI *").into()],
                )
            },
            |s| {
                gate(
                    s,
                    vec![rule::deployment_window("Window", "0 0 9 ? * MON *").into()],
                )
            },
        ),
        (
            "CP-COND-11",
            |s| {
                let w = rule::deployment_window("Window", WINDOW).time_zone("Berlin time");
                gate(s, vec![w.into()]);
            },
            |s| {
                let w = rule::deployment_window("Window", WINDOW).time_zone("Europe/Berlin");
                gate(s, vec![w.into()]);
            },
        ),
        (
            "CP-COND-12",
            |s| {
                let alarm = rule::cloudwatch_alarm("Alarm", n('a', 256));
                build(s).on_success = Some(StageCondition::rollback().rule(alarm));
            },
            |s| {
                let alarm = rule::cloudwatch_alarm("Alarm", n('a', 255));
                build(s).on_success = Some(StageCondition::rollback().rule(alarm));
            },
        ),
        (
            "CP-COND-13",
            |s| {
                let check = rule::variable_check("OnMain", "Branch", VariableOperator::Eq, "main");
                gate(s, vec![check.into()]);
            },
            |s| {
                s.settings.variables.push(Variable {
                    name: "Branch".into(),
                    default: Some("main".into()),
                    description: None,
                });
                let check = rule::variable_check(
                    "OnMain",
                    "#{variables.Branch}",
                    VariableOperator::Eq,
                    "main",
                );
                gate(s, vec![check.into()]);
            },
        ),
        (
            "CP-COND-14",
            |s| {
                let check =
                    rule::commands("Smoke").commands(vec!["make smoke\nmake more".to_owned()]);
                gate(s, vec![check.into()]);
            },
            |s| {
                let check = rule::commands("Smoke").commands(vec![n('c', 1000)]);
                gate(s, vec![check.into()]);
            },
        ),
        (
            "CP-COND-16",
            |s| {
                gate(
                    s,
                    vec![rule::deployment_window("Window", WINDOW)
                        .region("Ireland")
                        .into()],
                )
            },
            |s| {
                gate(
                    s,
                    vec![rule::deployment_window("Window", WINDOW)
                        .region("eu-west-1")
                        .into()],
                )
            },
        ),
    ]
}
