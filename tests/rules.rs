//! One test per rule: a stream that breaks it, and one at its boundary that passes.
//! Every id in `rules::enforced()` must appear here or in the list of ids tested elsewhere.

use std::collections::BTreeMap;
use std::time::Duration;

use vsm::kinds::*;
use vsm::model::*;
use vsm::rules::{check, enforced};

fn conn(name: &str, output: &str) -> Action {
    let mut a = Action::new(
        name,
        Connection {
            provider: GitProvider::GitHub,
            repository: "acme/app".into(),
            branch: "main".into(),
            connection_parameter: None,
            full_clone: false,
        },
    );
    a.outputs.push(output.into());
    a
}

fn mock(name: &str) -> Action {
    Action::new(name, Mock {})
}

fn with_io(mut a: Action, inputs: &[&str], outputs: &[&str]) -> Action {
    a.inputs = inputs.iter().map(|s| s.to_string()).collect();
    a.outputs = outputs.iter().map(|s| s.to_string()).collect();
    a
}

fn at(mut a: Action, order: u32) -> Action {
    a.run_order = order;
    a
}

fn stage(name: &str, actions: Vec<Action>) -> Stage {
    Stage {
        name: name.into(),
        actions,
    }
}

/// Source (connection "App" → "Src") then Build (mock "Step").
fn base() -> Stream {
    Stream {
        name: "app".into(),
        settings: Settings::default(),
        stages: vec![
            stage("Source", vec![conn("App", "Src")]),
            stage("Build", vec![mock("Step")]),
        ],
    }
}

fn custom(category: Category, owner: Owner, provider: &str, config: &[(&str, &str)]) -> Action {
    Action::new(
        "Custom",
        Custom {
            category,
            owner,
            provider: provider.into(),
            version: None,
            config: config
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            permissions: Vec::new(),
        },
    )
}

fn cfn(mode: CfnActionMode) -> CloudFormation {
    CloudFormation {
        mode: Some(mode),
        stack: "app".into(),
        template: Some("Src::t.yaml".into()),
        ..Default::default()
    }
}

fn build_step(s: &mut Stream) -> &mut Action {
    &mut s.stages[1].actions[0]
}

fn trigger(source: &str) -> Trigger {
    Trigger {
        source_action: source.into(),
        ..Default::default()
    }
}

fn n(c: char, len: usize) -> String {
    std::iter::repeat_n(c, len).collect()
}

type Mutation = fn(&mut Stream);

