//! CP-ART: artifact lists, counts per action type (the §5b matrix) and artifact references.

use crate::catalogue::{CP_ART_1, CP_ART_2};
use crate::diagnostic::{Field, Violation};
use crate::kinds::behaviour;
use crate::kit::{actions, At};
use crate::model::kind::Artifacts;
use crate::model::{Action, ActionType, Category, Owner, Stream};

/// One row of the action-type artifact matrix (catalogue §5b).
pub(crate) struct MatrixRow {
    pub id: &'static str,
    pub owner: Owner,
    pub category: Category,
    pub provider: &'static str,
    pub inputs: (usize, usize),
    pub outputs: (usize, usize),
    pub v2_only: bool,
}

const fn row(
    id: &'static str,
    owner: Owner,
    category: Category,
    provider: &'static str,
    inputs: (usize, usize),
    outputs: (usize, usize),
) -> MatrixRow {
    MatrixRow {
        id,
        owner,
        category,
        provider,
        inputs,
        outputs,
        v2_only: false,
    }
}

use Category::*;
use Owner::{Aws, Custom as CustomOwner, ThirdParty};

/// The catalogue's action-type artifact matrix (§5b): every known action type and its valid
/// artifact counts. A kind declares its own counts; `tests/kinds.rs` checks they agree.
pub(crate) const MATRIX: &[MatrixRow] = &[
    row("CP-TYPE-M-01", Aws, Source, "S3", (0, 0), (1, 1)),
    row("CP-TYPE-M-02", Aws, Source, "CodeCommit", (0, 0), (1, 1)),
    row("CP-TYPE-M-03", Aws, Source, "ECR", (0, 0), (1, 1)),
    row(
        "CP-TYPE-M-04",
        Aws,
        Source,
        "CodeStarSourceConnection",
        (0, 0),
        (1, 1),
    ),
    row("CP-TYPE-M-05", ThirdParty, Source, "GitHub", (0, 0), (1, 1)),
    row("CP-TYPE-M-06", Aws, Build, "CodeBuild", (1, 5), (0, 5)),
    row("CP-TYPE-M-07", Aws, Test, "CodeBuild", (1, 5), (0, 5)),
    MatrixRow {
        v2_only: true,
        ..row(
            "CP-TYPE-M-08",
            Aws,
            Build,
            "ECRBuildAndPublish",
            (1, 1),
            (0, 0),
        )
    },
    row("CP-TYPE-M-09", Aws, Test, "DeviceFarm", (1, 1), (0, 0)),
    row("CP-TYPE-M-10", Aws, Approval, "Manual", (0, 0), (0, 0)),
    row("CP-TYPE-M-11", Aws, Deploy, "S3", (1, 1), (0, 0)),
    row(
        "CP-TYPE-M-12",
        Aws,
        Deploy,
        "CloudFormation",
        (0, 10),
        (0, 1),
    ),
    row(
        "CP-TYPE-M-13",
        Aws,
        Deploy,
        "CloudFormationStackSet",
        (1, 3),
        (0, 0),
    ),
    row(
        "CP-TYPE-M-14",
        Aws,
        Deploy,
        "CloudFormationStackInstances",
        (0, 2),
        (0, 0),
    ),
    row("CP-TYPE-M-15", Aws, Deploy, "CodeDeploy", (1, 1), (0, 0)),
    row(
        "CP-TYPE-M-16",
        Aws,
        Deploy,
        "CodeDeployToECS",
        (1, 5),
        (0, 0),
    ),
    row("CP-TYPE-M-17", Aws, Deploy, "ECS", (1, 1), (0, 0)),
    row(
        "CP-TYPE-M-18",
        Aws,
        Deploy,
        "ElasticBeanstalk",
        (1, 1),
        (0, 0),
    ),
    row("CP-TYPE-M-19", Aws, Deploy, "OpsWorks", (1, 1), (0, 0)),
    row(
        "CP-TYPE-M-20",
        Aws,
        Deploy,
        "ServiceCatalog",
        (1, 1),
        (0, 0),
    ),
    row("CP-TYPE-M-21", Aws, Deploy, "AppConfig", (1, 1), (0, 0)),
    MatrixRow {
        v2_only: true,
        ..row("CP-TYPE-M-22", Aws, Deploy, "EC2", (1, 1), (0, 0))
    },
    row(
        "CP-TYPE-M-23",
        ThirdParty,
        Deploy,
        "AlexaSkillsKit",
        (1, 2),
        (0, 0),
    ),
    row("CP-TYPE-M-24", Aws, Invoke, "Lambda", (0, 5), (0, 5)),
    row("CP-TYPE-M-25", Aws, Invoke, "StepFunctions", (0, 1), (0, 1)),
    row("CP-TYPE-M-26", Aws, Invoke, "InspectorScan", (0, 1), (1, 1)),
    row("CP-TYPE-M-27", ThirdParty, Invoke, "Snyk", (1, 1), (1, 1)),
    MatrixRow {
        v2_only: true,
        ..row("CP-TYPE-M-28", Aws, Compute, "Commands", (1, 10), (0, 1))
    },
    row(
        "CP-TYPE-M-29",
        CustomOwner,
        Build,
        "Jenkins",
        (0, 5),
        (0, 5),
    ),
    row("CP-TYPE-M-29", CustomOwner, Test, "Jenkins", (0, 5), (0, 5)),
    MatrixRow {
        v2_only: true,
        ..row("CP-TYPE-M-31", Aws, Deploy, "Lambda", (0, 1), (0, 0))
    },
    MatrixRow {
        v2_only: true,
        ..row("CP-TYPE-M-32", Aws, Invoke, "CodePipeline", (0, 0), (0, 0))
    },
    MatrixRow {
        v2_only: true,
        ..row("CP-TYPE-M-33", Aws, Deploy, "EKS", (1, 1), (0, 0))
    },
];

