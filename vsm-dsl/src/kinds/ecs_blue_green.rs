//! `ecs_blue_green`: an Amazon ECS blue/green deploy through CodeDeploy (CodeDeployToECS).

use super::cloudformation::artifact_path;
use super::codedeploy::CP_CONF_12;
use super::ecs::task_definition_grants;
use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::{kind, optional, record, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::kit::{At, Shape};
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

/// Image configuration keys by image number (CodePipeline takes up to four images).
const IMAGE_KEYS: [(&str, &str); 4] = [
    ("Image1ArtifactName", "Image1ContainerName"),
    ("Image2ArtifactName", "Image2ContainerName"),
    ("Image3ArtifactName", "Image3ContainerName"),
    ("Image4ArtifactName", "Image4ContainerName"),
];

record! {
    /// A container image a blue/green deploy writes into the task definition.
    pub struct EcsImage {
        /// The input artifact holding the image's `imageDetail.json`.
        artifact: String,
        /// The placeholder in the task definition it replaces (`IMAGE1_NAME` for
        /// `<IMAGE1_NAME>`).
        container: String,
    }
}

kind! {
    /// A blue/green deploy of an ECS service through CodeDeploy: a new task set with the new
    /// images, traffic shifted by the deployment group's configuration. The task definition,
    /// AppSpec and image artifacts become inputs of the action.
    #[kind(ecs_blue_green, step)]
    pub struct EcsBlueGreen {
        required {
            /// The CodeDeploy application (compute platform ECS).
            application: Text,
            /// The deployment group of the service.
            deployment_group: Text,
            /// The task definition file as `Artifact::path`, or just `Artifact` for
            /// `taskdef.json` in it.
            task_definition: String,
            /// The AppSpec file as `Artifact::path`, or just `Artifact` for `appspec.yaml` in it.
            app_spec: String,
        }
        optional {
            /// Up to four images, each with the placeholder it fills in the task definition.
            images: Vec<EcsImage>,
            /// The roles the tasks run as (task role, execution role), as names or ARNs; any role
            /// of the account, passed to ECS only, when empty.
            task_roles: Vec<Text>,
        }
    }
}

/// `Artifact::path` or `Artifact`: the artifact, and the path when given.
fn file(text: &str) -> (&str, Option<&str>) {
    match artifact_path(text) {
        Some((a, p)) => (a, Some(p)),
        None => (text, None),
    }
}

/// `CP-ART-7`: a blue/green ECS deploy takes at most 4 images; its named artifacts are inputs.
pub const CP_ART_7: RuleId = RuleId::compile(
    "CP-ART-7",
    "a blue/green ECS deploy takes at most 4 images; its named artifacts are inputs",
);

/// The rules the kind enforces beyond the shared ones.
const RULES: &[RuleId] = &[CP_ART_7, super::codedeploy::CP_CONF_12];

impl Kind for EcsBlueGreen {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Deploy, "CodeDeployToECS")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-16",
        inputs: (1, 5),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ApplicationName"),
        required("DeploymentGroupName"),
        required("TaskDefinitionTemplateArtifact"),
        required("AppSpecTemplateArtifact"),
        optional("TaskDefinitionTemplatePath"),
        optional("AppSpecTemplatePath"),
        optional("Image1ArtifactName"),
        optional("Image1ContainerName"),
        optional("Image2ArtifactName"),
        optional("Image2ContainerName"),
        optional("Image3ArtifactName"),
        optional("Image3ContainerName"),
        optional("Image4ArtifactName"),
        optional("Image4ContainerName"),
    ];

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = CODEDEPLOY_SHAPES;

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![
            Entry::of("ApplicationName", "application", &self.application),
            Entry::of(
                "DeploymentGroupName",
                "deployment_group",
                &self.deployment_group,
            ),
        ];
        for (artifact_key, path_key, prop, text) in [
            (
                "TaskDefinitionTemplateArtifact",
                "TaskDefinitionTemplatePath",
                "task_definition",
                &self.task_definition,
            ),
            (
                "AppSpecTemplateArtifact",
                "AppSpecTemplatePath",
                "app_spec",
                &self.app_spec,
            ),
        ] {
            let (artifact, path) = file(text);
            out.push(Entry::text(artifact_key, prop, artifact));
            if let Some(path) = path {
                out.push(Entry::text(path_key, prop, path));
            }
        }
        for (image, (artifact_key, container_key)) in self.images.iter().zip(IMAGE_KEYS) {
            out.push(Entry::text(artifact_key, "images", &image.artifact));
            out.push(Entry::text(container_key, "images", &image.container));
        }
        out
    }

    fn implied_inputs(&self) -> Vec<(&'static str, &str)> {
        let mut out = vec![
            ("task_definition", file(&self.task_definition).0),
            ("app_spec", file(&self.app_spec).0),
        ];
        out.extend(self.images.iter().map(|i| ("images", i.artifact.as_str())));
        let mut seen = Vec::new();
        out.retain(|(_, a)| {
            let fresh = !seen.contains(a);
            seen.push(*a);
            fresh
        });
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        if self.images.len() > 4 {
            out.push(Violation::error(
                CP_ART_7,
                at.loc(Field::Prop("images")),
                format!(
                    "a blue/green deploy takes at most 4 images, not {}",
                    self.images.len()
                ),
                "deploy the other containers' images through the task definition itself",
            ));
        }
        codedeploy_names(at, &self.application, &self.deployment_group, out);
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        codedeploy_grants(cx, &self.application, &self.deployment_group);
        task_definition_grants(cx, &self.task_roles);
    }
}

