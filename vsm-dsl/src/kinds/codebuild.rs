//! `codebuild`: a CodeBuild build or test; the template creates its project.

use crate::catalogue::CP_ART_5;
use serde_json::json;

use super::connection::Connection;
use crate::cfn::{Expr, LogGroup, Policy, PolicyDocument, Project, Resource, Role, Statement};
use crate::diagnostic::{Field, Violation};
use crate::kit::{
    choice, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Generated, Kind,
    ReadBack,
};
use crate::kit::{conflict, At};
use crate::kit::{pascal, LOG_DAYS};
use crate::model::props::PropValue;
use crate::model::Text;
use crate::model::{Action, ActionType, Category, Stage, Stream};

/// Image used when none is set.
pub const DEFAULT_IMAGE: &str = "aws/codebuild/amazonlinux-x86_64-standard:5.0";
/// Buildspec path used when no buildspec is set.
pub const DEFAULT_BUILDSPEC: &str = "buildspec.yml";
/// Longest project description CodeBuild accepts (`ProjectDescription` in its API).
const PROJECT_DESCRIPTION_LIMIT: usize = 255;
/// Logical id (before the prefix) of the role every project shares.
const CODEBUILD_ROLE: &str = "CodeBuildRole";
/// Logical id of the log group every project shares.
const CODEBUILD_LOGS: &str = "CodeBuildLogs";

choice! {
    /// CodeBuild action category.
    pub enum CodeBuildCategory {
        /// A build step.
        #[default]
        Build = "Build",
        /// A test step.
        Test = "Test",
    }
}

choice! {
    /// CodeBuild compute size.
    pub enum ComputeType {
        /// 3 GB, 2 vCPUs.
        #[default]
        Small = "BUILD_GENERAL1_SMALL",
        /// 7 GB, 4 vCPUs.
        Medium = "BUILD_GENERAL1_MEDIUM",
        /// 15 GB, 8 vCPUs.
        Large = "BUILD_GENERAL1_LARGE",
    }
}

kind! {
    /// A CodeBuild build or test; the template creates its project, sharing one role and one
    /// log group with the pipeline's other projects.
    #[kind(codebuild, step)]
    pub struct CodeBuild {
        optional {
            /// Build or test; `Build` when unset.
            category: Option<CodeBuildCategory>,
            /// The buildspec's path in the primary source; `buildspec.yml` when no buildspec is set.
            buildspec: Option<String>,
            /// The buildspec's text (instead of `buildspec`).
            buildspec_inline: Option<String>,
            /// The build image; the current Amazon Linux standard image when unset.
            image: Option<Text>,
            /// The compute size; `BUILD_GENERAL1_SMALL` when unset.
            compute: Option<ComputeType>,
            /// With several inputs: the one CodeBuild checks out as the primary source (CP-ART-5).
            primary_source: Option<String>,
        }
    }
}

impl CodeBuild {
    /// The category as emitted.
    pub fn category(&self) -> CodeBuildCategory {
        self.category.unwrap_or_default()
    }

    /// The image as emitted.
    pub fn image(&self) -> Expr {
        self.image
            .as_ref()
            .map_or_else(|| Expr::str(DEFAULT_IMAGE), Text::to_expr)
    }

    /// The buildspec as emitted: inline text or a path.
    pub fn buildspec(&self) -> &str {
        self.buildspec_inline
            .as_deref()
            .or(self.buildspec.as_deref())
            .unwrap_or(DEFAULT_BUILDSPEC)
    }
}

const ARTIFACTS: Artifacts = Artifacts {
    row: "CP-TYPE-M-06",
    inputs: (1, 5),
    outputs: (0, 5),
};