/// The artifact counts of an action type from the catalogue's matrix.
pub fn other_type(t: &ActionType<'_>) -> Option<Artifacts> {
    MATRIX
        .iter()
        .find(|r| r.owner == t.owner && r.category == t.category && r.provider == t.provider)
        .map(|r| Artifacts {
            row: r.id,
            inputs: r.inputs,
            outputs: r.outputs,
        })
}

/// Every action type in the catalogue's matrix.
pub fn other_types() -> impl Iterator<Item = ActionType<'static>> {
    MATRIX.iter().map(|r| ActionType {
        category: r.category,
        owner: r.owner,
        provider: r.provider,
        version: "1",
    })
}

/// True for action types only V2 pipelines run (CP-V2-7).
pub(crate) fn v2_only(t: &ActionType<'_>) -> bool {
    crate::kinds::KINDS
        .iter()
        .any(|k| k.v2_only && k.types.iter().any(|kt| kt.same_type(t)))
        || MATRIX.iter().any(|r| {
            r.v2_only && r.owner == t.owner && r.category == t.category && r.provider == t.provider
        })
}

/// Runs every CP-ART rule but the kind-specific ones (in each kind's file).
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        duplicates(&at, out);
        counts(&at, out);
    }
}

/// CP-ART-1: no artifact listed twice in one action.
fn duplicates(at: &At<'_>, out: &mut Vec<Violation>) {
    for (list, field) in [
        (&at.action.inputs, Field::Input as fn(usize) -> Field),
        (&at.action.outputs, Field::Output),
    ] {
        for (i, name) in list.iter().enumerate() {
            if let Some(first) = list[..i].iter().position(|n| n == name) {
                out.push(
                    Violation::error(
                        CP_ART_1,
                        at.loc(field(i)),
                        format!("artifact {name:?} is listed twice"),
                        "list each artifact once",
                    )
                    .with_related(at.loc(field(first)), "first listed here"),
                );
            }
        }
    }
}

/// The artifact counts of an action: its kind's, or for the escape hatch, those the
/// catalogue knows for its type first.
pub(crate) fn bounds(action: &Action) -> Option<Artifacts> {
    let kind = behaviour(&action.kind);
    if kind.info().types.is_empty() {
        let t = action.kind.action_type();
        super::type_facts(&t)
            .map(|(a, _)| a)
            .or_else(|| kind.artifacts())
    } else {
        kind.artifacts()
    }
}

/// CP-ART-2: artifact counts fit the action type.
fn counts(at: &At<'_>, out: &mut Vec<Violation>) {
    let action = at.action;
    let Some(bounds) = bounds(action) else {
        return;
    };
    let inputs = action.all_inputs().len();
    let outputs = action.outputs.len();
    for (what, count, (min, max), loc) in [
        (
            "input",
            inputs,
            bounds.inputs,
            at.input(inputs.saturating_sub(1)),
        ),
        (
            "output",
            outputs,
            bounds.outputs,
            at.loc(Field::Output(outputs.saturating_sub(1))),
        ),
    ] {
        if count < min || count > max {
            let allowed = if min == max {
                format!("exactly {min}")
            } else {
                format!("{min} to {max}")
            };
            let loc = if count == 0 { at.loc(Field::Kind) } else { loc };
            let t = action.kind.action_type();
            out.push(Violation::error(
                CP_ART_2,
                loc,
                format!(
                    "a {t} action takes {allowed} {what} artifact(s), not {count} ({})",
                    bounds.row
                ),
                format!("give this action {allowed} {what} artifact(s)"),
            ));
        }
    }
}
