//! `codepipeline_invoke`: starts another pipeline, passing it source revisions and variables
//! (V2 only).

use std::collections::BTreeMap;

use crate::catalogue::RuleId;
use crate::cfn::Expr;
use crate::diagnostic::{quote, Field, Violation};
use crate::kit::arn::{self, Part};
use crate::kit::shape::{Chars, NAME_CHARS};
use crate::kit::{choice, json_objects, kind, name_problem, optional, record, required};
use crate::kit::{ActionEmit, Artifacts, At, ConfigCx, Entry, Kind, Shape};
use crate::model::props::PropValue;
use crate::model::Text;
use crate::model::{ActionType, Category, Stream};

choice! {
    /// What a source revision names, by the kind of source action it overrides.
    pub enum RevisionType {
        /// A commit (CodeCommit and connection sources).
        #[default]
        CommitId = "COMMIT_ID",
        /// An image digest (ECR sources).
        ImageDigest = "IMAGE_DIGEST",
        /// A version of the S3 object (S3 sources).
        S3ObjectVersionId = "S3_OBJECT_VERSION_ID",
        /// Another key of the S3 object (S3 sources).
        S3ObjectKey = "S3_OBJECT_KEY",
    }
}

record! {
    /// The revision a source action of the invoked pipeline runs on.
    pub struct SourceRevision {
        /// The source action's name in the invoked pipeline.
        action: String,
        /// What `value` is.
        revision_type: RevisionType,
        /// The commit, digest, version id or key.
        value: Text,
    }
}

kind! {
    /// Starts another pipeline, which must already exist, with the given source revisions and
    /// pipeline variables; the action succeeds once the execution has started. V2 pipelines
    /// only.
    #[kind(codepipeline_invoke, step)]
    pub struct CodePipelineInvoke {
        required {
            /// The name of the pipeline to start.
            pipeline: Text,
        }
        optional {
            /// Source actions of that pipeline and the revisions they run on.
            source_revisions: Vec<SourceRevision>,
            /// Values of that pipeline's variables, by name.
            variables: BTreeMap<String, Text>,
        }
    }
}

crate::catalogue::rules! {
    RULES:
    CP_CONF_35 = compile("CP-CONF-35", "CodePipeline invoke: a pipeline name; at most 50 source revisions of named actions with values of 1–1500 characters; at most 50 variables with names of 1–128 of [A-Za-z0-9@_-] and values of 1–1000 characters");
}

/// The invoked pipeline's name (CP-CONF-35), as CP-NAME-1 has it.
const PIPELINE: Shape = Shape {
    rule: CP_CONF_35,
    what: "pipeline name",
    min: 1,
    max: 100,
    chars: Some(NAME_CHARS),
    form: None,
};

/// A pipeline variable's name (CP-CONF-35, as CP-NAME-6 has it).
const VARIABLE_CHARS: Chars = Chars {
    allowed: |c| c.is_ascii_alphanumeric() || "@_-".contains(c),
    class: "A-Za-z0-9@_-",
    words: "letters, digits, '@', '_' and '-'",
};

/// Most source revisions and variables StartPipelineExecution takes.
const MOST: usize = 50;

