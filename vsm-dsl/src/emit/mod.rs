//! `ValueStream` → CloudFormation [`Template`].
//!
//! One pass over the stream: every action adds its pipeline declaration, and its kind adds
//! the resources it needs (a CodeBuild project, the shared mock function) and the permissions
//! the pipeline role needs for it, scoped to the resources it touches. The emitter drives the
//! kinds through the registry and never names one. The rules about the emitted template and
//! about the day (template limits, Lambda runtimes) run on what it emitted, in
//! [`crate::ValueStream::emit`]: no public path skips them.

mod companion;
mod conditions;
mod live;
mod merge;
mod options;
pub(crate) mod parameters;
pub mod paths;
mod pipeline;
mod presence;
mod role;
mod storage;
mod topology;

pub use crate::kit::{checkov_skip, is_unscoped, UNSCOPED_ACTIONS};
pub use merge::{merge_into, MergeError};
pub use options::EmitOptions;

use std::collections::BTreeMap;

use crate::cfn::{Expr, Output, Resource, Template};
use crate::diagnostic::Violation;
use crate::kinds::behaviour;
use crate::kit::{actions, ConfigCx, Sink};
use crate::model::Stream;

/// Logical id (before the prefix) of the pipeline.
pub(crate) const PIPELINE: &str = "Pipeline";
/// Logical id of the pipeline role.
pub(crate) const PIPELINE_ROLE: &str = "PipelineRole";
/// Logical id of the artifact key.
pub(crate) const ARTIFACT_KEY: &str = "ArtifactKey";
/// Logical id of the artifact bucket.
pub(crate) const ARTIFACT_BUCKET: &str = "ArtifactBucket";
/// Logical id of the artifact bucket's policy.
pub(crate) const ARTIFACT_BUCKET_POLICY: &str = "ArtifactBucketPolicy";

/// The resources of every template (the bucket, key and role unless existing ones are given),
/// by logical id before the prefix, with what each is; the kinds add their own
/// (`Kind::resource_ids`).
pub(crate) const STREAM_RESOURCES: &[(&str, &str)] = &[
    (ARTIFACT_KEY, "the artifact key"),
    (ARTIFACT_BUCKET, "the artifact bucket"),
    (ARTIFACT_BUCKET_POLICY, "the artifact bucket's policy"),
    (PIPELINE_ROLE, "the pipeline role"),
    (PIPELINE, "the pipeline"),
];

/// An emitted template, the logical ids of what it made, and what the emission-time rules
/// found that is not an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Emission {
    /// The template.
    pub template: Template,
    /// Logical ids of the resources it made, for `Ref` and `Fn::GetAtt` from the template
    /// around it.
    pub handles: Handles,
    /// Warnings of the emission-time rules (deprecated runtimes, an inline-size template).
    pub warnings: Vec<Violation>,
    /// The templates of the other accounts and Regions the pipeline runs actions in, in the
    /// order they deploy (all before the pipeline's).
    pub companions: Vec<Companion>,
}

/// Logical ids of the resources an emission made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Handles {
    /// The pipeline.
    pub pipeline: String,
    /// The pipeline role, unless an existing one was given.
    pub role: Option<String>,
    /// The artifact bucket, unless an existing one was given.
    pub bucket: Option<String>,
    /// The artifact key, unless an existing one was given.
    pub key: Option<String>,
    /// Every resource, by the name vsm gave it before the prefix (`MockStep`,
    /// `BuildCompileProject`, ...).
    pub resources: BTreeMap<String, String>,
    /// Every template parameter it declared (connection and role ARNs the stream names), by
    /// name before the prefix.
    pub parameters: BTreeMap<String, String>,
    /// Every output, by name before the prefix (`PipelineName`, `PipelineConsoleUrl`).
    pub outputs: BTreeMap<String, String>,
    /// The logical ids of its resources by CloudFormation type, each list sorted.
    pub by_type: BTreeMap<String, Vec<String>>,
}

impl Handles {
    /// `{"Ref": pipeline}`: the pipeline's name.
    pub fn pipeline_name(&self) -> Expr {
        Expr::reference(&self.pipeline)
    }

    /// The pipeline role's ARN, unless an existing role was given.
    pub fn role_arn(&self) -> Option<Expr> {
        self.role.as_ref().map(|id| Expr::get_att(id, "Arn"))
    }

    /// `{"Ref": bucket}`: the artifact bucket's name, unless an existing bucket was given.
    pub fn bucket_name(&self) -> Option<Expr> {
        self.bucket.as_ref().map(Expr::reference)
    }

    /// The artifact bucket's ARN, unless an existing bucket was given.
    pub fn bucket_arn(&self) -> Option<Expr> {
        self.bucket.as_ref().map(|id| Expr::get_att(id, "Arn"))
    }

    /// The artifact key's ARN, unless an existing key was given.
    pub fn key_arn(&self) -> Option<Expr> {
        self.key.as_ref().map(|id| Expr::get_att(id, "Arn"))
    }

    /// The logical id of a resource by the name vsm gave it before the prefix.
    pub fn resource(&self, name: &str) -> Option<&str> {
        self.resources.get(name).map(String::as_str)
    }

    /// The logical ids of its resources of one CloudFormation type.
    pub fn of_type(&self, type_name: &str) -> &[String] {
        self.by_type.get(type_name).map_or(&[], Vec::as_slice)
    }

    /// Its IAM roles (the pipeline role and the roles of functions and projects).
    pub fn roles(&self) -> &[String] {
        self.of_type("AWS::IAM::Role")
    }

    /// Its Lambda functions.
    pub fn functions(&self) -> &[String] {
        self.of_type("AWS::Lambda::Function")
    }

