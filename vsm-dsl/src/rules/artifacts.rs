//! CP-ART: artifact lists, counts per action type (the §5b matrix) and artifact references.

use super::actions;
use crate::diagnostic::{Field, Violation};
use crate::model::{ActionKind, Category, Owner, Stream};

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

/// The known action types and their valid artifact counts.
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
    row("CP-TYPE-M-22", Aws, Deploy, "EC2", (1, 1), (0, 0)),
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
];

/// Custom-owned types without a row: 0–5 each way (CP-TYPE-M-30).
const CUSTOM_BOUNDS: (usize, usize) = (0, 5);

/// The matrix row of an action kind, if its type is known.
pub(crate) fn matrix_row(kind: &ActionKind) -> Option<&'static MatrixRow> {
    let t = kind.action_type();
    MATRIX
        .iter()
        .find(|r| r.owner == t.owner && r.category == t.category && r.provider == t.provider)
}

/// Runs every CP-ART rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        let action = at.action;
        for (list, field) in [
            (&action.inputs, Field::Input as fn(usize) -> Field),
            (&action.outputs, Field::Output),
        ] {
            for (i, name) in list.iter().enumerate() {
                if let Some(first) = list[..i].iter().position(|n| n == name) {
                    out.push(
                        Violation::error(
                            "CP-ART-1",
                            at.loc(field(i)),
                            format!("artifact {name:?} is listed twice"),
                            "list each artifact once",
                        )
                        .with_related(at.loc(field(first)), "first listed here"),
                    );
                }
            }
        }
        let t = action.kind.action_type();
        let bounds = match matrix_row(&action.kind) {
            Some(r) => Some((r.id, r.inputs, r.outputs)),
            None if t.owner == Owner::Custom => {
                Some(("CP-TYPE-M-30", CUSTOM_BOUNDS, CUSTOM_BOUNDS))
            }
            None => None,
        };
        if let Some((row, inputs, outputs)) = bounds {
            for (what, count, (min, max), field) in [
                (
                    "input",
                    action.inputs.len(),
                    inputs,
                    Field::Input(action.inputs.len().saturating_sub(1)),
                ),
                (
                    "output",
                    action.outputs.len(),
                    outputs,
                    Field::Output(action.outputs.len().saturating_sub(1)),
                ),
            ] {
                if count < min || count > max {
                    let allowed = if min == max {
                        format!("exactly {min}")
                    } else {
                        format!("{min} to {max}")
                    };
                    let field = if count == 0 { Field::Kind } else { field };
                    let type_name = format!(
                        "{}/{}/{}",
                        t.owner.as_str(),
                        t.category.as_str(),
                        t.provider
                    );
                    out.push(Violation::error(
                        "CP-ART-2",
                        at.loc(field),
                        format!("a {type_name} action takes {allowed} {what} artifact(s), not {count} ({row})"),
                        format!("give this action {allowed} {what} artifact(s)"),
                    ));
                }
            }
        }
        if let ActionKind::CodeBuild(b) = &action.kind {
            match &b.primary_source {
                Some(p) if !action.inputs.contains(p) => out.push(Violation::error(
                    "CP-ART-5",
                    at.loc(Field::Config("PrimarySource")),
                    format!("primary source {p:?} is not one of the action's inputs"),
                    "name one of the input artifacts as the primary source",
                )),
                None if action.inputs.len() > 1 => out.push(Violation::error(
                    "CP-ART-5",
                    at.loc(Field::Input(1)),
                    "a CodeBuild action with several inputs needs a primary source",
                    "set the primary source to the input CodeBuild checks out first",
                )),
                _ => {}
            }
        }
        if let ActionKind::CloudFormation(c) = &action.kind {
            if let Some(t) = &c.template {
                if !action.inputs.contains(&t.artifact) {
                    out.push(Violation::error(
                        "CP-ART-6",
                        at.loc(Field::Config("TemplatePath")),
                        format!("template path {t} names artifact {:?}, which is not an input of this action", t.artifact),
                        format!("add {:?} to the action's inputs", t.artifact),
                    ));
                }
            }
        }
    }
    clone_ref_consumers(stream, out);
}

/// CP-ART-4: a full-clone connection output feeds only CodeBuild actions.
fn clone_ref_consumers(stream: &Stream, out: &mut Vec<Violation>) {
    let clones: Vec<(&str, super::At<'_>)> = actions(stream)
        .filter(|at| matches!(&at.action.kind, ActionKind::Connection(c) if c.full_clone))
        .flat_map(|at| at.action.outputs.iter().map(move |o| (o.as_str(), at)))
        .collect();
    for at in actions(stream) {
        if matches!(at.action.kind, ActionKind::CodeBuild(_)) {
            continue;
        }
        for (i, name) in at.action.inputs.iter().enumerate() {
            if let Some((_, producer)) = clones.iter().find(|(n, _)| n == name) {
                out.push(
                    Violation::error(
                        "CP-ART-4",
                        at.loc(Field::Input(i)),
                        format!("artifact {name:?} is a full clone reference, which only CodeBuild actions can read"),
                        "consume it in a CodeBuild action, or turn off full_clone on the source",
                    )
                    .with_related(producer.loc(Field::Output(0)), "produced as a full clone here"),
                );
            }
        }
    }
}
