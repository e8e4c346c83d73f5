//! A stage's conditions: `BeforeEntry`, `OnSuccess` and `OnFailure`, each rule declared by its
//! type, which grants the role it runs as what it needs.

use super::topology::Topology;
use crate::cfn::{
    ArtifactName, FailureConditions, RetryConfiguration, RuleDeclaration, StageCondition,
    StageConditions,
};
use crate::conditions::{behaviour, configuration};
use crate::kit::topology::{rule_account, rule_role};
use crate::kit::{assume, declaration, Grants};
use crate::model::{ConditionResult, Rule, Stage, Stream, Text};

/// The stage's three condition properties, as emitted.
pub(crate) struct Emitted {
    pub before_entry: Option<StageConditions>,
    pub on_success: Option<StageConditions>,
    pub on_failure: Option<FailureConditions>,
}

/// Where the rules' grants go: the pipeline role's, or those of the role vsm creates in
/// another account.
pub(crate) struct Roles<'a> {
    /// The pipeline role's grants.
    pub pipeline: &'a mut Grants,
    /// The other accounts' sides.
    pub topology: &'a mut Topology,
}

/// The conditions of `stage`; the rules' grants go to the role each runs as.
pub(crate) fn stage(roles: &mut Roles<'_>, stream: &Stream, stage: &Stage) -> Emitted {
    let s = &stage.settings;
    let mut gate = |c: &crate::model::StageCondition| StageConditions {
        conditions: vec![condition(roles, stream, c)],
    };
    let before_entry = s.before_entry.as_ref().map(&mut gate);
    let on_success = s.on_success.as_ref().map(&mut gate);
    let on_failure = s.on_failure.as_ref().map(|c| FailureConditions {
        result: match c.result {
            ConditionResult::Rollback | ConditionResult::Retry => {
                Some(c.result.as_str().to_owned())
            }
            // FAIL is what a failed stage does: CloudFormation's OnFailure has no such result.
            ConditionResult::Fail | ConditionResult::Skip => None,
        },
        retry_configuration: c.retry_mode.map(|m| RetryConfiguration {
            retry_mode: m.as_str().to_owned(),
        }),
        conditions: if c.rules.is_empty() {
            Vec::new()
        } else {
            vec![condition(roles, stream, c)]
        },
    });
    Emitted {
        before_entry,
        on_success,
        on_failure,
    }
}

fn condition(
    roles: &mut Roles<'_>,
    stream: &Stream,
    c: &crate::model::StageCondition,
) -> StageCondition {
    StageCondition {
        result: Some(c.result.as_str().to_owned()),
        rules: c.rules.iter().map(|r| rule(roles, stream, r)).collect(),
    }
}

/// One rule's declaration. A rule with a role of its own runs as that role: the pipeline
/// role may assume it, and needs none of the rule's permissions itself. A rule in another
/// account runs as the role vsm creates there, which gets the rule's permissions.
fn rule(roles: &mut Roles<'_>, stream: &Stream, rule: &Rule) -> RuleDeclaration {
    let b = behaviour(&rule.kind);
    let mut decl = declaration(
        &rule.name,
        rule.kind.info().provider,
        configuration(&rule.kind),
    );
    decl.input_artifacts = rule
        .inputs
        .iter()
        .map(|n| ArtifactName {
            name: n.clone(),
            files: Vec::new(),
        })
        .collect();
    decl.region = rule.region.as_ref().map(|r| r.to_expr());
    decl.role_arn = rule_role(stream, rule);
    b.declare(&mut decl);
    match (&rule.role_arn, rule_account(stream, rule)) {
        (Some(role), _) => assume(roles.pipeline, role),
        (None, Some(id)) => {
            // The pipeline role assumes it as it does the account's actions' (`super::role`).
            // The role's template is deployed in the pipeline's Region.
            let home = stream.settings.region.clone().map(Text::Lit);
            let region = rule.region.as_ref().or(home.as_ref());
            b.grant(&mut roles.topology.side(id).grants, stream, region);
        }
        (None, None) => b.grant(roles.pipeline, stream, rule.region.as_ref()),
    }
    decl
}
