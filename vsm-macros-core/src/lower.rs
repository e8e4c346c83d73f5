//! Phase 2, lowering: the syntax tree becomes a `vsm_dsl` [`Stream`], plus a side table that
//! maps every model index back to the tokens it came from.
//!
//! Lowering decides what each property means (`process: 30m` is a duration, `ca: 95%` a
//! percentage) and reports what it cannot understand. It checks no CodePipeline rule: the
//! stream it builds goes to `vsm_dsl::rules`, the same functions `build()` runs.

use std::collections::BTreeMap;
use std::time::Duration;

use vsm_dsl::model::{
    duration, Action, ActionKind, ApprovalAction, ArtifactPath, Buildspec, Capability, Category,
    CfnActionMode, CloudFormationAction, CodeBuildAction, CodeBuildCategory, ComputeType,
    ConnectionSource, CustomAction, ExecutionMode, GitProvider, Owner, PipelineType,
    PolicyStatement, PullRequestEvent, PullRequestFilter, PushFilter, RoleSource, Settings, Stage,
    Stream, Tag, Trigger, Variable,
};

use crate::ast::{
    ActionAst, Errors, Name, Number, PipelineAst, Prop, Sp, StageAst, StreamAst, Value,
};

/// Where the pipeline's own syntax is.
#[derive(Debug, Clone)]
pub struct PipelineSpans {
    /// The pipeline name (also used for the pipeline as a whole).
    pub name: Sp,
    /// `type: ...`.
    pub pipeline_type: Option<Sp>,
    /// `execution_mode: ...`.
    pub execution_mode: Option<Sp>,
    /// Each `variable: ...`.
    pub variables: Vec<Sp>,
    /// Each `trigger: ...`.
    pub triggers: Vec<Sp>,
    /// Each `tag: ...`.
    pub tags: Vec<Sp>,
    /// A setting could not be understood: pipeline-level rule findings are not reported, they
    /// could follow from that mistake.
    pub tainted: bool,
}

/// Where a stage's syntax is.
#[derive(Debug, Clone)]
pub struct StageSpans {
    /// The `source` or `stage` keyword.
    pub keyword: Sp,
    /// The stage name.
    pub name: Sp,
    /// Its actions, in model order.
    pub actions: Vec<ActionSpans>,
}

/// Where an action's syntax is.
#[derive(Debug, Clone)]
pub struct ActionSpans {
    /// The kind keyword.
    pub kind: Sp,
    /// The action name.
    pub name: Sp,
    /// `run_order: N`, when written.
    pub run_order: Option<Sp>,
    /// Each input artifact, in model order.
    pub inputs: Vec<Sp>,
    /// Each output artifact, in model order.
    pub outputs: Vec<Sp>,
    /// `namespace: ...`.
    pub namespace: Option<Sp>,
    /// Configuration values by the key the rules use (`TemplatePath`, `BranchName`, ...).
    pub config: Vec<(String, Sp)>,
    /// `process: ...`.
    pub process: Option<Sp>,
    /// `wait: ...`.
    pub wait: Option<Sp>,
    /// `ca: ...`.
    pub ca: Option<Sp>,
    /// The action has a mistake of its own: rule findings on it are not reported.
    pub tainted: bool,
}

/// Model index → source span.
#[derive(Debug, Clone)]
pub struct Spans {
    /// The pipeline.
    pub pipeline: PipelineSpans,
    /// Stages in model order.
    pub stages: Vec<StageSpans>,
}

/// A lowered stream and where each part of it was written.
#[derive(Debug, Clone)]
pub struct Lowered {
    /// The stream, ready for `vsm_dsl::rules`.
    pub stream: Stream,
    /// Its side table of spans.
    pub spans: Spans,
}

