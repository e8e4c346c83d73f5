//! A semantic diff of two CloudFormation templates, read as pipelines.
//!
//! For every `AWS::CodePipeline::Pipeline` the two templates share (by logical id), the diff
//! lists the stages and actions added, removed and moved, run-order changes, action type,
//! artifact and configuration changes, and pipeline settings; for every other resource, whether
//! it was added, removed or changed (and which properties); then parameters, outputs and the
//! description. It works on plain JSON values, so the old template may come from anywhere
//! (the base branch, `aws cloudformation get-template`), not only from vsm.
//!
//! ```
//! use serde_json::json;
//! use vsm_dsl::diff::{diff_templates, ChangeKind};
//!
//! let old = json!({"Resources": {"Pipe": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
//!     "Stages": [{"Name": "Source", "Actions": [{"Name": "App", "RunOrder": 1}]},
//!                {"Name": "Test", "Actions": [{"Name": "Unit", "RunOrder": 1}]}]}}}});
//! let mut new = old.clone();
//! new["Resources"]["Pipe"]["Properties"]["Stages"][1]["Actions"][0]["RunOrder"] = json!(2);
//!
//! let diff = diff_templates(&old, &new);
//! assert_eq!(diff.len(), 1);
//! let change = &diff.sections[0].changes[0];
//! assert_eq!(change.kind, ChangeKind::Changed);
//! assert_eq!(change.subject, "action Test/Unit");
//! assert_eq!(change.details, ["run order 1 → 2"]);
//! ```

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// The CloudFormation type of a pipeline.
const PIPELINE_TYPE: &str = "AWS::CodePipeline::Pipeline";
/// Longest JSON value shown in a detail line before it is shortened.
const VALUE_WIDTH: usize = 72;

/// What happened to a stage, action, resource, parameter or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// New in the new template.
    Added,
    /// Gone from the new template.
    Removed,
    /// Present in both, at another place.
    Moved,
    /// Present in both, different.
    Changed,
}

impl ChangeKind {
    /// `+`, `-`, `>` or `~`: the mark of a change in plain text.
    pub fn mark(self) -> char {
        match self {
            Self::Added => '+',
            Self::Removed => '-',
            Self::Moved => '>',
            Self::Changed => '~',
        }
    }

    /// `added`, `removed`, `moved` or `changed`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Moved => "moved",
            Self::Changed => "changed",
        }
    }
}

/// One change: what changed and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Added, removed, moved or changed.
    pub kind: ChangeKind,
    /// What changed, such as `stage Capacity`, `action Build/Image` or
    /// `ArtifactBucket (AWS::S3::Bucket)`.
    pub subject: String,
    /// How, one line each, such as `run order 1 → 2` or
    /// `configuration ProjectName: "a" → "b"`.
    pub details: Vec<String>,
}

impl Change {
    fn new(kind: ChangeKind, subject: impl Into<String>) -> Self {
        Self {
            kind,
            subject: subject.into(),
            details: Vec::new(),
        }
    }

    fn detail(mut self, detail: impl Into<String>) -> Self {
        self.details.push(detail.into());
        self
    }
}

/// A group of changes with a heading: one pipeline, the other resources, parameters, outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Heading, such as ``pipeline mock-pipeline (resource Pipeline)``.
    pub title: String,
    /// The changes, in template order.
    pub changes: Vec<Change>,
}

/// Every difference between two templates, grouped in sections; empty when they deploy the same
/// stack.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TemplateDiff {
    /// Sections that have at least one change.
    pub sections: Vec<Section>,
}

