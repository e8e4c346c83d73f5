//! `codedeploy`: an AWS CodeDeploy deployment to EC2 or on-premises instances.

use super::ecs_blue_green::{codedeploy_grants, codedeploy_names, CODEDEPLOY_SHAPES};
use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::Violation;
use crate::kit::arn::{self, Part};
use crate::kit::{kind, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

kind! {
    /// A CodeDeploy deployment of the input revision (with its `appspec.yml`) to the EC2 or
    /// on-premises instances of a deployment group. The instances' roles need read access to
    /// the artifact bucket (and its key).
    #[kind(codedeploy, step)]
    pub struct CodeDeploy {
        required {
            /// The CodeDeploy application (compute platform EC2/on-premises).
            application: Text,
            /// The deployment group.
            deployment_group: Text,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_12 = compile("CP-CONF-12", "CodeDeploy application and deployment group names: 1–100 characters");
}

impl Kind for CodeDeploy {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Deploy, "CodeDeploy")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-15",
        inputs: (1, 1),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] =
        &[required("ApplicationName"), required("DeploymentGroupName")];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = CODEDEPLOY_SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        vec![
            Entry::of("ApplicationName", "application", &self.application),
            Entry::of(
                "DeploymentGroupName",
                "deployment_group",
                &self.deployment_group,
            ),
        ]
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        codedeploy_names(at, &self.application, &self.deployment_group, out);
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        codedeploy_grants(cx, &self.application, &self.deployment_group);
        let g = cx.grants();
        g.allow(
            "ListDeploymentGroups",
            &["codedeploy:ListDeploymentGroups"],
            arn::regional_of(
                "codedeploy",
                &[Part::Lit("application:"), Part::Val(&self.application)],
            ),
        );
        g.allow_unscoped(
            "ListDeploymentConfigs",
            &["codedeploy:ListDeploymentConfigs"],
        );
    }
}
