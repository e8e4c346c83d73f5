//! Stages and actions with a presence as list elements: `Fn::If` around each, alternatives
//! side by side chosen by one `Fn::If`.

use crate::cfn::Element;
use crate::model::presence::Term;

/// The list of `items`, each under its terms: consecutive items whose terms split on the same
/// conditions (a source chosen three ways) become one element, when the items for a
/// condition holding are written before those for it not holding (the `Fn::If` keeps the
/// written order); any other conditional item is its own `Fn::If` with `AWS::NoValue`.
pub(crate) fn elements<T>(items: Vec<(Vec<Term<'_>>, T)>) -> Vec<Element<T>> {
    let terms: Vec<&[Term<'_>]> = items.iter().map(|(t, _)| t.as_slice()).collect();
    let mut shapes = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        let mut end = i + 1;
        let mut shape = tree(&terms, &[i]).expect("one item always makes a tree");
        while !terms[i].is_empty() && end < terms.len() && !terms[end].is_empty() {
            match tree(&terms, &(i..=end).collect::<Vec<_>>()) {
                Some(longer) => {
                    shape = longer;
                    end += 1;
                }
                None => break,
            }
        }
        shapes.push(shape);
        i = end;
    }
    let mut slots: Vec<Option<T>> = items.into_iter().map(|(_, t)| Some(t)).collect();
    shapes.into_iter().map(|s| fill(s, &mut slots)).collect()
}

/// One element choosing among `group` (indices into `terms`), each without the conditions
/// already decided, in the order written; `None` when they do not split that way.
fn tree(terms: &[&[Term<'_>]], group: &[usize]) -> Option<Element<usize>> {
    tree_from(terms, group, &[])
}

fn tree_from(terms: &[&[Term<'_>]], group: &[usize], decided: &[&str]) -> Option<Element<usize>> {
    let open = |i: usize| {
        terms[i]
            .iter()
            .filter(|t| !decided.contains(&t.condition))
            .collect::<Vec<_>>()
    };
    match group {
        [] => return Some(Element::NoValue),
        [only] if open(*only).is_empty() => return Some(Element::Is(*only)),
        _ => {}
    }
    let first = *open(group[0]).first()?;
    let side = |holds: bool| -> Option<Vec<usize>> {
        let mut side = Vec::new();
        for &i in group {
            let term = open(i)
                .into_iter()
                .find(|t| t.condition == first.condition)?;
            if term.holds == holds {
                side.push(i);
            }
        }
        Some(side)
    };
    let (yes, no) = (side(true)?, side(false)?);
    // Written order is kept: the true side comes first in `Fn::If`.
    if yes.iter().chain(&no).ne(group.iter()) {
        return None;
    }
    let mut decided = decided.to_vec();
    decided.push(first.condition);
    Some(Element::If(
        first.condition.to_owned(),
        Box::new(tree_from(terms, &yes, &decided)?),
        Box::new(tree_from(terms, &no, &decided)?),
    ))
}

fn fill<T>(shape: Element<usize>, slots: &mut [Option<T>]) -> Element<T> {
    match shape {
        Element::Is(i) => Element::Is(slots[i].take().expect("each item is placed once")),
        Element::If(c, a, b) => {
            Element::If(c, Box::new(fill(*a, slots)), Box::new(fill(*b, slots)))
        }
        Element::NoValue => Element::NoValue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(condition: &str, holds: bool) -> Term<'_> {
        Term { condition, holds }
    }

    #[test]
    fn alternatives_share_one_element_and_the_rest_stand_alone() {
        let items = vec![
            (vec![], "first"),
            (vec![t("C1", true)], "a"),
            (vec![t("C1", false), t("C2", true)], "b"),
            (vec![t("C1", false), t("C2", false)], "c"),
            (vec![t("P", true)], "d"),
            (vec![t("P", true)], "e"),
            (vec![t("Q", false)], "f"),
        ];
        let json = serde_json::to_string(&elements(items)).unwrap();
        assert_eq!(
            json,
            concat!(
                r#"["first","#,
                r#"{"Fn::If":["C1","a",{"Fn::If":["C2","b","c"]}]},"#,
                r#"{"Fn::If":["P","d",{"Ref":"AWS::NoValue"}]},"#,
                r#"{"Fn::If":["P","e",{"Ref":"AWS::NoValue"}]},"#,
                r#"{"Fn::If":["Q",{"Ref":"AWS::NoValue"},"f"]}]"#
            )
        );
    }

    #[test]
    fn alternatives_written_false_side_first_stay_apart() {
        let items = vec![(vec![t("C", false)], "b"), (vec![t("C", true)], "a")];
        let out = elements(items);
        assert_eq!(out.len(), 2);
    }
}