/// Lowers a parsed stream, reporting what it cannot understand. Always returns a stream;
/// without a `pipeline` header its name is empty and pipeline-level findings are muted.
pub fn lower(ast: &StreamAst, errors: &mut Errors) -> Lowered {
    let (name, settings, pipeline_spans) = match &ast.pipeline {
        Some(header) => {
            let (settings, spans) = pipeline(header, errors);
            (header.name.value.clone(), settings, spans)
        }
        None => {
            let sp = ast
                .stages
                .first()
                .map_or(Sp::one(proc_macro2::Span::call_site()), |s| s.keyword);
            if !ast.stages.is_empty() || errors.is_empty() {
                errors.push(
                    sp.error("a value stream starts with its name: `pipeline \"my-pipeline\"`"),
                );
            }
            let spans = PipelineSpans {
                name: sp,
                pipeline_type: None,
                execution_mode: None,
                variables: Vec::new(),
                triggers: Vec::new(),
                tags: Vec::new(),
                tainted: true,
            };
            (String::new(), Settings::default(), spans)
        }
    };
    let mut stream = Stream {
        name,
        settings,
        stages: Vec::new(),
    };
    let mut stage_spans: Vec<StageSpans> = Vec::new();
    let mut source_at: Option<usize> = None;
    for block in &ast.stages {
        let (stage, spans) = stage(block, errors);
        if !block.source {
            stream.stages.push(stage);
            stage_spans.push(spans);
            continue;
        }
        match source_at {
            None if stream.stages.is_empty() => {
                source_at = Some(0);
                stream.stages.push(stage);
                stage_spans.push(spans);
            }
            None => {
                // Like the builder's `.source(...)` after `.stage(...)`: a shape mistake in the
                // syntax. Lowered where it belongs, so the rules do not report it again.
                errors.push(block.keyword.error(format!(
                    "CP-STRUCT-7: the source stage must come first, but it comes after stage {:?}\n\
                     = help: move `source {:?} {{ ... }}` above the other stages",
                    stream.stages[stream.stages.len() - 1].name, block.name.value
                )));
                source_at = Some(0);
                stream.stages.insert(0, stage);
                stage_spans.insert(0, spans);
            }
            Some(first) => {
                errors.push(block.keyword.error(format!(
                    "CP-STRUCT-8: a value stream has one source stage, and {:?} is a second one\n\
                     = help: put every source action in the source stage {:?}",
                    block.name.value, stream.stages[first].name
                )));
                stream.stages[first].actions.extend(stage.actions);
                stage_spans[first].actions.extend(spans.actions);
            }
        }
    }
    Lowered {
        stream,
        spans: Spans {
            pipeline: pipeline_spans,
            stages: stage_spans,
        },
    }
}

fn pipeline(header: &PipelineAst, errors: &mut Errors) -> (Settings, PipelineSpans) {
    let mut settings = Settings::default();
    let mut spans = PipelineSpans {
        name: header.name.sp,
        pipeline_type: None,
        execution_mode: None,
        variables: Vec::new(),
        triggers: Vec::new(),
        tags: Vec::new(),
        tainted: false,
    };
    let mut seen = Seen::default();
    for p in &header.props {
        let key = p.key.value.as_str();
        let result = match key {
            "type" => seen.once(p).and_then(|()| {
                spans.pipeline_type = Some(p.value.sp());
                settings.pipeline_type = choice(
                    &p.value,
                    key,
                    &[("V1", PipelineType::V1), ("V2", PipelineType::V2)],
                )?;
                Ok(())
            }),
            "execution_mode" => seen.once(p).and_then(|()| {
                spans.execution_mode = Some(p.value.sp());
                settings.execution_mode = Some(choice(
                    &p.value,
                    key,
                    &[
                        ("SUPERSEDED", ExecutionMode::Superseded),
                        ("QUEUED", ExecutionMode::Queued),
                        ("PARALLEL", ExecutionMode::Parallel),
                    ],
                )?);
                Ok(())
            }),
            "variable" => variable(&p.value).map(|v| {
                spans.variables.push(p.key.sp.to(p.value.sp()));
                settings.variables.push(v);
            }),
            "tag" => tag(&p.value).map(|t| {
                spans.tags.push(p.key.sp.to(p.value.sp()));
                settings.tags.push(t);
            }),
            "trigger" => trigger(&p.value).map(|t| {
                spans.triggers.push(p.key.sp.to(p.value.sp()));
                settings.triggers.push(t);
            }),
            _ => Err(unknown(&p.key, "pipeline setting", PIPELINE_KEYS)),
        };
        if let Err(e) = result {
            errors.push(e);
            spans.tainted = true;
        }
    }
    (settings, spans)
}

const PIPELINE_KEYS: &[&str] = &["type", "execution_mode", "variable", "tag", "trigger"];

fn stage(block: &StageAst, errors: &mut Errors) -> (Stage, StageSpans) {
    let mut stage = Stage::new(block.name.value.clone());
    let mut spans = StageSpans {
        keyword: block.keyword,
        name: block.name.sp,
        actions: Vec::new(),
    };
    // The builder's `then()`: the next step runs after everything so far.
    let mut run_order: u32 = 1;
    for (i, step) in block.steps.iter().enumerate() {
        if i > 0 {
            let max = stage.actions.iter().map(|a| a.run_order).max().unwrap_or(0);
            run_order = max.max(run_order).saturating_add(1);
        }
        for a in step {
            let (action, s) = action(a, run_order, errors);
            stage.actions.push(action);
            spans.actions.push(s);
        }
    }
    (stage, spans)
}