/// CP-CONF-12: CodeDeploy application and deployment group names are 1–100 characters.
/// A CodeDeploy application or deployment group name (CP-CONF-12), as [`codedeploy_names`]
/// checks it.
pub(crate) const CODEDEPLOY_NAME: Shape = Shape {
    rule: CP_CONF_12,
    what: "CodeDeploy name",
    min: 1,
    max: 100,
    chars: None,
    form: None,
};

/// The shapes of the properties CodeDeploy names.
pub(crate) const CODEDEPLOY_SHAPES: &[(&str, Shape)] = &[
    ("application", CODEDEPLOY_NAME),
    ("deployment_group", CODEDEPLOY_NAME),
];

/// CP-CONF-12: CodeDeploy application and deployment group names.
pub(crate) fn codedeploy_names(
    at: &At<'_>,
    application: &Text,
    group: &Text,
    out: &mut Vec<Violation>,
) {
    for (prop, name) in [("application", application), ("deployment_group", group)] {
        let Some(name) = name.as_str() else { continue };
        let len = name.chars().count();
        if !(1..=100).contains(&len) {
            out.push(Violation::error(
                CP_CONF_12,
                at.loc(Field::Prop(prop)),
                format!(
                    "CodeDeploy {prop} name {} is {len} characters long",
                    quote(name)
                ),
                "CodeDeploy names have 1 to 100 characters",
            ));
        }
    }
}

/// What starting a CodeDeploy deployment needs (CP-SEC-10, CP-SEC-11), scoped to one
/// application and deployment group.
pub(crate) fn codedeploy_grants(cx: &mut ActionEmit<'_, '_>, application: &Text, group: &Text) {
    let g = cx.grants();
    g.allow(
        "ReadDeployApplications",
        &[
            "codedeploy:GetApplication",
            "codedeploy:GetApplicationRevision",
            "codedeploy:RegisterApplicationRevision",
        ],
        arn::regional_of(
            "codedeploy",
            &[Part::Lit("application:"), Part::Val(application)],
        ),
    );
    g.allow(
        "CreateDeployments",
        &["codedeploy:CreateDeployment", "codedeploy:GetDeployment"],
        arn::regional_of(
            "codedeploy",
            &[
                Part::Lit("deploymentgroup:"),
                Part::Val(application),
                Part::Lit("/"),
                Part::Val(group),
            ],
        ),
    );
    g.allow(
        "ReadDeploymentConfigs",
        &["codedeploy:GetDeploymentConfig"],
        arn::regional("codedeploy", "deploymentconfig:*"),
    );
}
