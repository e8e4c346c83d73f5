//! The pipeline role: one statement per kind of access, scoped to what the actions touch.

use serde_json::json;

use super::storage::Store;
use super::Emitter;
use crate::cfn::{Expr, Policy, PolicyDocument, Resource, Role, Statement};

/// Permissions collected while emitting actions, in first-use order, without duplicates.
#[derive(Default)]
pub(crate) struct Grants {
    statements: Vec<Statement>,
}

impl Grants {
    /// Allows `actions` on `resource` under statement `sid`, merging with earlier grants.
    pub fn allow(&mut self, sid: &str, actions: &[&str], resource: Expr) {
        self.allow_if(sid, actions, resource, None);
    }

    /// Allows `actions`, which have no resource-level permissions, on `Resource: "*"`.
    pub fn allow_unscoped(&mut self, sid: &str, actions: &[&str]) {
        let statement = unscoped(sid, actions);
        self.allow(sid, actions, statement.resource[0].clone());
    }

    /// Like [`allow`](Self::allow), with a condition.
    pub fn allow_if(
        &mut self,
        sid: &str,
        actions: &[&str],
        resource: Expr,
        condition: Option<serde_json::Value>,
    ) {
        match self
            .statements
            .iter_mut()
            .find(|s| s.sid.as_deref() == Some(sid))
        {
            Some(s) => {
                if !s.resource.contains(&resource) {
                    s.resource.push(resource);
                }
                for a in actions {
                    if !s.action.iter().any(|x| x == a) {
                        s.action.push((*a).to_owned());
                    }
                }
            }
            None => {
                let mut s = Statement::allow(actions.iter().copied(), vec![resource]).sid(sid);
                s.condition = condition;
                self.statements.push(s);
            }
        }
    }
}

/// A statement allowing `actions` on `Resource: "*"`; each must be one of
/// [`UNSCOPED_ACTIONS`](super::UNSCOPED_ACTIONS), which have no resource-level permissions.
pub(crate) fn unscoped(sid: &str, actions: &[&str]) -> Statement {
    for a in actions {
        assert!(
            super::is_unscoped(a),
            "{a} has resource-level permissions: grant it on the resources it touches"
        );
    }
    Statement::allow(actions.iter().copied(), vec![Expr::str("*")]).sid(sid)
}

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
    statements.extend(std::mem::take(&mut e.grants.statements));
    let mut assume = Statement::allow(["sts:AssumeRole"], Vec::new());
    assume.principal = Some(json!({"Service": "codepipeline.amazonaws.com"}));
    let role = Role {
        assume_role_policy_document: PolicyDocument::new(vec![assume]),
        description: format!("Runs pipeline {}", e.stream.name),
        policies: vec![Policy {
            policy_name: "Pipeline".to_owned(),
            policy_document: PolicyDocument::new(statements),
        }],
    };
    let id = e.resource(super::PIPELINE_ROLE, Resource::new(role));
    Expr::get_att(id, "Arn")
}