/// Property keys already set, for "set twice" errors.
#[derive(Default)]
struct Seen {
    keys: Vec<String>,
}

impl Seen {
    fn once(&mut self, p: &Prop) -> Result<(), syn::Error> {
        if self.keys.contains(&p.key.value) {
            return Err(p.key.sp.error(format!("`{}` is set twice", p.key.value)));
        }
        self.keys.push(p.key.value.clone());
        Ok(())
    }
}

const KINDS: &[&str] = &[
    "connection",
    "s3_source",
    "codecommit",
    "ecr",
    "mock",
    "approval",
    "codebuild",
    "lambda",
    "cloudformation",
    "custom",
];

const COMMON_KEYS: &[&str] = &[
    "in",
    "out",
    "namespace",
    "process",
    "wait",
    "ca",
    "run_order",
];

fn kind_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "connection" => &[
            "provider",
            "repository",
            "branch",
            "connection_parameter",
            "full_clone",
        ],
        "s3_source" => &["bucket", "key"],
        "codecommit" => &["repository", "branch"],
        "ecr" => &["repository", "tag"],
        "approval" => &["custom_data", "review_url", "notify", "timeout"],
        "codebuild" => &[
            "category",
            "buildspec",
            "buildspec_inline",
            "image",
            "compute",
            "primary_source",
        ],
        "lambda" => &["function", "user_parameters"],
        "cloudformation" => &[
            "stack",
            "mode",
            "template",
            "capabilities",
            "role_arn",
            "role_parameter",
            "change_set",
            "parameter_overrides",
        ],
        "custom" => &[
            "category",
            "owner",
            "provider",
            "version",
            "config",
            "permission",
        ],
        _ => &[],
    }
}

/// The required properties of a kind, with an example of each.
fn required(kind: &str) -> &'static [(&'static str, &'static str)] {
    match kind {
        "connection" => &[
            ("provider", "GitHub"),
            ("repository", "\"owner/name\""),
            ("branch", "\"main\""),
        ],
        "s3_source" => &[("bucket", "\"my-bucket\""), ("key", "\"source.zip\"")],
        "codecommit" => &[("repository", "\"my-repo\""), ("branch", "\"main\"")],
        "ecr" => &[("repository", "\"my-image\"")],
        "lambda" => &[("function", "\"my-function\"")],
        "cloudformation" => &[("stack", "\"my-stack\"")],
        "custom" => &[
            ("category", "Invoke"),
            ("owner", "AWS"),
            ("provider", "\"StepFunctions\""),
        ],
        _ => &[],
    }
}