impl TemplateDiff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.changes.len()).sum()
    }

    /// Plain text for a terminal: a heading per section, one line per change (`+` added, `-`
    /// removed, `>` moved, `~` changed), details indented below.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return "No changes: the templates deploy the same stack.\n".to_owned();
        }
        let mut out = String::new();
        for section in &self.sections {
            let _ = writeln!(out, "{}:", section.title);
            for change in &section.changes {
                let _ = writeln!(
                    out,
                    "  {} {} {}",
                    change.kind.mark(),
                    change.subject,
                    change.kind.word()
                );
                for detail in &change.details {
                    let _ = writeln!(out, "      {detail}");
                }
            }
        }
        let _ = writeln!(out, "{}", self.summary());
        out
    }

    /// Markdown for a pull-request comment: a heading per section and a table of changes.
    pub fn to_markdown(&self) -> String {
        if self.is_empty() {
            return "**No changes**: the templates deploy the same stack.\n".to_owned();
        }
        let mut out = String::new();
        let _ = writeln!(out, "**{}**\n", self.summary());
        for section in &self.sections {
            let _ = writeln!(out, "#### {}\n", md_escape(&section.title));
            out.push_str("| change | what | details |\n|---|---|---|\n");
            for change in &section.changes {
                let details = change
                    .details
                    .iter()
                    .map(|d| md_escape(d))
                    .collect::<Vec<_>>()
                    .join("<br>");
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    change.kind.word(),
                    md_escape(&change.subject),
                    details
                );
            }
            out.push('\n');
        }
        out
    }

    /// `N changes: a added, b removed, ...`.
    pub fn summary(&self) -> String {
        let mut counts: BTreeMap<ChangeKind, usize> = BTreeMap::new();
        for change in self.sections.iter().flat_map(|s| &s.changes) {
            *counts.entry(change.kind).or_default() += 1;
        }
        let total = self.len();
        let parts: Vec<String> = counts
            .iter()
            .map(|(kind, n)| format!("{n} {}", kind.word()))
            .collect();
        format!(
            "{total} change{}: {}",
            if total == 1 { "" } else { "s" },
            parts.join(", ")
        )
    }
}

/// Escapes text for a Markdown table cell.
fn md_escape(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
        .replace('→', "&rarr;")
}

/// Compares two templates (JSON values); see the [module](self) documentation.
pub fn diff_templates(old: &Value, new: &Value) -> TemplateDiff {
    let empty = Map::new();
    let old_resources = old["Resources"].as_object().unwrap_or(&empty);
    let new_resources = new["Resources"].as_object().unwrap_or(&empty);
    let mut sections = Vec::new();
    let mut resources = Vec::new();

    for (id, new_res) in new_resources {
        let ty = type_of(new_res);
        match old_resources.get(id) {
            None => resources.push(Change::new(ChangeKind::Added, format!("{id} ({ty})"))),
            Some(old_res) if old_res == new_res => {}
            Some(old_res) if ty == PIPELINE_TYPE && type_of(old_res) == PIPELINE_TYPE => {
                let changes = pipeline_changes(old_res, new_res);
                if !changes.is_empty() {
                    let name = new_res["Properties"]["Name"]
                        .as_str()
                        .map(|n| format!("pipeline {n}"))
                        .unwrap_or_else(|| "pipeline".to_owned());
                    sections.push(Section {
                        title: format!("{name} (resource {id})"),
                        changes,
                    });
                }
            }
            Some(old_res) => {
                let old_ty = type_of(old_res);
                let mut change = Change::new(ChangeKind::Changed, format!("{id} ({ty})"));
                if old_ty != ty {
                    change = change.detail(format!("type {old_ty} → {ty}"));
                }
                change.details.extend(paths_changed(old_res, new_res));
                resources.push(change);
            }
        }
    }
    for (id, old_res) in old_resources {
        if !new_resources.contains_key(id) {
            resources.push(Change::new(
                ChangeKind::Removed,
                format!("{id} ({})", type_of(old_res)),
            ));
        }
    }
    if !resources.is_empty() {
        sections.push(Section {
            title: "other resources".to_owned(),
            changes: resources,
        });
    }
    for (key, what) in [("Parameters", "parameter"), ("Outputs", "output")] {
        let changes = keyed_changes(&old[key], &new[key], what);
        if !changes.is_empty() {
            sections.push(Section {
                title: format!("{what}s"),
                changes,
            });
        }
    }
    let mut template = Vec::new();
    for key in ["AWSTemplateFormatVersion", "Description", "Metadata"] {
        if old.get(key) != new.get(key) {
            template.push(
                Change::new(ChangeKind::Changed, key).detail(pair(old.get(key), new.get(key))),
            );
        }
    }
    if !template.is_empty() {
        sections.push(Section {
            title: "template".to_owned(),
            changes: template,
        });
    }
    TemplateDiff { sections }
}

