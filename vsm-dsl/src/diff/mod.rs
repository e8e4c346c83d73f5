//! A semantic diff of two CloudFormation templates, read as pipelines.
//!
//! For every `AWS::CodePipeline::Pipeline` the two templates share (by logical id), the diff
//! lists the stages and actions added, removed and moved, run-order changes, action type,
//! artifact and configuration changes, and pipeline settings; for every other resource, whether
//! it was added, removed or changed (and which properties); then the other
//! template sections (parameters, mappings, conditions, rules, outputs, description, transform).
//! It reads any template (see [`crate::cfn`]: JSON or YAML, short-form tags included), so the
//! old template may come from anywhere (the base branch, `aws cloudformation get-template`),
//! not only from vsm.
//!
//! ```
//! use vsm_dsl::cfn::Template;
//! use vsm_dsl::diff::{diff_templates, ChangeKind};
//!
//! let old: Template = r#"{"Resources": {"Pipe": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
//!     "Stages": [{"Name": "Source", "Actions": [{"Name": "App", "RunOrder": 1}]},
//!                {"Name": "Test", "Actions": [{"Name": "Unit", "RunOrder": 1}]}]}}}}"#
//!     .parse()
//!     .unwrap();
//! let new: Template = "
//! Resources:
//!   Pipe:
//!     Type: AWS::CodePipeline::Pipeline
//!     Properties:
//!       Stages:
//!         - {Name: Source, Actions: [{Name: App, RunOrder: 1}]}
//!         - {Name: Test, Actions: [{Name: Unit, RunOrder: 2}]}
//! "
//! .parse()
//! .unwrap();
//!
//! let diff = diff_templates(&old, &new);
//! assert_eq!(diff.len(), 1);
//! let change = &diff.sections[0].changes[0];
//! assert_eq!(change.kind, ChangeKind::Changed);
//! assert_eq!(change.subject, "action Test/Unit");
//! assert_eq!(change.details, ["run order 1 → 2"]);
//! ```

mod pipeline;
mod values;

use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::cfn::Template;
use pipeline::pipeline_changes;
use values::{pair, paths_changed};

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

/// Compares two templates; see the [module](self) documentation.
pub fn diff_templates(old: &Template, new: &Template) -> TemplateDiff {
    diff_values(&old.to_value(), &new.to_value())
}

/// Compares two templates given as JSON values (any template: unknown sections and resource
/// types are compared as values).
pub fn diff_values(old: &Value, new: &Value) -> TemplateDiff {
    let mut sections = resource_sections(old, new);
    for (key, what) in [
        ("Parameters", "parameter"),
        ("Mappings", "mapping"),
        ("Conditions", "condition"),
        ("Rules", "rule"),
        ("Outputs", "output"),
    ] {
        let changes = keyed_changes(&old[key], &new[key], what);
        if !changes.is_empty() {
            sections.push(Section {
                title: format!("{what}s"),
                changes,
            });
        }
    }
    sections.extend(template_section(old, new));
    TemplateDiff { sections }
}

/// One section per changed pipeline, then one for the other resources.
fn resource_sections(old: &Value, new: &Value) -> Vec<Section> {
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
                sections.extend(pipeline_section(id, old_res, new_res));
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
    sections
}

/// The changes of a pipeline both templates hold, titled by its name.
fn pipeline_section(id: &str, old: &Value, new: &Value) -> Option<Section> {
    let changes = pipeline_changes(old, new);
    if changes.is_empty() {
        return None;
    }
    let name = new["Properties"]["Name"]
        .as_str()
        .map(|n| format!("pipeline {n}"))
        .unwrap_or_else(|| "pipeline".to_owned());
    Some(Section {
        title: format!("{name} (resource {id})"),
        changes,
    })
}

/// The sections of the template besides resources, parameters, mappings, conditions, rules and
/// outputs: version, description, metadata, transform and any other.
fn template_section(old: &Value, new: &Value) -> Option<Section> {
    const DETAILED: [&str; 6] = [
        "Resources",
        "Parameters",
        "Mappings",
        "Conditions",
        "Rules",
        "Outputs",
    ];
    let mut keys: Vec<&str> = vec![
        "AWSTemplateFormatVersion",
        "Description",
        "Metadata",
        "Transform",
    ];
    let others: BTreeSet<&str> = [old, new]
        .iter()
        .filter_map(|v| v.as_object())
        .flat_map(|o| o.keys().map(String::as_str))
        .filter(|k| !DETAILED.contains(k) && !keys.contains(k))
        .collect();
    keys.extend(others);
    let changes: Vec<Change> = keys
        .into_iter()
        .filter(|key| old.get(key) != new.get(key))
        .map(|key| Change::new(ChangeKind::Changed, key).detail(pair(old.get(key), new.get(key))))
        .collect();
    (!changes.is_empty()).then(|| Section {
        title: "template".to_owned(),
        changes,
    })
}