fn action(a: &ActionAst, run_order: u32, errors: &mut Errors) -> (Action, ActionSpans) {
    let kind_name = a.kind.value.as_str();
    let mut spans = ActionSpans {
        kind: a.kind.sp,
        name: a.name.sp,
        run_order: None,
        inputs: Vec::new(),
        outputs: Vec::new(),
        namespace: None,
        config: Vec::new(),
        process: None,
        wait: None,
        ca: None,
        tainted: false,
    };
    let mut action = Action::new(a.name.value.clone(), ActionKind::Mock);
    action.run_order = run_order;
    if !KINDS.contains(&kind_name) {
        errors.push(a.kind.sp.error(format!(
            "unknown action kind `{kind_name}`; expected one of {}",
            list(KINDS)
        )));
        spans.tainted = true;
        return (action, spans);
    }
    let mut local = Errors::default();
    let mut seen = Seen::default();
    let mut kind_props: Vec<&Prop> = Vec::new();
    for p in &a.props {
        let key = p.key.value.as_str();
        let repeatable = matches!(key, "permission");
        if !repeatable {
            if let Err(e) = seen.once(p) {
                local.push(e);
                continue;
            }
        }
        let result = match key {
            "in" => names(&p.value, "input artifact").map(|ns| {
                for n in ns {
                    action.inputs.push(n.value);
                    spans.inputs.push(n.sp);
                }
            }),
            "out" => names(&p.value, "output artifact").map(|ns| {
                for n in ns {
                    action.outputs.push(n.value);
                    spans.outputs.push(n.sp);
                }
            }),
            "namespace" => name(&p.value, "namespace").map(|n| {
                action.namespace = Some(n.value);
                spans.namespace = Some(n.sp);
            }),
            "process" => duration_of(&p.value, key).map(|d| {
                action.annotations.process_time = Some(d);
                spans.process = Some(p.value.sp());
            }),
            "wait" => duration_of(&p.value, key).map(|d| {
                action.annotations.wait_time = Some(d);
                spans.wait = Some(p.value.sp());
            }),
            "ca" => percent(&p.value).map(|v| {
                action.annotations.complete_accurate = Some(v);
                spans.ca = Some(p.value.sp());
            }),
            "run_order" => whole(&p.value, key).map(|n| {
                action.run_order = n;
                spans.run_order = Some(p.value.sp());
            }),
            _ if kind_keys(kind_name).contains(&key) => {
                kind_props.push(p);
                Ok(())
            }
            _ => {
                let mut keys: Vec<&str> = kind_keys(kind_name).to_vec();
                keys.extend(COMMON_KEYS);
                Err(unknown(
                    &p.key,
                    &format!("{kind_name} action property"),
                    &keys,
                ))
            }
        };
        if let Err(e) = result {
            local.push(e);
        }
    }
    let mut missing = Vec::new();
    // A property with a syntax error is missing from `props`: do not report it missing too.
    for (key, example) in required(kind_name).iter().filter(|_| !a.broken) {
        if !kind_props.iter().any(|p| p.key.value == *key) {
            missing.push(format!("`{key}: {example}`"));
        }
    }
    if !missing.is_empty() {
        local.push(a.name.sp.error(format!(
            "{kind_name} action {:?} needs {}",
            a.name.value,
            missing.join(" and ")
        )));
    }
    let mut k = KindBuilder {
        props: kind_props,
        errors: &mut local,
        spans: &mut spans,
    };
    action.kind = match kind_name {
        "connection" => k.connection(),
        "s3_source" => ActionKind::S3Source {
            bucket: k.string("bucket", "S3Bucket").unwrap_or_default(),
            key: k.string("key", "S3ObjectKey").unwrap_or_default(),
        },
        "codecommit" => ActionKind::CodeCommit {
            repository: k.string("repository", "RepositoryName").unwrap_or_default(),
            branch: k.string("branch", "BranchName").unwrap_or_default(),
        },
        "ecr" => ActionKind::Ecr {
            repository: k.string("repository", "RepositoryName").unwrap_or_default(),
            tag: k.string("tag", "ImageTag"),
        },
        "approval" => k.approval(),
        "codebuild" => k.codebuild(),
        "lambda" => ActionKind::Lambda {
            function: k.string("function", "FunctionName").unwrap_or_default(),
            user_parameters: k.string("user_parameters", "UserParameters"),
        },
        "cloudformation" => k.cloudformation(&mut action.inputs),
        "custom" => k.custom(),
        _ => ActionKind::Mock,
    };
    if !local.is_empty() || a.broken {
        spans.tainted = true;
        errors.extend(local);
    }
    (action, spans)
}

/// Reads the kind-specific properties of one action.
struct KindBuilder<'a, 'e> {
    props: Vec<&'a Prop>,
    errors: &'e mut Errors,
    spans: &'e mut ActionSpans,
}