fn type_of(resource: &Value) -> &str {
    resource["Type"].as_str().unwrap_or("unknown type")
}

/// A JSON value on one line, shortened; `(none)` for an absent one.
fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(none)".to_owned(),
        Some(v) => {
            let s = v.to_string();
            if s.chars().count() > VALUE_WIDTH {
                let cut: String = s.chars().take(VALUE_WIDTH - 1).collect();
                format!("{cut}…")
            } else {
                s
            }
        }
    }
}

/// `old → new` for a detail line; long strings that share a beginning show where they differ.
fn pair(old: Option<&Value>, new: Option<&Value>) -> String {
    if let (Some(Value::String(a)), Some(Value::String(b))) = (old, new) {
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        let long = a.chars().count().max(b.chars().count()) + 2 > VALUE_WIDTH;
        if long && common > 24 {
            let tail = |s: &str| {
                let rest: String = s.chars().skip(common - 12).collect();
                let quoted = Value::String(rest).to_string();
                let mut out = String::from("\"…");
                out.push_str(&quoted[1..]);
                if out.chars().count() > VALUE_WIDTH {
                    let cut: String = out.chars().take(VALUE_WIDTH - 1).collect();
                    return format!("{cut}…");
                }
                out
            };
            return format!("{} → {}", tail(a), tail(b));
        }
    }
    format!("{} → {}", show(old), show(new))
}

/// Parameters or outputs added, removed or changed.
fn keyed_changes(old: &Value, new: &Value, what: &str) -> Vec<Change> {
    let empty = Map::new();
    let old = old.as_object().unwrap_or(&empty);
    let new = new.as_object().unwrap_or(&empty);
    let mut out = Vec::new();
    for (key, value) in new {
        match old.get(key) {
            None => out.push(Change::new(ChangeKind::Added, format!("{what} {key}"))),
            Some(o) if o != value => {
                let mut change = Change::new(ChangeKind::Changed, format!("{what} {key}"));
                change.details = paths_changed(o, value);
                out.push(change);
            }
            Some(_) => {}
        }
    }
    for key in old.keys().filter(|k| !new.contains_key(*k)) {
        out.push(Change::new(ChangeKind::Removed, format!("{what} {key}")));
    }
    out
}

/// The paths (such as `Properties.Policies[0].PolicyDocument`) where two values differ, with the
/// old and new value when they are short; at most a dozen lines.
fn paths_changed(old: &Value, new: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(old, new, String::new(), &mut out);
    if out.len() > 12 {
        let more = out.len() - 11;
        out.truncate(11);
        out.push(format!("… and {more} more"));
    }
    out
}

fn walk(old: &Value, new: &Value, path: String, out: &mut Vec<String>) {
    if old == new {
        return;
    }
    let join = |key: &str| {
        if path.is_empty() {
            key.to_owned()
        } else {
            format!("{path}.{key}")
        }
    };
    match (old, new) {
        (Value::Object(o), Value::Object(n)) if !is_intrinsic(o) && !is_intrinsic(n) => {
            let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
            for key in keys {
                match (o.get(key), n.get(key)) {
                    (Some(a), Some(b)) => walk(a, b, join(key), out),
                    (a, b) => out.push(format!("{}: {}", join(key), pair(a, b))),
                }
            }
        }
        (Value::Array(o), Value::Array(n)) if o.len() == n.len() => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                walk(a, b, format!("{path}[{i}]"), out);
            }
        }
        _ => {
            let at = if path.is_empty() { "value" } else { &path };
            out.push(format!("{at}: {}", pair(Some(old), Some(new))));
        }
    }
}

