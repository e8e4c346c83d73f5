//! CP-ORDER: run orders, artifacts produced before they are consumed, variable references.

use crate::catalogue::{CP_ORDER_1, CP_ORDER_3, CP_ORDER_4, CP_ORDER_5};
use std::collections::HashMap;

use crate::diagnostic::{Field, Violation};
use crate::kit::{actions, At};
use crate::model::presence::{describe_assignment, Cases, Presence};
use crate::model::Stream;

/// Runs every CP-ORDER rule.
pub(crate) fn check(stream: &Stream, out: &mut Vec<Violation>) {
    run_orders(stream, out);
    artifact_order(stream, out);
    variable_references(stream, out);
}

fn run_orders(stream: &Stream, out: &mut Vec<Violation>) {
    for at in actions(stream) {
        let order = at.action.run_order;
        if !(1..=999).contains(&order) {
            out.push(Violation::error(
                CP_ORDER_1,
                at.loc(Field::RunOrder),
                format!("run order {order} is out of range"),
                "run orders go from 1 to 999; equal run orders run in parallel",
            ));
        }
    }
}

/// When an action runs: stage index, then run order.
fn position(at: &At<'_>) -> (usize, u32) {
    (at.si, at.action.run_order)
}

fn artifact_order(stream: &Stream, out: &mut Vec<Violation>) {
    let mut producers: HashMap<&str, Vec<At<'_>>> = HashMap::new();
    for at in actions(stream) {
        for name in &at.action.outputs {
            producers.entry(name.as_str()).or_default().push(at);
        }
    }
    let cases = Cases::of_stream(stream);
    for at in actions(stream) {
        let presence = at.presence();
        for (i, name) in at.action.all_inputs().into_iter().enumerate() {
            let Some(all) = producers.get(name) else {
                out.push(Violation::error(
                    CP_ORDER_4,
                    at.input(i),
                    format!("input artifact {name:?} is not produced by any action"),
                    "name the output artifact of an earlier action, or add an action that produces it",
                ));
                continue;
            };
            // Producers that can be present with this action, before it.
            let able: Vec<&At<'_>> = all
                .iter()
                .filter(|p| !cases.exclusive(&p.presence(), &presence))
                .collect();
            let Some(&any) = able.first() else {
                let producer = &all[0];
                out.push(
                    Violation::error(
                        CP_ORDER_4,
                        at.input(i),
                        format!(
                            "input artifact {name:?} is produced only where this action is not present ({})",
                            producer.presence().describe()
                        ),
                        "present the action under the conditions of a producer of the artifact, or produce it where the action runs",
                    )
                    .with_related(
                        producer.loc(Field::Output(output_index(producer, name))),
                        "produced here",
                    ),
                );
                continue;
            };
            let earlier: Vec<&At<'_>> = able
                .iter()
                .copied()
                .filter(|p| position(p) < position(&at))
                .collect();
            let Some(first) = earlier.first() else {
                out.push(too_late(&at, i, name, any));
                continue;
            };
            let producing: Vec<Presence<'_>> = earlier.iter().map(|p| p.presence()).collect();
            if let Some(case) = cases.uncovered(&presence, &producing) {
                out.push(
                    Violation::warning(
                        CP_ORDER_3,
                        at.input(i),
                        format!(
                            "when {}, no earlier action produces input artifact {name:?}",
                            describe_assignment(&case)
                        ),
                        "present the action only when a producer of the artifact is, or produce the artifact in every case",
                    )
                    .with_related(first.loc(Field::Output(output_index(first, name))), "produced here"),
                );
            }
        }
    }
}

fn output_index(producer: &At<'_>, name: &str) -> usize {
    producer
        .action
        .outputs
        .iter()
        .position(|o| o == name)
        .unwrap_or(0)
}

/// CP-ORDER-3: the artifact is produced, but not before the action.
fn too_late(at: &At<'_>, i: usize, name: &str, producer: &At<'_>) -> Violation {
    let when = if producer.si > at.si {
        "in a later stage"
    } else if producer.action.run_order == at.action.run_order {
        if std::ptr::eq(producer.action, at.action) {
            "by this same action"
        } else {
            "in parallel with it (same run order)"
        }
    } else {
        "later in this stage (higher run order)"
    };
    Violation::error(
        CP_ORDER_3,
        at.input(i),
        format!("input artifact {name:?} is consumed before it is produced: it is produced {when}"),
        "consume an artifact only in a later stage, or in the same stage with a higher run order than its producer",
    )
    .with_related(producer.loc(Field::Output(output_index(producer, name))), "produced here")
}

/// The `#{namespace.key}` references in a text.
pub(crate) fn references(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.match_indices("#{").filter_map(move |(start, _)| {
        let rest = &text[start + 2..];
        let body = &rest[..rest.find('}')?];
        body.split_once('.')
    })
}

fn variable_references(stream: &Stream, out: &mut Vec<Violation>) {
    let namespaces: HashMap<&str, At<'_>> = actions(stream)
        .filter_map(|at| at.action.namespace.as_deref().map(|ns| (ns, at)))
        .collect();
    for at in actions(stream) {
        for (_, field, value) in super::config::literal_config(stream, &at) {
            let Some(text) = value else {
                continue;
            };
            for (ns, var) in references(&text) {
                let problem = match ns {
                    "codepipeline" => None,
                    "variables" => {
                        (!stream.settings.variables.iter().any(|v| v.name == var)).then(|| {
                            (
                                format!("pipeline variable {var:?} is not declared"),
                                "declare it in the pipeline settings".to_owned(),
                                None,
                            )
                        })
                    }
                    _ => match namespaces.get(ns) {
                        None => Some((
                            format!("namespace {ns:?} is not set on any action"),
                            "set this namespace on the action that produces the variable"
                                .to_owned(),
                            None,
                        )),
                        Some(producer) if position(producer) >= position(&at) => Some((
                            format!(
                                "variable #{{{ns}.{var}}} is read before action {:?} sets it",
                                producer.action.name
                            ),
                            "read a namespace only from a later stage, or later in the same stage"
                                .to_owned(),
                            Some(producer.loc(Field::Namespace)),
                        )),
                        Some(_) => None,
                    },
                };
                if let Some((message, hint, related)) = problem {
                    let mut v = Violation::error(CP_ORDER_5, at.loc(field), message, hint);
                    if let Some(r) = related {
                        v = v.with_related(r, "namespace set here");
                    }
                    out.push(v);
                }
            }
        }
    }
}