impl<'a> KindBuilder<'a, '_> {
    fn get(&self, key: &str) -> Option<&'a Prop> {
        self.props.iter().copied().find(|p| p.key.value == key)
    }

    fn record(&mut self, config_key: &str, sp: Sp) {
        self.spans.config.push((config_key.to_owned(), sp));
    }

    fn ok<T>(&mut self, r: Result<T, syn::Error>) -> Option<T> {
        r.map_err(|e| self.errors.push(e)).ok()
    }

    /// A string property, recorded under the configuration key the rules use.
    fn string(&mut self, key: &str, config_key: &str) -> Option<String> {
        let p = self.get(key)?;
        self.record(config_key, p.value.sp());
        let r = string(&p.value, key);
        self.ok(r)
    }

    fn choice<T: Copy>(&mut self, key: &str, config_key: &str, options: &[(&str, T)]) -> Option<T> {
        let p = self.get(key)?;
        self.record(config_key, p.value.sp());
        let r = choice(&p.value, key, options);
        self.ok(r)
    }

    fn connection(&mut self) -> ActionKind {
        let provider = self
            .choice(
                "provider",
                "Provider",
                &[
                    ("GitHub", GitProvider::GitHub),
                    ("GitHubEnterprise", GitProvider::GitHubEnterprise),
                    ("GitLab", GitProvider::GitLab),
                    ("Bitbucket", GitProvider::Bitbucket),
                ],
            )
            .unwrap_or(GitProvider::GitHub);
        let full_clone = match self.get("full_clone") {
            Some(p) => {
                self.record("OutputArtifactFormat", p.value.sp());
                let r = boolean(&p.value, "full_clone");
                self.ok(r).unwrap_or(false)
            }
            None => false,
        };
        ActionKind::Connection(ConnectionSource {
            provider,
            repository: self
                .string("repository", "FullRepositoryId")
                .unwrap_or_default(),
            branch: self.string("branch", "BranchName").unwrap_or_default(),
            connection_parameter: self.string("connection_parameter", "ConnectionArn"),
            full_clone,
        })
    }

    fn approval(&mut self) -> ActionKind {
        let timeout = match self.get("timeout") {
            Some(p) => {
                self.record("TimeoutInMinutes", p.value.sp());
                let r = duration_of(&p.value, "timeout");
                self.ok(r)
            }
            None => None,
        };
        ActionKind::Approval(ApprovalAction {
            custom_data: self.string("custom_data", "CustomData"),
            review_url: self.string("review_url", "ExternalEntityLink"),
            notification_topic: self.string("notify", "NotificationArn"),
            timeout,
        })
    }

    fn codebuild(&mut self) -> ActionKind {
        let category = self
            .choice(
                "category",
                "Category",
                &[
                    ("Build", CodeBuildCategory::Build),
                    ("Test", CodeBuildCategory::Test),
                ],
            )
            .unwrap_or_default();
        let path = self.string("buildspec", "BuildSpec");
        let inline = self.string("buildspec_inline", "BuildSpec");
        if let (Some(_), Some(_), Some(p)) = (&path, &inline, self.get("buildspec_inline")) {
            self.errors.push(p.key.sp.error(
                "set either `buildspec` (a path) or `buildspec_inline` (the text), not both",
            ));
        }
        let buildspec = match (inline, path) {
            (Some(text), _) => Buildspec::Inline(text),
            (None, Some(path)) => Buildspec::Path(path),
            (None, None) => Buildspec::Path("buildspec.yml".to_owned()),
        };
        let compute_type = self
            .choice(
                "compute",
                "ComputeType",
                &[
                    ("Small", ComputeType::Small),
                    ("Medium", ComputeType::Medium),
                    ("Large", ComputeType::Large),
                ],
            )
            .unwrap_or_default();
        let primary_source = match self.get("primary_source") {
            Some(p) => {
                self.record("PrimarySource", p.value.sp());
                let r = name(&p.value, "primary source");
                self.ok(r).map(|n| n.value)
            }
            None => None,
        };
        ActionKind::CodeBuild(CodeBuildAction {
            category,
            buildspec,
            image: self.string("image", "Image"),
            compute_type,
            primary_source,
        })
    }

    fn cloudformation(&mut self, inputs: &mut Vec<String>) -> ActionKind {
        let mode = self
            .choice(
                "mode",
                "ActionMode",
                &[
                    ("CREATE_UPDATE", CfnActionMode::CreateUpdate),
                    ("DELETE_ONLY", CfnActionMode::DeleteOnly),
                    ("REPLACE_ON_FAILURE", CfnActionMode::ReplaceOnFailure),
                    ("CHANGE_SET_REPLACE", CfnActionMode::ChangeSetReplace),
                    ("CHANGE_SET_EXECUTE", CfnActionMode::ChangeSetExecute),
                ],
            )
            .unwrap_or(CfnActionMode::CreateUpdate);
        let stack_name = self.string("stack", "StackName").unwrap_or_default();
        let template = match self.get("template") {
            Some(p) => {
                self.record("TemplatePath", p.value.sp());
                let r = string(&p.value, "template").and_then(|text| match text.split_once("::") {
                    Some((artifact, path)) if !artifact.is_empty() && !path.is_empty() => {
                        Ok(ArtifactPath {
                            artifact: artifact.to_owned(),
                            path: path.to_owned(),
                        })
                    }
                    _ => Err(p.value.sp().error(format!(
                        "write the template as `\"Artifact::path/to/template.yaml\"`, not {text:?}"
                    ))),
                });
                self.ok(r)
            }
            None => None,
        };
        if let (Some(t), Some(p)) = (&template, self.get("template")) {
            // Like the builder's `.template(...)`: the artifact becomes an input.
            if !inputs.contains(&t.artifact) {
                inputs.push(t.artifact.clone());
                self.spans.inputs.push(p.value.sp());
            }
        }
        let capabilities = match self.get("capabilities") {
            Some(p) => {
                self.record("Capabilities", p.value.sp());
                let items = match &p.value {
                    Value::List(items, _) => items.clone(),
                    other => vec![other.clone()],
                };
                let mut caps = Vec::new();
                for item in &items {
                    let r = choice(
                        item,
                        "capabilities",
                        &[
                            ("CAPABILITY_IAM", Capability::CapabilityIam),
                            ("CAPABILITY_NAMED_IAM", Capability::CapabilityNamedIam),
                            ("CAPABILITY_AUTO_EXPAND", Capability::CapabilityAutoExpand),
                        ],
                    );
                    if let Some(c) = self.ok(r) {
                        caps.push(c);
                    }
                }
                caps
            }
            None => Vec::new(),
        };
        let arn = self.string("role_arn", "RoleArn");
        let parameter = self.string("role_parameter", "RoleArn");
        if let (Some(_), Some(_), Some(p)) = (&arn, &parameter, self.get("role_parameter")) {
            self.errors.push(
                p.key
                    .sp
                    .error("set either `role_arn` or `role_parameter`, not both"),
            );
        }
        let role = match (parameter, arn) {
            (Some(p), _) => Some(RoleSource::Parameter(p)),
            (None, Some(a)) => Some(RoleSource::Arn(a)),
            (None, None) => None,
        };
        ActionKind::CloudFormation(CloudFormationAction {
            mode,
            stack_name,
            template,
            capabilities,
            role,
            change_set_name: self.string("change_set", "ChangeSetName"),
            parameter_overrides: self.string("parameter_overrides", "ParameterOverrides"),
        })
    }

    fn custom(&mut self) -> ActionKind {
        let category = self
            .choice(
                "category",
                "Category",
                &[
                    ("Source", Category::Source),
                    ("Build", Category::Build),
                    ("Test", Category::Test),
                    ("Deploy", Category::Deploy),
                    ("Invoke", Category::Invoke),
                    ("Approval", Category::Approval),
                    ("Compute", Category::Compute),
                ],
            )
            .unwrap_or(Category::Invoke);
        let owner = self
            .choice(
                "owner",
                "Owner",
                &[
                    ("AWS", Owner::Aws),
                    ("ThirdParty", Owner::ThirdParty),
                    ("Custom", Owner::Custom),
                ],
            )
            .unwrap_or(Owner::Aws);
        let provider = self.string("provider", "Provider").unwrap_or_default();
        let version = self
            .string("version", "Version")
            .unwrap_or_else(|| "1".to_owned());
        let mut configuration = BTreeMap::new();
        if let Some(p) = self.get("config") {
            self.record("Configuration", p.key.sp);
            match &p.value {
                Value::Map(entries, _) => {
                    for e in entries {
                        let r = string(&e.value, &e.key.value);
                        if let Some(v) = self.ok(r) {
                            self.record(&e.key.value, e.value.sp());
                            configuration.insert(e.key.value.clone(), v);
                        }
                    }
                }
                other => self.errors.push(other.sp().error(format!(
                    "expected `config: {{ Key: \"value\", ... }}`, found {}",
                    other.describe()
                ))),
            }
        }
        let mut permissions = Vec::new();
        for p in self.props.clone() {
            if p.key.value != "permission" {
                continue;
            }
            let r = permission(&p.value);
            if let Some(statement) = self.ok(r) {
                permissions.push(statement);
            }
        }
        ActionKind::Custom(CustomAction {
            category,
            owner,
            provider,
            version,
            configuration,
            permissions,
        })
    }
}

