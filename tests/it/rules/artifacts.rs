//! CP-ART: artifact lists, counts per action type, and who reads what.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-ART-1",
            |s| build_step(s).outputs = vec!["A".into(), "A".into()],
            |s| build_step(s).outputs = vec!["A".into(), "B".into()],
        ),
        (
            "CP-ART-2",
            |s| s.stages[0].actions[0].outputs.push("Src2".into()),
            |_| {},
        ),
        (
            "CP-ART-2",
            |s| {
                s.stages[1].actions = vec![with_io(
                    Action::new("QA", Approval::default()),
                    &["Src"],
                    &[],
                )]
            },
            |s| s.stages[1].actions = vec![Action::new("QA", Approval::default())],
        ),
        (
            "CP-ART-2",
            |s| {
                s.stages[1].actions = vec![with_io(mock("Gen"), &[], &["A", "B", "C", "D", "E"])];
                s.stages.push(stage(
                    "Use",
                    vec![with_io(mock("Use"), &["A", "B", "C", "D", "E", "Src"], &[])],
                ))
            },
            |s| {
                s.stages[1].actions = vec![with_io(mock("Gen"), &[], &["A", "B", "C", "D", "E"])];
                s.stages.push(stage(
                    "Use",
                    vec![with_io(mock("Use"), &["A", "B", "C", "D", "E"], &[])],
                ))
            },
        ),
        (
            "CP-ART-2",
            |s| {
                s.settings.simulate =
                    TimeScale::new(Duration::from_secs(3600), Duration::from_secs(1));
                s.stages[1].actions = vec![with_io(mock("Gen"), &["Src"], &["A", "B"])];
            },
            |s| {
                s.settings.simulate =
                    TimeScale::new(Duration::from_secs(3600), Duration::from_secs(1));
                s.stages[1].actions = vec![with_io(mock("Gen"), &["Src"], &["A"])];
            },
        ),
        (
            "CP-ART-4",
            |s| {
                if let Some(c) = s.stages[0].actions[0].kind.downcast_mut::<Connection>() {
                    c.full_clone = Some(true)
                };
                build_step(s).inputs = vec!["Src".into()]
            },
            |s| {
                if let Some(c) = s.stages[0].actions[0].kind.downcast_mut::<Connection>() {
                    c.full_clone = Some(true)
                };
                *build_step(s) = with_io(Action::new("Build", codebuild(None)), &["Src"], &[])
            },
        ),
        (
            "CP-ART-5",
            |s| {
                s.stages[0].actions.push(conn("Lib", "Lib"));
                *build_step(s) =
                    with_io(Action::new("Build", codebuild(None)), &["Src", "Lib"], &[])
            },
            |s| {
                s.stages[0].actions.push(conn("Lib", "Lib"));
                *build_step(s) = with_io(
                    Action::new("Build", codebuild(Some("Lib"))),
                    &["Src", "Lib"],
                    &[],
                )
            },
        ),
        (
            "CP-ART-5",
            |s| {
                *build_step(s) = with_io(
                    Action::new("Build", codebuild(Some("Other"))),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) =
                    with_io(Action::new("Build", codebuild(Some("Src"))), &["Src"], &[])
            },
        ),
        (
            "CP-ART-6",
            |s| {
                *build_step(s) = Action::new(
                    "Deploy",
                    kind!(CloudFormation {
                        template: Some("t.yaml".into()),
                        ..cfn(CfnActionMode::CreateUpdate)
                    }),
                )
            },
            |s| *build_step(s) = Action::new("Deploy", cfn(CfnActionMode::CreateUpdate)),
        ),
        (
            "CP-ART-7",
            |s| {
                set_kind(
                    s,
                    kind!(EcsBlueGreen {
                        images: images(5),
                        ..blue_green()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(EcsBlueGreen {
                        images: images(4),
                        ..blue_green()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-ART-10",
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        input_type: Some(InputType::FilePath),
                        input: Some("in.json".into()),
                        ..machine()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        input_type: Some(InputType::FilePath),
                        input: Some("in.json".into()),
                        ..machine()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-ART-3",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        files: vec!["dist/**/*".into()],
                        ..run(&["make"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        files: vec!["dist/**/*".into()],
                        ..run(&["make"])
                    }),
                    &["Src"],
                );
                build_step(s).outputs = vec!["Dist".into()]
            },
        ),
        (
            "CP-ART-9",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        template: "baseline.yaml".into(),
                        ..stack_set()
                    }),
                    &["Src"],
                )
            },
            |s| set_kind(s, stack_set(), &[]),
        ),
    ]
}
