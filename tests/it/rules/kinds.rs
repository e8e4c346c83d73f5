//! The rules of the action kinds and properties that follow the whole action reference: managed
//! compute in a VPC, CodeBuild's variables and batch builds, and the kinds of the newer action
//! types.

use super::*;

fn build(f: fn(&mut CodeBuild)) -> CodeBuild {
    let mut b = codebuild(None);
    f(&mut b);
    b
}

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CP-CONF-27",
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        vpc: Some("vpc-0123456789abcdef0".into()),
                        subnets: vec!["subnet-0123456789abcdef0".into()],
                        ..run(&["make"])
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    kind!(Commands {
                        vpc: Some("vpc-0123456789abcdef0".into()),
                        subnets: vec!["subnet-0123456789abcdef0".into()],
                        security_groups: vec!["sg-0123456789abcdef0".into()],
                        ..run(&["make"])
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-28",
            |s| set_kind(s, build(|b| b.combine_artifacts = Some(true)), &["Src"]),
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.batch = Some(true);
                        b.combine_artifacts = Some(true);
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-29",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("CODEBUILD_X".into(), "1".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert(n('X', 128), "1".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-29",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("DB".into(), "1".into());
                        b.secrets.insert("DB".into(), "db".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("DB_HOST".into(), "1".into());
                        b.secrets.insert("DB".into(), "db".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-SEC-20",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.parameters
                            .insert("HOST".into(), "/app/#{variables.env}/host".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.parameters.insert("HOST".into(), "/app/prod/host".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-SEC-5",
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.environment.insert("API_TOKEN".into(), "x".into());
                    }),
                    &["Src"],
                )
            },
            |s| {
                set_kind(
                    s,
                    build(|b| {
                        b.secrets.insert("API_TOKEN".into(), "api:token".into());
                    }),
                    &["Src"],
                )
            },
        ),
        (
            "CP-CONF-30",
            |s| set_kind(s, beanstalk("shop", "prod-"), &["Src"]),
            |s| set_kind(s, beanstalk(&n('a', 100), &n('e', 40)), &["Src"]),
        ),
        (
            "CP-CONF-30",
            |s| set_kind(s, beanstalk("shop", "env"), &["Src"]),
            |s| set_kind(s, beanstalk("shop", "e-v1"), &["Src"]),
        ),
    ]
}

fn beanstalk(application: &str, environment: &str) -> ElasticBeanstalk {
    kind!(ElasticBeanstalk {
        application: application.into(),
        environment: environment.into(),
    })
}