impl Kind for CodeBuild {
    const TYPES: &'static [ActionType<'static>] = &[
        ActionType::aws(Category::Build, "CodeBuild"),
        ActionType::aws(Category::Test, "CodeBuild"),
    ];
    const ARTIFACTS: Option<Artifacts> = Some(ARTIFACTS);
    // Its resource (the project, the shared function) is in the pipeline's template.
    const REACH: crate::kit::Reach = crate::kit::Reach::HOME;
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("ProjectName"),
        optional("PrimarySource"),
        optional("EnvironmentVariables"),
        optional("BatchEnabled"),
        optional("CombineArtifacts"),
    ];

    fn action_type(&self) -> ActionType<'_> {
        match self.category() {
            CodeBuildCategory::Build => Self::TYPES[0],
            CodeBuildCategory::Test => Self::TYPES[1],
        }
    }

    fn artifacts(&self) -> Option<Artifacts> {
        Some(match self.category() {
            CodeBuildCategory::Build => ARTIFACTS,
            CodeBuildCategory::Test => Artifacts {
                row: "CP-TYPE-M-07",
                ..ARTIFACTS
            },
        })
    }

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::generated("ProjectName", |cx| {
            Expr::reference(project(cx, self))
        })];
        out.extend(Entry::opt(
            "PrimarySource",
            "primary_source",
            &self.primary_source,
        ));
        out
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        conflict(
            at,
            ("buildspec", &self.buildspec),
            ("buildspec_inline", &self.buildspec_inline),
            out,
        );
        let inputs = &at.action.inputs;
        match &self.primary_source {
            Some(p) if !inputs.contains(p) => out.push(Violation::error(
                CP_ART_5,
                at.loc(Field::Prop("primary_source")),
                format!("primary source {p:?} is not one of the action's inputs"),
                "name one of the input artifacts as the primary source",
            )),
            None if inputs.len() > 1 => out.push(Violation::error(
                CP_ART_5,
                at.loc(Field::Input(1)),
                "a CodeBuild action with several inputs needs a primary source",
                "set the primary source to the input CodeBuild checks out first",
            )),
            _ => {}
        }
    }

    fn resource_ids(&self, cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        vec![
            (
                CODEBUILD_LOGS.to_owned(),
                "the CodeBuild projects' log group".to_owned(),
            ),
            (
                CODEBUILD_ROLE.to_owned(),
                "the CodeBuild projects' role".to_owned(),
            ),
            (
                project_id(cx.stream, cx.stage, cx.action),
                format!("the CodeBuild project of action {:?}", cx.action.name),
            ),
        ]
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        if let Some(Expr::Ref(id)) = crate::kit::emitted(config, "ProjectName") {
            cx.grants().allow(
                "RunBuilds",
                &["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                Expr::get_att(id, "Arn"),
            );
        }
    }

    /// The project a `ProjectName` names: vsm's own when it has the name vsm gives it (any
    /// number after it); its image, compute size and buildspec come back as properties.
    fn read_generated(&self, g: &Generated<'_>) -> Option<ReadBack> {
        let base = format!(
            "{}{}Project",
            pascal(&g.cx.stage.name),
            pascal(&g.cx.action.name)
        );
        let ours =
            g.id.is_some_and(|id| id.trim_end_matches(|c: char| c.is_ascii_digit()) == base);
        let props = g
            .resource
            .filter(|p| p.type_name() == "AWS::CodeBuild::Project")
            .and_then(|p| p.properties.to_value())
            .map(|project| project_props(&project))
            .unwrap_or_default();
        Some(ReadBack {
            what: "CodeBuild project",
            ours,
            props,
        })
    }
}

/// The image, compute size and buildspec of a CodeBuild project, as properties (literal
/// values that differ from the defaults only).
fn project_props(project: &serde_json::Value) -> Vec<(String, PropValue)> {
    let text = |pointer: &str| project.pointer(pointer)?.as_str().map(str::to_owned);
    let mut out = Vec::new();
    let mut set = |key: &str, value: Option<String>, default: &str| {
        if let Some(v) = value.filter(|v| v != default) {
            out.push((key.to_owned(), PropValue::Text(v)));
        }
    };
    set("image", text("/Environment/Image"), DEFAULT_IMAGE);
    set(
        "compute",
        text("/Environment/ComputeType"),
        ComputeType::default().as_str(),
    );
    let spec = text("/Source/BuildSpec");
    let inline = spec.as_deref().is_some_and(|s| s.contains('\n'));
    let key = if inline {
        "buildspec_inline"
    } else {
        "buildspec"
    };
    set(key, spec, DEFAULT_BUILDSPEC);
    out
}

/// The logical id (before the prefix) of a CodeBuild action's project: stage and action
/// names in Pascal case, then `Project`, numbered from 2 when an earlier CodeBuild action's
/// names read the same (`Deploy`/`Compile` and `De-ploy`/`compile`).
fn project_id(stream: &Stream, stage: &Stage, action: &Action) -> String {
    let base = |s: &Stage, a: &Action| format!("{}{}Project", pascal(&s.name), pascal(&a.name));
    let mine = base(stage, action);
    let earlier = stream
        .actions()
        .take_while(|(_, a)| !std::ptr::eq(*a, action))
        .filter(|(s, a)| a.kind.is::<CodeBuild>() && base(s, a) == mine)
        .count();
    if earlier == 0 {
        mine
    } else {
        format!("{mine}{}", earlier + 1)
    }
}

