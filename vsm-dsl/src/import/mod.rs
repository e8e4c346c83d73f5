//! A pipeline read back as a stream: from an `AWS::CodePipeline::Pipeline` resource of any
//! template ([`pipeline`]), from a whole template ([`template`]) or from a mu.yml ([`mu`]).
//!
//! Each action's `ActionTypeId` finds its kind in the registry ([`crate::kinds::KINDS`]); the
//! configuration keys become the kind's properties, read back through the kind's own
//! configuration (so no kind is restated here) and kept only when the kind writes the same
//! configuration again. An action no kind can express becomes `custom`.
//!
//! A value computed by an intrinsic function (`!Ref Branch`, `!Sub`, `!If`, `!ImportValue`,
//! `!FindInMap`) is kept as that expression, and the template parameters, conditions and
//! mappings it uses become the stream's own declarations; a reference to another resource
//! of the template becomes a stream parameter (the stream's template does not create that
//! resource). Where the model holds only literal text (a computed stage or action name, an
//! expression beside text in one value) the stream holds a placeholder (`<!Ref StageName>`)
//! and [`Import::unknown`] lists where, so the rules stay silent about it. Annotations come
//! from the `Metadata.ValueStream` vsm writes; elsewhere they are left unset and listed in
//! the notes for the user to fill. What vsm generates itself (artifact bucket and key, roles,
//! CodeBuild projects, the mock function, connection parameters) is said in [`Import::notes`].
//!
//! ```
//! use vsm_dsl::cfn::Document;
//! use vsm_dsl::import;
//!
//! let doc = Document::parse("
//! Parameters:
//!   Branch: {Type: String, Default: main}
//! Resources:
//!   Pipe:
//!     Type: AWS::CodePipeline::Pipeline
//!     Properties:
//!       Name: app
//!       PipelineType: V2
//!       RoleArn: !GetAtt Role.Arn
//!       ArtifactStore: {Type: S3, Location: !Ref Bucket}
//!       Stages:
//!         - Name: Source
//!           Actions:
//!             - Name: App
//!               ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}
//!               Configuration: {RepositoryName: app, BranchName: !Ref Branch}
//!               OutputArtifacts: [{Name: Src}]
//!         - Name: Approve
//!           Actions:
//!             - Name: Ok
//!               ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}
//! ").unwrap();
//! let import = import::template(&doc.template, None).unwrap();
//! assert_eq!(import.stream.stages[1].actions[0].kind.keyword(), "approval");
//! assert_eq!(import.stream.stages[0].actions[0].kind.keyword(), "codecommit");
//! // The branch stays an expression, and its parameter is the stream's.
//! assert!(import.unknown.is_empty());
//! assert_eq!(import.stream.settings.parameters[0].name, "Branch");
//! assert_eq!(import.stream.settings.parameters[0].default.as_deref(), Some("main"));
//! ```

mod action;
mod annotations;
mod choices;
mod conditions;
mod declarations;
mod decode;
pub mod mu;
pub mod rust;
mod settings;
mod unknown;
mod value;

#[cfg(feature = "lint")]
pub(crate) use decode::prop_key;
#[cfg(feature = "lint")]
pub(crate) use unknown::undecidable;
pub use unknown::{Unknown, UnknownField};

use std::fmt;

use crate::cfn::{Expr, Resource, Template};
use crate::diagnostic::{Field, Location, Violation};
use crate::model::{Stage, Stream};
use value::{Place, Reader};

/// The CloudFormation type of a pipeline.
pub const PIPELINE_TYPE: &str = "AWS::CodePipeline::Pipeline";

/// A pipeline read back as a stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The stream, with placeholders where values are unknown.
    pub stream: Stream,
    /// What was replaced, dropped or left to fill, in pipeline order.
    pub notes: Vec<Note>,
    /// Where the stream holds a placeholder for a value computed at deployment.
    pub unknown: Vec<Unknown>,
    /// Problems the model cannot hold (an unknown action category), as rule violations.
    pub problems: Vec<Violation>,
    /// References to resources of the template that the stream's template does not create,
    /// each replaced by a stream parameter: `(parameter, the reference as written)`.
    pub stand_ins: Vec<(String, Expr)>,
    /// Template paths of the stages and actions, by index, relative to the resource's
    /// `Properties` (`Stages/2`, `Stages/2/Actions/0`, or deeper inside an `Fn::If`).
    pub paths: Paths,
}

/// Where each stage and action of the stream was written in the pipeline resource.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    /// Per stage: its path, then the path of each of its actions.
    pub stages: Vec<(String, Vec<String>)>,
}

/// Something the import replaced, dropped or could not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where, in the stream's terms.
    pub location: Location,
    /// What happened, and what to do about it.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Why a pipeline could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError(pub String);

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImportError {}

impl Import {
    /// True when the stream re-emits the pipeline's stages, actions, run orders, artifacts,
    /// configuration and settings unchanged: nothing unknown, nothing replaced in the
    /// pipeline resource itself.
    pub fn is_exact(&self) -> bool {
        self.unknown.is_empty()
            && self.problems.is_empty()
            && self
                .notes
                .iter()
                .all(|n| !n.message.starts_with(value::INEXACT))
    }

    /// The notes as text, one a line.
    pub fn notes_text(&self) -> String {
        self.notes.iter().map(|n| format!("{n}\n")).collect()
    }

    /// One line per unknown value: where it is and how it is written.
    pub fn unknown_lines(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for u in &self.unknown {
            let stage = u.stage.and_then(|s| self.stream.stages.get(s));
            let action = stage.zip(u.action).and_then(|(s, a)| s.actions.get(a));
            let place = match (stage, action) {
                (Some(s), Some(a)) => format!("stage {:?} / action {:?}", s.name, a.name),
                (Some(s), None) => format!("stage {:?}", s.name),
                _ => "pipeline".to_owned(),
            };
            let line = format!(
                "{place}: <{}> is computed when the stack deploys: fill it in",
                u.written
            );
            if !out.contains(&line) {
                out.push(line);
            }
        }
        out
    }
}

