//! `ValueStream` → CloudFormation [`Template`].
//!
//! One pass over the stream: every action adds its pipeline declaration, and its kind adds
//! the resources it needs (a CodeBuild project, the shared mock function) and the permissions
//! the pipeline role needs for it, scoped to the resources it touches. Rules about the emitted
//! template and about the day (template limits, Lambda runtimes) run here, on what was
//! emitted.

mod action;
pub(crate) mod arn;
mod live;
mod merge;
mod options;
mod pipeline;
mod role;
pub mod simulate;
mod storage;
mod unscoped;

pub(crate) use action::{ActionEmit, ParamSpec};
pub(crate) use live::LIVE_RESOURCES;
pub use merge::{merge_into, MergeError};
pub use options::EmitOptions;
pub(crate) use role::unscoped;
pub(crate) use simulate::SIMULATE_RESOURCES;
pub use storage::checkov_skip;
pub use unscoped::{is_unscoped, UNSCOPED_ACTIONS};

use std::collections::BTreeMap;

use crate::cfn::{Expr, Output, Parameter, Resource, Template};
use crate::diagnostic::{Field, Location, ValidationErrors, Violation};
use crate::rules::{check_runtime, check_template, Date};
use crate::stream::ValueStream;
use role::Grants;

/// Log retention of the functions and projects the template creates.
pub(crate) const LOG_DAYS: u32 = 365;

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
pub struct Emission {
    /// The template.
    pub template: Template,
    /// Logical ids of the resources it made, for `Ref` and `Fn::GetAtt` from the template
    /// around it.
    pub handles: Handles,
    /// Warnings of the emission-time rules (deprecated runtimes, an inline-size template).
    pub warnings: Vec<Violation>,
}

/// Logical ids of the resources an emission made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

impl ValueStream {
    /// The stand-alone template with default options: artifact bucket and key, roles, the
    /// mock function, CodeBuild projects and the pipeline. Deterministic: the same stream
    /// gives the same bytes. The rules about the emitted template and the day run in
    /// [`emit`](Self::emit), which the command line uses.
    pub fn to_cloudformation(&self) -> Template {
        Emitter::new(self, &EmitOptions::default()).emit().0
    }

    /// The template with embedding options (existing bucket, key or role; logical-id prefix),
    /// checked by the emission-time rules.
    pub fn to_cloudformation_with(
        &self,
        options: &EmitOptions,
    ) -> Result<Template, ValidationErrors> {
        self.emit(options).map(|e| e.template)
    }

    /// Emits the template and runs the rules about it: template limits and collisions
    /// (CFN-TPL) and the Lambda runtime lifecycle on `options.today` (LMB). Errors fail the
    /// emission; warnings come back with the template.
    pub fn emit(&self, options: &EmitOptions) -> Result<Emission, ValidationErrors> {
        let problems = options.check();
        if !problems.is_empty() {
            return Err(ValidationErrors::new(problems));
        }
        let (template, handles, emitted) = Emitter::new(self, options).emit();
        let today = options.today.unwrap_or_else(Date::today);
        let mut found = emitted.collisions;
        found.extend(check_template(&template, template.to_json_compact().len()));
        found.extend(
            emitted
                .runtimes
                .iter()
                .filter_map(|r| check_runtime(r, today)),
        );
        if found.iter().any(Violation::is_error) {
            return Err(ValidationErrors::new(found));
        }
        Ok(Emission {
            template,
            handles,
            warnings: found,
        })
    }
}

/// The template without the emission-time rules (for [`crate::__private::emit_unchecked`]).
pub(crate) fn unchecked(stream: &ValueStream, options: &EmitOptions) -> Template {
    Emitter::new(stream, options).emit().0
}

/// Logical ids of the shared resources, prefixed.
pub(crate) struct Ids {
    prefix: String,
}

impl Ids {
    pub(crate) fn id(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }
}

/// `[A-Za-z0-9]` only, each separated word capitalised: `unit-tests` → `UnitTests`.
pub(crate) fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Escapes literal text for use inside `Fn::Sub`.
pub(crate) fn sub_escape(text: &str) -> String {
    text.replace("${", "${!")
}

