//! The pipeline role: one statement per kind of access, scoped to what the actions touch.

use serde_json::json;

use super::Emitter;
use crate::cfn::{Expr, Policy, PolicyDocument, Resource, Role, Statement};
use crate::kit::Store;

/// The pipeline role ARN: the given one, or a new role with the collected grants.
pub(crate) fn pipeline_role(e: &mut Emitter<'_>, store: &Store) -> Expr {
    if let Some(arn) = &e.options.pipeline_role_arn {
        return arn.clone();
    }
    let mut statements = vec![
        Statement::allow(
            [
                "s3:GetBucketVersioning",
                "s3:GetObject",
                "s3:GetObjectVersion",
                "s3:PutObject",
            ],
            vec![store.bucket_arn.clone(), store.objects_arn.clone()],
        )
        .sid("Artifacts"),
        Statement::allow(
            ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"],
            vec![store.key_arn.clone()],
        )
        .sid("ArtifactKey"),
    ];
    statements.extend(e.sink.grants.take());
    let mut assume = Statement::allow(["sts:AssumeRole"], Vec::new());
    assume.principal = Some(json!({"Service": "codepipeline.amazonaws.com"}));
    let role = Role {
        assume_role_policy_document: PolicyDocument::new(vec![assume]),
        description: format!("Runs pipeline {}", e.stream.name.label()),
        policies: vec![Policy {
            policy_name: "Pipeline".to_owned(),
            policy_document: PolicyDocument::new(statements),
        }],
    };
    let id = e.resource(super::PIPELINE_ROLE, Resource::new(role));
    Expr::get_att(id, "Arn")
}