/// (rule, breaks it, passes at the boundary)
fn cases() -> Vec<(&'static str, Mutation, Mutation)> {
    vec![
        (
            "CP-NAME-1",
            |s| s.name = n('a', 101),
            |s| s.name = n('a', 100),
        ),
        (
            "CP-NAME-1",
            |s| s.name = "my pipeline".into(),
            |s| s.name = "my.pipe@line_-1".into(),
        ),
        (
            "CP-NAME-2",
            |s| s.stages[1].name = n('b', 101),
            |s| s.stages[1].name = n('b', 100),
        ),
        (
            "CP-NAME-3",
            |s| build_step(s).name = n('c', 101),
            |s| build_step(s).name = n('c', 100),
        ),
        (
            "CP-NAME-3",
            |s| build_step(s).name = "Unit tests".into(),
            |s| build_step(s).name = "Unit-tests".into(),
        ),
        (
            "CP-NAME-4",
            |s| s.stages[0].actions[0].outputs = vec!["Src.zip".into()],
            |s| s.stages[0].actions[0].outputs = vec!["Src_zip-1".into()],
        ),
        (
            "CP-NAME-4",
            |s| s.stages[0].actions[0].outputs = vec![n('d', 101)],
            |s| s.stages[0].actions[0].outputs = vec![n('d', 100)],
        ),
        (
            "CP-NAME-5",
            |s| build_step(s).namespace = Some("Build.Vars".into()),
            |s| build_step(s).namespace = Some("Build@Vars".into()),
        ),
        (
            "CP-NAME-6",
            |s| {
                s.settings.variables = vec![Variable {
                    name: n('v', 129),
                    default: None,
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: n('v', 128),
                    default: None,
                    description: None,
                }]
            },
        ),
        (
            "CP-NAME-9",
            |s| s.stages[1].name = "Source".into(),
            |s| s.stages[1].name = "source".into(),
        ),
        (
            "CP-NAME-10",
            |s| s.stages[1].actions.push(mock("Step")),
            |s| s.stages[1].actions.push(mock("App")),
        ),
        (
            "CP-NAME-11",
            |s| s.stages[1].actions[0].outputs = vec!["Src".into()],
            |s| s.stages[1].actions[0].outputs = vec!["Out".into()],
        ),
        (
            "CP-NAME-12",
            |s| build_step(s).namespace = Some("Src".into()),
            |s| build_step(s).namespace = Some("Srcs".into()),
        ),
        (
            "CP-NAME-12",
            |s| {
                s.stages[0].actions[0].namespace = Some("NS".into());
                build_step(s).namespace = Some("NS".into())
            },
            |s| {
                s.stages[0].actions[0].namespace = Some("NS".into());
                build_step(s).namespace = Some("NS2".into())
            },
        ),
        (
            "CP-NAME-13",
            |s| build_step(s).namespace = Some("codepipeline".into()),
            |s| build_step(s).namespace = Some("codepipeline2".into()),
        ),
        (
            "CP-NAME-13",
            |s| build_step(s).namespace = Some("variables".into()),
            |s| build_step(s).namespace = Some("vars".into()),
        ),
        (
            "CP-NAME-14",
            |s| {
                s.settings.variables = vec![
                    Variable {
                        name: "v".into(),
                        default: None,
                        description: None
                    };
                    2
                ]
            },
            |s| {
                s.settings.variables = vec![
                    Variable {
                        name: "v".into(),
                        default: None,
                        description: None,
                    },
                    Variable {
                        name: "w".into(),
                        default: None,
                        description: None,
                    },
                ]
            },
        ),
        (
            "CP-NAME-16",
            |s| {
                s.settings.tags = vec![Tag {
                    key: n('k', 129),
                    value: "v".into(),
                }]
            },
            |s| {
                s.settings.tags = vec![Tag {
                    key: n('k', 128),
                    value: n('v', 256),
                }]
            },
        ),
        (
            "CP-NAME-16",
            |s| {
                s.settings.tags = vec![Tag {
                    key: "k".into(),
                    value: n('v', 257),
                }]
            },
            |s| {
                s.settings.tags = vec![Tag {
                    key: "k".into(),
                    value: String::new(),
                }]
            },
        ),
        (
            "CP-QUOTA-8",
            |s| {
                s.settings.tags = (0..51)
                    .map(|i| Tag {
                        key: format!("k{i}"),
                        value: "v".into(),
                    })
                    .collect()
            },
            |s| {
                s.settings.tags = (0..50)
                    .map(|i| Tag {
                        key: format!("k{i}"),
                        value: "v".into(),
                    })
                    .collect()
            },
        ),
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
                build_step(s).kind = ActionKind::Lambda(Lambda {
                    function: "f".into(),
                    user_parameters: Some("#{Later.out}".into()),
                });
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
                build_step(s).kind = ActionKind::Lambda(Lambda {
                    function: "f".into(),
                    user_parameters: Some(
                        "#{Early.out} #{codepipeline.PipelineExecutionId}".into(),
                    ),
                });
                s.stages[0].actions[0].namespace = Some("Early".into())
            },
        ),
        (
            "CP-ORDER-5",
            |s| {
                build_step(s).kind = ActionKind::Lambda(Lambda {
                    function: "f".into(),
                    user_parameters: Some("#{variables.env}".into()),
                })
            },
            |s| {
                build_step(s).kind = ActionKind::Lambda(Lambda {
                    function: "f".into(),
                    user_parameters: Some("#{variables.env}".into()),
                });
                s.settings.variables = vec![Variable {
                    name: "env".into(),
                    default: Some("dev".into()),
                    description: None,
                }]
            },
        ),
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
                if let ActionKind::Connection(c) = &mut s.stages[0].actions[0].kind {
                    c.full_clone = true
                };
                build_step(s).inputs = vec!["Src".into()]
            },
            |s| {
                if let ActionKind::Connection(c) = &mut s.stages[0].actions[0].kind {
                    c.full_clone = true
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
                    CloudFormation {
                        template: Some("t.yaml".into()),
                        ..cfn(CfnActionMode::CreateUpdate)
                    },
                )
            },
            |s| *build_step(s) = Action::new("Deploy", cfn(CfnActionMode::CreateUpdate)),
        ),
        (
            "VSM-PROP-1",
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Build",
                        CodeBuild {
                            buildspec: Some("a.yml".into()),
                            buildspec_inline: Some("version: 0.2".into()),
                            ..Default::default()
                        },
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Build",
                        CodeBuild {
                            buildspec_inline: Some("version: 0.2".into()),
                            ..Default::default()
                        },
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "VSM-PROP-1",
            |s| {
                *build_step(s) = Action::new(
                    "Deploy",
                    CloudFormation {
                        role_arn: Some("arn:aws:iam::123456789012:role/deploy".into()),
                        role_parameter: Some("DeployRole".into()),
                        ..cfn(CfnActionMode::CreateUpdate)
                    },
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "Deploy",
                    CloudFormation {
                        role_parameter: Some("DeployRole".into()),
                        ..cfn(CfnActionMode::CreateUpdate)
                    },
                )
            },
        ),
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
                if let ActionKind::Custom(c) = &mut a.kind {
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
                if let ActionKind::Custom(c) = &mut a.kind {
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
                if let ActionKind::Connection(c) = &mut s.stages[0].actions[0].kind {
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
                        CloudFormation {
                            change_set: Some("cs".into()),
                            ..cfn(CfnActionMode::ChangeSetReplace)
                        },
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
                    CloudFormation {
                        template: None,
                        ..cfn(CfnActionMode::CreateUpdate)
                    },
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "Delete",
                    CloudFormation {
                        template: None,
                        ..cfn(CfnActionMode::DeleteOnly)
                    },
                )
            },
        ),
        (
            "CP-CONF-5",
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        CloudFormation {
                            parameter_overrides: Some(format!("{{\"P\":\"{}\"}}", n('x', 1017))),
                            ..cfn(CfnActionMode::CreateUpdate)
                        },
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        CloudFormation {
                            parameter_overrides: Some(format!("{{\"P\":\"{}\"}}", n('x', 1016))),
                            ..cfn(CfnActionMode::CreateUpdate)
                        },
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
                        CloudFormation {
                            parameter_overrides: Some("[1]".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        },
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        CloudFormation {
                            parameter_overrides: Some("{}".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        },
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
                        CloudFormation {
                            role_arn: Some("arn:aws:iam::12345:role/deploy".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        },
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Deploy",
                        CloudFormation {
                            role_arn: Some("arn:aws-cn:iam::123456789012:role/deploy".into()),
                            ..cfn(CfnActionMode::CreateUpdate)
                        },
                    ),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-SEC-1",
            |s| {
                s.stages[0].actions[0] = with_io(
                    custom(
                        Category::Source,
                        Owner::ThirdParty,
                        "GitHub",
                        &[
                            ("Owner", "a"),
                            ("Repo", "b"),
                            ("Branch", "main"),
                            ("OAuthToken", "ghp_secret"),
                        ],
                    ),
                    &[],
                    &["Src"],
                )
            },
            |s| {
                s.stages[0].actions[0] = with_io(
                    custom(
                        Category::Source,
                        Owner::ThirdParty,
                        "GitHub",
                        &[
                            ("Owner", "a"),
                            ("Repo", "b"),
                            ("Branch", "main"),
                            (
                                "OAuthToken",
                                "{{resolve:secretsmanager:gh:SecretString:token}}",
                            ),
                        ],
                    ),
                    &[],
                    &["Src"],
                )
            },
        ),
        (
            "CP-SEC-4",
            |s| {
                s.stages[0].actions[0] = with_io(
                    custom(
                        Category::Source,
                        Owner::ThirdParty,
                        "GitHub",
                        &[("OAuthToken", "{{resolve:secretsmanager:gh}}")],
                    ),
                    &[],
                    &["Src"],
                )
            },
            |_| {},
        ),
        (
            "CP-V2-3",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.execution_mode = Some(ExecutionMode::Queued)
            },
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.execution_mode = Some(ExecutionMode::Superseded)
            },
        ),
        (
            "CP-V2-4",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.triggers = vec![trigger("App")]
            },
            |s| s.settings.triggers = vec![trigger("App")],
        ),
        (
            "CP-V2-5",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: None,
                }]
            },
        ),
        (
            "CP-V2-7",
            |s| {
                s.settings.pipeline_type = PipelineType::V1;
                *build_step(s) = with_io(
                    custom(Category::Compute, Owner::Aws, "Commands", &[]),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    custom(Category::Compute, Owner::Aws, "Commands", &[]),
                    &["Src"],
                    &[],
                )
            },
        ),
        (
            "CP-TRIG-1",
            |s| {
                s.stages[0].actions = (0..51)
                    .map(|i| conn(&format!("S{i}"), &format!("O{i}")))
                    .collect();
                s.settings.triggers = (0..51).map(|i| trigger(&format!("S{i}"))).collect()
            },
            |s| {
                s.stages[0].actions = (0..50)
                    .map(|i| conn(&format!("S{i}"), &format!("O{i}")))
                    .collect();
                s.settings.triggers = (0..50).map(|i| trigger(&format!("S{i}"))).collect()
            },
        ),
        (
            "CP-TRIG-3",
            |s| s.settings.triggers = vec![trigger("Step")],
            |s| s.settings.triggers = vec![trigger("App")],
        ),
        (
            "CP-TRIG-4",
            |s| s.settings.triggers = vec![trigger("App"), trigger("App")],
            |s| s.settings.triggers = vec![trigger("App")],
        ),
        (
            "CP-TRIG-5",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![
                        PushFilter {
                            branches: vec!["main".into()],
                            ..Default::default()
                        };
                        4
                    ],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![
                        PushFilter {
                            branches: vec!["main".into()],
                            ..Default::default()
                        };
                        3
                    ],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-6",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["b".into(); 9],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["b".into(); 8],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-6",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        tags: vec![n('t', 256)],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        tags: vec![n('t', 255)],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-7",
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter {
                        events: vec![PullRequestEvent::Open, PullRequestEvent::Open],
                        branches: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter {
                        events: vec![
                            PullRequestEvent::Open,
                            PullRequestEvent::Updated,
                            PullRequestEvent::Closed,
                        ],
                        branches: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-8",
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter::default()],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    pull_request: vec![PullRequestFilter {
                        branches: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-TRIG-12",
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["main".into(), "release/*".into(), "main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
            |s| {
                s.settings.triggers = vec![Trigger {
                    push: vec![PushFilter {
                        branches: vec!["main".into(), "release/*".into()],
                        branches_excluded: vec!["main".into()],
                        ..Default::default()
                    }],
                    ..trigger("App")
                }]
            },
        ),
        (
            "CP-VAR-1",
            |s| {
                s.settings.variables = (0..51)
                    .map(|i| Variable {
                        name: format!("v{i}"),
                        default: None,
                        description: None,
                    })
                    .collect()
            },
            |s| {
                s.settings.variables = (0..50)
                    .map(|i| Variable {
                        name: format!("v{i}"),
                        default: None,
                        description: None,
                    })
                    .collect()
            },
        ),
        (
            "CP-VAR-2",
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some(n('d', 1001)),
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some(n('d', 1000)),
                    description: None,
                }]
            },
        ),
        (
            "CP-VAR-2",
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some(String::new()),
                    description: None,
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: Some("d".into()),
                    description: None,
                }]
            },
        ),
        (
            "CP-VAR-3",
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: Some(n('d', 201)),
                }]
            },
            |s| {
                s.settings.variables = vec![Variable {
                    name: "v".into(),
                    default: None,
                    description: Some(n('d', 200)),
                }]
            },
        ),
        (
            "CP-QUOTA-1",
            |s| {
                s.stages
                    .extend((0..50).map(|i| stage(&format!("S{i}"), vec![mock("M")])))
            },
            |s| {
                s.stages
                    .extend((0..48).map(|i| stage(&format!("S{i}"), vec![mock("M")])))
            },
        ),
        (
            "CP-QUOTA-2",
            |s| {
                s.stages[1].actions = (0..51)
                    .map(|i| at(mock(&format!("M{i}")), i % 10 + 1))
                    .collect()
            },
            |s| {
                s.stages[1].actions = (0..50)
                    .map(|i| at(mock(&format!("M{i}")), i % 10 + 1))
                    .collect()
            },
        ),
        (
            "CP-QUOTA-3",
            |s| s.stages[1].actions = (0..51).map(|i| mock(&format!("M{i}"))).collect(),
            |s| s.stages[1].actions = (0..50).map(|i| mock(&format!("M{i}"))).collect(),
        ),
        (
            "CP-QUOTA-4",
            |s| s.stages[1].actions = (0..51).map(|i| at(mock(&format!("M{i}")), i + 1)).collect(),
            |s| s.stages[1].actions = (0..50).map(|i| at(mock(&format!("M{i}")), i + 1)).collect(),
        ),
        (
            "CP-QUOTA-5",
            |s| {
                s.stages.extend((0..10).map(|i| {
                    stage(
                        &format!("S{i}"),
                        (0..50).map(|j| mock(&format!("M{j}"))).collect(),
                    )
                }))
            },
            |s| {
                s.stages[1].actions = (0..49).map(|j| mock(&format!("M{j}"))).collect();
                s.stages.extend((0..9).map(|i| {
                    stage(
                        &format!("S{i}"),
                        (0..50).map(|j| mock(&format!("M{j}"))).collect(),
                    )
                }))
            },
        ),
        (
            "CP-QUOTA-7",
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    Approval {
                        timeout: Some(Duration::from_secs(4 * 60)),
                        ..Default::default()
                    },
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    Approval {
                        timeout: Some(Duration::from_secs(5 * 60)),
                        ..Default::default()
                    },
                )
            },
        ),
        (
            "CP-QUOTA-7",
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    Approval {
                        timeout: Some(Duration::from_secs(86_400 * 60 + 60)),
                        ..Default::default()
                    },
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "QA",
                    Approval {
                        timeout: Some(Duration::from_secs(86_400 * 60)),
                        ..Default::default()
                    },
                )
            },
        ),
        (
            "CFN-TPL-1",
            |s| {
                if let ActionKind::Connection(c) = &mut s.stages[0].actions[0].kind {
                    c.connection_parameter = Some("Conn-Arn".into())
                }
            },
            |s| {
                if let ActionKind::Connection(c) = &mut s.stages[0].actions[0].kind {
                    c.connection_parameter = Some(n('C', 255))
                }
            },
        ),
        (
            "CFN-TPL-14",
            |s| connection_parameter(s, "Pipeline"),
            |s| connection_parameter(s, "PipelineName"),
        ),
        (
            "CFN-TPL-14",
            |s| {
                set_kind(s, codebuild(None), &["Src"]);
                build_step(s).name = "Compile".into();
                connection_parameter(s, "BuildCompileProject");
            },
            |s| {
                set_kind(s, codebuild(None), &["Src"]);
                build_step(s).name = "Compile".into();
                connection_parameter(s, "BuildCompileProject2");
            },
        ),
        (
            "CFN-TPL-15",
            |s| {
                s.stages[1].name = "Deploy".into();
                *build_step(s) = with_io(
                    Action::new("Deploy", cfn(CfnActionMode::CreateUpdate)),
                    &["Src"],
                    &[],
                );
                connection_parameter(s, "DeployDeployRoleArn");
            },
            |s| {
                s.stages[1].name = "De-ploy".into();
                *build_step(s) = with_io(
                    Action::new("Deploy", cfn(CfnActionMode::CreateUpdate)),
                    &["Src"],
                    &[],
                );
                connection_parameter(s, "DeployDeployRoleArn");
            },
        ),
        (
            "CP-SEC-19",
            |s| permission(s, &["s3:*"], &["arn:aws:s3:::acme/*"]),
            |s| permission(s, &["s3:GetObject"], &["arn:aws:s3:::acme/*"]),
        ),
        (
            "CP-SEC-19",
            |s| permission(s, &["states:StartExecution"], &["*"]),
            |s| permission(s, &["codepipeline:PutJobSuccessResult"], &["*"]),
        ),
        (
            "CP-SEC-19",
            |s| permission(s, &["s3:GetObject"], &["acme/*"]),
            |s| permission(s, &["s3:GetObject"], &["arn:aws:s3:::acme/*"]),
        ),
        (
            "CP-SEC-19",
            |s| permission(s, &[], &["arn:aws:s3:::acme/*"]),
            |s| permission(s, &["s3:GetObject"], &["arn:aws:s3:::acme/*"]),
        ),
        (
            "VSM-ANN-1",
            |s| build_step(s).annotations.complete_accurate = Some(100.5),
            |s| build_step(s).annotations.complete_accurate = Some(100.0),
        ),
        (
            "VSM-ANN-1",
            |s| build_step(s).annotations.complete_accurate = Some(-0.5),
            |s| build_step(s).annotations.complete_accurate = Some(0.0),
        ),
        (
            "VSM-ANN-1",
            |s| build_step(s).annotations.complete_accurate = Some(f64::NAN),
            |_| {},
        ),
        (
            "CP-CONF-10",
            |s| {
                set_kind(
                    s,
                    Ecs {
                        timeout: Some(Duration::from_secs(61 * 60)),
                        ..ecs()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Ecs {
                        timeout: Some(Duration::from_secs(60 * 60)),
                        ..ecs()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-10",
            |s| {
                set_kind(
                    s,
                    Ecs {
                        timeout: Some(Duration::from_secs(30)),
                        ..ecs()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Ecs {
                        timeout: Some(Duration::from_secs(60)),
                        ..ecs()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-11",
            |s| {
                set_kind(
                    s,
                    Ecs {
                        cluster: "my cluster".into(),
                        ..ecs()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Ecs {
                        cluster: n('c', 255),
                        ..ecs()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-ART-7",
            |s| {
                set_kind(
                    s,
                    EcsBlueGreen {
                        images: images(5),
                        ..blue_green()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    EcsBlueGreen {
                        images: images(4),
                        ..blue_green()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-12",
            |s| {
                set_kind(
                    s,
                    CodeDeploy {
                        application: n('a', 101),
                        deployment_group: "g".into(),
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    CodeDeploy {
                        application: n('a', 100),
                        deployment_group: "g".into(),
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-14",
            |s| {
                set_kind(
                    s,
                    S3Deploy {
                        bucket: "My_Bucket".into(),
                        ..Default::default()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    S3Deploy {
                        bucket: "my-bucket".into(),
                        ..Default::default()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-14",
            |s| {
                set_kind(
                    s,
                    S3Deploy {
                        bucket: "my-bucket".into(),
                        extract: Some(false),
                        ..Default::default()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    S3Deploy {
                        bucket: "my-bucket".into(),
                        extract: Some(false),
                        key: Some("app.zip".into()),
                        ..Default::default()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-SEC-18",
            |s| {
                set_kind(
                    s,
                    S3Deploy {
                        bucket: "my-bucket".into(),
                        acl: Some(CannedAcl::PublicRead),
                        ..Default::default()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    S3Deploy {
                        bucket: "my-bucket".into(),
                        acl: Some(CannedAcl::BucketOwnerFullControl),
                        ..Default::default()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-16",
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        state_machine: "release".into(),
                        ..Default::default()
                    },
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
                    StepFunctions {
                        input_type: Some(InputType::FilePath),
                        ..machine()
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        input_type: Some(InputType::FilePath),
                        input: Some("input.json".into()),
                        ..machine()
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-17",
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        execution_name_prefix: Some("my release".into()),
                        ..machine()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        execution_name_prefix: Some(n('p', 43)),
                        ..machine()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-17",
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        execution_name_prefix: Some(n('p', 44)),
                        ..machine()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        execution_name_prefix: Some("release_1-a".into()),
                        ..machine()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-ART-10",
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        input_type: Some(InputType::FilePath),
                        input: Some("in.json".into()),
                        ..machine()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StepFunctions {
                        input_type: Some(InputType::FilePath),
                        input: Some("in.json".into()),
                        ..machine()
                    },
                    &["Src"],
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
                    Commands {
                        output_variables: (0..16).map(|i| format!("V{i}")).collect(),
                        ..run(&["env"])
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Commands {
                        output_variables: (0..15).map(|i| format!("V{i}")).collect(),
                        ..run(&["env"])
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-TYPE-11",
            |s| {
                set_kind(
                    s,
                    Commands {
                        environment: (0..11).map(|i| (format!("V{i}"), "x".into())).collect(),
                        ..run(&["env"])
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Commands {
                        environment: (0..10).map(|i| (format!("V{i}"), "x".into())).collect(),
                        ..run(&["env"])
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-NAME-8",
            |s| {
                set_kind(
                    s,
                    Commands {
                        environment: [("NODE-ENV".to_owned(), "x".to_owned())].into(),
                        ..run(&["env"])
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Commands {
                        environment: [("NODE_ENV".to_owned(), "x".to_owned())].into(),
                        ..run(&["env"])
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-18",
            |s| {
                set_kind(
                    s,
                    Commands {
                        environment_type: Some(EnvironmentType::Windows),
                        ..run(&["dir"])
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Commands {
                        environment_type: Some(EnvironmentType::Windows),
                        compute: Some(ComputeType::Medium),
                        ..run(&["dir"])
                    },
                    &["Src"],
                )
            },
        ),
        (
            "CP-ART-3",
            |s| {
                set_kind(
                    s,
                    Commands {
                        files: vec!["dist/**/*".into()],
                        ..run(&["make"])
                    },
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    Commands {
                        files: vec!["dist/**/*".into()],
                        ..run(&["make"])
                    },
                    &["Src"],
                );
                build_step(s).outputs = vec!["Dist".into()]
            },
        ),
        (
            "CP-CONF-19",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        stack_set: "1-guardrails".into(),
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        stack_set: format!("g{}", n('1', 127)),
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-ART-9",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        template: "baseline.yaml".into(),
                        ..stack_set()
                    },
                    &["Src"],
                )
            },
            |s| set_kind(s, stack_set(), &[]),
        ),
        (
            "CP-CONF-20",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        call_as: Some(CallAs::DelegatedAdmin),
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        call_as: Some(CallAs::DelegatedAdmin),
                        permission_model: Some(PermissionModel::ServiceManaged),
                        targets: vec!["ou-ab12-abcdefgh".into()],
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-21",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        regions: vec![],
                        ..stack_set()
                    },
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
                    StackSet {
                        permission_model: Some(PermissionModel::ServiceManaged),
                        auto_deployment: Some(AutoDeployment::Enabled),
                        targets: vec!["ou-ab12-abcdefgh".into()],
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        permission_model: Some(PermissionModel::ServiceManaged),
                        auto_deployment: Some(AutoDeployment::Enabled),
                        targets: vec![],
                        regions: vec![],
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-22",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        targets: vec!["1234".into()],
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        targets: vec!["Src::accounts.json".into()],
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-23",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        failure_tolerance: Some(101),
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        failure_tolerance: Some(100),
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-23",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        max_concurrent: Some(0),
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        max_concurrent: Some(1),
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-24",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        capabilities: vec![Capability::AutoExpand],
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        capabilities: vec![Capability::NamedIam],
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
        (
            "CP-CONF-26",
            |s| {
                set_kind(
                    s,
                    StackSet {
                        administration_role_arn: Some("StackSetAdmin".into()),
                        ..stack_set()
                    },
                    &[],
                )
            },
            |s| {
                set_kind(
                    s,
                    StackSet {
                        administration_role_arn: Some(
                            "arn:aws:iam::123456789012:role/StackSetAdmin".into(),
                        ),
                        ..stack_set()
                    },
                    &[],
                )
            },
        ),
    ]
}

/// The build step becomes a custom action with one permission statement.
fn permission(s: &mut Stream, actions: &[&str], resources: &[&str]) {
    let mut action = custom(Category::Invoke, Owner::Custom, "Notifier", &[]);
    if let ActionKind::Custom(c) = &mut action.kind {
        c.permissions = vec![PolicyStatement::new(actions.to_vec(), resources.to_vec())];
    }
    *build_step(s) = action;
}

fn connection_parameter(s: &mut Stream, name: &str) {
    if let ActionKind::Connection(c) = &mut s.stages[0].actions[0].kind {
        c.connection_parameter = Some(name.into());
    }
}

fn set_kind(s: &mut Stream, kind: impl Into<ActionKind>, inputs: &[&str]) {
    *build_step(s) = with_io(Action::new("Step", kind), inputs, &[]);
}

fn ecs() -> Ecs {
    Ecs {
        cluster: "shop".into(),
        service: "web".into(),
        ..Default::default()
    }
}

fn blue_green() -> EcsBlueGreen {
    EcsBlueGreen {
        application: "shop".into(),
        deployment_group: "web".into(),
        task_definition: "Src::taskdef.json".into(),
        app_spec: "Src".into(),
        ..Default::default()
    }
}

fn images(n: usize) -> Vec<EcsImage> {
    (0..n)
        .map(|i| EcsImage::new("Src", format!("IMAGE{}_NAME", i + 1)))
        .collect()
}

fn machine() -> StepFunctions {
    StepFunctions {
        state_machine: "arn:aws:states:eu-west-1:123456789012:stateMachine:release".into(),
        ..Default::default()
    }
}

fn run(commands: &[&str]) -> Commands {
    Commands {
        commands: commands.iter().map(|c| (*c).to_owned()).collect(),
        ..Default::default()
    }
}

fn stack_set() -> StackSet {
    StackSet {
        stack_set: "guardrails".into(),
        template: "Src::baseline.yaml".into(),
        targets: vec!["123456789012".into()],
        regions: vec!["eu-west-1".into()],
        ..Default::default()
    }
}

fn codebuild(primary: Option<&str>) -> CodeBuild {
    CodeBuild {
        primary_source: primary.map(str::to_owned),
        ..Default::default()
    }
}

/// Ids whose tests live elsewhere: template limits and emit options in `tests/emit.rs`, the
/// runtime table in `vsm-dsl/src/rules/runtime.rs` and `tests/emit.rs`, CP-TRIG-9 in
/// `tests/emit.rs`.
const TESTED_ELSEWHERE: &[&str] = &[
    "CFN-TPL-2",
    "CFN-TPL-3",
    "CFN-TPL-4",
    "CFN-TPL-5",
    "CFN-TPL-7",
    "CP-STRUCT-12",
    "CP-STRUCT-13",
    "CP-STRUCT-14",
    "CP-TRIG-9",
    "LMB-1",
    "LMB-2",
    "LMB-3",
    "LMB-4",
];

#[test]
fn base_stream_is_clean() {
    assert_eq!(check(&base()), vec![]);
}

#[test]
fn every_rule_fires_when_broken_and_passes_at_its_boundary() {
    let mut failures = Vec::new();
    for (i, (rule, breaks, passes)) in cases().into_iter().enumerate() {
        let mut broken = base();
        breaks(&mut broken);
        let found = check(&broken);
        if !found.iter().any(|v| v.rule == rule) {
            failures.push(format!(
                "case {i}: {rule} not reported; got {:?}",
                found.iter().map(|v| v.rule).collect::<Vec<_>>()
            ));
        }
        let mut boundary = base();
        passes(&mut boundary);
        let found = check(&boundary);
        if let Some(v) = found.iter().find(|v| v.rule == rule) {
            failures.push(format!("case {i}: {rule} reported at the boundary: {v}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_enforced_rule_has_a_test() {
    let cases = cases();
    let missing: Vec<&str> = enforced()
        .iter()
        .map(|r| r.id)
        .filter(|id| !cases.iter().any(|(c, _, _)| c == id) && !TESTED_ELSEWHERE.contains(id))
        .collect();
    assert!(missing.is_empty(), "rules without a test: {missing:?}");
}

#[test]
fn configuration_violations_point_at_their_key() {
    use vsm::Field;
    let mut s = base();
    let long_arn = format!("arn:aws:iam::123456789012:role/{}", n('r', 1000));
    *build_step(&mut s) = with_io(
        Action::new(
            "Deploy",
            CloudFormation {
                role_arn: Some(long_arn),
                ..cfn(CfnActionMode::CreateUpdate)
            },
        ),
        &["Src"],
        &[],
    );
    let found = check(&s);
    let conf = found
        .iter()
        .find(|v| v.rule == "CP-CONF-1")
        .expect("CP-CONF-1");
    assert_eq!(conf.location.field, Field::Prop("role_arn"));
    let mut s = base();
    *build_step(&mut s) = custom(
        Category::Invoke,
        Owner::Aws,
        "Lambda",
        &[("FunctionName", "")],
    );
    let found = check(&s);
    let conf = found
        .iter()
        .find(|v| v.rule == "CP-CONF-1")
        .expect("CP-CONF-1");
    assert_eq!(conf.location.field, Field::Prop("config"));
}

#[test]
fn parameter_collisions_name_the_rule_the_place_and_the_fix() {
    use vsm::builder::{cloudformation, connection, mock};
    use vsm::ValueStream;
    let source = |parameter: &'static str| {
        move |s: vsm::builder::SourceStage| {
            s.action(
                connection("App", GitProvider::GitHub, "acme/app", "main")
                    .connection_parameter(parameter)
                    .outputs(["Src"]),
            )
        }
    };
    let named_pipeline = ValueStream::builder("app")
        .source("Source", source("Pipeline"))
        .stage("Check", |s| s.action(mock("Check")))
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        named_pipeline.contains(
            "error[CFN-TPL-14] stage \"Source\" / action \"App\" / connection_parameter: template parameter \"Pipeline\" (a connection ARN) has the logical id of the pipeline, which the template creates\n  hint: set `connection_parameter` to another name, such as \"PipelineParameter\""
        ),
        "{named_pipeline}"
    );
    let named_like_a_role = ValueStream::builder("app")
        .source("Source", source("DeployDeployRoleArn"))
        .stage("Deploy", |s| {
            s.action(cloudformation("Deploy", "app").template("Src::template.yaml"))
        })
        .build()
        .unwrap_err()
        .to_string();
    assert!(
        named_like_a_role.contains(
            "error[CFN-TPL-15] stage \"Deploy\" / action \"Deploy\" / RoleArn: template parameter \"DeployDeployRoleArn\" takes a role ARN here and a connection ARN for action \"App\": one parameter cannot be both\n  note: stage \"Source\" / action \"App\" / connection_parameter: takes a connection ARN here\n  hint: set `role_parameter` here, or `connection_parameter` there, to another name"
        ),
        "{named_like_a_role}"
    );
}

#[path = "support/lint.rs"]
mod lint;

use vsm::emit::EmitOptions;

/// Where the generated cfn-lint differential starts in `docs/rules.md`.
const DIFFERENTIAL: &str =
    "<!-- cfn-lint differential: generated by `scripts/prove` (tests/rules.rs) -->";

/// Rules broken by emit options or by the size of the template, with a stream and options
/// that break each (the stream rules pass or are beside the point).
fn emission_cases() -> Vec<(&'static str, Stream, EmitOptions)> {
    let options = |f: fn(&mut EmitOptions)| {
        let mut o = EmitOptions::default();
        f(&mut o);
        o
    };
    // 10 stages of 50 CodeBuild actions with long inline buildspecs: over 500 resources and
    // over 1 MB.
    let mut builds = base();
    builds.stages.truncate(1);
    for si in 0..10 {
        let actions = (0..50)
            .map(|ai| {
                let build = CodeBuild {
                    buildspec_inline: Some(n('b', 1000)),
                    ..Default::default()
                };
                with_io(Action::new(format!("B{ai}"), build), &["Src"], &[])
            })
            .collect();
        builds.stages.push(stage(&format!("S{si}"), actions));
    }
    // 5 stages of 50 CloudFormation deploys, each with its role parameter: over 200.
    let mut deploys = base();
    deploys.stages.truncate(1);
    for si in 0..5 {
        let actions = (0..50)
            .map(|ai| {
                with_io(
                    Action::new(format!("D{ai}"), cfn(CfnActionMode::CreateUpdate)),
                    &["Src"],
                    &[],
                )
            })
            .collect();
        deploys.stages.push(stage(&format!("S{si}"), actions));
    }
    vec![
        (
            "CFN-TPL-1",
            base(),
            options(|o| o.logical_id_prefix = n('P', 250)),
        ),
        (
            "CP-STRUCT-12",
            base(),
            options(|o| o.pipeline_role_arn = Some("pipeline".into())),
        ),
        (
            "CP-STRUCT-13",
            base(),
            options(|o| o.artifact_bucket = Some("arn:aws:s3:::bucket".into())),
        ),
        (
            "CP-STRUCT-14",
            base(),
            options(|o| o.kms_key_arn = Some("alias/mine".into())),
        ),
        ("CFN-TPL-3", builds.clone(), EmitOptions::default()),
        ("CFN-TPL-7", builds, EmitOptions::default()),
        ("CFN-TPL-4", deploys, EmitOptions::default()),
    ]
}

/// Why a rule has no broken template in the differential.
fn not_linted(id: &str) -> &'static str {
    match id {
        "CFN-TPL-2" => {
            "collisions the stream rules leave are those of a merge into another template"
        }
        "CFN-TPL-5" => "a vsm template has two outputs",
        "CP-TRIG-9" => "the emitter never writes an empty list",
        "LMB-1" | "LMB-2" | "LMB-3" => "depends on the day of emission",
        "LMB-4" => "vsm's only function is inline Python",
        _ => "no broken case",
    }
}

/// The differential table: each enforced rule, its broken cases, and what cfn-lint reports on
/// their templates.
fn differential(version: &str, found: &BTreeMap<&'static str, Vec<Option<Vec<String>>>>) -> String {
    let rules = enforced();
    let linted: Vec<_> = rules.iter().filter(|r| found.contains_key(r.id)).collect();
    let missed: Vec<&str> = linted
        .iter()
        .filter(|r| {
            found[r.id]
                .iter()
                .all(|f| f.as_ref().is_some_and(Vec::is_empty))
        })
        .map(|r| r.id)
        .collect();
    let mut out = format!(
        "{DIFFERENTIAL}\n\n## What cfn-lint finds in the templates of broken streams\n\n\
Each rule's breaking cases in `tests/rules.rs` (and, for the rules about emission, a stream or\n\
emit options that break them) are emitted without any rule, through a path only tests reach,\n\
and linted in one run of {version}. Regenerated by `scripts/prove`.\n\n\
Of {} rules with a broken template, cfn-lint reports nothing for {}: vsm alone catches {}.\n\
The reverse, an error cfn-lint reports on a template vsm accepts, is a bug; the generated\n\
streams of `tests/prove.rs` look for it.\n\n\
| id | broken templates | cfn-lint reports |\n|---|---|---|\n",
        linted.len(),
        missed.len(),
        missed.join(", ")
    );
    for r in &rules {
        let row = match found.get(r.id) {
            None => format!("| {} | — | not linted: {} |\n", r.id, not_linted(r.id)),
            Some(cases) => {
                let reported = cases
                    .iter()
                    .filter(|f| f.as_ref().is_some_and(|f| !f.is_empty()))
                    .count();
                let mut ids: Vec<&str> = cases
                    .iter()
                    .flatten()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                let failed = cases.iter().filter(|f| f.is_none()).count();
                let what = match (reported, ids.is_empty()) {
                    (0, _) => "nothing".to_owned(),
                    (k, _) if k == cases.len() => ids.join(", "),
                    (k, _) => format!("{} (in {k} of {})", ids.join(", "), cases.len()),
                };
                let note = if failed > 0 {
                    format!("; {failed} not emitted")
                } else {
                    String::new()
                };
                format!("| {} | {} | {what}{note} |\n", r.id, cases.len())
            }
        };
        out.push_str(&row);
    }
    out
}

/// Emits every broken case without the rules, lints all of them in one cfn-lint run, and
/// writes the table into `docs/rules.md` (with `VSM_BLESS`) or checks it is current.
#[test]
#[ignore = "needs cfn-lint; run by scripts/prove"]
fn cfn_lint_differential() {
    let mut broken: Vec<(&'static str, Stream, EmitOptions)> = cases()
        .into_iter()
        .map(|(rule, breaks, _)| {
            let mut s = base();
            breaks(&mut s);
            (rule, s, EmitOptions::default())
        })
        .collect();
    broken.extend(emission_cases());
    let dir = tempfile::tempdir().unwrap();
    let mut templates = Vec::new();
    let mut emitted = Vec::new();
    for (i, (_, stream, options)) in broken.iter().enumerate() {
        let (stream, options) = (stream.clone(), options.clone());
        let template = std::panic::catch_unwind(move || {
            vsm::__private::emit_unchecked(stream, &options).to_json_pretty()
        });
        emitted.push(template.is_ok());
        if let Ok(json) = template {
            templates.push((format!("case{i:03}"), json));
        }
    }
    let files = lint::write(dir.path(), &templates);
    let linted = lint::cfn_lint(&files);
    let mut found: BTreeMap<&'static str, Vec<Option<Vec<String>>>> = BTreeMap::new();
    for (i, (rule, _, _)) in broken.iter().enumerate() {
        let ids = emitted[i].then(|| {
            let mut ids: Vec<String> = linted
                .get(&format!("case{i:03}"))
                .into_iter()
                .flatten()
                .map(|(id, _)| id.clone())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        });
        found.entry(rule).or_default().push(ids);
    }
    let table = differential(&lint::cfn_lint_version(), &found);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let head = doc.split(DIFFERENTIAL).next().unwrap().trim_end();
    let rewritten = format!("{head}\n\n{table}");
    if std::env::var_os("VSM_BLESS").is_some() {
        std::fs::write(path, &rewritten).unwrap();
    } else {
        assert_eq!(doc, rewritten, "docs/rules.md is stale: run scripts/prove");
    }
}

/// The checked-in differential lists every enforced rule once.
#[test]
fn differential_table_lists_every_enforced_rule() {
    let doc = include_str!("../docs/rules.md");
    let (_, section) = doc
        .split_once(DIFFERENTIAL)
        .expect("docs/rules.md has the cfn-lint differential: run scripts/prove");
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" |").next())
        .filter(|id| *id != "id" && !id.starts_with("---"))
        .collect();
    let ids: Vec<&str> = enforced().iter().map(|r| r.id).collect();
    assert_eq!(
        listed, ids,
        "the differential in docs/rules.md is stale: run scripts/prove"
    );
}