/// The pipeline of a template: the one with logical id `resource`, or the only one.
pub fn template(template: &Template, resource: Option<&str>) -> Result<Import, ImportError> {
    let pipelines: Vec<(&String, &Resource)> = template
        .resources
        .iter()
        .filter(|(_, r)| r.type_name() == PIPELINE_TYPE)
        .collect();
    let (id, found) = match (resource, pipelines.as_slice()) {
        (Some(want), _) => pipelines
            .iter()
            .find(|(id, _)| id.as_str() == want)
            .copied()
            .ok_or_else(|| {
                ImportError(format!(
                    "no pipeline {want:?} in the template; its pipelines: {}",
                    names(&pipelines)
                ))
            })?,
        (None, [one]) => *one,
        (None, []) => {
            return Err(ImportError(
                "the template has no AWS::CodePipeline::Pipeline resource".to_owned(),
            ))
        }
        (None, _) => {
            return Err(ImportError(format!(
                "the template has several pipelines ({}); choose one with --resource, or import each to its own stream with -o DIR",
                names(&pipelines)
            )))
        }
    };
    Ok(pipeline(id, found, Some(template)))
}

/// Every pipeline of a template, each as its own stream, by logical id.
pub fn pipelines(template: &Template) -> Vec<(String, Import)> {
    template
        .resources
        .iter()
        .filter(|(_, r)| r.type_name() == PIPELINE_TYPE)
        .map(|(id, r)| (id.clone(), pipeline(id, r, Some(template))))
        .collect()
}

fn names(pipelines: &[(&String, &Resource)]) -> String {
    pipelines
        .iter()
        .map(|(id, _)| id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The stream of pipeline resource `id`. `template`, when given, lets the import read what
/// the pipeline refers to (a CodeBuild project's image, a function's code, a parameter's
/// default).
pub fn pipeline(id: &str, resource: &Resource, template: Option<&Template>) -> Import {
    let properties = resource
        .properties
        .to_value()
        .map(|v| Expr::from_value(&v))
        .unwrap_or(Expr::Null);
    let mut r = Reader::new(template);
    let name = match properties_field(&properties, "Name") {
        Some(e) => r.value(e),
        None => {
            r.note(
                Location::pipeline(Field::Name),
                format!("the pipeline has no Name (CloudFormation makes one); its logical id {id} stands in"),
            );
            id.into()
        }
    };
    let mut stream = Stream::new(name);
    stream.settings = settings::read(&mut r, &properties);
    let mut paths = Paths::default();
    for (si, alt) in stage_nodes(&mut r, &properties).into_iter().enumerate() {
        let (mut stage, action_paths) = read_stage(&mut r, si, &alt);
        (stage.when, stage.unless) = alt.when_unless();
        r.conditional |= !alt.terms.is_empty();
        stream.stages.push(stage);
        paths.stages.push((alt.path, action_paths));
    }
    annotations::read(&mut r, resource.metadata.as_ref(), &mut stream);
    if let Some(t) = template {
        declarations::keep(&mut r, &mut stream, t);
    }
    r.finish(stream, paths)
}

/// A field of the pipeline's properties.
fn properties_field<'a>(properties: &'a Expr, key: &str) -> Option<&'a Expr> {
    match properties {
        Expr::Map(m) => m.get(key),
        _ => None,
    }
}

/// The stage declarations with their paths, a stage inside `Fn::If` under the conditions
/// choosing it.
fn stage_nodes<'a>(r: &mut Reader, properties: &'a Expr) -> Vec<crate::cfn::Alternative<'a>> {
    let Some(Expr::List(items)) = properties_field(properties, "Stages") else {
        r.unknown_stages();
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .flat_map(|(i, e)| crate::cfn::alternatives(format!("Stages/{i}"), e, &[]))
        .collect()
}

/// Stage `si` as the alternative `stage` holds: its actions under the conditions its own
/// choose, those of the stage decided already.
fn read_stage(
    r: &mut Reader,
    si: usize,
    stage: &crate::cfn::Alternative<'_>,
) -> (Stage, Vec<String>) {
    let (path, node, outer) = (&stage.path, stage.node.as_ref(), &stage.terms);
    let name = match node {
        Expr::Map(m) => match m.get("Name") {
            Some(e) => r.text(e, Place::stage(si, Field::Name)),
            None => r.missing(Place::stage(si, Field::Name), "Name"),
        },
        _ => r.missing(Place::stage(si, Field::Node), "stage"),
    };
    let mut stage = Stage::new(name);
    let mut action_paths = Vec::new();
    let actions = match node {
        Expr::Map(m) => m.get("Actions"),
        _ => None,
    };
    match actions {
        Some(Expr::List(items)) => {
            let alternatives = items.iter().enumerate().flat_map(|(i, item)| {
                crate::cfn::alternatives(format!("{path}/Actions/{i}"), item, outer)
                    .into_iter()
                    .flat_map(|alt| choices::chosen_actions(alt, outer))
            });
            for (ai, alt) in alternatives.enumerate() {
                let mut action = action::read(r, (si, &stage), ai, &alt.node);
                (action.when, action.unless) = alt.when_unless();
                r.conditional |= !alt.terms.is_empty();
                stage.actions.push(action);
                action_paths.push(alt.path);
            }
        }
        _ => r.unknown_actions(si),
    }
    conditions::read(r, si, &mut stage, node);
    (stage, action_paths)
}
