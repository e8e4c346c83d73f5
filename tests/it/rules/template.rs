//! CFN-TPL: the template parameters a stream names and declares, its conditions and mappings,
//! and the expressions in its values.

use super::*;
use vsm::builder::{find_in_map, if_, param, sub};

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
        (
            "CFN-TPL-10",
            |s| s.name = param("Env"),
            |s| s.name = sub("${AWS::StackName}-app"),
        ),
        (
            "CFN-TPL-10",
            |s| {
                declare(s, Parameter::new("Env"));
                s.name = if_("IsProd", "app", param("Env"));
            },
            |s| {
                declare(s, Parameter::new("Env"));
                condition(s, "IsProd", r#"{"Fn::Equals": [{"Ref": "Env"}, "prod"]}"#);
                s.name = if_("IsProd", "app", param("Env"));
            },
        ),
        (
            "CFN-TPL-10",
            |s| {
                let check = vsm::builder::rule::lambda_invoke("Gate", param("GateFunction"));
                s.stages[1].settings.before_entry = Some(StageCondition::fail().rule(check));
            },
            |s| {
                declare(s, Parameter::new("GateFunction"));
                let check = vsm::builder::rule::lambda_invoke("Gate", param("GateFunction"));
                s.stages[1].settings.before_entry = Some(StageCondition::fail().rule(check));
            },
        ),
        (
            "CFN-TPL-16",
            |s| {
                declare(s, Parameter::new("Env"));
                condition(s, "IsProd", r#"{"Ref": "Env"}"#);
                s.name = if_("IsProd", "app", "app-test");
            },
            |s| {
                declare(s, Parameter::new("Env"));
                condition(s, "IsProd", r#"{"Fn::Equals": [{"Ref": "Env"}, "prod"]}"#);
                s.name = if_("IsProd", "app", "app-test");
            },
        ),
        (
            "CFN-TPL-16",
            |s| {
                condition(s, "A", r#"{"Fn::Not": [{"Condition": "B"}]}"#);
                condition(s, "B", r#"{"Fn::Not": [{"Condition": "A"}]}"#);
                s.name = if_("A", "app", "app-test");
            },
            |s| {
                condition(s, "A", r#"{"Fn::Not": [{"Condition": "B"}]}"#);
                condition(
                    s,
                    "B",
                    r#"{"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}"#,
                );
                s.name = if_("A", "app", "app-test");
            },
        ),
        (
            "CFN-TPL-6",
            |s| {
                s.settings.mappings = vec![Mapping::new(
                    "Sizes",
                    [("prod", [("Image", param("Env").to_expr())])],
                )];
                declare(s, Parameter::new("Env"));
                s.name = find_in_map("Sizes", param("Env"), "Image");
            },
            |s| {
                s.settings.mappings = vec![Mapping::new("Sizes", [("prod", [("Image", "large")])])];
                declare(s, Parameter::new("Env"));
                s.name = find_in_map("Sizes", param("Env"), "Image");
            },
        ),
        (
            "CFN-TPL-17",
            |s| {
                declare(s, Parameter::new("Env").length(Some(101), None));
                s.name = param("Env");
            },
            |s| {
                declare(s, Parameter::new("Env").length(Some(100), None));
                s.name = param("Env");
            },
        ),
        (
            "CFN-TPL-18",
            |s| declare(s, Parameter::new("Env")),
            |s| {
                declare(s, Parameter::new("Env"));
                s.name = sub("${Env}-app");
            },
        ),
        (
            "CFN-TPL-19",
            |s| {
                declare(s, Parameter::new("Env").of_type("Strin"));
                s.name = sub("${Env}-app");
            },
            |s| {
                declare(s, Parameter::new("Env").of_type("String"));
                s.name = sub("${Env}-app");
            },
        ),
    ]
}

/// Declares a template parameter.
fn declare(s: &mut Stream, p: Parameter) {
    s.settings.parameters.push(p);
}

/// Declares a condition from its JSON.
fn condition(s: &mut Stream, name: &str, test: &str) {
    let test = vsm::cfn::Expr::from_value(&serde_json::from_str(test).expect("JSON"));
    s.settings.conditions.push(Condition::new(name, test));
}
