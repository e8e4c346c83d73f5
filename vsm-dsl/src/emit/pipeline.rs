//! The pipeline resource: stages, actions, settings and value-stream metadata.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::storage::Store;
use super::{arn, codebuild, mock, pascal, Emitter};
use crate::cfn::{
    ActionTypeId, ArtifactName, ArtifactStore, EncryptionKey, Expr, GitConfiguration, KeyValue,
    OrderedMap, Parameter, Pipeline, PipelineAction, PipelineStage, PipelineTrigger,
    PipelineVariable, Resource,
};
use crate::model::{duration, Action, ActionKind, ConfigValue, RoleSource, Stage};

const CONNECTION_PATTERN: &str =
    "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:[0-9]{12}:connection/[0-9a-f-]+";
const ROLE_PATTERN: &str = "arn:aws[a-z-]*:iam::[0-9]{12}:role/.+";

/// The parameter a CloudFormation deploy's role comes from when the stream names none.
pub(crate) fn default_role_parameter(stage: &Stage, action: &Action) -> String {
    format!("{}{}RoleArn", pascal(&stage.name), pascal(&action.name))
}

pub(crate) fn stages(e: &mut Emitter<'_>, store: &Store) -> Vec<PipelineStage> {
    let stream = e.stream;
    stream
        .stages
        .iter()
        .map(|stage| PipelineStage {
            name: stage.name.clone(),
            actions: stage
                .actions
                .iter()
                .map(|a| action(e, store, stage, a))
                .collect(),
        })
        .collect()
}

fn action(e: &mut Emitter<'_>, store: &Store, stage: &Stage, action: &Action) -> PipelineAction {
    let mut configuration = Vec::new();
    for (key, value) in action
        .kind
        .configuration(|| default_role_parameter(stage, action))
    {
        let expr = match value {
            ConfigValue::Literal(text) => Expr::str(text.into_owned()),
            ConfigValue::MockFunction => Expr::reference(mock::mock_function(e, store)),
            ConfigValue::Project => {
                let ActionKind::CodeBuild(build) = &action.kind else {
                    unreachable!("only CodeBuild has a project")
                };
                Expr::reference(codebuild::project(
                    e,
                    store,
                    &stage.name,
                    &action.name,
                    build,
                ))
            }
            ConfigValue::Parameter(name) => {
                let (description, pattern) = if key.as_str() == "ConnectionArn" {
                    ("ARN of the CodeConnections connection to the Git host (its handshake completed in the console)".to_owned(), CONNECTION_PATTERN)
                } else {
                    (
                        format!(
                            "ARN of the role CloudFormation assumes for action {:?} of stage {:?}",
                            action.name, stage.name
                        ),
                        ROLE_PATTERN,
                    )
                };
                let id = e.parameter(
                    &name,
                    Parameter {
                        kind: "String".to_owned(),
                        description: Some(description),
                        allowed_pattern: Some(pattern.to_owned()),
                        constraint_description: Some("must be a full ARN".to_owned()),
                        ..Parameter::default()
                    },
                );
                Expr::reference(id)
            }
        };
        configuration.push((key.as_str().to_owned(), expr));
    }
    grant(e, stage, action, &configuration);
    let timeout_in_minutes = match &action.kind {
        ActionKind::Approval(a) => a.timeout.map(|t| t.as_secs() / 60),
        _ => None,
    };
    PipelineAction {
        name: action.name.clone(),
        action_type_id: match action.kind.builtin_type() {
            Some(b) => ActionTypeId {
                category: b.category.as_str().into(),
                owner: b.owner.as_str().into(),
                provider: b.provider.into(),
                version: b.version.into(),
            },
            None => {
                let t = action.kind.action_type();
                ActionTypeId {
                    category: t.category.as_str().into(),
                    owner: t.owner.as_str().into(),
                    provider: t.provider.to_owned().into(),
                    version: t.version.to_owned().into(),
                }
            }
        },
        configuration: OrderedMap(configuration),
        input_artifacts: action
            .inputs
            .iter()
            .map(|n| ArtifactName { name: n.clone() })
            .collect(),
        output_artifacts: action
            .outputs
            .iter()
            .map(|n| ArtifactName { name: n.clone() })
            .collect(),
        namespace: action.namespace.clone(),
        run_order: action.run_order,
        timeout_in_minutes,
    }
}