fn permission(v: &Value) -> Result<PolicyStatement, syn::Error> {
    let Value::Map(entries, sp) = v else {
        return Err(v.sp().error(format!(
            "expected `permission: {{ actions: [\"service:Action\"], resources: [\"arn:...\"] }}`, found {}",
            v.describe()
        )));
    };
    let mut actions = None;
    let mut resources = None;
    for e in entries {
        let list = strings(&e.value, &e.key.value)?;
        match e.key.value.as_str() {
            "actions" => actions = Some(list),
            "resources" => resources = Some(list),
            _ => {
                return Err(unknown(
                    &e.key,
                    "permission property",
                    &["actions", "resources"],
                ))
            }
        }
    }
    match (actions, resources) {
        (Some(actions), Some(resources)) => Ok(PolicyStatement { actions, resources }),
        _ => Err(sp.error("a permission needs `actions: [...]` and `resources: [...]`")),
    }
}

fn variable(v: &Value) -> Result<Variable, syn::Error> {
    match v {
        Value::Str(..) | Value::Ident(..) => Ok(Variable {
            name: name(v, "variable name")?.value,
            default: None,
            description: None,
        }),
        Value::Assign(n, value, _) => Ok(Variable {
            name: n.value.clone(),
            default: Some(string(value, "default")?),
            description: None,
        }),
        Value::Block(n, props, _) => {
            let mut var = Variable {
                name: n.value.clone(),
                default: None,
                description: None,
            };
            for p in props {
                match p.key.value.as_str() {
                    "default" => var.default = Some(string(&p.value, "default")?),
                    "description" => var.description = Some(string(&p.value, "description")?),
                    _ => return Err(unknown(&p.key, "variable property", &["default", "description"])),
                }
            }
            Ok(var)
        }
        other => Err(other.sp().error(format!(
            "expected `variable: Name`, `variable: Name = \"default\"` or `variable: Name {{ default: \"...\", description: \"...\" }}`, found {}",
            other.describe()
        ))),
    }
}

