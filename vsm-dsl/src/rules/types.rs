//! CP-TYPE: action types written through the escape hatch.

use super::artifacts::{matrix_row, MATRIX};
use super::{actions, name_problem};
use crate::diagnostic::{Field, Violation};
use crate::model::{ActionKind, Owner, Stream};

fn type_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
}

/// Runs every CP-TYPE rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        let ActionKind::Custom(c) = &at.action.kind else {
            continue;
        };
        if let Some(p) = name_problem(&c.provider, 35, type_char, "letters, digits, '_' and '-'") {
            out.push(Violation::error(
                "CP-TYPE-3",
                at.loc(Field::Kind),
                format!("provider {:?} {p}", c.provider),
                "use the provider's exact name, such as StepFunctions",
            ));
        }
        if let Some(p) = name_problem(&c.version, 9, type_char, "letters, digits, '_' and '-'") {
            out.push(Violation::error(
                "CP-TYPE-4",
                at.loc(Field::Kind),
                format!("version {:?} {p}", c.version),
                "every built-in action type uses version \"1\"",
            ));
        }
        if c.owner == Owner::Custom || matrix_row(&at.action.kind).is_some() {
            continue;
        }
        let homes: Vec<String> = MATRIX
            .iter()
            .filter(|r| r.provider == c.provider)
            .map(|r| format!("{}/{}", r.owner.as_str(), r.category.as_str()))
            .collect();
        let this = format!(
            "{}/{}/{}",
            c.owner.as_str(),
            c.category.as_str(),
            c.provider
        );
        if homes.is_empty() {
            out.push(Violation::warning(
                "CP-TYPE-5",
                at.loc(Field::Kind),
                format!("action type {this} is not one vsm knows, so its artifacts and configuration are not checked"),
                "check the provider name against the CodePipeline action reference",
            ));
        } else {
            out.push(Violation::error(
                "CP-TYPE-5",
                at.loc(Field::Kind),
                format!("provider {} does not exist as {this}", c.provider),
                format!("{} is valid only as {}", c.provider, homes.join(" or ")),
            ));
        }
    }
}
