//! CodeBuild projects for CodeBuild actions, with one shared role and log group.

use serde_json::json;

use super::mock::LOG_DAYS;
use super::storage::Store;
use super::{pascal, Emitter};
use crate::cfn::{Expr, LogGroup, Policy, PolicyDocument, Project, Resource, Role, Statement};
use crate::model::{ActionKind, Buildspec, CodeBuildAction};

/// Adds the project for one CodeBuild action; returns its logical id.
pub(crate) fn project(
    e: &mut Emitter<'_>,
    store: &Store,
    stage: &str,
    action: &str,
    build: &CodeBuildAction,
) -> String {
    let (role, logs) = shared(e, store);
    let base = format!("{}{}Project", pascal(stage), pascal(action));
    let mut name = base.clone();
    let mut n = 2;
    while e.template.resources.contains_key(&e.ids.id(&name)) {
        name = format!("{base}{n}");
        n += 1;
    }
    let buildspec = match &build.buildspec {
        Buildspec::Path(p) | Buildspec::Inline(p) => p.clone(),
    };
    let project = Project {
        artifacts: json!({"Type": "CODEPIPELINE"}),
        description: format!(
            "Stage {stage:?}, action {action:?} of pipeline {}",
            e.stream.name
        ),
        encryption_key: store.key_arn.clone(),
        environment: json!({
            "ComputeType": build.compute_type.as_str(),
            "Image": build.image(),
            "ImagePullCredentialsType": "CODEBUILD",
            "PrivilegedMode": false,
            "Type": "LINUX_CONTAINER"
        }),
        logs_config: json!({"CloudWatchLogs": {"GroupName": Expr::reference(&logs), "Status": "ENABLED", "StreamName": name}}),
        service_role: Expr::get_att(&role, "Arn"),
        source: json!({"BuildSpec": buildspec, "Type": "CODEPIPELINE"}),
        timeout_in_minutes: 60,
    };
    e.resource(&name, Resource::new(project))
}

/// The role and log group every project shares.
fn shared(e: &mut Emitter<'_>, store: &Store) -> (String, String) {
    let role = e.ids.id("CodeBuildRole");
    let logs = e.ids.id("CodeBuildLogs");
    if e.template.resources.contains_key(&role) {
        return (role, logs);
    }
    e.resource(
        "CodeBuildLogs",
        Resource::new(LogGroup {
            kms_key_id: Some(store.key_arn.clone()),
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
            vec![store.objects_arn.clone()],
        )
        .sid("ReadWriteArtifacts"),
        Statement::allow(
            ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            vec![store.key_arn.clone()],
        )
        .sid("UseArtifactKey"),
    ];
    // A full-clone source hands CodeBuild a clone reference: CodeBuild clones through the
    // connection itself.
    let mut connections: Vec<Expr> = Vec::new();
    for (_, action) in e.stream.actions() {
        if let ActionKind::Connection(c) = &action.kind {
            let arn = Expr::reference(e.ids.id(c.parameter()));
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
    };
    e.resource("CodeBuildRole", Resource::new(role_doc));
    (role, logs)
}
