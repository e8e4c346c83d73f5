//! What `Fn::If` chooses in a list of the template (a pipeline's stages, a stage's actions):
//! the elements a list element can be, each under the conditions choosing it. The import and
//! the diff read conditional stages and actions through it.

use std::borrow::Cow;

use super::{Expr, Intrinsic};

/// One thing a list element can be: its path, its node and the terms choosing it.
pub(crate) struct Alternative<'a> {
    /// Its path in the template.
    pub path: String,
    /// The element.
    pub node: Cow<'a, Expr>,
    /// The conditions choosing it, with the value each must have.
    pub terms: Vec<(String, bool)>,
}

impl<'a> Alternative<'a> {
    /// The element itself, chosen by nothing.
    pub fn whole(path: String, e: &'a Expr) -> Self {
        Self {
            path,
            node: Cow::Borrowed(e),
            terms: Vec::new(),
        }
    }

    /// The conditions that must hold, then those that must not.
    pub fn when_unless(&self) -> (Vec<String>, Vec<String>) {
        let pick = |holds: bool| {
            self.terms
                .iter()
                .filter(|(_, h)| *h == holds)
                .map(|(c, _)| c.clone())
                .collect()
        };
        (pick(true), pick(false))
    }
}

/// What a list element can be: itself; each branch of `!If [cond, a, b]` (nested ones too)
/// under its condition; nothing for `!Ref AWS::NoValue`. `outer` holds the conditions already
/// decided around the list (an action's stage's): a branch they rule out is never taken, and a
/// condition they decide is not repeated.
pub(crate) fn alternatives<'a>(
    path: String,
    e: &'a Expr,
    outer: &[(String, bool)],
) -> Vec<Alternative<'a>> {
    match e {
        Expr::Ref(r) if r == "AWS::NoValue" => Vec::new(),
        Expr::Fn(f) => match f.as_ref() {
            Intrinsic::If(c, a, b) => {
                let mut out = Vec::new();
                for (i, (branch, holds)) in [(a, true), (b, false)].into_iter().enumerate() {
                    for mut alt in alternatives(format!("{path}/Fn::If/{}", i + 1), branch, outer) {
                        if let Some(terms) = with_term(&alt.terms, outer, (c, holds), true) {
                            alt.terms = terms;
                            out.push(alt);
                        }
                    }
                }
                out
            }
            _ => vec![Alternative::whole(path, e)],
        },
        _ => vec![Alternative::whole(path, e)],
    }
}

/// The terms with `c` set to `holds` (first or last); `None` when they, or the `outer`
/// conditions, need it the other way (a branch never taken).
pub(crate) fn with_term(
    terms: &[(String, bool)],
    outer: &[(String, bool)],
    (c, holds): (&str, bool),
    first: bool,
) -> Option<Vec<(String, bool)>> {
    if let Some((_, h)) = outer.iter().find(|(t, _)| t == c) {
        return (*h == holds).then(|| terms.to_vec());
    }
    match terms.iter().find(|(t, _)| t == c) {
        Some((_, h)) if *h != holds => None,
        Some(_) => Some(terms.to_vec()),
        None if first => Some(
            std::iter::once((c.to_owned(), holds))
                .chain(terms.iter().cloned())
                .collect(),
        ),
        None => Some(
            terms
                .iter()
                .cloned()
                .chain(std::iter::once((c.to_owned(), holds)))
                .collect(),
        ),
    }
}
