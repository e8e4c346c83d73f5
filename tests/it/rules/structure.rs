//! CP-STRUCT and CP-ORDER: the shape of the stream and its run orders.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-STRUCT-5",
            |s| {
                s.stages.truncate(1);
            },
            |_| {},
        ),
        ("CP-STRUCT-6", |s| s.stages[1].actions.clear(), |_| {}),
        (
            "CP-STRUCT-7",
            |s| s.stages[0].actions.push(mock("Early")),
            |s| s.stages[0].actions.push(conn("Other", "Src2")),
        ),
        (
            "CP-STRUCT-8",
            |s| s.stages[1].actions.push(conn("Late", "Src2")),
            |s| s.stages[0].actions.push(conn("Late", "Src2")),
        ),
        (
            "CP-ORDER-1",
            |s| build_step(s).run_order = 1000,
            |s| build_step(s).run_order = 999,
        ),
        (
            "CP-ORDER-1",
            |s| build_step(s).run_order = 0,
            |s| build_step(s).run_order = 1,
        ),
        (
            "CP-ORDER-3",
            |s| {
                s.stages[1].actions = vec![
                    with_io(mock("Make"), &[], &["Out"]),
                    with_io(mock("Use"), &["Out"], &[]),
                ]
            },
            |s| {
                s.stages[1].actions = vec![
                    with_io(mock("Make"), &[], &["Out"]),
                    at(with_io(mock("Use"), &["Out"], &[]), 2),
                ]
            },
        ),
        (
            "CP-ORDER-3",
            |s| {
                s.stages[1].actions = vec![with_io(mock("Use"), &["Out"], &[])];
                s.stages
                    .push(stage("Later", vec![with_io(mock("Make"), &[], &["Out"])]))
            },
            |s| {
                s.stages[1].actions = vec![with_io(mock("Make"), &[], &["Out"])];
                s.stages
                    .push(stage("Later", vec![with_io(mock("Use"), &["Out"], &[])]))
            },
        ),
        (
            "CP-ORDER-4",
            |s| build_step(s).inputs = vec!["Nope".into()],
            |s| build_step(s).inputs = vec!["Src".into()],
        ),
        (
            "CP-ORDER-5",
            |s| {
                build_step(s).kind = ActionKind::from(kind!(Lambda {
                    function: "f".into(),
                    user_parameters: Some("#{Later.out}".into()),
                }));
                s.stages.push(stage(
                    "Last",
                    vec![{
                        let mut a = mock("Set");
                        a.namespace = Some("Later".into());
                        a
                    }],
                ))
            },
            |s| {
                build_step(s).kind = ActionKind::from(kind!(Lambda {
                    function: "f".into(),
                    user_parameters: Some(
                        "#{Early.out} #{codepipeline.PipelineExecutionId}".into(),
                    ),
                }));
                s.stages[0].actions[0].namespace = Some("Early".into())
            },
        ),
        (
            "CP-ORDER-5",
            |s| {
                build_step(s).kind = ActionKind::from(kind!(Lambda {
                    function: "f".into(),
                    user_parameters: Some("#{variables.env}".into()),
                }))
            },
            |s| {
                build_step(s).kind = ActionKind::from(kind!(Lambda {
                    function: "f".into(),
                    user_parameters: Some("#{variables.env}".into()),
                }));
                s.settings.variables = vec![Variable {
                    name: "env".into(),
                    default: Some("dev".into()),
                    description: None,
                }]
            },
        ),
    ]
}
