//! VSM-ANN and VSM-PROP: vsm's own rules on annotations and on properties that exclude each other.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "VSM-PROP-1",
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Build",
                        kind!(CodeBuild {
                            buildspec: Some("a.yml".into()),
                            buildspec_inline: Some("version: 0.2".into()),
                            ..Default::default()
                        }),
                    ),
                    &["Src"],
                    &[],
                )
            },
            |s| {
                *build_step(s) = with_io(
                    Action::new(
                        "Build",
                        kind!(CodeBuild {
                            buildspec_inline: Some("version: 0.2".into()),
                            ..Default::default()
                        }),
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
                    kind!(CloudFormation {
                        role_arn: Some("arn:aws:iam::123456789012:role/deploy".into()),
                        role_parameter: Some("DeployRole".into()),
                        ..cfn(CfnActionMode::CreateUpdate)
                    }),
                )
            },
            |s| {
                *build_step(s) = Action::new(
                    "Deploy",
                    kind!(CloudFormation {
                        role_parameter: Some("DeployRole".into()),
                        ..cfn(CfnActionMode::CreateUpdate)
                    }),
                )
            },
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
    ]
}