/// `{"Ref": ..}`, `{"Fn::Sub": ..}` and the like: shown whole rather than walked into.
fn is_intrinsic(object: &Map<String, Value>) -> bool {
    object.len() == 1
        && object
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

/// A stage as the diff sees it.
struct StageView<'a> {
    name: &'a str,
    actions: Vec<&'a Value>,
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
fn pipeline_changes(old: &Value, new: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let old_stages = stages(old);
    let new_stages = stages(new);
    let old_names: Vec<&str> = old_stages.iter().map(|s| s.name).collect();
    let new_names: Vec<&str> = new_stages.iter().map(|s| s.name).collect();
    let common_old: Vec<&str> = old_names
        .iter()
        .copied()
        .filter(|n| new_names.contains(n))
        .collect();
    let common_new: Vec<&str> = new_names
        .iter()
        .copied()
        .filter(|n| old_names.contains(n))
        .collect();
    let in_place = unmoved(&common_old, &common_new);

    // Actions that left one stage and appear in another are moves, not a removal and an
    // addition.
    let mut removed: BTreeMap<&str, (&str, &Value)> = BTreeMap::new();
    let mut added: BTreeMap<&str, (&str, &Value)> = BTreeMap::new();
    for stage in &old_stages {
        let new_stage = new_stages.iter().find(|s| s.name == stage.name);
        for action in &stage.actions {
            let name = action_name(action);
            let still = new_stage.is_some_and(|s| s.actions.iter().any(|a| action_name(a) == name));
            if !still {
                removed.entry(name).or_insert((stage.name, action));
            }
        }
    }
    for stage in &new_stages {
        let old_stage = old_stages.iter().find(|s| s.name == stage.name);
        for action in &stage.actions {
            let name = action_name(action);
            let was = old_stage.is_some_and(|s| s.actions.iter().any(|a| action_name(a) == name));
            if !was {
                added.entry(name).or_insert((stage.name, action));
            }
        }
    }
    let moved: BTreeSet<&str> = removed
        .keys()
        .filter(|k| added.contains_key(*k))
        .copied()
        .collect();

    for (position, stage) in new_stages.iter().enumerate() {
        let Some(old_position) = old_names.iter().position(|n| *n == stage.name) else {
            let after = position
                .checked_sub(1)
                .map(|p| format!("after {}", new_names[p]))
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
            out.push(change);
            continue;
        };
        if !in_place.contains(stage.name) {
            out.push(
                Change::new(ChangeKind::Moved, format!("stage {}", stage.name)).detail(format!(
                    "position {} → {}",
                    old_position + 1,
                    position + 1
                )),
            );
        }
        let old_stage = &old_stages[old_position];
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
                None if moved.contains(name) => {
                    let (from, old_action) = removed[name];
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
            if !stage.actions.iter().any(|a| action_name(a) == name) && !moved.contains(name) {
                out.push(Change::new(
                    ChangeKind::Removed,
                    format!("action {}/{name}", stage.name),
                ));
            }
        }
    }
    for stage in &old_stages {
        if !new_names.contains(&stage.name) {
            let mut change = Change::new(ChangeKind::Removed, format!("stage {}", stage.name));
            for action in &stage.actions {
                let name = action_name(action);
                if !moved.contains(name) {
                    change = change.detail(format!("with action {name}"));
                }
            }
            out.push(change);
        }
    }

    // The value-stream annotations (process and wait times, %C&A) travel in the metadata.
    let annotations = |v: &Value| v.pointer("/Metadata/ValueStream").cloned();
    let (old_vs, new_vs) = (annotations(old), annotations(new));
    if old_vs != new_vs {
        let mut change = Change::new(ChangeKind::Changed, "value-stream annotations");
        change.details = match (&old_vs, &new_vs) {
            (Some(a), Some(b)) => paths_changed(a, b),
            (a, b) => vec![pair(a.as_ref(), b.as_ref())],
        };
        out.push(change);
    }

    // Everything else about the pipeline: settings (type, execution mode, triggers, variables,
    // role, artifact store, tags) and other metadata.
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
    if old_rest != new_rest {
        let mut change = Change::new(ChangeKind::Changed, "pipeline settings");
        change.details = paths_changed(&old_rest, &new_rest);
        out.push(change);
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn action(name: &str, run_order: u64) -> Value {
        json!({"Name": name, "RunOrder": run_order,
            "ActionTypeId": {"Category": "Invoke", "Owner": "AWS", "Provider": "Lambda", "Version": "1"},
            "Configuration": {"FunctionName": {"Ref": "Mock"}}})
    }

    fn template(stages: Value) -> Value {
        json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Description": "d",
            "Parameters": {"ConnectionArn": {"Type": "String"}},
            "Resources": {
                "Pipeline": {"Type": PIPELINE_TYPE, "Properties": {"Name": "p", "Stages": stages}},
                "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": "Enabled"}}}
            },
            "Outputs": {"PipelineName": {"Value": {"Ref": "Pipeline"}}}
        })
    }

    fn base() -> Value {
        template(json!([
            {"Name": "Source", "Actions": [action("App", 1)]},
            {"Name": "Build", "Actions": [action("Compile", 1), action("Image", 2)]},
            {"Name": "Test", "Actions": [action("Unit", 1), action("Lint", 1)]},
            {"Name": "Deploy", "Actions": [action("Prod", 1)]}
        ]))
    }

    fn changes(diff: &TemplateDiff) -> Vec<(ChangeKind, String)> {
        diff.sections
            .iter()
            .flat_map(|s| &s.changes)
            .map(|c| (c.kind, c.subject.clone()))
            .collect()
    }

    #[test]
    fn equal_templates_have_no_changes() {
        let diff = diff_templates(&base(), &base());
        assert!(diff.is_empty());
        assert_eq!(diff.len(), 0);
        assert!(diff.to_text().starts_with("No changes"));
        assert!(diff.to_markdown().contains("No changes"));
    }

    #[test]
    fn stages_added_removed_and_moved() {
        let new = template(json!([
            {"Name": "Source", "Actions": [action("App", 1)]},
            {"Name": "Test", "Actions": [action("Unit", 1), action("Lint", 1)]},
            {"Name": "Build", "Actions": [action("Compile", 1), action("Image", 2)]},
            {"Name": "Security", "Actions": [action("Scan", 1)]}
        ]));
        let diff = diff_templates(&base(), &new);
        let got = changes(&diff);
        // Test and Build swapped: the longest unchanged order keeps one of them in place.
        assert_eq!(
            got.iter().filter(|(k, _)| *k == ChangeKind::Moved).count(),
            1
        );
        assert!(got.contains(&(ChangeKind::Added, "stage Security".into())));
        assert!(got.contains(&(ChangeKind::Removed, "stage Deploy".into())));
        let added = &diff.sections[0]
            .changes
            .iter()
            .find(|c| c.subject == "stage Security")
            .unwrap()
            .details;
        assert_eq!(
            added,
            &["position 4 (after Build)", "with action Scan (run order 1)"]
        );
        assert_eq!(diff.sections[0].title, "pipeline p (resource Pipeline)");
    }

    #[test]
    fn actions_added_removed_moved_and_changed() {
        let mut prod = action("Prod", 1);
        prod["Configuration"]["FunctionName"] = json!({"Ref": "Other"});
        prod["InputArtifacts"] = json!([{"Name": "Src"}]);
        let new = template(json!([
            {"Name": "Source", "Actions": [action("App", 1)]},
            {"Name": "Build", "Actions": [action("Compile", 1)]},
            {"Name": "Test", "Actions": [action("Unit", 1), action("Lint", 2), action("Image", 3), action("Fuzz", 1)]},
            {"Name": "Deploy", "Actions": [prod]}
        ]));
        let diff = diff_templates(&base(), &new);
        let text = diff.to_text();
        assert!(
            text.contains(
                "> action Test/Image moved\n      from stage Build\n      run order 2 → 3"
            ),
            "{text}"
        );
        assert!(text.contains("~ action Test/Lint changed\n      run order 1 → 2"));
        assert!(text.contains("+ action Test/Fuzz added"));
        assert!(text.contains(
            "~ action Deploy/Prod changed\n      inputs (none) → Src\n      configuration FunctionName: {\"Ref\":\"Mock\"} → {\"Ref\":\"Other\"}"
        ), "{text}");
        assert!(!text.contains("- action Build/Image"));
        assert!(
            text.ends_with("4 changes: 1 added, 1 moved, 2 changed\n"),
            "{text}"
        );
    }

    #[test]
    fn other_resources_parameters_and_outputs() {
        let mut new = base();
        new["Resources"]["Bucket"]["Properties"]["VersioningConfiguration"]["Status"] =
            json!("Suspended");
        new["Resources"]["Project"] = json!({"Type": "AWS::CodeBuild::Project", "Properties": {}});
        new["Parameters"] = json!({"DeployRoleArn": {"Type": "String"}});
        new["Outputs"]["PipelineName"]["Description"] = json!("name");
        let diff = diff_templates(&base(), &new);
        let got = changes(&diff);
        assert_eq!(
            got,
            [
                (ChangeKind::Changed, "Bucket (AWS::S3::Bucket)".into()),
                (
                    ChangeKind::Added,
                    "Project (AWS::CodeBuild::Project)".into()
                ),
                (ChangeKind::Added, "parameter DeployRoleArn".into()),
                (ChangeKind::Removed, "parameter ConnectionArn".into()),
                (ChangeKind::Changed, "output PipelineName".into()),
            ]
        );
        assert_eq!(
            diff.sections[0].changes[0].details,
            ["Properties.VersioningConfiguration.Status: \"Enabled\" → \"Suspended\""]
        );
        let md = diff.to_markdown();
        assert!(
            md.starts_with("**5 changes: 2 added, 1 removed, 2 changed**"),
            "{md}"
        );
        assert!(md.contains("| changed | Bucket (AWS::S3::Bucket) | Properties.VersioningConfiguration.Status: \"Enabled\" &rarr; \"Suspended\" |"), "{md}");
    }

    #[test]
    fn pipeline_settings_and_annotations() {
        let mut new = base();
        new["Resources"]["Pipeline"]["Properties"]["ExecutionMode"] = json!("QUEUED");
        new["Resources"]["Pipeline"]["Metadata"] = json!({"ValueStream": {"x": 1}});
        let diff = diff_templates(&base(), &new);
        let annotations = &diff.sections[0].changes[0];
        assert_eq!(annotations.subject, "value-stream annotations");
        assert_eq!(annotations.details, ["(none) → {\"x\":1}"]);
        let settings = &diff.sections[0].changes[1];
        assert_eq!(settings.subject, "pipeline settings");
        assert_eq!(
            settings.details,
            ["Properties.ExecutionMode: (none) → \"QUEUED\""]
        );
    }

    #[test]
    fn long_values_are_shortened_and_many_paths_summarised() {
        let old = json!({"Resources": {"R": {"Type": "T", "Properties": {"A": "x".repeat(200)}}}});
        let new = json!({"Resources": {"R": {"Type": "T", "Properties": {"A": "y".repeat(200)}}}});
        let diff = diff_templates(&old, &new);
        let detail = &diff.sections[0].changes[0].details[0];
        assert!(detail.chars().count() < 180 && detail.contains('…'));

        let a = format!("{} (generated by vsm)", "x".repeat(100));
        let b = format!("{a} (old)");
        let before = json!({"Resources": {}, "Description": a});
        let after = json!({"Resources": {}, "Description": b});
        let described = diff_templates(&before, &after);
        assert_eq!(
            described.sections[0].changes[0].details,
            ["\"…ated by vsm)\" → \"…ated by vsm) (old)\""]
        );

        let props: Map<String, Value> = (0..20).map(|i| (format!("K{i:02}"), json!(i))).collect();
        let new = json!({"Resources": {"R": {"Type": "T", "Properties": props}}});
        let diff = diff_templates(&old, &new);
        let details = &diff.sections[0].changes[0].details;
        assert_eq!(details.len(), 12);
        assert_eq!(details[11], "… and 10 more");
    }
}