/// Grants the pipeline role what this action needs.
fn grant(e: &mut Emitter<'_>, stage: &Stage, action: &Action, configuration: &[(String, Expr)]) {
    let config = |key: &str| {
        configuration
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let g = &mut e.grants;
    match &action.kind {
        ActionKind::Connection(_) => {
            if let Some(arn) = config("ConnectionArn") {
                g.allow(
                    "UseConnections",
                    &[
                        "codeconnections:UseConnection",
                        "codestar-connections:UseConnection",
                    ],
                    arn,
                );
            }
        }
        ActionKind::S3Source { bucket, key } => {
            g.allow(
                "ReadSourceBuckets",
                &["s3:GetBucketVersioning"],
                arn::s3(bucket, None),
            );
            g.allow(
                "ReadSourceObjects",
                &["s3:GetObject", "s3:GetObjectVersion"],
                arn::s3(bucket, Some(key)),
            );
        }
        ActionKind::CodeCommit { repository, .. } => g.allow(
            "ReadRepositories",
            &[
                "codecommit:CancelUploadArchive",
                "codecommit:GetBranch",
                "codecommit:GetCommit",
                "codecommit:GetRepository",
                "codecommit:GetUploadArchiveStatus",
                "codecommit:UploadArchive",
            ],
            arn::regional("codecommit", repository),
        ),
        ActionKind::Ecr { repository, .. } => {
            g.allow(
                "ReadImages",
                &["ecr:DescribeImages"],
                arn::regional("ecr", &format!("repository/{repository}")),
            );
        }
        ActionKind::Mock => {
            if let Some(Expr::Ref(id)) = config("FunctionName") {
                g.allow(
                    "InvokeFunctions",
                    &["lambda:InvokeFunction"],
                    Expr::get_att(id, "Arn"),
                );
            }
        }
        ActionKind::Lambda { function, .. } => {
            g.allow(
                "InvokeFunctions",
                &["lambda:InvokeFunction"],
                arn::lambda_function(function),
            );
        }
        ActionKind::Approval(a) => {
            if let Some(topic) = &a.notification_topic {
                g.allow("NotifyApprovers", &["sns:Publish"], Expr::str(topic));
            }
        }
        ActionKind::CodeBuild(_) => {
            if let Some(Expr::Ref(id)) = config("ProjectName") {
                g.allow(
                    "RunBuilds",
                    &["codebuild:BatchGetBuilds", "codebuild:StartBuild"],
                    Expr::get_att(id, "Arn"),
                );
            }
        }
        ActionKind::CloudFormation(c) => {
            g.allow(
                "DeployStacks",
                &[
                    "cloudformation:CreateChangeSet",
                    "cloudformation:CreateStack",
                    "cloudformation:DeleteChangeSet",
                    "cloudformation:DeleteStack",
                    "cloudformation:DescribeChangeSet",
                    "cloudformation:DescribeStacks",
                    "cloudformation:ExecuteChangeSet",
                    "cloudformation:SetStackPolicy",
                    "cloudformation:UpdateStack",
                ],
                arn::regional("cloudformation", &format!("stack/{}/*", c.stack_name)),
            );
            g.allow(
                "ValidateTemplates",
                &["cloudformation:ValidateTemplate"],
                Expr::str("*"),
            );
            if let Some(role) = config("RoleArn") {
                let role = match (&c.role, role) {
                    (Some(RoleSource::Arn(arn)), _) => Expr::str(arn),
                    (_, expr) => expr,
                };
                g.allow_if(
                    "PassDeployRoles",
                    &["iam:PassRole"],
                    role,
                    Some(json!({"StringEquals": {"iam:PassedToService": "cloudformation.amazonaws.com"}})),
                );
            }
        }
        ActionKind::Custom(c) => {
            for (i, p) in c.permissions.iter().enumerate() {
                let sid = format!(
                    "Custom{}{}{}",
                    pascal(&stage.name),
                    pascal(&action.name),
                    i + 1
                );
                let actions: Vec<&str> = p.actions.iter().map(String::as_str).collect();
                for r in &p.resources {
                    g.allow(&sid, &actions, Expr::str(r));
                }
            }
        }
    }
}

pub(crate) fn pipeline(
    e: &mut Emitter<'_>,
    stages: Vec<PipelineStage>,
    role: Expr,
    store: &Store,
) -> String {
    let s = &e.stream.settings;
    let pipeline = Pipeline {
        name: e.stream.name.clone(),
        pipeline_type: s.pipeline_type.as_str().to_owned(),
        execution_mode: s.execution_mode.map(|m| m.as_str().to_owned()),
        role_arn: role,
        artifact_store: ArtifactStore {
            kind: "S3".to_owned(),
            location: store.bucket.clone(),
            encryption_key: Some(EncryptionKey {
                id: store.key_arn.clone(),
                kind: "KMS".to_owned(),
            }),
        },
        variables: s
            .variables
            .iter()
            .map(|v| PipelineVariable {
                name: v.name.clone(),
                default_value: v.default.clone(),
                description: v.description.clone(),
            })
            .collect(),
        triggers: s
            .triggers
            .iter()
            .map(|t| PipelineTrigger {
                provider_type: "CodeStarSourceConnection".to_owned(),
                git_configuration: GitConfiguration {
                    source_action_name: t.source_action.clone(),
                    push: t
                        .push
                        .iter()
                        .map(|p| {
                            filter(&[
                                ("Branches", &p.branches, &p.branches_excluded),
                                ("FilePaths", &p.file_paths, &p.file_paths_excluded),
                                ("Tags", &p.tags, &p.tags_excluded),
                            ])
                        })
                        .collect(),
                    pull_request: t
                        .pull_request
                        .iter()
                        .map(|p| {
                            let mut f = filter(&[
                                ("Branches", &p.branches, &p.branches_excluded),
                                ("FilePaths", &p.file_paths, &p.file_paths_excluded),
                            ]);
                            if !p.events.is_empty() {
                                f["Events"] =
                                    json!(p.events.iter().map(|e| e.as_str()).collect::<Vec<_>>());
                            }
                            f
                        })
                        .collect(),
                },
            })
            .collect(),
        stages,
        tags: s
            .tags
            .iter()
            .map(|t| KeyValue {
                key: t.key.clone(),
                value: t.value.clone(),
            })
            .collect(),
    };
    let mut resource = Resource::new(pipeline);
    if let Some(meta) = value_stream_metadata(e) {
        resource = resource.with_metadata(json!({ "ValueStream": meta }));
    }
    e.resource("Pipeline", resource)
}

/// `{"Includes": [...], "Excludes": [...]}` per key; empty lists are left out (CP-TRIG-9).
fn filter(groups: &[(&str, &Vec<String>, &Vec<String>)]) -> Value {
    let mut out = Map::new();
    for (key, includes, excludes) in groups {
        let mut m = Map::new();
        if !excludes.is_empty() {
            m.insert("Excludes".to_owned(), json!(excludes));
        }
        if !includes.is_empty() {
            m.insert("Includes".to_owned(), json!(includes));
        }
        if !m.is_empty() {
            out.insert((*key).to_owned(), Value::Object(m));
        }
    }
    Value::Object(out)
}

/// The annotations of one step, as the template's metadata carries them.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StepMetadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    process_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wait_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    complete_accurate: Option<f64>,
}

/// Annotated steps by stage and action, in stream order; `None` when nothing is annotated.
fn value_stream_metadata(e: &Emitter<'_>) -> Option<OrderedMap<OrderedMap<StepMetadata>>> {
    let stages: Vec<_> = e
        .stream
        .stages
        .iter()
        .filter_map(|stage| {
            let steps: Vec<_> = stage
                .actions
                .iter()
                .filter(|a| !a.annotations.is_empty())
                .map(|a| {
                    let n = &a.annotations;
                    (
                        a.name.clone(),
                        StepMetadata {
                            process_time: n.process_time.map(duration::format),
                            wait_time: n.wait_time.map(duration::format),
                            complete_accurate: n.complete_accurate,
                        },
                    )
                })
                .collect();
            (!steps.is_empty()).then(|| (stage.name.clone(), OrderedMap(steps)))
        })
        .collect();
    (!stages.is_empty()).then_some(OrderedMap(stages))
}
