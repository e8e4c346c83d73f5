//! Stages and actions present under template conditions: the rules hold in every case the
//! conditions allow, and alternatives that exclude each other may share names and outputs.

use super::*;

/// Declares parameter `Env` and conditions `IsProd` and `UseS3` on it.
fn conditions(s: &mut Stream) {
    s.settings.parameters.push(Parameter::new("Env"));
    for (name, value) in [("IsProd", "prod"), ("UseS3", "s3")] {
        let test =
            vsm::cfn::Expr::from_value(&serde_json::json!({"Fn::Equals": [{"Ref": "Env"}, value]}));
        s.settings.conditions.push(Condition::new(name, test));
    }
}

fn when(mut a: Action, yes: &[&str], no: &[&str]) -> Action {
    a.when = yes.iter().map(|c| (*c).to_owned()).collect();
    a.unless = no.iter().map(|c| (*c).to_owned()).collect();
    a
}

/// Two builds of one name and output: chosen by `IsProd` (or both present).
fn alternatives(s: &mut Stream, exclusive: bool) {
    conditions(s);
    let other = if exclusive { "IsProd" } else { "UseS3" };
    s.stages[1].actions = vec![
        when(with_io(mock("Step"), &["Src"], &["Out"]), &["IsProd"], &[]),
        when(with_io(mock("Step"), &["Src"], &["Out"]), &[], &[other]),
    ];
}

/// The source "App" (output `Src`) only when `IsProd`, and a second source: the
/// alternative that also outputs `Src`, or one with an output of its own.
fn sources(s: &mut Stream, alternative: bool) {
    conditions(s);
    s.stages[0].actions[0].when = vec!["IsProd".into()];
    let mut other = conn("Other", if alternative { "Src" } else { "Other" });
    if alternative {
        other.unless = vec!["IsProd".into()];
    }
    s.stages[0].actions.push(other);
}

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "VSM-WHEN-1",
            |s| {
                conditions(s);
                *build_step(s) = when(mock("Step"), &["IsProd", "UseS3"], &["IsProd"]);
            },
            |s| {
                conditions(s);
                *build_step(s) = when(mock("Step"), &["IsProd"], &["UseS3"]);
            },
        ),
        (
            "CP-NAME-10",
            |s| alternatives(s, false),
            |s| alternatives(s, true),
        ),
        (
            "CP-NAME-11",
            |s| alternatives(s, false),
            |s| alternatives(s, true),
        ),
        (
            "CP-NAME-9",
            |s| {
                conditions(s);
                s.stages.push(stage("Build", vec![mock("Other")]));
                s.stages[1].when = vec!["IsProd".into()];
            },
            |s| {
                conditions(s);
                s.stages.push(stage("Build", vec![mock("Other")]));
                s.stages[1].when = vec!["IsProd".into()];
                s.stages[2].unless = vec!["IsProd".into()];
            },
        ),
        (
            "CP-STRUCT-5",
            |s| {
                conditions(s);
                s.stages[1].when = vec!["IsProd".into()];
            },
            |s| {
                conditions(s);
                s.stages[1].when = vec!["IsProd".into()];
                s.stages.push(stage("Other", vec![mock("Other")]));
                s.stages[2].unless = vec!["IsProd".into()];
            },
        ),
        (
            "CP-STRUCT-6",
            |s| {
                conditions(s);
                *build_step(s) = when(mock("Step"), &["IsProd"], &[]);
            },
            |s| {
                conditions(s);
                *build_step(s) = when(mock("Step"), &["IsProd"], &[]);
                s.stages[1].when = vec!["IsProd".into()];
                s.stages.push(stage("Other", vec![mock("Other")]));
            },
        ),
        (
            "CP-STRUCT-7",
            |s| {
                conditions(s);
                s.stages[0].when = vec!["IsProd".into()];
            },
            |s| sources(s, true),
        ),
        (
            "CP-ORDER-3",
            |s| {
                sources(s, false);
                *build_step(s) = with_io(mock("Step"), &["Src"], &[]);
            },
            |s| {
                sources(s, true);
                *build_step(s) = with_io(mock("Step"), &["Src"], &[]);
            },
        ),
        (
            "CFN-TPL-10",
            |s| {
                conditions(s);
                s.stages[1].when = vec!["IsStaging".into()];
                s.stages.push(stage("Other", vec![mock("Other")]));
            },
            |s| {
                conditions(s);
                s.stages[1].when = vec!["IsProd".into()];
                s.stages.push(stage("Other", vec![mock("Other")]));
            },
        ),
    ]
}