/// What the emission saw besides the template, for the emission-time rules.
#[derive(Default)]
pub(crate) struct Emitted {
    /// Lambda runtimes of the functions it created.
    runtimes: Vec<&'static str>,
    /// Logical ids claimed twice (CFN-TPL-2).
    collisions: Vec<Violation>,
}

pub(crate) struct Emitter<'a> {
    stream: &'a ValueStream,
    options: &'a EmitOptions,
    ids: Ids,
    template: Template,
    grants: Grants,
    /// Resources kinds share, by name (the mock function, the CodeBuild role).
    shared: BTreeMap<&'static str, String>,
    handles: Handles,
    emitted: Emitted,
}

impl<'a> Emitter<'a> {
    fn new(stream: &'a ValueStream, options: &'a EmitOptions) -> Self {
        let actions = stream.stages.iter().map(|s| s.actions.len()).sum::<usize>();
        Self {
            stream,
            options,
            ids: Ids {
                prefix: options.logical_id_prefix.clone(),
            },
            template: Template {
                format_version: Some("2010-09-09".to_owned()),
                description: Some(format!(
                    "CodePipeline {} for a value stream of {} stages and {} actions (generated by vsm)",
                    stream.name,
                    stream.stages.len(),
                    actions
                )),
                parameters: BTreeMap::new(),
                resources: BTreeMap::new(),
                outputs: BTreeMap::new(),
                ..Template::default()
            },
            grants: Grants::default(),
            shared: BTreeMap::new(),
            handles: Handles::default(),
            emitted: Emitted::default(),
        }
    }

    fn claim(&mut self, id: &str, what: &str) {
        if self.template.resources.contains_key(id) || self.template.parameters.contains_key(id) {
            self.emitted.collisions.push(Violation::error(
                "CFN-TPL-2",
                Location::pipeline(Field::Template),
                format!("the template needs the logical id {id:?} for {what}, but it is taken"),
                "rename the parameter the stream names, or set a logical-id prefix",
            ));
        }
    }

    fn resource(&mut self, name: &str, resource: Resource) -> String {
        let id = self.ids.id(name);
        self.claim(&id, &format!("a {}", resource.properties.type_name()));
        self.template.resources.insert(id.clone(), resource);
        self.handles.resources.insert(name.to_owned(), id.clone());
        id
    }

    fn parameter(&mut self, name: &str, parameter: Parameter) -> String {
        let id = self.ids.id(name);
        match self.template.parameters.get(&id) {
            // Two actions may share a parameter (one connection for several sources).
            Some(existing) if existing.allowed_pattern == parameter.allowed_pattern => {}
            _ => {
                self.claim(&id, "a parameter");
                self.template.parameters.insert(id.clone(), parameter);
            }
        }
        self.handles.parameters.insert(name.to_owned(), id.clone());
        id
    }

    fn emit(mut self) -> (Template, Handles, Emitted) {
        let store = storage::artifact_store(&mut self);
        let stages = pipeline::stages(&mut self, &store);
        let role = role::pipeline_role(&mut self, &store);
        let pipeline = pipeline::pipeline(&mut self, stages, role, &store);
        if self.stream.settings.dashboard {
            live::live_view(&mut self, &store);
        }
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
            let id = self.ids.id(name);
            self.handles.outputs.insert(name.to_owned(), id.clone());
            self.template.outputs.insert(id, output);
        }
        for (id, resource) in &self.template.resources {
            let ids = self.handles.by_type.entry(resource.type_name().to_owned());
            ids.or_default().push(id.clone());
        }
        let r = &self.handles.resources;
        self.handles.pipeline = pipeline.clone();
        self.handles.role = r.get(PIPELINE_ROLE).cloned();
        self.handles.bucket = r.get(ARTIFACT_BUCKET).cloned();
        self.handles.key = r.get(ARTIFACT_KEY).cloned();
        (self.template, self.handles, self.emitted)
    }
}
