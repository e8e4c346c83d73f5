//! When a stage or an action is in the pipeline.
//!
//! CloudFormation decides it when the stack is created or updated: the element is wrapped in
//! `Fn::If` on a template condition the stream declares. A stage or action lists the
//! conditions that must hold (`when`) and those that must not (`unless`); both empty, it is
//! always there. Alternatives — a CodeCommit source or a connection, chosen by a parameter —
//! are elements whose conditions exclude each other: they may share a name and an output.

use serde::{Deserialize, Deserializer};

pub use super::cases::{present_with, Cases, MAX_COMBINATIONS};

/// A condition and the value it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term<'a> {
    /// The template condition's name.
    pub condition: &'a str,
    /// Whether it must hold (`when`) or not (`unless`).
    pub holds: bool,
}

/// The terms under which an element is present, all of them; none: always.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Presence<'a> {
    /// The terms, `when` ones first, in the order written.
    pub terms: Vec<Term<'a>>,
}

impl<'a> Presence<'a> {
    /// The presence of `when` and `unless` lists.
    pub fn of(when: &'a [String], unless: &'a [String]) -> Self {
        let terms = when
            .iter()
            .map(|c| (c, true))
            .chain(unless.iter().map(|c| (c, false)))
            .map(|(c, holds)| Term {
                condition: c.as_str(),
                holds,
            })
            .collect();
        Self { terms }
    }

    /// Present only when both are (an action in a conditional stage).
    pub fn and(&self, other: &Presence<'a>) -> Presence<'a> {
        let mut terms = self.terms.clone();
        for t in &other.terms {
            if !terms.contains(t) {
                terms.push(*t);
            }
        }
        Presence { terms }
    }

    /// True when no condition decides it.
    pub fn always(&self) -> bool {
        self.terms.is_empty()
    }

    /// A condition that must both hold and not hold: the element is never present.
    pub fn contradiction(&self) -> Option<&'a str> {
        self.terms
            .iter()
            .find(|t| {
                self.terms
                    .iter()
                    .any(|u| u.condition == t.condition && u.holds != t.holds)
            })
            .map(|t| t.condition)
    }

    /// True when the two are never present together: a condition one needs the other
    /// needs false.
    pub fn excludes(&self, other: &Presence<'_>) -> bool {
        self.terms.iter().any(|t| {
            other
                .terms
                .iter()
                .any(|u| u.condition == t.condition && u.holds != t.holds)
        })
    }

    /// Whether the element is present under an assignment of its conditions.
    pub(crate) fn holds_under(&self, value: &impl Fn(&str) -> bool) -> bool {
        self.terms.iter().all(|t| value(t.condition) == t.holds)
    }

    /// `when IsProd, unless UseS3`; `None` when it is always present.
    pub fn stated(&self) -> Option<String> {
        (!self.always()).then(|| self.describe())
    }

    /// `when IsProd, unless UseS3`, as the stream writes it.
    pub fn describe(&self) -> String {
        let list = |holds: bool| {
            self.terms
                .iter()
                .filter(|t| t.holds == holds)
                .map(|t| t.condition)
                .collect::<Vec<_>>()
                .join(" and ")
        };
        let (when, unless) = (list(true), list(false));
        match (when.is_empty(), unless.is_empty()) {
            (true, true) => "always".to_owned(),
            (false, true) => format!("when {when}"),
            (true, false) => format!("unless {unless}"),
            (false, false) => format!("when {when}, unless {unless}"),
        }
    }
}

/// An assignment as text: `IsProd is false and UseS3 is true`.
pub fn describe_assignment(values: &[(String, bool)]) -> String {
    values
        .iter()
        .map(|(c, v)| format!("{c} is {v}"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// Reads a condition list written as one name or a list of names.
pub(crate) fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Names {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Names::deserialize(d)? {
        Names::One(n) => vec![n],
        Names::Many(list) => list,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p<'a>(when: &'a [String], unless: &'a [String]) -> Presence<'a> {
        Presence::of(when, unless)
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn a_condition_in_both_lists_is_a_contradiction() {
        let (c, d) = (names(&["C"]), names(&["D", "C"]));
        assert_eq!(p(&c, &d).contradiction(), Some("C"));
        assert_eq!(p(&c, &[]).contradiction(), None);
        assert_eq!(p(&c, &names(&["D"])).describe(), "when C, unless D");
    }
}