fn type_of(resource: &Value) -> &str {
    match resource["Type"].as_str() {
        Some(t) => t,
        None if resource.is_array() => "Fn::ForEach loop",
        None => "unknown type",
    }
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

    /// The diff of two templates given as JSON, read as templates first.
    fn diff(old: &Value, new: &Value) -> TemplateDiff {
        let read = |v: &Value| serde_json::from_value::<Template>(v.clone()).unwrap();
        diff_templates(&read(old), &read(new))
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
        let d = diff(&base(), &base());
        assert!(d.is_empty());
        assert_eq!(d.len(), 0);
        assert!(d.to_text().starts_with("No changes"));
        assert!(d.to_markdown().contains("No changes"));
    }

    #[test]
    fn stage_conditions_show_as_stage_changes() {
        let gated = |result: &str| {
            template(json!([
                {"Name": "Source", "Actions": [action("App", 1)]},
                {"Name": "Build", "Actions": [action("Compile", 1), action("Image", 2)]},
                {"Name": "Test", "Actions": [action("Unit", 1), action("Lint", 1)]},
                {"Name": "Deploy", "Actions": [action("Prod", 1)],
                 "OnFailure": {"Result": result}}
            ]))
        };
        let d = diff(&base(), &gated("ROLLBACK"));
        assert_eq!(changes(&d), [(ChangeKind::Changed, "stage Deploy".into())]);
        assert_eq!(
            d.sections[0].changes[0].details,
            ["OnFailure: (none) → {\"Result\":\"ROLLBACK\"}"]
        );
        let d = diff(&gated("ROLLBACK"), &gated("RETRY"));
        assert_eq!(
            d.sections[0].changes[0].details,
            ["OnFailure.Result: \"ROLLBACK\" → \"RETRY\""]
        );
    }

    #[test]
    fn stages_and_actions_under_conditions_show_when() {
        let old = base();
        let mut new = base();
        let stages = new["Resources"]["Pipeline"]["Properties"]["Stages"]
            .as_array_mut()
            .unwrap();
        let build = stages[1].clone();
        stages[1] = json!({"Fn::If": ["IsProd", build, {"Ref": "AWS::NoValue"}]});
        let source = stages[0]["Actions"][0].clone();
        let mut other = source.clone();
        other["ActionTypeId"]["Provider"] = json!("S3");
        stages[0]["Actions"][0] = json!({"Fn::If": ["UseGit", source, other]});
        let d = diff(&old, &new);
        let text = d.to_text();
        assert!(
            changes(&d).contains(&(ChangeKind::Added, "stage Build (when IsProd)".into())),
            "{text}"
        );
        assert!(
            changes(&d).contains(&(
                ChangeKind::Added,
                "action Source/App (unless UseGit)".into()
            )),
            "{text}"
        );
    }

    #[test]
    fn alternative_stages_of_one_name_are_told_apart() {
        let stages = |namespace: &str| {
            let mut other = json!({"Name": "Deploy", "Actions": [action("Ship", 1)]});
            other["Actions"][0]["Namespace"] = json!(namespace);
            json!([
                {"Name": "Source", "Actions": [action("App", 1)]},
                {"Fn::If": ["UseA", {"Name": "Deploy", "Actions": [action("Ship", 1)]}, other]}
            ])
        };
        let d = diff(&template(stages("Old")), &template(stages("New")));
        let text = d.to_text();
        assert_eq!(
            changes(&d),
            vec![(
                ChangeKind::Changed,
                "action Deploy (unless UseA)/Ship".into()
            )],
            "{text}"
        );
    }

    #[test]
    fn stages_added_removed_and_moved() {
        let new = template(json!([
            {"Name": "Source", "Actions": [action("App", 1)]},
            {"Name": "Test", "Actions": [action("Unit", 1), action("Lint", 1)]},
            {"Name": "Build", "Actions": [action("Compile", 1), action("Image", 2)]},
            {"Name": "Security", "Actions": [action("Scan", 1)]}
        ]));
        let d = diff(&base(), &new);
        let got = changes(&d);
        // Test and Build swapped: the longest unchanged order keeps one of them in place.
        assert_eq!(
            got.iter().filter(|(k, _)| *k == ChangeKind::Moved).count(),
            1
        );
        assert!(got.contains(&(ChangeKind::Added, "stage Security".into())));
        assert!(got.contains(&(ChangeKind::Removed, "stage Deploy".into())));
        let added = &d.sections[0]
            .changes
            .iter()
            .find(|c| c.subject == "stage Security")
            .unwrap()
            .details;
        assert_eq!(
            added,
            &["position 4 (after Build)", "with action Scan (run order 1)"]
        );
        assert_eq!(d.sections[0].title, "pipeline p (resource Pipeline)");
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
        let d = diff(&base(), &new);
        let text = d.to_text();
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
        let d = diff(&base(), &new);
        let got = changes(&d);
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
            d.sections[0].changes[0].details,
            ["Properties.VersioningConfiguration.Status: \"Enabled\" → \"Suspended\""]
        );
        let md = d.to_markdown();
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
        let d = diff(&base(), &new);
        let annotations = &d.sections[0].changes[0];
        assert_eq!(annotations.subject, "value-stream annotations");
        assert_eq!(annotations.details, ["(none) → {\"x\":1}"]);
        let settings = &d.sections[0].changes[1];
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
        let d = diff(&old, &new);
        let detail = &d.sections[0].changes[0].details[0];
        assert!(detail.chars().count() < 180 && detail.contains('…'));

        let a = format!("{} (generated by vsm)", "x".repeat(100));
        let b = format!("{a} (old)");
        let before = json!({"Resources": {}, "Description": a});
        let after = json!({"Resources": {}, "Description": b});
        let described = diff(&before, &after);
        assert_eq!(
            described.sections[0].changes[0].details,
            ["\"…ated by vsm)\" → \"…ated by vsm) (old)\""]
        );

        let props: Map<String, Value> = (0..20).map(|i| (format!("K{i:02}"), json!(i))).collect();
        let new = json!({"Resources": {"R": {"Type": "T", "Properties": props}}});
        let d = diff(&old, &new);
        let details = &d.sections[0].changes[0].details;
        assert_eq!(details.len(), 12);
        assert_eq!(details[11], "… and 10 more");
    }

    #[test]
    fn yaml_and_json_of_one_template_do_not_differ() {
        let yaml = "
AWSTemplateFormatVersion: 2010-09-09
Description: d
Parameters:
  ConnectionArn: {Type: String}
Resources:
  Pipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: p
      Stages:
        - Name: Source
          Actions:
            - Name: App
              RunOrder: 1
              ActionTypeId: {Category: Invoke, Owner: AWS, Provider: Lambda, Version: '1'}
              Configuration: {FunctionName: !Ref Mock}
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {VersioningConfiguration: {Status: Enabled}}
Outputs:
  PipelineName: {Value: !Ref Pipeline}
";
        let old = template(json!([{"Name": "Source", "Actions": [action("App", 1)]}]));
        let old = serde_json::from_value::<Template>(old).unwrap();
        let new: Template = yaml.parse().unwrap();
        assert!(diff_templates(&old, &new).is_empty());
    }

    #[test]
    fn conditions_mappings_rules_and_template_sections() {
        let mut new = base();
        new["Conditions"] = json!({"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}});
        new["Mappings"] = json!({"M": {"a": {"b": 1}}});
        new["Transform"] = json!("AWS::LanguageExtensions");
        new["Hooks"] = json!({"H": {"Type": "AWS::CodeDeploy::BlueGreen"}});
        let mut old = base();
        old["Mappings"] = json!({"M": {"a": {"b": 2}}});
        let got = changes(&diff(&old, &new));
        assert_eq!(
            got,
            [
                (ChangeKind::Changed, "mapping M".into()),
                (ChangeKind::Added, "condition IsProd".into()),
                (ChangeKind::Changed, "Transform".into()),
                (ChangeKind::Changed, "Hooks".into()),
            ]
        );
    }
}
