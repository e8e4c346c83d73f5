//! `codebuild`: a CodeBuild build or test; the template creates its project.

use std::collections::BTreeMap;

use crate::catalogue::{RuleId, CP_ART_5};
use serde_json::json;

use super::codecommit::CodeCommit;
use super::commands::{plain_secrets, CP_SEC_5};
use super::connection::Connection;
use crate::cfn::{Expr, LogGroup, Policy, PolicyDocument, Project, Resource, Role, Statement};
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::{
    choice, json_objects, kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry,
    Generated, Kind, ReadBack,
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
/// Longest IAM role description.
const ROLE_DESCRIPTION_LIMIT: usize = 1000;
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
            /// Plain environment variables of the build, by name (`PLAINTEXT`).
            environment: BTreeMap<String, Text>,
            /// Environment variables read from Systems Manager Parameter Store, by name: the
            /// parameter's name (`PARAMETER_STORE`). The project gets a role of its own that may
            /// read exactly these parameters.
            parameters: BTreeMap<String, Text>,
            /// Environment variables read from Secrets Manager, by name: the secret's name or ARN,
            /// with `:json-key` to pick one key (`SECRETS_MANAGER`). The project gets a role of its
            /// own that may read exactly these secrets.
            secrets: BTreeMap<String, Text>,
            /// Run a batch build (the buildspec's `batch` section): several builds in one
            /// execution. The project gets a role of its own that may start, stop and retry its
            /// builds.
            batch: Option<bool>,
            /// With `batch`: combine the batch's build artifacts into one output artifact.
            combine_artifacts: Option<bool>,
            /// A buildspec for this action only: inline YAML, or a path in the primary source (or
            /// an S3 object ARN), instead of the project's.
            buildspec_override: Option<Text>,
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
        optional("BuildspecOverride"),
    ];

    const RULES: &'static [RuleId] = RULES;

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
        out.extend(Entry::flag("BatchEnabled", "batch", self.batch));
        out.extend(Entry::flag(
            "CombineArtifacts",
            "combine_artifacts",
            self.combine_artifacts,
        ));
        out.extend(Entry::of_opt(
            "BuildspecOverride",
            "buildspec_override",
            &self.buildspec_override,
        ));
        out.extend(self.environment_variables());
        out
    }

    fn read_config(key: &str, text: &str) -> Option<Vec<(String, PropValue)>> {
        (key == "EnvironmentVariables").then(|| read_variables(text))?
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
        self.check_batch(at, out);
        self.check_variables(at, out);
    }

    fn resource_ids(&self, cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        let project = project_id(cx.stream, cx.stage, cx.action);
        let mut out = Vec::new();
        if self.own_role() {
            out.push((
                format!("{project}Role"),
                format!(
                    "the role of the CodeBuild project of action {:?}",
                    cx.action.name
                ),
            ));
        }
        if self.batch == Some(true) {
            out.push((
                format!("{project}Batches"),
                format!(
                    "the batch-build policy of the CodeBuild project of action {:?}",
                    cx.action.name
                ),
            ));
        }
        out.extend([
            (
                CODEBUILD_LOGS.to_owned(),
                "the CodeBuild projects' log group".to_owned(),
            ),
            (
                CODEBUILD_ROLE.to_owned(),
                "the CodeBuild projects' role".to_owned(),
            ),
            (
                project,
                format!("the CodeBuild project of action {:?}", cx.action.name),
            ),
        ]);
        out
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        if let Some(Expr::Ref(id)) = crate::kit::emitted(config, "ProjectName") {
            let (sid, actions) = match self.batch {
                Some(true) => (
                    "RunBuildBatches",
                    [
                        "codebuild:BatchGetBuildBatches",
                        "codebuild:StartBuildBatch",
                    ],
                ),
                _ => (
                    "RunBuilds",
                    ["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                ),
            };
            cx.grants().allow(sid, &actions, Expr::get_att(id, "Arn"));
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
    let logs = shared_logs(cx);
    let name = project_id(cx.stream(), cx.stage, cx.action);
    let role = if build.own_role() {
        own_role(cx, build, &name, &logs)
    } else {
        shared_role(cx, &logs)
    };
    let (stage, action) = (&cx.stage.name, &cx.action.name);
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
        build_batch_config: (build.batch == Some(true)).then(|| {
            json!({
                "CombineArtifacts": build.combine_artifacts == Some(true),
                "ServiceRole": Expr::get_att(&role, "Arn"),
            })
        }),
    };
    let id = cx.resource(&name, Resource::new(project));
    if build.batch == Some(true) {
        // The batch's builds are started with the project's role: a policy of their own, so
        // that the role (which the project names) need not name the project.
        let policy = json!({
            "PolicyDocument": PolicyDocument::new(vec![Statement::allow(
                ["codebuild:RetryBuild", "codebuild:StartBuild", "codebuild:StopBuild"],
                vec![Expr::get_att(&id, "Arn")],
            )
            .sid("RunBatchBuilds")]),
            "PolicyName": "BatchBuilds",
            "Roles": [Expr::reference(&role)],
        });
        cx.resource(
            &format!("{name}Batches"),
            Resource::of_type("AWS::IAM::Policy", policy),
        );
    }
    id
}

/// The log group every project shares.
fn shared_logs(cx: &mut ActionEmit<'_, '_>) -> String {
    if let Some(logs) = cx.shared(CODEBUILD_LOGS) {
        return logs;
    }
    let key_arn = cx.store().key_arn.clone();
    let logs = cx.resource(
        CODEBUILD_LOGS,
        Resource::new(LogGroup {
            kms_key_id: Some(key_arn),
            retention_in_days: LOG_DAYS,
        })
        .retained(),
    );
    cx.remember(CODEBUILD_LOGS, &logs);
    logs
}

/// The role the projects share.
fn shared_role(cx: &mut ActionEmit<'_, '_>, logs: &str) -> String {
    if let Some(role) = cx.shared(CODEBUILD_ROLE) {
        return role;
    }
    let statements = role_statements(cx, logs);
    let role = cx.resource(
        CODEBUILD_ROLE,
        Resource::new(codebuild_role(
            "Lets the pipeline's CodeBuild projects read and write artifacts and logs",
            statements,
        )),
    );
    cx.remember(CODEBUILD_ROLE, &role);
    role
}

/// The role of a project that reads parameters or secrets, or runs batch builds: what every
/// project may do, and what this one alone may.
fn own_role(cx: &mut ActionEmit<'_, '_>, build: &CodeBuild, project: &str, logs: &str) -> String {
    let mut statements = role_statements(cx, logs);
    if !build.parameters.is_empty() {
        let arns: Vec<Expr> = build.parameters.values().map(arn::parameter_of).collect();
        statements.push(Statement::allow(["ssm:GetParameters"], dedup(arns)).sid("ReadParameters"));
    }
    if !build.secrets.is_empty() {
        let arns: Vec<Expr> = build.secrets.values().map(arn::secret_of).collect();
        statements.push(
            Statement::allow(["secretsmanager:GetSecretValue"], dedup(arns)).sid("ReadSecrets"),
        );
    }
    let description = format!(
        "Lets the CodeBuild project of action {:?} read and write artifacts and logs, and read its parameters and secrets",
        cx.action.name
    )
    .chars()
    .take(ROLE_DESCRIPTION_LIMIT)
    .collect::<String>();
    cx.resource(
        &format!("{project}Role"),
        Resource::new(codebuild_role(&description, statements)),
    )
}

/// Each ARN once, in first-use order.
fn dedup(arns: Vec<Expr>) -> Vec<Expr> {
    let mut out: Vec<Expr> = Vec::new();
    for a in arns {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// A role CodeBuild assumes, with these statements.
fn codebuild_role(description: &str, statements: Vec<Statement>) -> Role {
    let mut assume = Statement::allow(["sts:AssumeRole"], Vec::new());
    assume.principal = Some(json!({"Service": "codebuild.amazonaws.com"}));
    Role {
        assume_role_policy_document: PolicyDocument::new(vec![assume]),
        description: description.to_owned(),
        policies: vec![Policy {
            policy_name: "CodeBuild".to_owned(),
            policy_document: PolicyDocument::new(statements),
        }],
        role_name: None,
    }
}

/// What every project may do: write its logs, read and write artifacts with the artifact
/// key, and clone the full-clone sources of the stream.
fn role_statements(cx: &ActionEmit<'_, '_>, logs: &str) -> Vec<Statement> {
    let key_arn = cx.store().key_arn.clone();
    let objects_arn = cx.store().objects_arn.clone();
    let mut statements = vec![
        Statement::allow(
            ["logs:CreateLogStream", "logs:PutLogEvents"],
            vec![Expr::get_att(logs, "Arn")],
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
    // connection, or pulls from the CodeCommit repository, itself.
    let mut connections: Vec<Expr> = Vec::new();
    let mut repositories: Vec<Expr> = Vec::new();
    for (_, action) in cx.stream().actions() {
        if let Some(c) = action.kind.downcast_ref::<Connection>() {
            let arn = Expr::reference(cx.id(c.parameter()));
            if c.full_clone == Some(true) && !connections.contains(&arn) {
                connections.push(arn);
            }
        }
        if let Some(c) = action.kind.downcast_ref::<CodeCommit>() {
            let arn = arn::regional_of("codecommit", &[Part::Val(&c.repository)]);
            if c.full_clone == Some(true) && !repositories.contains(&arn) {
                repositories.push(arn);
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
    if !repositories.is_empty() {
        statements
            .push(Statement::allow(["codecommit:GitPull"], repositories).sid("CloneRepositories"));
    }
    statements
}

/// Reads `EnvironmentVariables` back into the three maps; `None` when it is not a JSON list
/// of `{"name", "value", "type"}` with each name once.
fn read_variables(text: &str) -> Option<Vec<(String, PropValue)>> {
    let list: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(text).ok()?;
    let mut maps: [(&str, Vec<(String, PropValue)>); 3] = [
        ("environment", Vec::new()),
        ("parameters", Vec::new()),
        ("secrets", Vec::new()),
    ];
    let mut names: Vec<String> = Vec::new();
    for item in list {
        let name = item.get("name")?.as_str()?.to_owned();
        let value = item.get("value")?.as_str()?.to_owned();
        if item
            .keys()
            .any(|k| !["name", "value", "type"].contains(&k.as_str()))
            || names.contains(&name)
        {
            return None;
        }
        let i = match item.get("type").map(|t| t.as_str()) {
            None | Some(Some("PLAINTEXT")) => 0,
            Some(Some("PARAMETER_STORE")) => 1,
            Some(Some("SECRETS_MANAGER")) => 2,
            _ => return None,
        };
        names.push(name.clone());
        maps[i].1.push((name, PropValue::Text(value)));
    }
    // Each map by name: the order a template lists them in means nothing once names are unique.
    Some(
        maps.into_iter()
            .filter(|(_, m)| !m.is_empty())
            .map(|(k, mut m)| {
                m.sort_by(|a, b| a.0.cmp(&b.0));
                (k.to_owned(), PropValue::Map(m))
            })
            .collect(),
    )
}

impl CodeBuild {
    /// The project gets a role of its own: it reads parameters or secrets, or runs batches.
    fn own_role(&self) -> bool {
        !self.parameters.is_empty() || !self.secrets.is_empty() || self.batch == Some(true)
    }

    /// `EnvironmentVariables`: the plain ones, then parameters, then secrets, each by name.
    fn environment_variables(&self) -> Option<Entry<'_>> {
        let vars: Vec<(&str, &Text, &str)> = [
            (&self.environment, "PLAINTEXT"),
            (&self.parameters, "PARAMETER_STORE"),
            (&self.secrets, "SECRETS_MANAGER"),
        ]
        .into_iter()
        .flat_map(|(map, kind)| map.iter().map(move |(k, v)| (k.as_str(), v, kind)))
        .collect();
        let kinds: Vec<Text> = vars.iter().map(|(_, _, kind)| (*kind).into()).collect();
        let names: Vec<Text> = vars.iter().map(|(name, _, _)| (*name).into()).collect();
        // A JSON list of `{"name", "value", "type"}`, as CodePipeline reads it.
        let objects: Vec<Vec<(&str, &Text)>> = vars
            .iter()
            .zip(names.iter().zip(&kinds))
            .map(|((_, value, _), (name, kind))| {
                vec![("name", name), ("value", *value), ("type", kind)]
            })
            .collect();
        (!vars.is_empty()).then(|| {
            Entry::expr(
                "EnvironmentVariables",
                "environment",
                json_objects(&objects),
            )
        })
    }

    /// CP-CONF-28: combined artifacts come from a batch build.
    fn check_batch(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        if self.combine_artifacts == Some(true) && self.batch != Some(true) {
            out.push(Violation::error(
                CP_CONF_28,
                at.loc(Field::Prop("combine_artifacts")),
                "combining artifacts needs a batch build",
                "set `batch: true`, or drop `combine_artifacts`",
            ));
        }
    }

    /// CP-CONF-29, CP-SEC-20, CP-SEC-5: the variables' names, where parameters and secrets
    /// come from, and plain variables named like secrets.
    fn check_variables(&self, at: &At<'_>, out: &mut Vec<Violation>) {
        let maps = [
            ("environment", &self.environment),
            ("parameters", &self.parameters),
            ("secrets", &self.secrets),
        ];
        for (i, (prop, vars)) in maps.iter().enumerate() {
            for (name, value) in vars.iter() {
                let ok = (1..=128).contains(&name.len())
                    && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                    && !name.starts_with("CODEBUILD_");
                if !ok {
                    out.push(Violation::error(
                        CP_CONF_29,
                        at.loc(Field::Prop(prop)),
                        format!("environment variable name {} is not 1–128 letters, digits and '_' outside the reserved CODEBUILD_ prefix", quote(name)),
                        "rename the variable",
                    ));
                }
                if let Some((other, _)) = maps[..i].iter().find(|(_, m)| m.contains_key(name)) {
                    out.push(Violation::error(
                        CP_CONF_29,
                        at.loc(Field::Prop(prop)),
                        format!(
                            "environment variable {} is set in `{other}` and in `{prop}`",
                            quote(name)
                        ),
                        "give each variable one value",
                    ));
                }
                let read = i > 0;
                if read
                    && value
                        .as_str()
                        .is_some_and(|v| v.contains("#{") || v.is_empty())
                {
                    out.push(Violation::error(
                        CP_SEC_20,
                        at.loc(Field::Prop(prop)),
                        format!(
                            "environment variable {} reads {}, whose name is only known when the pipeline runs, so the project's role cannot name it",
                            quote(name),
                            quote(&value.display())
                        ),
                        format!("name the {} in the stream (or with a template parameter)", if i == 1 { "parameter" } else { "secret" }),
                    ));
                }
            }
        }
        plain_secrets(at, ("environment", &self.environment), out);
    }
}

/// `CP-CONF-28`: CodeBuild combines artifacts only in a batch build.
pub const CP_CONF_28: RuleId = RuleId::compile(
    "CP-CONF-28",
    "CodeBuild combines artifacts only in a batch build",
);
/// `CP-CONF-29`: CodeBuild environment variables: names 1–128 of [A-Za-z0-9_], not
/// CODEBUILD_*, each once.
pub const CP_CONF_29: RuleId = RuleId::compile(
    "CP-CONF-29",
    "CodeBuild environment variables: names 1–128 of [A-Za-z0-9_], not CODEBUILD_*, each once",
);
/// `CP-SEC-20`: the parameters and secrets a build reads are named in the stream (literally or
/// by a template value), not by run-time variables, so the grants name them.
pub const CP_SEC_20: RuleId = RuleId::compile(
    "CP-SEC-20",
    "parameters and secrets a build reads are named in the stream, not by run-time variables, so grants name them",
);

/// The rules the kind enforces beyond the shared ones.
const RULES: &[RuleId] = &[CP_CONF_28, CP_CONF_29, CP_SEC_20, CP_SEC_5];
