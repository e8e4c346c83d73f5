//! CP-SEC: secrets, permissions and the GitHub version 1 source.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
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
            "CP-SEC-18",
            |s| {
                set_kind(
                    s,
                    kind!(S3Deploy {
                        bucket: "my-bucket".into(),
                        acl: Some(CannedAcl::PublicRead),
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
                        acl: Some(CannedAcl::BucketOwnerFullControl),
                        ..Default::default()
                    }),
                    &["Src"],
                )
            },
        ),
    ]
}
