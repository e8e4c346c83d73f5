//! CP-CONF: action configuration values, kind by kind.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-CONF-1",
            |s| {
                *build_step(s) = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "Lambda",
                    &[("FunctionName", &n('f', 1001))],
                )
            },
            |s| {
                *build_step(s) = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "Lambda",
                    &[("FunctionName", &n('f', 1000))],
                )
            },
        ),
        (
            "CP-CONF-1",
            |s| {
                *build_step(s) = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "Lambda",
                    &[("FunctionName", "f"), (&n('K', 51), "v")],
                )
            },
            |s| {
                *build_step(s) = custom(
                    Category::Invoke,
                    Owner::Aws,
                    "Lambda",
                    &[("FunctionName", "f"), (&n('K', 50), "v")],
                )
            },
        ),
        (
            "CP-CONF-3",
            |s| {
                *build_step(s) = with_io(
                    custom(Category::Build, Owner::Aws, "CodeBuild", &[]),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    custom(
                        Category::Build,
                        Owner::Aws,
                        "CodeBuild",
                        &[("ProjectName", "p")],
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-CONF-3",
            |s| {
                if let Some(c) = s.stages[0].actions[0].kind.downcast_mut::<Connection>() {
                    c.repository = "app".into()
                }
            },
            |_| {},
        ),
        (
            "CP-CONF-4",
            |s| {
                *build_step(s) = with_io(
                    Action::new("Plan", cfn(CfnActionMode::ChangeSetReplace)),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Plan",
                        kind!(CloudFormation {
                            change_set: Some("cs".into()),
                            ..cfn(CfnActionMode::ChangeSetReplace)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-CONF-4",
            |s| {
                *build_step(s) = Action::new(
                    "Deploy",
                    kind!(CloudFormation {
                        template: None,
                        ..cfn(CfnActionMode::CreateUpdate)
                    }),
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "Delete",
                    kind!(CloudFormation {
                        template: None,
                        ..cfn(CfnActionMode::DeleteOnly)
                    }),
                )
            },
        ),
        (
            "CP-CONF-5",
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        kind!(CloudFormation {
                            parameter_overrides: Some(
                                format!("{{\"P\":\"{}\"}}", n('x', 1017)).into()
                            ),
                            ..cfn(CfnActionMode::CreateUpdate)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        kind!(CloudFormation {
                            parameter_overrides: Some(
                                format!("{{\"P\":\"{}\"}}", n('x', 1016)).into()
                            ),
                            ..cfn(CfnActionMode::CreateUpdate)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-CONF-5",
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        kind!(CloudFormation {
                            parameter_overrides: Some("[1]".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        kind!(CloudFormation {
                            parameter_overrides: Some("{}".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-CONF-6",
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        kind!(CloudFormation {
                            role_arn: Some("arn:aws:iam::12345:role/deploy".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        kind!(CloudFormation {
                            role_arn: Some("arn:aws-cn:iam::123456789012:role/deploy".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-CONF-10",
            |s| {
                set_kind(
                    s,
                    kind!(Ecs {
                        timeout: Some(Duration::from_secs(61 * 60)),
                        ..ecs()
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Ecs {
                        timeout: Some(Duration::from_secs(60 * 60)),
                        ..ecs()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-10",
            |s| {
                set_kind(
                    s,
                    kind!(Ecs {
                        timeout: Some(Duration::from_secs(30)),
                        ..ecs()
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Ecs {
                        timeout: Some(Duration::from_secs(60)),
                        ..ecs()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-11",
            |s| {
                set_kind(
                    s,
                    kind!(Ecs {
                        cluster: "my cluster".into(),
                        ..ecs()
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Ecs {
                        cluster: n('c', 255).into(),
                        ..ecs()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-12",
            |s| {
                set_kind(
                    s,
                    kind!(CodeDeploy {
                        application: n('a', 101).into(),
                        deployment_group: "g".into(),
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(CodeDeploy {
                        application: n('a', 100).into(),
                        deployment_group: "g".into(),
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-14",
            |s| {
                set_kind(
                    s,
                    kind!(S3Deploy {
                        bucket: "My_Bucket".into(),
                        ..Default::default()
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(S3Deploy {
                        bucket: "my-bucket".into(),
                        ..Default::default()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-14",
            |s| {
                set_kind(
                    s,
                    kind!(S3Deploy {
                        bucket: "my-bucket".into(),
                        extract: Some(false),
                        ..Default::default()
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(S3Deploy {
                        bucket: "my-bucket".into(),
                        extract: Some(false),
                        key: Some("app.zip".into()),
                        ..Default::default()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-16",
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        state_machine: "release".into(),
                        ..Default::default()
                    }),
                    &[],
                )
            },
            |s| set_kind(s, machine(), &[]),
        ),
        (
            "CP-CONF-16",
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        input_type: Some(InputType::FilePath),
                        ..machine()
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        input_type: Some(InputType::FilePath),
                        input: Some("input.json".into()),
                        ..machine()
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-17",
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        execution_name_prefix: Some("my release".into()),
                        ..machine()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        execution_name_prefix: Some(n('p', 43).into()),
                        ..machine()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-17",
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        execution_name_prefix: Some(n('p', 44).into()),
                        ..machine()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StepFunctions {
                        execution_name_prefix: Some("release_1-a".into()),
                        ..machine()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-18",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        environment_type: Some(EnvironmentType::Windows),
                        ..run(&["dir"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        environment_type: Some(EnvironmentType::Windows),
                        compute: Some(ComputeType::Medium),
                        ..run(&["dir"])
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-19",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        stack_set: "1-guardrails".into(),
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        stack_set: format!("g{}", n('1', 127)).into(),
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-20",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        call_as: Some(CallAs::DelegatedAdmin),
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        call_as: Some(CallAs::DelegatedAdmin),
                        permission_model: Some(PermissionModel::ServiceManaged),
                        targets: vec!["ou-ab12-abcdefgh".into()],
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-21",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        regions: vec![],
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |_| {},
        ),
        (
            "CP-CONF-21",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        permission_model: Some(PermissionModel::ServiceManaged),
                        auto_deployment: Some(AutoDeployment::Enabled),
                        targets: vec!["ou-ab12-abcdefgh".into()],
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        permission_model: Some(PermissionModel::ServiceManaged),
                        auto_deployment: Some(AutoDeployment::Enabled),
                        targets: vec![],
                        regions: vec![],
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-22",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        targets: vec!["1234".into()],
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        targets: vec!["Src::accounts.json".into()],
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-23",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        failure_tolerance: Some(101.into()),
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        failure_tolerance: Some(100.into()),
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-23",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        max_concurrent: Some(0.into()),
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        max_concurrent: Some(1.into()),
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-24",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        capabilities: vec![Capability::AutoExpand],
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        capabilities: vec![Capability::NamedIam],
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
        (
            "CP-CONF-26",
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        administration_role_arn: Some("StackSetAdmin".into()),
                        ..stack_set()
                    }),
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(StackSet {
                        administration_role_arn: Some(
                            "arn:aws:iam::123456789012:role/StackSetAdmin".into(),
                        ),
                        ..stack_set()
                    }),
                    &[],
                )
            },
        ),
    ]
}