/// Adds the project for one CodeBuild action; returns its logical id.
fn project(cx: &mut ActionEmit<'_, '_>, build: &CodeBuild) -> String {
    let (role, logs) = shared(cx);
    let (stage, action) = (&cx.stage.name, &cx.action.name);
    let name = project_id(cx.stream(), cx.stage, cx.action);
    let store = cx.store();
    let project = Project {
        artifacts: json!({"Type": "CODEPIPELINE"}),
        // CodeBuild takes at most 255 characters; names of 100 each would make 330.
        description: format!(
            "Stage {stage:?}, action {action:?} of pipeline {}",
            cx.stream().name.label()
        )
        .chars()
        .take(PROJECT_DESCRIPTION_LIMIT)
        .collect(),
        encryption_key: store.key_arn.clone(),
        environment: json!({
            "ComputeType": build.compute.unwrap_or_default().as_str(),
            "Image": build.image(),
            "ImagePullCredentialsType": "CODEBUILD",
            "PrivilegedMode": false,
            "Type": "LINUX_CONTAINER"
        }),
        logs_config: json!({"CloudWatchLogs": {"GroupName": Expr::reference(&logs), "Status": "ENABLED", "StreamName": name}}),
        service_role: Expr::get_att(&role, "Arn"),
        source: json!({"BuildSpec": build.buildspec(), "Type": "CODEPIPELINE"}),
        timeout_in_minutes: 60,
    };
    cx.resource(&name, Resource::new(project))
}

/// The role and log group every project shares.
fn shared(cx: &mut ActionEmit<'_, '_>) -> (String, String) {
    if let (Some(role), Some(logs)) = (cx.shared(CODEBUILD_ROLE), cx.shared(CODEBUILD_LOGS)) {
        return (role, logs);
    }
    let key_arn = cx.store().key_arn.clone();
    let objects_arn = cx.store().objects_arn.clone();
    let logs = cx.resource(
        CODEBUILD_LOGS,
        Resource::new(LogGroup {
            kms_key_id: Some(key_arn.clone()),
            retention_in_days: LOG_DAYS,
        })
        .retained(),
    );
    let mut statements = vec![
        Statement::allow(
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            vec![Expr::get_att(&logs, "Arn")],
        )
        .sid("WriteLogs"),
        Statement::allow(
            ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
            vec![objects_arn],
        )
        .sid("ReadWriteArtifacts"),
        Statement::allow(
            ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            vec![key_arn],
        )
        .sid("UseArtifactKey"),
    ];
    // A full-clone source hands CodeBuild a clone reference: CodeBuild clones through the
    // connection itself.
    let mut connections: Vec<Expr> = Vec::new();
    for (_, action) in cx.stream().actions() {
        if let Some(c) = action.kind.downcast_ref::<Connection>() {
            let arn = Expr::reference(cx.id(c.parameter()));
            if c.full_clone && !connections.contains(&arn) {
                connections.push(arn);
            }
        }
    }
    if !connections.is_empty() {
        statements.push(
            Statement::allow(
                [
                    "codeconnections:UseConnection",
                    "codestar-connections:UseConnection",
                ],
                connections,
            )
            .sid("CloneThroughConnections"),
        );
    }
    let mut assume = Statement::allow(["sts:AssumeRole"], Vec::new());
    assume.principal = Some(json!({"Service": "codebuild.amazonaws.com"}));
    let role_doc = Role {
        assume_role_policy_document: PolicyDocument::new(vec![assume]),
        description: "Lets the pipeline's CodeBuild projects read and write artifacts and logs"
            .to_owned(),
        policies: vec![Policy {
            policy_name: "CodeBuild".to_owned(),
            policy_document: PolicyDocument::new(statements),
        }],
        role_name: None,
    };
    let role = cx.resource(CODEBUILD_ROLE, Resource::new(role_doc));
    cx.remember(CODEBUILD_ROLE, &role);
    cx.remember(CODEBUILD_LOGS, &logs);
    (role, logs)
}
