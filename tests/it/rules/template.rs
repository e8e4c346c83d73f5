//! CFN-TPL: the template parameters a stream names.

use super::*;

/// (rule, breaks it, passes at the boundary)
pub(super) fn cases() -> Vec<Case> {
    vec![
        (
            "CFN-TPL-1",
            |s| {
                if let Some(c) = s.stages[0].actions[0].kind.downcast_mut::<Connection>() {
                    c.connection_parameter = Some("Conn-Arn".into())
                }
            },
            |s| {
                if let Some(c) = s.stages[0].actions[0].kind.downcast_mut::<Connection>() {
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
    ]
}
