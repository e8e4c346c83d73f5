//! Changes inside a pipeline: stages and actions added, removed and moved, action details,
//! value-stream annotations and pipeline settings.

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

use super::values::{pair, paths_changed};
use super::{Change, ChangeKind};
use crate::cfn::{alternatives, Expr};
use crate::model::presence::{Presence, Term};

/// A stage as the diff sees it.
struct StageView<'a> {
    name: &'a str,
    actions: Vec<&'a Value>,
    /// The declaration, for what it holds besides its actions (its conditions).
    node: &'a Value,
}

fn stages(pipeline: &Value) -> Vec<StageView<'_>> {
    pipeline["Properties"]["Stages"]
        .as_array()
        .map(|stages| {
            stages
                .iter()
                .map(|s| StageView {
                    name: s["Name"].as_str().unwrap_or("?"),
                    actions: s["Actions"]
                        .as_array()
                        .map(|a| a.iter().collect())
                        .unwrap_or_default(),
                    node: s,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn action_name(action: &Value) -> &str {
    action["Name"].as_str().unwrap_or("?")
}

fn run_order(action: &Value) -> u64 {
    action["RunOrder"].as_u64().unwrap_or(1)
}

/// The pipeline with each stage or action that `Fn::If` chooses written out as the elements it
/// can be, its name saying when (`Approve (when IsProd)`, `Source (unless UseS3)`): alternatives
/// of one name are told apart, and a condition added or changed shows.
fn flattened(pipeline: &Value) -> Value {
    let mut out = pipeline.clone();
    if let Some(stages) = out.pointer_mut("/Properties/Stages") {
        *stages = Value::Array(elements(stages, &mut |stage, when| {
            named(stage, when);
            if let Some(actions) = stage.get_mut("Actions") {
                *actions = Value::Array(elements(actions, &mut named));
            }
        }));
    }
    out
}

/// The element's `Name` followed by when it is there.
fn named(element: &mut Value, when: Option<String>) {
    if let (Some(name), Some(when)) = (element.get("Name").and_then(Value::as_str), when) {
        element["Name"] = Value::String(format!("{name} ({when})"));
    }
}

/// The elements a list can hold, each passed to `each` with when it is there (`None`:
/// always).
fn elements(list: &Value, each: &mut impl FnMut(&mut Value, Option<String>)) -> Vec<Value> {
    let mut out = Vec::new();
    for item in list.as_array().into_iter().flatten() {
        for alt in alternatives(String::new(), &Expr::from_value(item), &[]) {
            let mut v = alt.node.to_value();
            let presence = Presence {
                terms: alt
                    .terms
                    .iter()
                    .map(|(c, holds)| Term {
                        condition: c,
                        holds: *holds,
                    })
                    .collect(),
            };
            let when = presence.stated();
            each(&mut v, when);
            out.push(v);
        }
    }
    out
}

/// Which items of `common` keep their relative order: the longest common subsequence of the
/// two orders; the others moved.
fn unmoved<'a>(old: &[&'a str], new: &[&'a str]) -> BTreeSet<&'a str> {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut keep = BTreeSet::new();
    while i < n && j < m {
        if old[i] == new[j] {
            keep.insert(old[i]);
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    keep
}

/// Stage, action and setting changes between two pipeline resources.
pub(super) fn pipeline_changes(old: &Value, new: &Value) -> Vec<Change> {
    let (old, new) = (&flattened(old), &flattened(new));
    let view = PipelineView::new(old, new);
    let mut out = Vec::new();
    for (position, stage) in view.new.iter().enumerate() {
        out.extend(view.stage_changes(position, stage));
    }
    out.extend(view.removed_stages());
    out.extend(annotation_change(old, new));
    out.extend(settings_change(old, new));
    out
}

/// Both pipelines' stages, and what moved between them.
struct PipelineView<'a> {
    old: Vec<StageView<'a>>,
    new: Vec<StageView<'a>>,
    /// Stages in both that kept their relative order (the others moved).
    in_place: BTreeSet<&'a str>,
    /// Actions gone from their stage, by name: the stage they left and the old action.
    removed: BTreeMap<&'a str, (&'a str, &'a Value)>,
    /// Actions that left one stage and appear in another: moves, not a removal and an addition.
    moved: BTreeSet<&'a str>,
}

impl<'a> PipelineView<'a> {
    fn new(old: &'a Value, new: &'a Value) -> Self {
        let (old, new) = (stages(old), stages(new));
        let removed = departed(&old, &new);
        let added = departed(&new, &old);
        let moved = removed
            .keys()
            .filter(|k| added.contains_key(*k))
            .copied()
            .collect();
        Self {
            in_place: stage_order(&old, &new),
            old,
            new,
            removed,
            moved,
        }
    }

    /// A new stage: added, or moved and its actions' changes.
    fn stage_changes(&self, position: usize, stage: &StageView<'a>) -> Vec<Change> {
        let Some(old_position) = self.old.iter().position(|s| s.name == stage.name) else {
            return vec![self.added_stage(position, stage)];
        };
        let mut out = Vec::new();
        if !self.in_place.contains(stage.name) {
            out.push(
                Change::new(ChangeKind::Moved, format!("stage {}", stage.name)).detail(format!(
                    "position {} → {}",
                    old_position + 1,
                    position + 1
                )),
            );
        }
        out.extend(stage_details(&self.old[old_position], stage));
        out.extend(self.action_changes(&self.old[old_position], stage));
        out
    }

    fn added_stage(&self, position: usize, stage: &StageView<'a>) -> Change {
        let after = position
            .checked_sub(1)
            .map(|p| format!("after {}", self.new[p].name))
            .unwrap_or_else(|| "first".to_owned());
        let mut change = Change::new(ChangeKind::Added, format!("stage {}", stage.name))
            .detail(format!("position {} ({after})", position + 1));
        for action in &stage.actions {
            change = change.detail(format!(
                "with action {} (run order {})",
                action_name(action),
                run_order(action)
            ));
        }
        change
    }

    /// The actions of a stage in both pipelines: changed, moved in, added, removed.
    fn action_changes(&self, old_stage: &StageView<'a>, stage: &StageView<'a>) -> Vec<Change> {
        let mut out = Vec::new();
        for action in &stage.actions {
            let name = action_name(action);
            let subject = format!("action {}/{name}", stage.name);
            match old_stage.actions.iter().find(|a| action_name(a) == name) {
                Some(old_action) => {
                    let details = action_details(old_action, action);
                    if !details.is_empty() {
                        let mut change = Change::new(ChangeKind::Changed, subject);
                        change.details = details;
                        out.push(change);
                    }
                }
                None if self.moved.contains(name) => {
                    let (from, old_action) = self.removed[name];
                    let mut change = Change::new(ChangeKind::Moved, subject)
                        .detail(format!("from stage {from}"));
                    change.details.extend(action_details(old_action, action));
                    out.push(change);
                }
                None => out.push(
                    Change::new(ChangeKind::Added, subject)
                        .detail(format!("run order {}", run_order(action)))
                        .detail(action_type(action)),
                ),
            }
        }
        for action in &old_stage.actions {
            let name = action_name(action);
            if !stage.actions.iter().any(|a| action_name(a) == name) && !self.moved.contains(name) {
                out.push(Change::new(
                    ChangeKind::Removed,
                    format!("action {}/{name}", stage.name),
                ));
            }
        }
        out
    }

    /// Old stages gone from the new pipeline, with the actions that did not move elsewhere.
    fn removed_stages(&self) -> Vec<Change> {
        let mut out = Vec::new();
        for stage in &self.old {
            if self.new.iter().any(|s| s.name == stage.name) {
                continue;
            }
            let mut change = Change::new(ChangeKind::Removed, format!("stage {}", stage.name));
            for action in &stage.actions {
                let name = action_name(action);
                if !self.moved.contains(name) {
                    change = change.detail(format!("with action {name}"));
                }
            }
            out.push(change);
        }
        out
    }
}

/// The stages in both pipelines that kept their relative order.
fn stage_order<'a>(old: &[StageView<'a>], new: &[StageView<'a>]) -> BTreeSet<&'a str> {
    let common = |a: &[StageView<'a>], b: &[StageView<'a>]| -> Vec<&'a str> {
        a.iter()
            .map(|s| s.name)
            .filter(|n| b.iter().any(|s| s.name == *n))
            .collect()
    };
    unmoved(&common(old, new), &common(new, old))
}

/// Actions of `from` that the same stage of `to` lacks (or whose stage is gone), by name: the
/// stage and the action; the first of a repeated name.
fn departed<'a>(
    from: &[StageView<'a>],
    to: &[StageView<'a>],
) -> BTreeMap<&'a str, (&'a str, &'a Value)> {
    let mut out = BTreeMap::new();
    for stage in from {
        let other = to.iter().find(|s| s.name == stage.name);
        for action in &stage.actions {
            let name = action_name(action);
            let kept = other.is_some_and(|s| s.actions.iter().any(|a| action_name(a) == name));
            if !kept {
                out.entry(name).or_insert((stage.name, *action));
            }
        }
    }
    out
}

/// How a stage changed besides its actions: its conditions (`BeforeEntry`, `OnSuccess`,
/// `OnFailure`) and any other field.
fn stage_details(old: &StageView<'_>, new: &StageView<'_>) -> Option<Change> {
    let rest = |s: &StageView<'_>| -> Value {
        let mut v = s.node.clone();
        if let Some(o) = v.as_object_mut() {
            o.remove("Name");
            o.remove("Actions");
        }
        v
    };
    let (a, b) = (rest(old), rest(new));
    if a == b {
        return None;
    }
    let mut change = Change::new(ChangeKind::Changed, format!("stage {}", new.name));
    change.details = paths_changed(&a, &b);
    Some(change)
}

/// The value-stream annotations (process and wait times, %C&A), which travel in the metadata.
fn annotation_change(old: &Value, new: &Value) -> Option<Change> {
    let annotations = |v: &Value| v.pointer("/Metadata/ValueStream").cloned();
    let (old_vs, new_vs) = (annotations(old), annotations(new));
    if old_vs == new_vs {
        return None;
    }
    let mut change = Change::new(ChangeKind::Changed, "value-stream annotations");
    change.details = match (&old_vs, &new_vs) {
        (Some(a), Some(b)) => paths_changed(a, b),
        (a, b) => vec![pair(a.as_ref(), b.as_ref())],
    };
    Some(change)
}

/// Everything else about the pipeline: settings (type, execution mode, triggers, variables,
/// role, artifact store, tags) and other metadata.
fn settings_change(old: &Value, new: &Value) -> Option<Change> {
    let strip = |v: &Value| {
        let mut v = v.clone();
        if let Some(props) = v.get_mut("Properties").and_then(Value::as_object_mut) {
            props.remove("Stages");
        }
        if let Some(meta) = v.get_mut("Metadata").and_then(Value::as_object_mut) {
            meta.remove("ValueStream");
            if meta.is_empty() {
                v.as_object_mut().map(|o| o.remove("Metadata"));
            }
        }
        v
    };
    let (old_rest, new_rest) = (strip(old), strip(new));
    if old_rest == new_rest {
        return None;
    }
    let mut change = Change::new(ChangeKind::Changed, "pipeline settings");
    change.details = paths_changed(&old_rest, &new_rest);
    Some(change)
}

fn action_type(action: &Value) -> String {
    let t = &action["ActionTypeId"];
    format!(
        "type {}/{}/{}",
        t["Category"].as_str().unwrap_or("?"),
        t["Owner"].as_str().unwrap_or("?"),
        t["Provider"].as_str().unwrap_or("?")
    )
}

/// How one action changed: run order, type, artifacts, namespace, configuration keys.
fn action_details(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if run_order(old) != run_order(new) {
        out.push(format!("run order {} → {}", run_order(old), run_order(new)));
    }
    if old["ActionTypeId"] != new["ActionTypeId"] {
        out.push(format!("{} → {}", action_type(old), action_type(new)));
    }
    let artifacts = |a: &Value, key: &str| -> String {
        let names: Vec<&str> = a[key]
            .as_array()
            .map(|v| v.iter().filter_map(|x| x["Name"].as_str()).collect())
            .unwrap_or_default();
        if names.is_empty() {
            "(none)".to_owned()
        } else {
            names.join(", ")
        }
    };
    for (key, label) in [("InputArtifacts", "inputs"), ("OutputArtifacts", "outputs")] {
        let (a, b) = (artifacts(old, key), artifacts(new, key));
        if a != b {
            out.push(format!("{label} {a} → {b}"));
        }
    }
    let empty = Map::new();
    let old_config = old["Configuration"].as_object().unwrap_or(&empty);
    let new_config = new["Configuration"].as_object().unwrap_or(&empty);
    let keys: BTreeSet<&String> = old_config.keys().chain(new_config.keys()).collect();
    for key in keys {
        let (a, b) = (old_config.get(key), new_config.get(key));
        if a != b {
            out.push(format!("configuration {key}: {}", pair(a, b)));
        }
    }
    let known = [
        "Name",
        "RunOrder",
        "ActionTypeId",
        "InputArtifacts",
        "OutputArtifacts",
        "Configuration",
    ];
    let rest = |a: &Value| -> Value {
        let mut a = a.clone();
        if let Some(o) = a.as_object_mut() {
            o.retain(|k, _| !known.contains(&k.as_str()));
        }
        a
    };
    out.extend(paths_changed(&rest(old), &rest(new)));
    out
}
