//! CP-TYPE: action types, owners, providers and versions.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-TYPE-3",
            |s| *build_step(s) = custom(Category::Invoke, Owner::Aws, &n('P', 36), &[]),
            |s| *build_step(s) = custom(Category::Invoke, Owner::Aws, &n('P', 35), &[]),
        ),
        (
            "CP-TYPE-4",
            |s| {
                let mut a = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "StepFunctions",
                    &[(
                        "StateMachineArn",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                    )],
                );
                if let Some(c) = a.kind.downcast_mut::<Custom>() {
                    c.version = Some(n('1', 10))
                };
                *build_step(s) = a
            },
            |s| {
                let mut a = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "StepFunctions",
                    &[(
                        "StateMachineArn",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:m",
                    )],
                );
                if let Some(c) = a.kind.downcast_mut::<Custom>() {
                    c.version = Some(n('1', 9))
                };
                *build_step(s) = a
            },
        ),
        (
            "CP-TYPE-5",
            |s| {
                *build_step(s) = custom(
                    Category::Build,
                    Owner::Aws,
                    "Lambda",
                    &[("FunctionName", "f")],
                )
            },
            |s| {
                *build_step(s) = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "Lambda",
                    &[("FunctionName", "f")],
                )
            },
        ),
        (
            "CP-TYPE-10",
            |s| set_kind(s, Commands::default(), &["Src"]),
            |s| set_kind(s, run(&["make test"]), &["Src"]),
        ),
        (
            "CP-TYPE-10",
            |s| set_kind(s, run(&["make\ntest"]), &["Src"]),
            |s| set_kind(s, run(&[&n('m', 1000)]), &["Src"]),
        ),
        (
            "CP-TYPE-10",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        output_variables: (0..16).map(|i| format!("V{i}")).collect(),
                        ..run(&["env"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        output_variables: (0..15).map(|i| format!("V{i}")).collect(),
                        ..run(&["env"])
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-TYPE-11",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        environment: (0..11).map(|i| (format!("V{i}"), "x".into())).collect(),
                        ..run(&["env"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        environment: (0..10).map(|i| (format!("V{i}"), "x".into())).collect(),
                        ..run(&["env"])
                    }),
                    &["Src"],
                )
            },
        ),
    ]
}
