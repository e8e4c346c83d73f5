//! Template values read as the stream's text, and what the reading found.

use super::{Import, Note, Paths, Unknown, UnknownField};
use crate::cfn::{Expr, Intrinsic, Template};
use crate::diagnostic::{Field, Location, Violation};
use crate::model::{Stream, Text};

/// How notes that make the import inexact begin (the stream would re-emit something else).
pub(crate) const INEXACT: &str = "not kept: ";

/// Where a value goes in the stream: stage and action indexes and the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub stage: Option<usize>,
    pub action: Option<usize>,
    pub field: UnknownField,
}

impl Place {
    pub fn pipeline(field: Field) -> Self {
        Self {
            stage: None,
            action: None,
            field: UnknownField::Field(field),
        }
    }

    pub fn stage(si: usize, field: Field) -> Self {
        Self {
            stage: Some(si),
            action: None,
            field: UnknownField::Field(field),
        }
    }

    pub fn action(si: usize, ai: usize, field: UnknownField) -> Self {
        Self {
            stage: Some(si),
            action: Some(ai),
            field,
        }
    }
}

/// Reads values, collecting notes, unknown places and problems.
pub(crate) struct Reader<'t> {
    pub template: Option<&'t Template>,
    pub notes: Vec<Note>,
    pub unknown: Vec<Unknown>,
    pub problems: Vec<Violation>,
    pub stand_ins: Vec<(String, Expr)>,
    /// True once a stage or an action was read under a condition.
    pub conditional: bool,
}

impl<'t> Reader<'t> {
    pub fn new(template: Option<&'t Template>) -> Self {
        Self {
            template,
            notes: Vec::new(),
            unknown: Vec::new(),
            problems: Vec::new(),
            stand_ins: Vec::new(),
            conditional: false,
        }
    }

    pub fn note(&mut self, location: Location, message: String) {
        self.notes.push(Note { location, message });
    }

    /// Marks a place unknown.
    pub fn mark(&mut self, place: Place, written: String) {
        let u = Unknown {
            stage: place.stage,
            action: place.action,
            field: place.field,
            written,
        };
        if !self.unknown.contains(&u) {
            self.unknown.push(u);
        }
    }

    /// Literal text, or a placeholder for a computed value (the place marked unknown).
    pub fn text(&mut self, e: &Expr, place: Place) -> String {
        match literal(e) {
            Some(t) => t,
            None => {
                let shown = short(e);
                self.mark(place, shown.clone());
                placeholder(&shown)
            }
        }
    }

    /// A value as text: the literal, or the expression kept as it is.
    pub fn value(&mut self, e: &Expr) -> Text {
        Text::from(e.clone())
    }

    /// A required field that is missing: a placeholder, marked unknown (CloudFormation
    /// itself refuses the template, which its own checks report).
    pub fn missing(&mut self, place: Place, what: &str) -> String {
        self.mark(place, format!("no {what}"));
        placeholder(&format!("no {what}"))
    }

    /// The text of a required field, or a placeholder when it is missing.
    pub fn required(&mut self, e: Option<&Expr>, place: Place, what: &str) -> String {
        match e {
            Some(e) => self.text(e, place),
            None => self.missing(place, what),
        }
    }

    /// The stages are computed: nothing about them is decidable.
    pub fn unknown_stages(&mut self) {
        self.mark(
            Place {
                stage: None,
                action: None,
                field: UnknownField::Stages,
            },
            "Stages".to_owned(),
        );
    }

    /// The actions of a stage are computed.
    pub fn unknown_actions(&mut self, si: usize) {
        self.mark(
            Place {
                stage: Some(si),
                action: None,
                field: UnknownField::Stages,
            },
            "Actions".to_owned(),
        );
    }

    /// A resource of the template.
    pub fn resource(&self, id: &str) -> Option<&'t crate::cfn::Resource> {
        self.template.and_then(|t| t.resources.get(id))
    }

    pub fn finish(self, stream: Stream, paths: Paths) -> Import {
        Import {
            stream,
            notes: self.notes,
            unknown: self.unknown,
            problems: self.problems,
            stand_ins: self.stand_ins,
            paths,
        }
    }
}

/// The text of a literal string, number or boolean (CloudFormation reads them all as text).
pub(crate) fn literal(e: &Expr) -> Option<String> {
    match e {
        Expr::Str(s) => Some(s.clone()),
        Expr::Number(n) => Some(n.to_string()),
        Expr::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// How a stream shows a value computed at deployment: `<!Ref Branch>`.
pub(crate) fn placeholder(shown: &str) -> String {
    format!("<{shown}>")
}

/// A value in YAML's short form, for placeholders and notes: `!Ref Branch`,
/// `!GetAtt Role.Arn`, `!Sub 'x-${Env}'`, `!If [..]`.
pub(crate) fn short(e: &Expr) -> String {
    match e {
        Expr::Ref(n) => format!("!Ref {n}"),
        Expr::GetAtt(r, a) => format!("!GetAtt {r}.{a}"),
        Expr::Sub(t) => format!("!Sub '{t}'"),
        Expr::Fn(f) => match f.as_ref() {
            Intrinsic::GetAttDotted(r, a) => format!("!GetAtt {r}.{a}"),
            Intrinsic::ImportValue(v) => format!("!ImportValue {}", short(v)),
            Intrinsic::SubWith(t, _) => format!("!Sub '{t}'"),
            Intrinsic::If(c, _, _) => format!("!If [{c}, ..]"),
            other => format!("!{} ..", other.name().trim_start_matches("Fn::")),
        },
        Expr::Null => "null".to_owned(),
        Expr::List(_) => "a list".to_owned(),
        Expr::Map(_) => "an object".to_owned(),
        other => literal(other).unwrap_or_default(),
    }
}

/// The logical id a value refers to: `!Ref X`, `!GetAtt X.Arn`.
pub(crate) fn target(e: &Expr) -> Option<&str> {
    match e {
        Expr::Ref(id) | Expr::GetAtt(id, _) => Some(id),
        Expr::Fn(f) => match f.as_ref() {
            Intrinsic::GetAttDotted(id, _) => Some(id),
            _ => None,
        },
        _ => None,
    }
}

/// A field of an object value.
pub(crate) fn field<'a>(e: &'a Expr, key: &str) -> Option<&'a Expr> {
    match e {
        Expr::Map(m) => m.get(key),
        _ => None,
    }
}