    /// Its CodeBuild projects.
    pub fn projects(&self) -> &[String] {
        self.of_type("AWS::CodeBuild::Project")
    }

    /// Its log groups.
    pub fn log_groups(&self) -> &[String] {
        self.of_type("AWS::Logs::LogGroup")
    }
}

/// The template of a stream, the logical ids of what it made, and what the emission-time
/// rules need to see: for [`crate::ValueStream::emit`], which runs those rules.
pub(crate) struct Emitted {
    /// The template.
    pub template: Template,
    /// The logical ids of what it made.
    pub handles: Handles,
    /// Lambda runtimes of the functions it created.
    pub runtimes: Vec<&'static str>,
    /// Logical ids claimed twice (CFN-TPL-2).
    pub collisions: Vec<Violation>,
    /// The templates of the other accounts and Regions.
    pub companions: Vec<Companion>,
}

/// A template the pipeline needs in another account or Region, deployed before it: the role
/// its actions assume in an account, or the artifact store of a Region.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Companion {
    /// A short name: `account-222222222222`, `region-us-west-2`; the file name and the end
    /// of the stack name.
    pub name: String,
    /// The account it is deployed in; `None` for the pipeline's own (when the stream does
    /// not say it).
    pub account: Option<String>,
    /// The Region it is deployed in; `None` for the pipeline's own.
    pub region: Option<String>,
    /// What it creates, in a sentence.
    pub purpose: String,
    /// Parameters it needs that nothing fills: name and what to give.
    pub parameters: Vec<(String, String)>,
    /// The template.
    pub template: Template,
}

/// Emits a stream; the caller runs the rules (the stream rules before, the emission-time
/// rules after).
pub(crate) fn emit(stream: &Stream, options: &EmitOptions) -> Emitted {
    Emitter::new(stream, options).emit()
}

/// The logical ids (before the prefix) of every resource the template of this stream
/// creates, with what each is: the stream's own, the live view's, and each kind's.
pub(crate) fn resource_ids(stream: &Stream) -> Vec<(String, String)> {
    let live = if stream.settings.dashboard {
        live::LIVE_RESOURCES
    } else {
        &[]
    };
    let mut out: Vec<(String, String)> = STREAM_RESOURCES
        .iter()
        .chain(live)
        .map(|(id, what)| ((*id).to_owned(), (*what).to_owned()))
        .collect();
    for at in actions(stream) {
        let cx = ConfigCx {
            stream,
            stage: at.stage,
            action: at.action,
        };
        for (id, what) in behaviour(&at.action.kind).resource_ids(&cx) {
            if !out.iter().any(|(o, _)| *o == id) {
                out.push((id, what));
            }
        }
    }
    out
}

struct Emitter<'a> {
    stream: &'a Stream,
    options: &'a EmitOptions,
    sink: Sink,
    topology: topology::Topology,
}

impl<'a> Emitter<'a> {
    fn new(stream: &'a Stream, options: &'a EmitOptions) -> Self {
        let actions = stream.stages.iter().map(|s| s.actions.len()).sum::<usize>();
        let template = Template {
            format_version: Some("2010-09-09".to_owned()),
            description: Some(format!(
                "CodePipeline {} for a value stream of {} stages and {} actions (generated by vsm)",
                stream.name.label(),
                stream.stages.len(),
                actions
            )),
            parameters: BTreeMap::new(),
            resources: BTreeMap::new(),
            outputs: BTreeMap::new(),
            ..Template::default()
        };
        Self {
            stream,
            options,
            sink: Sink::new(&options.logical_id_prefix, template),
            topology: topology::Topology::of(stream),
        }
    }

    fn resource(&mut self, name: &str, resource: Resource) -> String {
        self.sink.resource(name, resource)
    }

    fn id(&self, name: &str) -> String {
        self.sink.id(name)
    }

    fn emit(mut self) -> Emitted {
        parameters::declare(&mut self);
        let store = storage::artifact_store(&mut self);
        let stages = pipeline::stages(&mut self, &store);
        let role = role::pipeline_role(&mut self, &store);
        let companions = companion::companions(&mut self, &store);
        let pipeline = pipeline::pipeline(&mut self, stages, role, &store);
        if self.stream.settings.dashboard {
            live::live_view(&mut self, &store);
        }
        let mut outputs = BTreeMap::new();
        for (name, output) in [
            (
                "PipelineName",
                Output {
                    description: Some("Name of the pipeline".to_owned()),
                    value: Expr::reference(&pipeline),
                    ..Output::default()
                },
            ),
            (
                "PipelineConsoleUrl",
                Output {
                    description: Some("The pipeline in the CodePipeline console".to_owned()),
                    value: Expr::sub(format!(
                        "https://${{AWS::Region}}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${{{pipeline}}}/view?region=${{AWS::Region}}"
                    )),
                    ..Output::default()
                },
            ),
        ] {
            let id = self.id(name);
            self.sink.template.outputs.insert(id.clone(), output);
            outputs.insert(name.to_owned(), id);
        }
        let Sink {
            template,
            resources,
            parameters,
            runtimes,
            collisions,
            ..
        } = self.sink;
        let mut handles = Handles {
            pipeline: pipeline.clone(),
            role: resources.get(PIPELINE_ROLE).cloned(),
            bucket: resources.get(ARTIFACT_BUCKET).cloned(),
            key: resources.get(ARTIFACT_KEY).cloned(),
            resources,
            parameters,
            outputs,
            by_type: BTreeMap::new(),
        };
        for (id, resource) in &template.resources {
            let ids = handles.by_type.entry(resource.type_name().to_owned());
            ids.or_default().push(id.clone());
        }
        Emitted {
            template,
            handles,
            runtimes,
            collisions,
            companions,
        }
    }
}
