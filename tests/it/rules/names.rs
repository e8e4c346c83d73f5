//! CP-NAME: names of the pipeline, stages, actions, artifacts, namespaces, variables and tags.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-NAME-1",
            |s| s.name = n('a', 101).into(),
            |s| s.name = n('a', 100).into(),
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
                    value: n('v', 256).into(),
                }]
            },
        ),
        (
            "CP-NAME-16",
            |s| {
                s.settings.tags = vec![Tag {
                    key: "k".into(),
                    value: n('v', 257).into(),
                }]
            },
            |s| {
                s.settings.tags = vec![Tag {
                    key: "k".into(),
                    value: String::new().into(),
                }]
            },
        ),
        (
            "CP-NAME-8",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        environment: [("NODE-ENV".to_owned(), "x".into())].into(),
                        ..run(&["env"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        environment: [("NODE_ENV".to_owned(), "x".into())].into(),
                        ..run(&["env"])
                    }),
                    &["Src"],
                )
            },
        ),
    ]
}
