//! Values computed at deployment, and the rule violations they make undecidable.

use crate::diagnostic::Field;
#[cfg(feature = "lint")]
use crate::diagnostic::{Location, Violation};

/// A part of the stream that holds a placeholder for a computed value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Stage index, unless the place is the pipeline's.
    pub stage: Option<usize>,
    /// Action index within the stage.
    pub action: Option<usize>,
    /// Which part.
    pub field: UnknownField,
    /// The value as written, in short form (`!Ref Branch`).
    pub written: String,
}

/// Which part of a node is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownField {
    /// A field as the rules locate it.
    Field(Field),
    /// The whole list of stages (pipeline) or of actions (stage).
    Stages,
}

impl Unknown {
    /// True when `location` (or a place inside it) depends on this value.
    #[cfg(feature = "lint")]
    fn covers(&self, location: &Location) -> bool {
        let stage = location.stage.as_ref().map(|s| s.0);
        let action = location.action.as_ref().map(|a| a.0);
        match self.field {
            UnknownField::Stages => self.stage.is_none() || self.stage == stage,
            UnknownField::Field(field) => {
                if self.stage != stage || self.action != action {
                    return false;
                }
                match (field, location.field) {
                    // The kind's type unknown: nothing about the action is decidable.
                    (Field::Kind, _) => true,
                    (a, b) => same_field(a, b),
                }
            }
        }
    }
}

/// Two fields are the same place; a kind property and a configuration key are the same
/// place when the property's key is written there (the caller passes both forms).
#[cfg(feature = "lint")]
fn same_field(a: Field, b: Field) -> bool {
    match (a, b) {
        (Field::Prop(x), Field::Prop(y)) | (Field::Config(x), Field::Config(y)) => x == y,
        // A custom action's configuration as a whole.
        (Field::Config(_), Field::Prop("config")) => true,
        _ => a == b,
    }
}

/// True when the violation is about a value that is unknown: the rule cannot decide it.
///
/// Beyond the exact place, a computed run order makes the stage's order undecidable, a
/// computed name makes name comparisons undecidable, and a computed artifact name makes the
/// artifact flow undecidable.
#[cfg(feature = "lint")]
pub(crate) fn undecidable(unknown: &[Unknown], v: &Violation) -> bool {
    let places = std::iter::once(&v.location).chain(v.related.as_ref().map(|(l, _)| l));
    for location in places {
        if unknown.iter().any(|u| u.covers(location)) {
            return true;
        }
    }
    let stage = v.location.stage.as_ref().map(|s| s.0);
    unknown.iter().any(|u| match u.field {
        UnknownField::Field(Field::RunOrder) => {
            u.stage == stage
                && matches!(
                    v.location.field,
                    Field::Input(_) | Field::Output(_) | Field::RunOrder
                )
        }
        UnknownField::Field(Field::Input(_) | Field::Output(_)) => {
            matches!(v.location.field, Field::Input(_) | Field::Output(_))
                || v.rule.id().starts_with("CP-ART")
        }
        UnknownField::Field(Field::Name) => {
            v.rule.id().starts_with("CP-NAME") || v.rule.id().starts_with("CP-TRIG")
        }
        _ => false,
    })
}