#[test]
fn a_missing_artifact_in_one_case_is_a_warning_naming_the_case() {
    let mut s = base();
    sources(&mut s, false);
    *build_step(&mut s) = with_io(mock("Step"), &["Src"], &[]);
    let found = check(&s);
    let v = found
        .iter()
        .find(|v| v.rule == "CP-ORDER-3")
        .expect("reported");
    assert!(!v.is_error(), "{v}");
    assert!(v.message.contains("when IsProd is false"), "{}", v.message);
}

#[test]
fn a_condition_only_a_presence_uses_is_used() {
    let mut s = base();
    alternatives(&mut s, false);
    let found = check(&s);
    assert!(!found.iter().any(|v| v.rule == "CFN-TPL-18"), "{found:?}");
    let mut unused = base();
    conditions(&mut unused);
    let found = check(&unused);
    assert_eq!(found.iter().filter(|v| v.rule == "CFN-TPL-18").count(), 2);
}

/// An optional repository: a parameter whose empty default leaves its source out. The default
/// is tried only where it leaves the step present, so it breaks no rule.
#[test]
fn a_default_that_removes_its_step_breaks_no_rule_there() {
    let stream: Stream = serde_json::from_value(serde_json::json!({
        "name": "app",
        "settings": {
            "parameters": [{"name": "Repo", "default": ""}],
            "conditions": [{"name": "HasRepo",
                "test": {"Fn::Not": [{"Fn::Equals": [{"Ref": "Repo"}, ""]}]}}]
        },
        "stages": [
            {"name": "Source", "actions": [
                {"name": "Source", "when": "HasRepo", "outputs": ["Src"],
                 "kind": {"type": "codecommit", "repository": {"Ref": "Repo"}, "branch": "main"}},
                {"name": "Source", "unless": "HasRepo", "outputs": ["Src"],
                 "kind": {"type": "s3_source", "bucket": "acme-sources", "key": "app.zip"}}
            ]},
            {"name": "Build", "actions": [{"name": "Step", "inputs": ["Src"], "kind": {"type": "mock"}}]}
        ]
    }))
    .unwrap();
    let errors: Vec<_> = check(&stream)
        .into_iter()
        .filter(|v| v.is_error())
        .collect();
    assert_eq!(errors, vec![]);
    // Where the default leaves the step in, it is still tried.
    let mut always = stream.clone();
    always.stages[0].actions[0].when.clear();
    always.stages[0].actions.truncate(1);
    assert!(
        check(&always)
            .iter()
            .any(|v| v.is_error() && v.message.contains("its default \"\"")),
        "{:?}",
        check(&always)
    );
}

#[test]
fn elements_that_no_case_has_are_reported() {
    let mut s = base();
    conditions(&mut s);
    // IsProd and UseS3 compare Env with different values: never both.
    *build_step(&mut s) = when(mock("Step"), &["IsProd", "UseS3"], &[]);
    s.stages.push(stage("Other", vec![mock("Other")]));
    let found = check(&s);
    assert!(
        found
            .iter()
            .any(|v| v.rule == "VSM-WHEN-1" && v.message.contains("no case")),
        "{found:?}"
    );
    // A stage under a condition, holding a step unless it.
    let mut s = base();
    conditions(&mut s);
    s.stages[1].when = vec!["IsProd".into()];
    s.stages[1]
        .actions
        .push(when(mock("Never"), &[], &["IsProd"]));
    s.stages.push(stage("Other", vec![mock("Other")]));
    let found = check(&s);
    assert!(found.iter().any(|v| v.rule == "VSM-WHEN-1"), "{found:?}");
}

#[test]
fn an_artifact_only_other_cases_produce_is_never_produced() {
    let mut s = base();
    sources(&mut s, false);
    *build_step(&mut s) = when(with_io(mock("Step"), &["Src"], &[]), &[], &["IsProd"]);
    let found = check(&s);
    let v = found
        .iter()
        .find(|v| v.rule == "CP-ORDER-4")
        .expect("reported");
    assert!(
        v.message.contains("only where this action is not present"),
        "{}",
        v.message
    );
}