fn tag(v: &Value) -> Result<Tag, syn::Error> {
    match v {
        Value::Assign(key, value, _) => Ok(Tag {
            key: key.value.clone(),
            value: string(value, "tag value")?,
        }),
        other => Err(other.sp().error(format!(
            "expected `tag: key = \"value\"`, found {}",
            other.describe()
        ))),
    }
}

fn trigger(v: &Value) -> Result<Trigger, syn::Error> {
    let (source, props) = match v {
        Value::Block(n, props, _) => (n.value.clone(), props.as_slice()),
        Value::Str(..) | Value::Ident(..) => (name(v, "source action")?.value, &[][..]),
        other => {
            return Err(other.sp().error(format!(
                "expected `trigger: SourceAction {{ push: {{ branches: [\"main\"] }} }}`, found {}",
                other.describe()
            )))
        }
    };
    let mut t = Trigger {
        source_action: source,
        push: Vec::new(),
        pull_request: Vec::new(),
    };
    for p in props {
        let Value::Map(entries, _) = &p.value else {
            return Err(p.value.sp().error(format!(
                "expected `{}: {{ branches: [\"main\"], ... }}`, found {}",
                p.key.value,
                p.value.describe()
            )));
        };
        match p.key.value.as_str() {
            "push" => {
                let mut f = PushFilter::default();
                for e in entries {
                    let list = strings(&e.value, &e.key.value)?;
                    match e.key.value.as_str() {
                        "branches" => f.branches = list,
                        "branches_excluded" => f.branches_excluded = list,
                        "tags" => f.tags = list,
                        "tags_excluded" => f.tags_excluded = list,
                        "file_paths" => f.file_paths = list,
                        "file_paths_excluded" => f.file_paths_excluded = list,
                        _ => {
                            return Err(unknown(
                                &e.key,
                                "push filter",
                                &[
                                    "branches",
                                    "branches_excluded",
                                    "tags",
                                    "tags_excluded",
                                    "file_paths",
                                    "file_paths_excluded",
                                ],
                            ))
                        }
                    }
                }
                t.push.push(f);
            }
            "pull_request" => {
                let mut f = PullRequestFilter::default();
                for e in entries {
                    if e.key.value == "events" {
                        let items = match &e.value {
                            Value::List(items, _) => items.clone(),
                            other => vec![other.clone()],
                        };
                        for item in &items {
                            f.events.push(choice(
                                item,
                                "events",
                                &[
                                    ("OPEN", PullRequestEvent::Open),
                                    ("UPDATED", PullRequestEvent::Updated),
                                    ("CLOSED", PullRequestEvent::Closed),
                                ],
                            )?);
                        }
                        continue;
                    }
                    let list = strings(&e.value, &e.key.value)?;
                    match e.key.value.as_str() {
                        "branches" => f.branches = list,
                        "branches_excluded" => f.branches_excluded = list,
                        "file_paths" => f.file_paths = list,
                        "file_paths_excluded" => f.file_paths_excluded = list,
                        _ => {
                            return Err(unknown(
                                &e.key,
                                "pull-request filter",
                                &[
                                    "events",
                                    "branches",
                                    "branches_excluded",
                                    "file_paths",
                                    "file_paths_excluded",
                                ],
                            ))
                        }
                    }
                }
                t.pull_request.push(f);
            }
            _ => {
                return Err(unknown(
                    &p.key,
                    "trigger property",
                    &["push", "pull_request"],
                ))
            }
        }
    }
    Ok(t)
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unknown(key: &Name, what: &str, expected: &[&str]) -> syn::Error {
    key.sp.error(format!(
        "unknown {what} `{}`; expected one of {}",
        key.value,
        list(expected)
    ))
}

/// A string literal.
fn string(v: &Value, key: &str) -> Result<String, syn::Error> {
    match v {
        Value::Str(s, _) => Ok(s.clone()),
        other => Err(other.sp().error(format!(
            "`{key}` takes a string, like `\"text\"`, found {}",
            other.describe()
        ))),
    }
}

/// A list of string literals (or one).
fn strings(v: &Value, key: &str) -> Result<Vec<String>, syn::Error> {
    match v {
        Value::List(items, _) => items.iter().map(|i| string(i, key)).collect(),
        other => Ok(vec![string(other, key)?]),
    }
}

/// A name: a string literal or a word.
fn name(v: &Value, what: &str) -> Result<Name, syn::Error> {
    match v {
        Value::Str(s, sp) | Value::Ident(s, sp) => Ok(Name {
            value: s.clone(),
            sp: *sp,
        }),
        other => Err(other.sp().error(format!(
            "expected the {what} as a word or a string, found {}",
            other.describe()
        ))),
    }
}

/// One name, or a list of them.
fn names(v: &Value, what: &str) -> Result<Vec<Name>, syn::Error> {
    match v {
        Value::List(items, _) => items.iter().map(|i| name(i, what)).collect(),
        other => Ok(vec![name(other, what)?]),
    }
}

fn boolean(v: &Value, key: &str) -> Result<bool, syn::Error> {
    match v {
        Value::Ident(s, _) if s == "true" => Ok(true),
        Value::Ident(s, _) if s == "false" => Ok(false),
        other => Err(other.sp().error(format!(
            "`{key}` takes `true` or `false`, found {}",
            other.describe()
        ))),
    }
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// One of a fixed set of words, compared without case and underscores (`CreateUpdate` is
/// `CREATE_UPDATE`).
fn choice<T: Copy>(v: &Value, key: &str, options: &[(&str, T)]) -> Result<T, syn::Error> {
    let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
    match v {
        Value::Ident(s, sp) | Value::Str(s, sp) => options
            .iter()
            .find(|(w, _)| normalize(w) == normalize(s))
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                sp.error(format!(
                    "unknown `{key}` value `{s}`; expected one of {}",
                    list(&words)
                ))
            }),
        other => Err(other.sp().error(format!(
            "`{key}` takes one of {}, found {}",
            list(&words),
            other.describe()
        ))),
    }
}

