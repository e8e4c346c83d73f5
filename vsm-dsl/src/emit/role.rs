//! The pipeline role: one statement per kind of access, scoped to what the actions touch.

use serde_json::json;

use super::topology::{store_grants, StoreAt, ARTIFACT_ACTIONS};
use super::Emitter;
use crate::cfn::{Expr, Policy, PolicyDocument, Resource, Role, Statement};
use crate::kit::topology::{assumed_role, pipeline_role_name, rule_account, rule_role};
use crate::kit::{checkov_skip, rules, Grants, Store};

/// The pipeline role ARN: the given one, or a new role with the collected grants.
pub(crate) fn pipeline_role(e: &mut Emitter<'_>, store: &Store) -> Expr {
    if let Some(arn) = &e.options.pipeline_role_arn {
        return arn.clone();
    }
    let mut statements = vec![
        Statement::allow(
            ARTIFACT_ACTIONS.iter().copied(),
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
    let skips = e.sink.grants.take_skips();
    let stream = e.stream;
    let mut more = Grants::default();
    let mut stores: Vec<StoreAt> = stream
        .settings
        .artifact_stores
        .iter()
        .enumerate()
        .map(|(i, _)| StoreAt::Given(i))
        .collect();
    stores.extend(e.topology.created.iter().cloned().map(StoreAt::Created));
    for at in &stores {
        store_grants(stream, at, "${AWS::AccountId}", &mut more);
    }
    for (_, action) in stream.actions() {
        if let Some(role) = assumed_role(stream, action) {
            more.allow("AssumeActionRoles", &["sts:AssumeRole"], role);
        }
    }
    // A condition's rule in another account runs as the role vsm creates there.
    for at in rules(stream) {
        if rule_account(stream, at.rule).is_some() {
            let role = rule_role(stream, at.rule).expect("a rule in another account has a role");
            more.allow("AssumeActionRoles", &["sts:AssumeRole"], role);
        }
    }
    statements.extend(more.take());
    let mut assume = Statement::allow(["sts:AssumeRole"], Vec::new());
    assume.principal = Some(json!({"Service": "codepipeline.amazonaws.com"}));
    let role = Role {
        assume_role_policy_document: PolicyDocument::new(vec![assume]),
        description: format!("Runs pipeline {}", e.stream.name.label()),
        policies: vec![Policy {
            policy_name: "Pipeline".to_owned(),
            policy_document: PolicyDocument::new(statements),
        }],
        role_name: e.topology.named.then(|| pipeline_role_name(stream)),
    };
    let mut role = Resource::new(role);
    if !skips.is_empty() {
        role = role.with_metadata(checkov_skip(&skips));
    }
    let id = e.resource(super::PIPELINE_ROLE, role);
    Expr::get_att(id, "Arn")
}
