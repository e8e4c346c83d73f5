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
