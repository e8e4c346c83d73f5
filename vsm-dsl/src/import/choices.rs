//! Actions whose type, configuration or another part the model holds literally `Fn::If`
//! chooses, read as the actions they can be, each under the conditions choosing it (stages and
//! actions inside `Fn::If` are read by `cfn::alternatives`).

use std::borrow::Cow;

use super::value::field;
use crate::cfn::Alternative;
use crate::cfn::{with_term, Expr, Intrinsic};

/// The parts of an action declaration a condition may choose that the model holds as no
/// expression: its whole `ActionTypeId` and each part of it, its whole `Configuration`, its
/// name, run order, namespace and artifact lists.
const CHOSEN_PARTS: [&[&str]; 11] = [
    &["ActionTypeId"],
    &["ActionTypeId", "Category"],
    &["ActionTypeId", "Owner"],
    &["ActionTypeId", "Provider"],
    &["ActionTypeId", "Version"],
    &["Configuration"],
    &["Name"],
    &["RunOrder"],
    &["Namespace"],
    &["InputArtifacts"],
    &["OutputArtifacts"],
];

/// An action whose type, configuration or another part the model holds literally `Fn::If`
/// chooses, as the actions it can be: each under the conditions choosing it (the action as it
/// is when nothing is chosen).
pub(crate) fn chosen_actions<'a>(
    alt: Alternative<'a>,
    outer: &[(String, bool)],
) -> Vec<Alternative<'a>> {
    let condition = CHOSEN_PARTS
        .iter()
        .find_map(|part| match at(&alt.node, part) {
            Some(Expr::Fn(f)) => match f.as_ref() {
                Intrinsic::If(c, _, _) => Some(c.clone()),
                _ => None,
            },
            _ => None,
        });
    let Some(c) = condition else {
        return vec![alt];
    };
    let mut out = Vec::new();
    for holds in [true, false] {
        let mut node = alt.node.clone().into_owned();
        for part in CHOSEN_PARTS {
            decide(&mut node, part, &c, holds);
        }
        let Some(terms) = with_term(&alt.terms, outer, (&c, holds), false) else {
            continue;
        };
        out.extend(chosen_actions(
            Alternative {
                path: alt.path.clone(),
                node: Cow::Owned(node),
                terms,
            },
            outer,
        ));
    }
    out
}

/// The value at a path of object keys.
fn at<'a>(e: &'a Expr, path: &[&str]) -> Option<&'a Expr> {
    path.iter().try_fold(e, |e, k| field(e, k))
}

/// Replaces `!If [c, a, b]` at a path by the branch `holds` picks.
fn decide(e: &mut Expr, path: &[&str], c: &str, holds: bool) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = e;
    for k in parents {
        match node {
            Expr::Map(m) => match m.get_mut(*k) {
                Some(next) => node = next,
                None => return,
            },
            _ => return,
        }
    }
    let Expr::Map(m) = node else { return };
    let Some(slot) = m.get_mut(*last) else { return };
    if let Expr::Fn(f) = slot {
        if let Intrinsic::If(name, a, b) = f.as_ref() {
            if name == c {
                *slot = if holds { a.clone() } else { b.clone() };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(yaml_json: serde_json::Value) -> Expr {
        Expr::from_value(&yaml_json)
    }

    #[test]
    fn an_action_chosen_in_its_parts_is_one_action_per_case() {
        let action = node(serde_json::json!({
            "Name": {"Fn::If": ["IsProd", "Release", "Try"]},
            "ActionTypeId": {"Category": "Source", "Owner": "AWS", "Version": "1",
                "Provider": {"Fn::If": ["UseGit", "CodeStarSourceConnection", "S3"]}},
            "Configuration": {"Fn::If": ["UseGit", {"BranchName": "main"}, {"S3Bucket": "b"}]},
            "OutputArtifacts": [{"Name": "Src"}]
        }));
        let chosen = chosen_actions(
            Alternative::whole("Stages/0/Actions/0".into(), &action),
            &[],
        );
        type Case = (Vec<(String, bool)>, String, String);
        let cases: Vec<Case> = chosen
            .iter()
            .map(|a| {
                let text = |path: &[&str]| {
                    at(&a.node, path)
                        .map(|e| e.to_value().to_string())
                        .unwrap_or_default()
                };
                (
                    a.terms.clone(),
                    text(&["Name"]),
                    text(&["ActionTypeId", "Provider"]),
                )
            })
            .collect();
        let t = |c: &str, h: bool| (c.to_owned(), h);
        assert_eq!(
            cases,
            vec![
                (
                    vec![t("UseGit", true), t("IsProd", true)],
                    "\"Release\"".into(),
                    "\"CodeStarSourceConnection\"".into()
                ),
                (
                    vec![t("UseGit", true), t("IsProd", false)],
                    "\"Try\"".into(),
                    "\"CodeStarSourceConnection\"".into()
                ),
                (
                    vec![t("UseGit", false), t("IsProd", true)],
                    "\"Release\"".into(),
                    "\"S3\"".into()
                ),
                (
                    vec![t("UseGit", false), t("IsProd", false)],
                    "\"Try\"".into(),
                    "\"S3\"".into()
                ),
            ]
        );
        // The configuration follows its condition.
        assert_eq!(
            at(&chosen[3].node, &["Configuration", "S3Bucket"]).map(|e| e.to_value()),
            Some("b".into())
        );
    }

    #[test]
    fn a_branch_contradicting_the_element_around_it_is_never_taken() {
        let list = node(serde_json::json!(
            {"Fn::If": ["C", {"Fn::If": ["C", {"Name": "A"}, {"Name": "Never"}]}, {"Ref": "AWS::NoValue"}]}
        ));
        let alts = crate::cfn::alternatives("Stages/1".into(), &list, &[]);
        assert_eq!(alts.len(), 1);
        assert_eq!(alts[0].terms, vec![("C".to_owned(), true)]);
        assert_eq!(alts[0].path, "Stages/1/Fn::If/1/Fn::If/1");
    }

    #[test]
    fn a_choice_its_stage_decides_is_not_an_alternative() {
        let action = node(serde_json::json!({
            "Name": "Ship",
            "ActionTypeId": {"Category": "Deploy", "Owner": "AWS", "Version": "1", "Provider": "S3"},
            "Configuration": {"Fn::If": ["IsProd", {"BucketName": "prod"}, {"BucketName": "test"}]}
        }));
        let stage = [("IsProd".to_owned(), true)];
        let chosen = chosen_actions(
            Alternative::whole("Stages/2/Actions/0".into(), &action),
            &stage,
        );
        assert_eq!(chosen.len(), 1);
        assert!(chosen[0].terms.is_empty());
        assert_eq!(
            at(&chosen[0].node, &["Configuration", "BucketName"]).map(Expr::to_value),
            Some("prod".into())
        );
    }
}