impl Kind for CodePipelineInvoke {
    const TYPES: &'static [ActionType<'static>] =
        &[ActionType::aws(Category::Invoke, "CodePipeline")];
    const ARTIFACTS: Option<Artifacts> = Some(Artifacts {
        row: "CP-TYPE-M-32",
        inputs: (0, 0),
        outputs: (0, 0),
    });
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] = &[
        required("PipelineName"),
        optional("SourceRevisions"),
        optional("Variables"),
    ];
    const V2_ONLY: bool = true;

    const RULES: &'static [RuleId] = RULES;
    const SHAPES: &'static [(&'static str, Shape)] = &[("pipeline", PIPELINE)];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("PipelineName", "pipeline", &self.pipeline)];
        if !self.source_revisions.is_empty() {
            let actions: Vec<Text> = self
                .source_revisions
                .iter()
                .map(|r| r.action.as_str().into())
                .collect();
            let types: Vec<Text> = self
                .source_revisions
                .iter()
                .map(|r| r.revision_type.as_str().into())
                .collect();
            let objects: Vec<Vec<(&str, &Text)>> = self
                .source_revisions
                .iter()
                .zip(actions.iter().zip(&types))
                .map(|(r, (action, kind))| {
                    vec![
                        ("actionName", action),
                        ("revisionType", kind),
                        ("revisionValue", &r.value),
                    ]
                })
                .collect();
            out.push(Entry::expr(
                "SourceRevisions",
                "source_revisions",
                json_objects(&objects),
            ));
        }
        if !self.variables.is_empty() {
            let names: Vec<Text> = self.variables.keys().map(|k| k.as_str().into()).collect();
            let objects: Vec<Vec<(&str, &Text)>> = names
                .iter()
                .zip(self.variables.values())
                .map(|(name, value)| vec![("name", name), ("value", value)])
                .collect();
            out.push(Entry::expr(
                "Variables",
                "variables",
                json_objects(&objects),
            ));
        }
        out
    }

    fn read_config(key: &str, text: &str) -> Option<Vec<(String, PropValue)>> {
        match key {
            "SourceRevisions" => {
                let list = read_objects(text, &["actionName", "revisionType", "revisionValue"])?;
                let revisions = list
                    .into_iter()
                    .map(|fields| {
                        let [action, kind, value] = <[String; 3]>::try_from(fields).ok()?;
                        let kind = RevisionType::CHOICE
                            .options
                            .iter()
                            .find(|(word, _)| *word == kind)?
                            .0;
                        Some(PropValue::Map(vec![
                            ("action".to_owned(), PropValue::Text(action)),
                            ("revision_type".to_owned(), PropValue::Word(kind)),
                            ("value".to_owned(), PropValue::Text(value)),
                        ]))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(vec![(
                    "source_revisions".to_owned(),
                    PropValue::List(revisions),
                )])
            }
            "Variables" => {
                let list = read_objects(text, &["name", "value"])?;
                let mut map: Vec<(String, PropValue)> = Vec::new();
                for fields in list {
                    let [name, value] = <[String; 2]>::try_from(fields).ok()?;
                    if map.iter().any(|(n, _)| *n == name) {
                        return None;
                    }
                    map.push((name, PropValue::Text(value)));
                }
                map.sort_by(|a, b| a.0.cmp(&b.0));
                Some(vec![("variables".to_owned(), PropValue::Map(map))])
            }
            _ => None,
        }
    }

    fn check(&self, at: &At<'_>, _stream: &Stream, out: &mut Vec<Violation>) {
        let mut report = |prop: &'static str, message: String, hint: &str| {
            out.push(Violation::error(
                CP_CONF_35,
                at.loc(Field::Prop(prop)),
                message,
                hint,
            ));
        };
        if let Some(problem) = self.pipeline.as_str().and_then(|p| PIPELINE.problem(p)) {
            report(
                "pipeline",
                format!(
                    "pipeline name {} {problem}",
                    quote(self.pipeline.as_str().unwrap_or_default())
                ),
                &PIPELINE.hint(),
            );
        }
        for (prop, count) in [
            ("source_revisions", self.source_revisions.len()),
            ("variables", self.variables.len()),
        ] {
            if count > MOST {
                report(
                    prop,
                    format!("{count} {prop} are more than the {MOST} a pipeline start takes"),
                    "pass at most 50",
                );
            }
        }
        for r in &self.source_revisions {
            if let Some(problem) =
                name_problem(&r.action, 100, NAME_CHARS.allowed, NAME_CHARS.words)
            {
                report(
                    "source_revisions",
                    format!("source action name {} {problem}", quote(&r.action)),
                    "name a source action of the invoked pipeline",
                );
            }
            if let Some(len) = r.value.as_str().map(|v| v.chars().count()) {
                if !(1..=1500).contains(&len) {
                    report(
                        "source_revisions",
                        format!(
                            "the revision of source action {} is {len} characters long, not 1–1500",
                            quote(&r.action)
                        ),
                        "give the commit, image digest, object version or key",
                    );
                }
            }
        }
        for (name, value) in &self.variables {
            let words = VARIABLE_CHARS.words;
            if let Some(problem) = name_problem(name, 128, VARIABLE_CHARS.allowed, words) {
                report(
                    "variables",
                    format!("variable name {} {problem}", quote(name)),
                    "name a variable of the invoked pipeline",
                );
            }
            if let Some(len) = value.as_str().map(|v| v.chars().count()) {
                if !(1..=1000).contains(&len) {
                    report(
                        "variables",
                        format!(
                            "the value of variable {} is {len} characters long, not 1–1000",
                            quote(name)
                        ),
                        "give a value of 1 to 1000 characters",
                    );
                }
            }
        }
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        cx.grants().allow(
            "StartPipelines",
            &["codepipeline:StartPipelineExecution"],
            arn::regional_of("codepipeline", &[Part::Val(&self.pipeline)]),
        );
    }
}

/// A JSON list of objects with exactly these text fields, each object's values in the
/// fields' order; `None` for anything else.
fn read_objects(text: &str, fields: &[&str]) -> Option<Vec<Vec<String>>> {
    let list: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(text).ok()?;
    list.into_iter()
        .map(|item| {
            if item.len() != fields.len() {
                return None;
            }
            fields
                .iter()
                .map(|f| item.get(*f)?.as_str().map(str::to_owned))
                .collect()
        })
        .collect()
}