/// `30m`, `2d 4h`, `90s`, `0` or `"2d 4h"`, read by `vsm_dsl::model::duration::parse`.
fn duration_of(v: &Value, key: &str) -> Result<Duration, syn::Error> {
    let text = match v {
        Value::Str(s, _) => s.clone(),
        Value::Number(Number {
            negative: false,
            parts,
            percent: false,
            ..
        }) => parts
            .iter()
            .map(|(digits, suffix)| format!("{digits}{suffix}"))
            .collect::<Vec<_>>()
            .join(" "),
        other => {
            return Err(other.sp().error(format!(
                "`{key}` takes a duration, like `30m`, `4h` or `2d 4h`, found {}",
                other.describe()
            )))
        }
    };
    duration::parse(&text).map_err(|e| v.sp().error(e))
}

/// `95%`, `97.5%`, `-5%`.
fn percent(v: &Value) -> Result<f64, syn::Error> {
    match v {
        Value::Number(Number {
            negative,
            parts,
            percent: true,
            ..
        }) if parts.len() == 1 && parts[0].1.is_empty() => {
            let value: f64 = parts[0]
                .0
                .parse()
                .map_err(|_| v.sp().error("expected a percentage, like `95%`"))?;
            Ok(if *negative { -value } else { value })
        }
        other => Err(other.sp().error(format!(
            "`ca` takes a percentage, like `95%`, found {}",
            other.describe()
        ))),
    }
}

/// A whole number without a suffix.
fn whole(v: &Value, key: &str) -> Result<u32, syn::Error> {
    match v {
        Value::Number(Number {
            negative: false,
            parts,
            percent: false,
            ..
        }) if parts.len() == 1 && parts[0].1.is_empty() => parts[0].0.parse().map_err(|_| {
            v.sp()
                .error(format!("`{key}` takes a whole number from 0 to 4294967295"))
        }),
        other => Err(other.sp().error(format!(
            "`{key}` takes a whole number, like `2`, found {}",
            other.describe()
        ))),
    }
}
