//! Streams meant to be valid, over every kind, setting, trigger, variable, tag and embedding
//! option, with names at their edges: the longest allowed, every allowed punctuation, and
//! names that collide once turned into logical ids or parameter names (`Deploy` and
//! `De-ploy`, a connection parameter named `Pipeline` or like a generated role parameter).
//!
//! The strategy builds each stream from proptest's random source so that every action can see
//! what came before it (artifacts to read, namespaces to reference). A stream it makes is
//! either rejected by a rule or must emit a template cfn-lint and checkov find nothing in
//! (`tests/prove.rs`).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::time::Duration;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use vsm::emit::EmitOptions;
use vsm::kinds::*;
use vsm::model::*;

/// A stream and the options it is emitted with.
#[derive(Debug, Clone)]
pub struct Case {
    /// The stream.
    pub stream: Stream,
    /// How it is emitted (prefix, existing bucket, key, role).
    pub options: EmitOptions,
}

/// Streams meant to be valid, with their embedding options.
pub fn case() -> impl Strategy<Value = Case> {
    Just(()).prop_perturb(|(), rng| Gen::new(rng).case())
}

/// `count` cases from a fixed seed: the same seed gives the same cases.
pub fn sample(count: usize, seed: u64) -> Vec<Case> {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = case();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).expect("a case").current())
        .collect()
}

/// Letters, digits and the punctuation pipeline, stage and action names allow.
const NAME: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.@_-";
/// Artifact names: no `.` or `@`.
const ARTIFACT: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
/// Namespaces and variable names: no `.`.
const NAMESPACE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@_-";
/// Logical ids and parameter names.
const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LOWER: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const DIGITS: &[u8] = b"0123456789";

/// Stage names: some collide once capitalised and stripped of punctuation.
const STAGES: &[&str] = &[
    "Build",
    "Test",
    "Deploy",
    "De-ploy",
    "de.ploy",
    "De_ploy",
    "deploy",
    "Release",
    "Prod",
    "QA",
    "Deploy2",
    "Pipeline",
    "Approve@once",
];
/// Action names, with the same kind of near-collisions.
const ACTIONS: &[&str] = &[
    "Deploy",
    "de-ploy",
    "Compile",
    "compile",
    "Unit.tests",
    "Unit_tests",
    "Role",
    "Stack",
    "Site",
    "Go",
    "Notify@ops",
    "Project",
    "Pipeline",
];
/// Connection parameter names: the default, plain ones, and ones that collide with what the
/// template generates (a resource, an output, a CloudFormation action's role parameter, a
/// CodeBuild project).
const CONNECTION_PARAMETERS: &[&str] = &[
    "ConnectionArn",
    "GitHubConnection",
    "Pipeline",
    "PipelineRole",
    "ArtifactBucket",
    "ArtifactKey",
    "MockStep",
    "CodeBuildRole",
    "PipelineName",
    "DeployDeployRoleArn",
    "BuildCompileProject",
];

/// Everything an action may refer to that came before it.
#[derive(Default)]
struct Seen {
    /// Artifacts: name, stage index, run order, readable only by CodeBuild (a full clone).
    artifacts: Vec<(String, usize, u32, bool)>,
    /// Namespaces: name, stage index, run order.
    namespaces: Vec<(String, usize, u32)>,
    /// Every artifact name and namespace so far (they share one space).
    taken: Vec<String>,
    /// Connection parameters so far.
    connection_parameters: Vec<String>,
}

/// Where the action being made stands.
#[derive(Clone, Copy)]
struct Here {
    stage: usize,
    order: u32,
}

/// An action's kind and artifacts before it is named and placed.
struct Draft {
    kind: ActionKind,
    inputs: Vec<String>,
    outputs: usize,
    /// Outputs only CodeBuild may read.
    clone: bool,
}

impl Draft {
    fn new(kind: impl Into<ActionKind>) -> Self {
        Self {
            kind: kind.into(),
            inputs: Vec::new(),
            outputs: 0,
            clone: false,
        }
    }

    fn reads(mut self, inputs: Vec<String>) -> Self {
        self.inputs = inputs;
        self
    }

    fn writes(mut self, outputs: usize) -> Self {
        self.outputs = outputs;
        self
    }
}

struct Gen {
    rng: TestRng,
    seen: Seen,
    v2: bool,
    variables: Vec<String>,
    /// Every name at its longest (pipeline, stages, actions, artifacts, namespaces).
    long: bool,
}

impl Gen {
    fn new(rng: TestRng) -> Self {
        Self {
            rng,
            seen: Seen::default(),
            v2: true,
            variables: Vec::new(),
            long: false,
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        self.rng.random_range(lo..=hi)
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())].clone()
    }

    fn chars(&mut self, charset: &[u8], len: usize) -> String {
        (0..len).map(|_| char::from(self.pick(charset))).collect()
    }

    /// A length in `1..=max`: often short, sometimes exactly 1 or `max`.
    fn length(&mut self, max: usize) -> usize {
        if self.long {
            return max;
        }
        match self.between(0, 9) {
            0 => max,
            1 => 1,
            2 => self.between(1, max),
            _ => self.between(1, max.min(12)),
        }
    }

    /// A name of this charset, 1 to `max` characters, starting with a letter: words of the
    /// charset joined by its punctuation. Words, not random characters: a long random string
    /// reads as a key to checkov's secret scanners, and names are not keys.
    fn name(&mut self, charset: &[u8], max: usize) -> String {
        const WORDS: &[&str] = &[
            "deploy", "Build", "stage", "x", "QA", "v2", "prod", "Team", "a1b",
        ];
        let len = self.length(max);
        let punctuation: Vec<u8> = charset
            .iter()
            .copied()
            .filter(|c| !c.is_ascii_alphanumeric())
            .collect();
        let mut out = String::new();
        while out.len() < len {
            if !out.is_empty() && !punctuation.is_empty() && self.chance(0.5) {
                out.push(char::from(self.pick(&punctuation)));
            }
            let word: String = self
                .pick(WORDS)
                .chars()
                .filter(|c| charset.contains(&(*c as u8)))
                .collect();
            if word.is_empty() {
                out.push_str(&self.chars(charset, 1));
            } else {
                out.push_str(&word);
            }
        }
        out.truncate(len);
        if !out.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let letter = charset
                .iter()
                .copied()
                .find(u8::is_ascii_alphabetic)
                .map_or('A', char::from);
            out.replace_range(..1, &letter.to_string());
        }
        out
    }

    /// Free text: words, punctuation, non-ASCII letters, sometimes at its longest.
    fn text(&mut self, max: usize) -> String {
        const WORDS: &[&str] = &[
            "ship",
            "it",
            "ünïcode",
            "日本",
            "a/b",
            "x=1",
            "${NotASub}",
            "\"quoted\"",
            "50%",
            "<tag>",
            "tab\there",
            "&",
            "#hash",
            "{}",
        ];
        let mut out = String::new();
        let long = self.chance(0.1);
        while out.is_empty() || (long && out.chars().count() < max) || self.chance(0.5) {
            if !out.is_empty() {
                out.push(' ');
            }
            let w = self.pick(WORDS);
            out.push_str(w);
        }
        out.chars()
            .take(max)
            .collect::<String>()
            .trim_end()
            .to_owned()
    }

    /// Text that may read a pipeline variable or an earlier action's namespace.
    fn text_with_references(&mut self, here: Here, max: usize) -> String {
        let mut text = self.text(max.saturating_sub(60).max(1));
        let earlier: Vec<String> = self
            .seen
            .namespaces
            .iter()
            .filter(|(_, s, o)| (*s, *o) < (here.stage, here.order))
            .map(|(n, _, _)| n.clone())
            .collect();
        match self.between(0, 5) {
            0 if !earlier.is_empty() && self.v2 => {
                let ns = self.pick(&earlier);
                text = format!("{text} #{{{ns}.CommitId}}");
            }
            0 if !earlier.is_empty() => {
                let ns = self.pick(&earlier);
                text = format!("#{{{ns}.Out}} {text}");
            }
            1 if !self.variables.is_empty() => {
                let v = self.pick(&self.variables.clone());
                text = format!("{text} #{{variables.{v}}}");
            }
            2 => text = format!("{text} #{{codepipeline.PipelineExecutionId}}"),
            _ => {}
        }
        text.chars().take(max).collect()
    }

    /// A fresh artifact name or namespace (they share one space).
    fn fresh(&mut self, charset: &[u8], max: usize) -> String {
        loop {
            let n = if self.chance(0.5) && !self.long {
                let base = self.pick(&["Src", "App", "Image", "Build_Output", "out-1", "Tools"]);
                match self.between(0, 3) {
                    0 => base.to_owned(),
                    n => format!("{base}{n}"),
                }
            } else {
                self.name(charset, max)
            };
            let reserved = ["codepipeline", "variables"]
                .iter()
                .any(|r| n.eq_ignore_ascii_case(r));
            if !reserved && !self.seen.taken.contains(&n) {
                self.seen.taken.push(n.clone());
                return n;
            }
        }
    }

    /// Artifacts produced strictly before `here` (an earlier stage, or a lower run order);
    /// full clones only when `clones` is true.
    fn readable(&self, here: Here, clones: bool) -> Vec<String> {
        self.seen
            .artifacts
            .iter()
            .filter(|(_, s, o, c)| (*s, *o) < (here.stage, here.order) && (clones || !c))
            .map(|(n, _, _, _)| n.clone())
            .collect()
    }

    /// `lo..=hi` distinct artifacts from `from` (fewer when there are fewer).
    fn some(&mut self, from: &[String], lo: usize, hi: usize) -> Vec<String> {
        let want = self.between(lo, hi).min(from.len());
        let mut pool = from.to_vec();
        let mut out = Vec::new();
        while out.len() < want {
            let i = self.between(0, pool.len() - 1);
            out.push(pool.remove(i));
        }
        out
    }

    fn case(mut self) -> Case {
        self.v2 = self.chance(0.9);
        self.long = self.chance(0.1);
        let mut stream = Stream::new(self.name(NAME, 100));
        stream.settings.pipeline_type = if self.v2 {
            PipelineType::V2
        } else {
            PipelineType::V1
        };
        if self.v2 {
            stream.settings.execution_mode = self.pick(&[
                None,
                Some(ExecutionMode::Superseded),
                Some(ExecutionMode::Queued),
                Some(ExecutionMode::Parallel),
            ]);
            stream.settings.variables = self.variables();
        } else if self.chance(0.3) {
            stream.settings.execution_mode = Some(ExecutionMode::Superseded);
        }
        stream.settings.tags = self.tags();
        let mut stage_names: Vec<String> = Vec::new();
        let source_name = self.stage_name(&stage_names);
        stage_names.push(source_name.clone());
        stream.stages.push(self.source_stage(source_name));
        for si in 1..=self.between(1, 4) {
            let name = self.stage_name(&stage_names);
            stage_names.push(name.clone());
            stream.stages.push(self.step_stage(si, name));
        }
        if self.v2 {
            stream.settings.triggers = self.triggers(&stream.stages[0]);
            for (si, stage) in stream.stages.iter_mut().enumerate().skip(1) {
                if self.chance(0.3) {
                    self.conditions(stage, si);
                }
            }
        }
        if self.chance(0.3) {
            self.place_in_accounts(&mut stream);
        }
        if self.chance(0.25) {
            self.choices(&mut stream);
        }
        let options = self.options();
        Case { stream, options }
    }

    /// The pipeline's account and Region, and some steps in other accounts and Regions (with a
    /// role vsm creates, or one given), sometimes with a given store in a Region.
    fn place_in_accounts(&mut self, stream: &mut Stream) {
        stream.settings.account = Some("111111111111".to_owned());
        stream.settings.region = Some("eu-west-1".to_owned());
        if self.chance(0.3) {
            stream.settings.artifact_stores = vec![RegionStore {
                region: "ap-southeast-2".into(),
                bucket: "acme-artifacts-sydney".into(),
                key: Some("arn:aws:kms:ap-southeast-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab".into()),
            }];
        }
        for si in 1..stream.stages.len() {
            for ai in 0..stream.stages[si].actions.len() {
                let (reach, aws) = {
                    let a = &stream.stages[si].actions[ai];
                    (
                        a.kind.info().reach,
                        a.kind.action_type().owner == Owner::Aws,
                    )
                };
                if !aws {
                    continue;
                }
                if reach.account && self.chance(0.3) {
                    let account = self.pick(&["222222222222", "333333333333"]);
                    let given = self.chance(0.3);
                    let a = &mut stream.stages[si].actions[ai];
                    a.account = Some(account.to_owned());
                    if given {
                        a.action_role =
                            Some(format!("arn:aws:iam::{account}:role/pipeline-actions").into());
                    }
                }
                if reach.region && self.chance(0.3) {
                    let region = self.pick(&["us-east-1", "eu-west-1", "ap-southeast-2"]);
                    stream.stages[si].actions[ai].region = Some(region.into());
                }
            }
            // Some rules of its conditions run in another account too.
            let s = &mut stream.stages[si].settings;
            for c in [&mut s.before_entry, &mut s.on_success, &mut s.on_failure]
                .into_iter()
                .flatten()
            {
                for rule in &mut c.rules {
                    if self.chance(0.3) {
                        let account = self.pick(&["222222222222", "333333333333"]);
                        rule.account = Some(account.to_owned());
                        rule.role_arn = self
                            .chance(0.3)
                            .then(|| format!("arn:aws:iam::{account}:role/pipeline-gates").into());
                    }
                }
            }
        }
    }

    /// Template conditions choosing parts of the stream: a parameter `Variant`, condition
    /// `UseA` on it, and the last stage present only under it, or one of its actions with an
    /// alternative (of the same name, or another) right after it.
    fn choices(&mut self, stream: &mut Stream) {
        let allowed: Vec<String> = if self.chance(0.5) {
            vec!["a".into(), "b".into()]
        } else {
            Vec::new()
        };
        stream.settings.parameters.push(
            Parameter::new("Variant")
                .default_value("a")
                .allowed_values(allowed),
        );
        let test = vsm::cfn::Expr::from_value(
            &serde_json::json!({"Fn::Equals": [{"Ref": "Variant"}, "a"]}),
        );
        stream
            .settings
            .conditions
            .push(Condition::new("UseA", test));
        let last = stream.stages.len() - 1;
        // A stage under a condition needs another after the source stage (CP-STRUCT-5).
        if last >= 2 && self.chance(0.4) {
            let stage = &mut stream.stages[last];
            if self.chance(0.5) {
                stage.when.push("UseA".into());
            } else {
                stage.unless.push("UseA".into());
            }
            return;
        }
        let stage = &mut stream.stages[last];
        let ai = self.between(0, stage.actions.len() - 1);
        let mut other = stage.actions[ai].clone();
        if self.chance(0.5) {
            other.name = format!("{}-b", other.name.chars().take(97).collect::<String>());
        }
        stage.actions[ai].when.push("UseA".into());
        other.unless.push("UseA".into());
        stage.actions.insert(ai + 1, other);
    }

    fn stage_name(&mut self, taken: &[String]) -> String {
        loop {
            let name = if self.chance(0.6) && !self.long {
                self.pick(STAGES).to_owned()
            } else {
                self.name(NAME, 100)
            };
            if !taken.contains(&name) {
                return name;
            }
        }
    }

    fn action_name(&mut self, stage: &Stage) -> String {
        loop {
            let name = if self.chance(0.5) && !self.long {
                self.pick(ACTIONS).to_owned()
            } else {
                self.name(NAME, 100)
            };
            if !stage.actions.iter().any(|a| a.name == name) {
                return name;
            }
        }
    }

    fn variables(&mut self) -> Vec<Variable> {
        let count = if self.chance(0.02) {
            50
        } else {
            self.between(0, 3)
        };
        let mut out: Vec<Variable> = Vec::new();
        while out.len() < count {
            let name = self.name(NAMESPACE, 128);
            if out.iter().any(|v| v.name == name) {
                continue;
            }
            let default = if self.chance(0.6) {
                Some(self.text(1000))
            } else {
                None
            };
            let description = if self.chance(0.5) {
                Some(self.text(200))
            } else {
                None
            };
            out.push(Variable {
                name,
                default: default.map(Into::into),
                description,
            });
        }
        self.variables = out.iter().map(|v| v.name.clone()).collect();
        out
    }

    fn tags(&mut self) -> Vec<Tag> {
        let count = if self.chance(0.02) {
            50
        } else {
            self.between(0, 3)
        };
        let mut out: Vec<Tag> = Vec::new();
        while out.len() < count {
            let key = if self.chance(0.3) {
                self.pick(&["team", "cost-center", "Owner", "app:tier", "a.b/c=d+e@f"])
                    .to_owned()
            } else {
                self.name(NAME, 128)
            };
            if out.iter().any(|t| t.key == key) {
                continue;
            }
            let value = if self.chance(0.2) {
                String::new()
            } else {
                self.text(256)
            };
            out.push(Tag {
                key,
                value: value.into(),
            });
        }
        out
    }

    fn pattern(&mut self) -> String {
        if self.chance(0.8) {
            self.pick(&[
                "main",
                "release/*",
                "feature/**",
                "v[0-9]*",
                "src/**/*.rs",
                "*",
            ])
            .to_owned()
        } else {
            self.name(NAME, 255)
        }
    }

    /// Distinct patterns (a list holds each once, CP-TRIG-12), up to the 8 a list takes;
    /// rarely one twice.
    fn patterns(&mut self) -> Vec<String> {
        let n = if self.chance(0.05) {
            8
        } else {
            self.between(0, 2)
        };
        let mut out: Vec<String> = Vec::new();
        while out.len() < n {
            let p = self.pattern();
            if !out.contains(&p) || self.chance(0.01) {
                out.push(p);
            }
        }
        out
    }

    fn triggers(&mut self, source: &Stage) -> Vec<Trigger> {
        let mut out = Vec::new();
        for a in &source.actions {
            if !a.kind.is::<Connection>() || !self.chance(0.5) {
                continue;
            }
            let mut t = Trigger::new(a.name.clone());
            for _ in 0..self.between(0, 3) {
                let mut f = PushFilter {
                    branches: self.patterns(),
                    branches_excluded: self.patterns(),
                    tags: self.patterns(),
                    tags_excluded: self.patterns(),
                    file_paths: self.patterns(),
                    file_paths_excluded: self.patterns(),
                };
                if f.branches.is_empty() && f.tags.is_empty() {
                    f.branches.push(self.pattern());
                }
                t.push.push(f);
            }
            let pulls = if t.push.is_empty() {
                self.between(1, 3)
            } else {
                self.between(0, 3)
            };
            for _ in 0..pulls {
                let mut events = vec![
                    PullRequestEvent::Open,
                    PullRequestEvent::Updated,
                    PullRequestEvent::Closed,
                ];
                events.truncate(self.between(0, 3));
                let mut branches = self.patterns();
                if branches.is_empty() {
                    branches.push(self.pattern());
                }
                t.pull_request.push(PullRequestFilter {
                    events,
                    branches,
                    branches_excluded: self.patterns(),
                    file_paths: self.patterns(),
                    file_paths_excluded: self.patterns(),
                });
            }
            out.push(t);
        }
        out
    }

    fn options(&mut self) -> EmitOptions {
        let mut o = EmitOptions::default();
        if self.chance(0.4) {
            let len = if self.chance(0.1) {
                self.between(40, 120)
            } else {
                self.between(1, 12)
            };
            o.logical_id_prefix = self.name(ALNUM, len).chars().take(len).collect();
        }
        if self.chance(0.2) {
            o.artifact_bucket = Some(self.bucket().into());
        }
        if self.chance(0.2) {
            o.kms_key_arn = Some(self.pick(&[
                "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
                "arn:aws:kms:eu-west-1:123456789012:alias/pipeline-artifacts",
            ]).into());
        }
        if self.chance(0.2) {
            o.pipeline_role_arn = Some(
                format!(
                    "arn:aws:iam::123456789012:role/{}",
                    self.pick(&[
                        "pipeline",
                        "service-role/pipeline-role",
                        "a/b/c/Pipeline_Role+=,.@-"
                    ])
                )
                .into(),
            );
        }
        o
    }

    fn bucket(&mut self) -> String {
        match self.between(0, 3) {
            0 => "abc".to_owned(),
            1 => {
                let mut b = self.name(b"abcdefghijklmnopqrstuvwxyz0123456789.-", 63);
                while b.len() < 63 {
                    b.push('a');
                }
                b.replace_range(62.., "z");
                b.replace("..", ".a")
                    .replace(".-", ".a")
                    .replace("-.", "-a")
            }
            _ => self
                .pick(&["acme-artifacts", "my.bucket.example", "b-123"])
                .to_owned(),
        }
    }

    fn source_stage(&mut self, name: String) -> Stage {
        let mut stage = Stage::new(name);
        let sources: Vec<&'static KindInfo> = KINDS
            .iter()
            .copied()
            .filter(|k| k.place != Place::Step)
            .collect();
        for _ in 0..self.between(1, 3) {
            let info = self.pick(&sources);
            let here = Here { stage: 0, order: 1 };
            let action_name = self.action_name(&stage);
            let draft = kind_case(self, info, here, &stage.name, &action_name)
                .unwrap_or_else(|| panic!("kind {} has no generator case", info.keyword));
            self.place(&mut stage, action_name, draft, here);
        }
        stage
    }

    fn step_stage(&mut self, si: usize, name: String) -> Stage {
        let mut stage = Stage::new(name);
        let with_custom = self.chance(0.3);
        let steps: Vec<&'static KindInfo> = KINDS
            .iter()
            .copied()
            .filter(|k| k.place == Place::Step || (k.place == Place::Any && with_custom))
            .filter(|k| self.v2 || !k.v2_only)
            .collect();
        let mut order = 1;
        let count = if self.chance(0.02) {
            50
        } else {
            self.between(1, 4)
        };
        for i in 0..count {
            if i > 0 && self.chance(0.4) && order < 999 {
                order = stage.next_run_order(order).min(999);
            }
            if self.chance(0.03) {
                order = self.between(order as usize, 999) as u32;
            }
            let here = Here { stage: si, order };
            let info = self.pick(&steps);
            let action_name = self.action_name(&stage);
            let draft = kind_case(self, info, here, &stage.name, &action_name)
                .unwrap_or_else(|| panic!("kind {} has no generator case", info.keyword));
            self.place(&mut stage, action_name, draft, here);
        }
        stage
    }

    /// Names the draft's outputs, maybe gives it a namespace and annotations, and adds it.
    fn place(&mut self, stage: &mut Stage, name: String, draft: Draft, here: Here) {
        let mut action = Action::new(name, draft.kind);
        action.run_order = here.order;
        action.inputs = draft.inputs;
        for _ in 0..draft.outputs {
            let out = self.fresh(ARTIFACT, 100);
            self.seen
                .artifacts
                .push((out.clone(), here.stage, here.order, draft.clone));
            action.outputs.push(out);
        }
        if self.chance(0.3) {
            let ns = self.fresh(NAMESPACE, 100);
            self.seen
                .namespaces
                .push((ns.clone(), here.stage, here.order));
            action.namespace = Some(ns);
        }
        let a = &mut action.annotations;
        if self.chance(0.5) {
            a.process_time = Some(Duration::from_secs(60 * self.between(0, 600) as u64));
        }
        if self.chance(0.5) {
            a.wait_time = Some(Duration::from_secs(self.between(0, 10_000_000) as u64));
        }
        if self.chance(0.5) {
            a.complete_accurate = Some(self.between(0, 1000) as f64 / 10.0);
        }
        stage.actions.push(action);
    }
}

impl Gen {
    /// Some of a stage's conditions: a gate before entry (failing or skipping), a check on
    /// success, a rollback or retry on failure, with rules of every rule type.
    fn conditions(&mut self, stage: &mut Stage, si: usize) {
        // What came before the stage, for the rules that read artifacts.
        let before = self.readable(
            Here {
                stage: si,
                order: 0,
            },
            false,
        );
        let mut names = 0;
        let mut rules = |g: &mut Gen, skipping: bool| -> Vec<Rule> {
            (0..g.between(1, 3))
                .map(|_| {
                    names += 1;
                    let name = format!("{}{names}", g.name(NAME, 90));
                    g.rule(name, skipping, &before)
                })
                .collect()
        };
        let s = &mut stage.settings;
        if self.chance(0.6) {
            let skip = self.chance(0.3);
            let mut c = if skip {
                StageCondition::skip()
            } else {
                StageCondition::fail()
            };
            c.rules = rules(self, skip);
            c.annotations = self.condition_annotations();
            s.before_entry = Some(c);
        }
        if self.chance(0.4) {
            let mut c = self.pick(&[StageCondition::rollback(), StageCondition::fail()]);
            c.rules = rules(self, false);
            c.annotations = self.condition_annotations();
            s.on_success = Some(c);
        }
        if self.chance(0.5) {
            s.on_failure = Some(match self.between(0, 3) {
                0 => StageCondition::rollback(),
                1 => {
                    let name = format!("F{}", self.name(NAME, 90));
                    StageCondition::rollback().rule(self.rule(name, false, &[]))
                }
                2 => StageCondition::retry(
                    self.pick(&[RetryMode::FailedActions, RetryMode::AllActions]),
                ),
                _ => StageCondition::fail(),
            });
        }
    }

    /// A rule of some rule type (a lambda or variable check when it may skip the stage; a
    /// commands or CodeBuild check reading some of `inputs` when there are some).
    fn rule(&mut self, name: String, skipping: bool, inputs: &[String]) -> Rule {
        use vsm::builder::rule;
        use vsm::conditions::cloudwatch_alarm::AlarmState;
        use vsm::conditions::variable_check::VariableOperator;
        let variable = (!self.variables.is_empty()).then(|| self.pick(&self.variables.clone()));
        let choice = match (skipping, inputs.is_empty()) {
            (true, _) => self.between(2, 3),
            (false, true) => self.between(0, 3),
            (false, false) => self.between(0, 5),
        };
        let mut rule: Rule = match (choice, variable) {
            (0, _) => {
                let cron = self.pick(&[
                    "* * 9-16 ? * MON-FRI *",
                    "0 0/30 8-18 ? * * *",
                    "* * * ? * SAT,SUN *",
                    "0 0 22 * * ? 2027",
                ]);
                let window = rule::deployment_window(name, cron);
                match self.pick(&[
                    None,
                    Some("Europe/Berlin"),
                    Some("UTC+05:30"),
                    Some("PST"),
                    Some("America/Argentina/Buenos_Aires"),
                ]) {
                    Some(zone) => window.time_zone(zone).into(),
                    None => window.into(),
                }
            }
            (1, _) => {
                let mut alarm = rule::cloudwatch_alarm(name, self.name(NAME, 255));
                if self.chance(0.5) {
                    alarm = alarm.alarm_states([AlarmState::Alarm, AlarmState::InsufficientData]);
                }
                if self.chance(0.5) {
                    alarm = alarm.wait_time(Duration::from_secs(60 * self.between(1, 60) as u64));
                }
                alarm.into()
            }
            (4, _) => {
                let commands: Vec<String> = (0..self.between(1, 3))
                    .map(|_| {
                        self.pick(&["make check", "./smoke-test.sh", "test -f ready"])
                            .to_owned()
                    })
                    .collect();
                let mut check: Rule = rule::commands(name).commands(commands).into();
                check.inputs = self.some(inputs, 1, 1);
                check
            }
            (5, _) => {
                let read = self.some(inputs, 1, 2);
                let mut check = rule::codebuild(name, self.name(ALNUM, 100));
                if read.len() > 1 {
                    check = check.primary_source(read[0].clone());
                }
                let mut check: Rule = check.into();
                check.inputs = read;
                check
            }
            (3, Some(v)) => {
                let operator = self.pick(&[
                    VariableOperator::Eq,
                    VariableOperator::Contains,
                    VariableOperator::Matches,
                    VariableOperator::Ne,
                ]);
                rule::variable_check(
                    name,
                    format!("#{{variables.{v}}}"),
                    operator,
                    self.text(100),
                )
                .into()
            }
            _ => {
                let check = rule::lambda_invoke(name, self.name(ALNUM, 64));
                if self.chance(0.5) {
                    check.user_parameters(self.text(1000)).into()
                } else {
                    check.into()
                }
            }
        };
        if self.chance(0.2) {
            rule.role_arn = Some("arn:aws:iam::111111111111:role/pipeline-gates".into());
        }
        rule
    }

    /// Sometimes a condition's process time, wait and %C&A.
    fn condition_annotations(&mut self) -> Annotations {
        let mut a = Annotations::default();
        if self.chance(0.3) {
            a.process_time = Some(Duration::from_secs(60 * self.between(0, 60) as u64));
        }
        if self.chance(0.3) {
            a.wait_time = Some(Duration::from_secs(60 * self.between(0, 600) as u64));
        }
        if self.chance(0.3) {
            a.complete_accurate = Some(self.between(0, 1000) as f64 / 10.0);
        }
        a
    }
}

/// The valid values of one kind at this place; `None` for a kind without a case here (a kind
/// added to `KINDS` must get one: `tests/prove.rs` checks).
fn kind_case(g: &mut Gen, info: &KindInfo, here: Here, stage: &str, action: &str) -> Option<Draft> {
    let _ = (stage, action);
    Some(match info.keyword {
        "connection" => connection(g),
        "s3_source" => Draft::new(kind!(S3Source {
            bucket: g.bucket().into(),
            key: g
                .pick(&[
                    "app.zip",
                    "releases/app 1.2.zip",
                    "ünï/${NotASub}/k.zip",
                    "a"
                ])
                .to_owned()
                .into(),
            poll: g.pick(&[None, Some(false), Some(true)]),
            allow_key_override: g.pick(&[None, Some(false), Some(true)]),
        }))
        .writes(1),
        "codecommit" => {
            let full_clone = g.pick(&[None, None, None, Some(false), Some(true)]);
            let mut d = Draft::new(kind!(CodeCommit {
                repository: g.name(b"ABCabc012._-", 100).into(),
                branch: branch(g).into(),
                poll: g.pick(&[None, Some(false), Some(true)]),
                full_clone,
            }))
            .writes(1);
            d.clone = full_clone == Some(true);
            d
        }
        "ecr" => Draft::new(kind!(Ecr {
            repository: g
                .pick(&["base", "team/app-image", "a.b_c-d/e"])
                .to_owned()
                .into(),
            tag: g
                .chance(0.5)
                .then(|| g.pick(&["latest", "v1.2.3", "stable_2024"]).to_owned())
                .map(Into::into),
        }))
        .writes(1),
        "mock" => {
            let from = g.readable(here, false);
            let inputs = g.some(&from, 0, 2);
            let outputs = g.between(0, 2);
            Draft::new(kind!(Mock {})).reads(inputs).writes(outputs)
        }
        "approval" => approval(g, here),
        "codebuild" => codebuild(g, here)?,
        "lambda" => {
            let from = g.readable(here, false);
            let inputs = g.some(&from, 0, 2);
            let outputs = g.between(0, 2);
            Draft::new(kind!(Lambda {
                function: g
                    .pick(&[
                        "announce",
                        "a_b-C9",
                        "arn:aws:lambda:eu-west-1:123456789012:function:announce",
                        "arn:aws:lambda:eu-west-1:123456789012:function:announce:prod",
                    ])
                    .to_owned()
                    .into(),
                user_parameters: g
                    .chance(0.5)
                    .then(|| g.text_with_references(here, 1000))
                    .map(Into::into),
            }))
            .reads(inputs)
            .writes(outputs)
        }
        "cloudformation" => cloudformation(g, here)?,
        "custom" => custom(g, here),
        "ecs" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            Draft::new(kind!(Ecs {
                cluster: g.name(b"ABCabc012_-", 255).into(),
                service: g.name(b"ABCabc012_-", 255).into(),
                file: g.chance(0.3).then(|| "imagedefinitions.json".to_owned()),
                timeout: g
                    .chance(0.5)
                    .then(|| Duration::from_secs(60 * g.between(1, 60) as u64)),
                task_roles: task_roles(g)
                    .into_iter()
                    .map(Into::into)
                    .collect::<Vec<_>>(),
            }))
            .reads(input)
        }
        "ecs_blue_green" => ecs_blue_green(g, here)?,
        "codedeploy" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            Draft::new(kind!(CodeDeploy {
                application: g.name(NAME, 100).into(),
                deployment_group: g.name(NAME, 100).into(),
            }))
            .reads(input)
        }
        "s3_deploy" => s3_deploy(g, here)?,
        "step_functions" => step_functions(g, here),
        "commands" => commands(g, here)?,
        "stackset" => stackset(g, here)?,
        "device_farm" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            let (app_type, test_type) = g.pick(&[
                (AppType::Android, DeviceFarmTest::BuiltinFuzz),
                (AppType::Android, DeviceFarmTest::Instrumentation),
                (AppType::Ios, DeviceFarmTest::Xctest),
                (AppType::Ios, DeviceFarmTest::BuiltinExplorer),
                (AppType::Web, DeviceFarmTest::AppiumWebPython),
            ]);
            let fuzz = test_type == DeviceFarmTest::BuiltinFuzz;
            let builtin = fuzz || test_type == DeviceFarmTest::BuiltinExplorer;
            let located = g.chance(0.3);
            Draft::new(kind!(DeviceFarm {
                project: g.pick(&["eec4905f-98f8-40aa-9afc-4c1cf0123456", "a-b-c"]).to_owned().into(),
                app_type,
                device_pool: g
                    .pick(&[
                        "arn:aws:devicefarm:us-west-2::devicepool:082d10e5-d7d7-48a5-ba5c-b33d66efa1f5",
                        "arn:aws:devicefarm:us-west-2:123456789012:devicepool:eec4905f/a1b2",
                    ])
                    .to_owned()
                    .into(),
                test_type,
                app: (app_type != AppType::Web)
                    .then(|| g.pick(&["app-release.apk", "build/ü app.ipa"]).to_owned().into()),
                test: (!builtin).then(|| g.pick(&["tests.zip", "a b/ü.zip"]).to_owned().into()),
                record_video: g.pick(&[None, Some(true), Some(false)]),
                radio_wifi: g.pick(&[None, Some(true)]),
                unmetered_devices_only: g.pick(&[None, Some(false)]),
                fuzz_event_count: (fuzz && g.chance(0.5)).then(|| g.pick(&[1, 6000, 10_000]).into()),
                fuzz_event_throttle: (fuzz && g.chance(0.5)).then(|| g.pick(&[1, 50, 1000]).into()),
                job_timeout_minutes: g.chance(0.3).then(|| g.pick(&[5, 150]).into()),
                latitude: located.then(|| "47.6062".into()),
                longitude: located.then(|| "-122.3321".into()),
                ..Default::default()
            }))
            .reads(input)
        }
        "stack_instances" => {
            let from = g.readable(here, false);
            let files = g.some(&from, 0, 2);
            let n = g.between(1, 2);
            let targets = match (files.first(), g.between(0, 2)) {
                (Some(a), 0) => vec![format!("{a}::accounts.json")],
                (_, 1) => vec!["ou-abcd-12345678".to_owned(), "r-abcd".to_owned()][..n].to_vec(),
                _ => vec!["111111111111".to_owned(), "222222222222".to_owned()][..n].to_vec(),
            };
            let parameter_overrides = match (files.last(), g.between(0, 2)) {
                (Some(a), 0) => Some(format!("{a}::overrides.json")),
                (_, 1) => Some("ParameterKey=Stage,ParameterValue=prod".to_owned()),
                _ => None,
            };
            Draft::new(kind!(StackInstances {
                stack_set: g.name(b"ABCabc012-", 128).into(),
                targets,
                regions: vec!["eu-west-1".to_owned(), "us-east-1".to_owned()][..n].to_vec(),
                parameter_overrides,
                failure_tolerance: g.chance(0.3).then(|| g.pick(&[0, 10, 100])).map(Into::into),
                max_concurrent: g.chance(0.3).then(|| g.pick(&[1, 50, 100])).map(Into::into),
            }))
        }
        "elastic_beanstalk" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            // 4–40 letters, digits and '-', with no '-' at either end.
            let mut middle = g.name(b"Ab0-", 38);
            if middle.len() < 2 {
                middle.push('0');
            }
            let environment = format!("{}{middle}{}", g.name(ALNUM, 1), g.name(ALNUM, 1));
            Draft::new(kind!(ElasticBeanstalk {
                application: g.name(NAME, 100).into(),
                environment: environment.into(),
            }))
            .reads(input)
        }
        "lambda_deploy" => lambda_deploy(g, here),
        "ecr_build_and_publish" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            Draft::new(kind!(EcrBuildAndPublish {
                repository: ecr_repository(g).into(),
                dockerfile_path: g
                    .chance(0.4)
                    .then(|| g.pick(&["docker/web", ".", "a b/ü"]).to_owned().into()),
                tags: (0..g.between(0, 3))
                    .map(|i| format!("v{i}.{}", g.name(b"Ab0_.-", 100)).into())
                    .collect::<Vec<_>>(),
                registry: g.pick(&[
                    None,
                    Some(RegistryType::Private),
                    Some(RegistryType::Public)
                ]),
            }))
            .reads(input)
        }
        "inspector_scan" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            let threshold = |g: &mut Gen| g.chance(0.5).then(|| g.between(0, 500) as u32);
            let mut scan = kind!(InspectorScan {
                mode: InspectorRunMode::SourceCodeScan,
                critical_threshold: threshold(g),
                high_threshold: threshold(g),
                medium_threshold: threshold(g),
                low_threshold: threshold(g),
                ..Default::default()
            });
            let image = input.is_empty() || g.chance(0.4);
            if image {
                scan.mode = InspectorRunMode::EcrImageScan;
                scan.repository = Some(ecr_repository(g).into());
                scan.tag = g
                    .chance(0.5)
                    .then(|| format!("v{}", g.name(b"Ab0_.-", 100)).into());
            }
            Draft::new(scan)
                .reads(if image { Vec::new() } else { input })
                .writes(1)
        }
        "codepipeline_invoke" => {
            let actions = ["Source", "App", "a.b@c_d-e"];
            let kinds = [
                RevisionType::CommitId,
                RevisionType::ImageDigest,
                RevisionType::S3ObjectVersionId,
                RevisionType::S3ObjectKey,
            ];
            let source_revisions = (0..g.between(0, 3))
                .map(|_| {
                    let value = g.text_with_references(here, 100);
                    SourceRevision::new(g.pick(&actions), g.pick(&kinds), value)
                })
                .collect::<Vec<_>>();
            let variables = (0..g.between(0, 3))
                .map(|_| {
                    let value = g.text_with_references(here, 100);
                    (g.name(b"Ab0@_-", 128), value.into())
                })
                .collect::<BTreeMap<String, Text>>();
            Draft::new(kind!(CodePipelineInvoke {
                pipeline: g.name(NAME, 100).into(),
                source_revisions,
                variables,
            }))
        }
        "ec2_deploy" => ec2_deploy(g, here)?,
        "eks_deploy" => eks_deploy(g, here)?,
        "service_catalog_deploy" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            let mut deploy = kind!(ServiceCatalogDeploy {
                product: g
                    .pick(&["prod-abcdefghijklm", "prod-x1y2z3a4b5c6d", "a_b-C"])
                    .to_owned()
                    .into(),
                ..Default::default()
            });
            if g.chance(0.3) {
                deploy.configuration_file = Some(
                    g.pick(&["sample_config.json", "a b/ü.json"])
                        .to_owned()
                        .into(),
                );
            } else {
                deploy.template = Some(
                    g.pick(&["template.yaml", "infra/ü stack.json"])
                        .to_owned()
                        .into(),
                );
                deploy.version_name = Some(g.text_with_references(here, 100).into());
                deploy.version_description = g
                    .chance(0.5)
                    .then(|| g.text_with_references(here, 200).into());
            }
            Draft::new(deploy).reads(input)
        }
        "appconfig_deploy" => {
            let from = g.readable(here, false);
            let input = g.some(&from, 1, 1);
            if input.is_empty() {
                return Some(Draft::new(kind!(Mock {})));
            }
            let id = |g: &mut Gen| g.pick(&["2s2qv57", "abcd", "a1b2c3d", "x0y9"]).to_owned();
            let strategy = g.chance(0.6).then(|| {
                g.pick(&[
                    "frqt7ir",
                    "AppConfig.AllAtOnce",
                    "AppConfig.Linear50PercentEvery30Seconds",
                ])
                .to_owned()
                .into()
            });
            Draft::new(kind!(AppConfigDeploy {
                application: id(g).into(),
                environment: id(g).into(),
                configuration_profile: id(g).into(),
                path: g
                    .pick(&["/", "config/flags.json", "a b/ü.yaml"])
                    .to_owned()
                    .into(),
                deployment_strategy: strategy,
            }))
            .reads(input)
        }
        _ => return None,
    })
}

fn branch(g: &mut Gen) -> String {
    g.pick(&["main", "release/2024.1", "feature/x_y-z", "ünïcode"])
        .to_owned()
}

fn connection(g: &mut Gen) -> Draft {
    let parameter = match g.between(0, 5) {
        0 | 1 => None,
        2 => Some(g.pick(CONNECTION_PARAMETERS).to_owned()),
        3 => Some(g.name(ALNUM, 255)),
        _ => g.seen.connection_parameters.first().cloned(),
    };
    if let Some(p) = &parameter {
        g.seen.connection_parameters.push(p.clone());
    }
    let full_clone = g.pick(&[None, None, None, Some(false), Some(true)]);
    let detect_changes = g.pick(&[None, None, Some(false), Some(true)]);
    let mut d = Draft::new(kind!(Connection {
        provider: g.pick(GitProvider::ALL),
        repository: format!("{}/{}", g.name(b"Ab0-", 39), g.name(b"Ab0._-", 100)).into(),
        branch: branch(g).into(),
        connection_parameter: parameter,
        full_clone,
        detect_changes,
    }))
    .writes(1);
    d.clone = full_clone == Some(true);
    d
}

fn approval(g: &mut Gen, here: Here) -> Draft {
    Draft::new(kind!(Approval {
        custom_data: g
            .chance(0.5)
            .then(|| g.text_with_references(here, 500))
            .map(Into::into),
        review_url: g
            .chance(0.3)
            .then(|| "https://example.com/review?id=1&x=%20".to_owned())
            .map(Into::into),
        notify: g
            .chance(0.3)
            .then(|| "arn:aws:sns:eu-west-1:123456789012:approvers".to_owned())
            .map(Into::into),
        timeout: g.chance(0.5).then(|| {
            let minutes = g.pick(&[5, 60, 24 * 60, 60 * 24 * 60]);
            Duration::from_secs(60 * minutes)
        }),
    }))
}

fn codebuild(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, true);
    let inputs = g.some(&from, 1, 5);
    if inputs.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let primary_source = (inputs.len() > 1 || g.chance(0.2)).then(|| g.pick(&inputs));
    let inline = g.chance(0.3);
    let build = kind!(CodeBuild {
        category: g.pick(&[None, Some(CodeBuildCategory::Build), Some(CodeBuildCategory::Test)]),
        buildspec: (!inline && g.chance(0.5)).then(|| "ci/build spec.yml".to_owned()),
        buildspec_inline: inline.then(|| {
            "version: 0.2\nphases:\n  build:\n    commands:\n      - echo \"${CODEBUILD_BUILD_ID}\"\n"
                .to_owned()
        }),
        image: g
            .chance(0.3)
            .then(|| "aws/codebuild/amazonlinux-aarch64-standard:3.0".to_owned()).map(Into::into),
        compute: g.pick(&[None, Some(ComputeType::Medium), Some(ComputeType::Large)]),
        primary_source,
        environment: (0..g.between(0, 2))
            .map(|i| (format!("VAR_{i}"), g.text_with_references(here, 150).into()))
            .collect(),
        parameters: (0..g.between(0, 2))
            .map(|i| {
                let name = g.pick(&["/team/app/db-host", "plain-name", "/a/b_c.d-e"]);
                (format!("PARAM_{i}"), name.into())
            })
            .collect(),
        secrets: (0..g.between(0, 2))
            .map(|i| {
                let secret = g.pick(&[
                    "db/password",
                    "prod/api:token",
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::",
                ]);
                (format!("SECRET_{i}"), secret.into())
            })
            .collect(),
        batch: g.pick(&[None, None, Some(false), Some(true)]),
        buildspec_override: g
            .chance(0.2)
            .then(|| g.pick(&["ci/other.yml", "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n"]))
            .map(Into::into),
    });
    let mut build = build;
    if build.batch == Some(true) {
        build.combine_artifacts = g.pick(&[None, Some(false), Some(true)]);
    }
    let outputs = g.between(0, 3);
    Some(Draft::new(build).reads(inputs).writes(outputs))
}

/// A VPC with subnets and security groups, or none.
fn network(g: &mut Gen) -> (Option<Text>, Vec<Text>, Vec<Text>) {
    if !g.chance(0.2) {
        return (None, Vec::new(), Vec::new());
    }
    let subnets = (0..g.between(1, 3))
        .map(|i| format!("subnet-0a1b2c3d4e5f6078{i}").into())
        .collect();
    let groups = (0..g.between(1, 2))
        .map(|i| format!("sg-0123456789abcdef{i}").into())
        .collect();
    (Some("vpc-0123456789abcdef0".into()), subnets, groups)
}

fn role_arn(g: &mut Gen) -> String {
    format!(
        "arn:aws:iam::123456789012:role/{}",
        g.pick(&["deployer", "service-role/cfn", "a/b/Deploy_Role+=,.@-"])
    )
}

fn cloudformation(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let mode = g.pick(CfnActionMode::ALL);
    let template_from = g.some(&from, 1, 1);
    if mode.needs_template() && template_from.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let template = template_from
        .first()
        .filter(|_| mode.needs_template() || g.chance(0.3))
        .map(|a| format!("{a}::{}", g.pick(&["template.yaml", "infra/stack 1.json"])));
    let configuration = template_from
        .first()
        .filter(|_| g.chance(0.3))
        .map(|a| format!("{a}::config.json"));
    let (role_arn, role_parameter) = match g.between(0, 4) {
        0 => (Some(role_arn(g)), None),
        1 => (None, Some(g.name(ALNUM, 255))),
        2 => {
            let taken = g.seen.connection_parameters.clone();
            let names = [taken, vec!["Pipeline".to_owned(), "DeployRole".to_owned()]].concat();
            (None, Some(g.pick(&names)))
        }
        _ => (None, None),
    };
    let overrides = g.chance(0.4).then(|| {
        let value = g.text_with_references(here, 200).replace('\\', "");
        serde_json::json!({ "Stage": value, "Count": "3" }).to_string()
    });
    let output_file = g.chance(0.3);
    let extra = g.some(&from, 0, 2);
    let mut capabilities = Vec::new();
    for c in Capability::ALL {
        if g.chance(0.3) {
            capabilities.push(*c);
        }
    }
    // Unset means CREATE_UPDATE.
    let mode_field = if mode == CfnActionMode::CreateUpdate && g.chance(0.5) {
        None
    } else {
        Some(mode)
    };
    let stack = kind!(CloudFormation {
        stack: g.name(b"ABCabc012-", 128).into(),
        mode: mode_field,
        template,
        template_configuration: configuration,
        capabilities,
        role_arn: role_arn.map(Into::into),
        role_parameter,
        change_set: (mode.needs_change_set() || g.chance(0.1))
            .then(|| g.name(b"ABCabc012-", 128))
            .map(Into::into),
        parameter_overrides: overrides.map(Into::into),
        output_file: output_file.then(|| "outputs.json".to_owned()),
    });
    Some(
        Draft::new(stack)
            .reads(extra)
            .writes(usize::from(output_file)),
    )
}

/// A custom action's type, configuration, inputs and output count.
type CustomParts = (
    Category,
    Owner,
    &'static str,
    Vec<(String, String)>,
    Vec<String>,
    usize,
);

fn custom(g: &mut Gen, here: Here) -> Draft {
    let from = g.readable(here, false);
    let source = here.stage == 0;
    let (category, owner, provider, config, inputs, outputs): CustomParts = if source {
        let config = vec![
            ("Owner".to_owned(), "acme".to_owned()),
            ("Repo".to_owned(), "app".to_owned()),
            ("Branch".to_owned(), "main".to_owned()),
            (
                "OAuthToken".to_owned(),
                "{{resolve:secretsmanager:github-token:SecretString:token}}".to_owned(),
            ),
            ("PollForSourceChanges".to_owned(), "false".to_owned()),
        ];
        (
            Category::Source,
            Owner::ThirdParty,
            "GitHub",
            config,
            Vec::new(),
            1,
        )
    } else {
        match g.between(0, 2) {
            0 => {
                let inputs = g.some(&from, 1, 1);
                if inputs.is_empty() {
                    return Draft::new(kind!(Mock {}));
                }
                let config = vec![
                    ("AppType".to_owned(), "Android".to_owned()),
                    ("ProjectId".to_owned(), "eec4905f-98f8-40aa-9afc-4c1cfexample".to_owned()),
                    ("App".to_owned(), "app-release.apk".to_owned()),
                    ("DevicePoolArn".to_owned(), "arn:aws:devicefarm:us-west-2::devicepool:082d10e5-d7d7-48a4-ba5c-b33d66efa1f5".to_owned()),
                    ("TestType".to_owned(), "APPIUM_PYTHON".to_owned()),
                ];
                (Category::Test, Owner::Aws, "DeviceFarm", config, inputs, 0)
            }
            1 => {
                let inputs = g.some(&from, 0, 3);
                let mut config = Vec::new();
                for _ in 0..g.between(0, 3) {
                    let key = g.name(ALNUM, 50);
                    let value = g.text_with_references(here, 1000);
                    config.push((key, value));
                }
                let outputs = g.between(0, 2);
                let category = g.pick(&[Category::Build, Category::Test, Category::Deploy]);
                (
                    category,
                    Owner::Custom,
                    "Team-Builder_2",
                    config,
                    inputs,
                    outputs,
                )
            }
            _ => {
                let config = vec![(
                    "StateMachineArn".to_owned(),
                    "arn:aws:states:eu-west-1:123456789012:stateMachine:release".to_owned(),
                )];
                (
                    Category::Invoke,
                    Owner::Aws,
                    "StepFunctions",
                    config,
                    Vec::new(),
                    0,
                )
            }
        }
    };
    let permissions = (0..g.between(0, 2))
        .map(|_| {
            let (actions, resources): (&[&str], &[&str]) = g.pick(&[
                (
                    &["devicefarm:ScheduleRun", "devicefarm:GetRun"][..],
                    &["arn:aws:devicefarm:us-west-2:123456789012:project:eec4905f"][..],
                ),
                (
                    &["states:StartExecution"][..],
                    &[
                        "arn:aws:states:eu-west-1:123456789012:stateMachine:release",
                        "arn:aws:states:eu-west-1:123456789012:stateMachine:other",
                    ][..],
                ),
                (&["codepipeline:PutJobSuccessResult"][..], &["*"][..]),
            ]);
            PolicyStatement::new(actions.to_vec(), resources.to_vec())
        })
        .collect();
    let version = g.chance(0.1).then(|| "1".to_owned());
    Draft::new(kind!(Custom {
        category,
        owner,
        provider: provider.to_owned(),
        version,
        config: config
            .into_iter()
            .map(|(k, v)| (k, v.into()))
            .collect::<BTreeMap<String, vsm::model::Text>>(),
        permissions,
    }))
    .reads(inputs)
    .writes(outputs)
}

fn task_roles(g: &mut Gen) -> Vec<String> {
    let roles = [
        "shop-web-task",
        "/service-role/shop-exec",
        "arn:aws:iam::123456789012:role/shop-task",
    ];
    let n = g.between(0, 2);
    roles[..n].iter().map(|r| (*r).to_owned()).collect()
}

fn ecs_blue_green(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let files = g.some(&from, 1, 2);
    if files.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let task_definition = if g.chance(0.5) {
        format!("{}::taskdef.json", files[0])
    } else {
        files[0].clone()
    };
    let spec_artifact = files.last().expect("one at least");
    let app_spec = if g.chance(0.5) {
        format!("{spec_artifact}::appspec.yaml")
    } else {
        spec_artifact.clone()
    };
    let image_from = g.some(&from, 0, 3);
    let images = image_from
        .iter()
        .enumerate()
        .map(|(i, a)| EcsImage::new(a.clone(), format!("IMAGE{}_NAME", i + 1)))
        .collect();
    Some(Draft::new(kind!(EcsBlueGreen {
        application: g.name(NAME, 100).into(),
        deployment_group: g.name(NAME, 100).into(),
        task_definition,
        app_spec,
        images,
        task_roles: task_roles(g)
            .into_iter()
            .map(Into::into)
            .collect::<Vec<_>>(),
    })))
}

fn s3_deploy(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let input = g.some(&from, 1, 1);
    if input.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let extract = g.pick(&[None, Some(true), Some(false)]);
    let key = (extract == Some(false) || g.chance(0.3))
        .then(|| g.pick(&["site/", "app 1.zip", "ünï/k.zip"]).to_owned());
    Some(
        Draft::new(kind!(S3Deploy {
            bucket: g.bucket().into(),
            extract,
            key: key.map(Into::into),
            kms_key: g.pick(&[
                None,
                Some(
                    "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
                        .to_owned()
                        .into(),
                ),
                Some("alias/site".to_owned().into()),
                Some("1234abcd-12ab-34cd-56ef-1234567890ab".to_owned().into()),
            ]),
            acl: g.pick(&[
                None,
                Some(CannedAcl::Private),
                Some(CannedAcl::BucketOwnerFullControl),
            ]),
            cache_control: g
                .chance(0.3)
                .then(|| "public, max-age=300".to_owned())
                .map(Into::into),
        }))
        .reads(input),
    )
}

fn step_functions(g: &mut Gen, here: Here) -> Draft {
    let from = g.readable(here, false);
    let file = g.chance(0.3) && !from.is_empty();
    let inputs = if file {
        g.some(&from, 1, 1)
    } else {
        g.some(&from, 0, 1)
    };
    let input = if file {
        Some("input/state.json".to_owned())
    } else {
        g.chance(0.5)
            .then(|| serde_json::json!({"stage": g.text(100)}).to_string())
    };
    let outputs = g.between(0, 1);
    Draft::new(kind!(StepFunctions {
        state_machine: g
            .pick(&[
                "arn:aws:states:eu-west-1:123456789012:stateMachine:release",
                "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:a_b-c",
            ])
            .to_owned()
            .into(),
        execution_name_prefix: g
            .chance(0.5)
            .then(|| g.name(b"Ab0_-.'()!+=@", 43))
            .map(Into::into),
        input_type: if file {
            Some(InputType::FilePath)
        } else {
            g.pick(&[None, Some(InputType::Literal)])
        },
        input: input.map(Into::into),
    }))
    .reads(inputs)
    .writes(outputs)
}

fn commands(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let inputs = g.some(&from, 1, 3);
    if inputs.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let count = if g.chance(0.05) { 50 } else { g.between(1, 3) };
    let commands = (0..count)
        .map(|_| {
            g.pick(&[
                "npm ci",
                "npm test -- --reporter=dot",
                "echo \"$NODE_ENV\" > out/env.txt",
            ])
            .to_owned()
        })
        .collect();
    let files: Vec<String> = (0..g.between(0, 2))
        .map(|i| ["report/**/*", "out/*.txt"][i].to_owned())
        .collect();
    let mut environment = BTreeMap::new();
    for i in 0..g.between(0, 3) {
        environment.insert(format!("VAR_{i}"), g.text_with_references(here, 200).into());
    }
    let mut secrets = BTreeMap::new();
    for i in 0..g.between(0, 2) {
        let secret = g.pick(&[
            "npm-token:token",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::",
        ]);
        secrets.insert(format!("SECRET_{i}"), secret.to_owned().into());
    }
    let environment_type = g.pick(&[
        None,
        Some(EnvironmentType::Linux),
        Some(EnvironmentType::Windows),
    ]);
    let compute = if environment_type == Some(EnvironmentType::Windows) {
        Some(g.pick(&[ComputeType::Medium, ComputeType::Large]))
    } else {
        g.pick(&[None, Some(ComputeType::Small), Some(ComputeType::Large)])
    };
    let outputs = usize::from(!files.is_empty() || g.chance(0.3));
    let (vpc, subnets, security_groups) = network(g);
    Some(
        Draft::new(kind!(Commands {
            commands,
            output_variables: (0..g.between(0, 2)).map(|i| format!("OUT_{i}")).collect(),
            files,
            environment,
            secrets,
            environment_type,
            compute,
            vpc,
            subnets,
            security_groups,
        }))
        .reads(inputs)
        .writes(outputs),
    )
}

fn stackset(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let files = g.some(&from, 1, 2);
    if files.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let model = g.pick(&[
        None,
        Some(PermissionModel::SelfManaged),
        Some(PermissionModel::ServiceManaged),
    ]);
    let self_managed = model != Some(PermissionModel::ServiceManaged);
    let auto = !self_managed && g.chance(0.3);
    let (targets, regions): (Vec<String>, Vec<String>) = if auto || g.chance(0.2) {
        (Vec::new(), Vec::new())
    } else {
        let targets = if self_managed {
            vec!["111111111111".to_owned(), "222222222222".to_owned()]
        } else {
            vec!["ou-abcd-12345678".to_owned(), "r-abcd".to_owned()]
        };
        let n = g.between(1, 2);
        (
            targets[..n].to_vec(),
            vec!["eu-west-1".to_owned(), "us-east-1".to_owned()][..n].to_vec(),
        )
    };
    let mut capabilities = Vec::new();
    if g.chance(0.3) {
        capabilities.push(Capability::Iam);
    }
    if g.chance(0.3) {
        capabilities.push(Capability::NamedIam);
    }
    Some(Draft::new(kind!(StackSet {
        stack_set: g.name(b"ABCabc012-", 128).into(),
        template: format!("{}::baseline.yaml", files[0]),
        description: g.chance(0.3).then(|| g.text(200)).map(Into::into),
        parameters: files
            .get(1)
            .filter(|_| g.chance(0.5))
            .map(|a| format!("{a}::parameters.json")),
        capabilities,
        permission_model: model,
        administration_role_arn: (self_managed && g.chance(0.3))
            .then(|| role_arn(g))
            .map(Into::into),
        execution_role_name: (self_managed && g.chance(0.3))
            .then(|| "Exec_Role+=,.@-".to_owned())
            .map(Into::into),
        auto_deployment: if self_managed {
            None
        } else if auto {
            Some(g.pick(&[
                AutoDeployment::Enabled,
                AutoDeployment::EnabledWithStackRetention,
            ]))
        } else {
            g.pick(&[None, Some(AutoDeployment::Disabled)])
        },
        targets,
        regions,
        failure_tolerance: g.chance(0.3).then(|| g.pick(&[0, 10, 100])).map(Into::into),
        max_concurrent: g.chance(0.3).then(|| g.pick(&[1, 50, 100])).map(Into::into),
        region_concurrency: g.pick(&[None, Some(RegionConcurrency::Parallel)]),
        concurrency_mode: g.pick(&[None, Some(ConcurrencyMode::SoftFailureTolerance)]),
        call_as: if self_managed {
            None
        } else {
            g.pick(&[
                None,
                Some(CallAs::SelfAccount),
                Some(CallAs::DelegatedAdmin),
            ])
        },
    })))
}

/// True when the generator has a case for this kind.
pub fn covers(info: &KindInfo) -> bool {
    let mut g = Gen::new(TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    g.seen.artifacts.push(("Src".to_owned(), 0, 1, false));
    let stage = if info.place == Place::Source { 0 } else { 1 };
    kind_case(&mut g, info, Here { stage, order: 1 }, "Stage", "Action").is_some()
}

fn lambda_deploy(g: &mut Gen, here: Here) -> Draft {
    let from = g.readable(here, false);
    let input = g.some(&from, 0, 1);
    let alias = (input.is_empty() || g.chance(0.6)).then(|| g.name(b"Ab0_-", 128));
    let traffic = alias.as_ref().and_then(|_| {
        g.pick(&[
            None,
            Some(LambdaTraffic::AllAtOnce),
            Some(LambdaTraffic::Canary),
            Some(LambdaTraffic::Linear),
        ])
    });
    let shifting = matches!(traffic, Some(LambdaTraffic::Canary | LambdaTraffic::Linear));
    let percent = shifting.then(|| g.between(1, 99) as u32);
    // Linear: at most 2 days of waits in all.
    let steps = match (traffic, percent) {
        (Some(LambdaTraffic::Linear), Some(p)) => (100u32.div_ceil(p) - 1).max(1) as usize,
        _ => 1,
    };
    let interval = shifting.then(|| Duration::from_secs(60 * g.between(1, 2880 / steps) as u64));
    let target_version = (input.is_empty() || (alias.is_some() && g.chance(0.3))).then(|| {
        g.pick(&["3", "#{variables.version}", "12"])
            .to_owned()
            .into()
    });
    let alarms = (0..g.between(0, 10))
        .map(|i| format!("{}-{i}", g.name(NAME, 200)).into())
        .collect::<Vec<_>>();
    Draft::new(kind!(LambdaDeploy {
        function: g.name(b"Ab0_-", 64).into(),
        alias: alias.map(Into::into),
        target_version,
        traffic,
        percent,
        interval,
        alarms,
    }))
    .reads(input)
}

/// An ECR repository name: lower-case words joined by `.`, `_`, `-` or `/`, 2–205 characters.
fn ecr_repository(g: &mut Gen) -> String {
    let mut name = String::new();
    for i in 0..g.between(1, 4) {
        if i > 0 {
            name.push(char::from(g.pick(b"._-/")));
        }
        name.push_str(&g.name(b"abc012", 40).to_lowercase());
    }
    if name.len() < 2 {
        name.push('0');
    }
    name.truncate(204);
    name.trim_end_matches(['.', '_', '-', '/']).to_owned() + "x"
}

fn ec2_deploy(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let input = g.some(&from, 1, 1);
    if input.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let limit = |g: &mut Gen| {
        g.chance(0.4).then(|| {
            if g.chance(0.5) {
                format!("{}%", g.between(1, 100)).into()
            } else {
                g.between(1, 500).to_string().into()
            }
        })
    };
    let target_groups = (0..g.between(0, 2))
        .map(|_| format!("tg{}", g.name(b"Ab0-", 30).trim_end_matches('-')).into())
        .collect::<Vec<_>>();
    let mut deploy = kind!(Ec2Deploy {
        tag_key: g.name(NAME, 128).into(),
        instance_type: g.pick(&[Ec2InstanceType::Ec2, Ec2InstanceType::SsmManagedNode]),
        tag_value: g.chance(0.7).then(|| g.name(NAME, 256).into()),
        max_batch: limit(g),
        max_error: limit(g),
        target_groups,
        ..Default::default()
    });
    if g.chance(0.3) {
        deploy.deploy_spec = Some(g.pick(&["deployspec.yaml", "a b/ü.yml"]).to_owned().into());
    } else {
        deploy.target_directory = Some(
            g.pick(&["/home/ec2-user/deploy", "/", "/opt/ü app"])
                .to_owned()
                .into(),
        );
        deploy.pre_script = g.chance(0.5).then(|| "scripts/stop.sh".into());
        deploy.post_script = Some(g.pick(&["scripts/start.sh", "a b/ü.sh"]).to_owned().into());
    }
    Some(Draft::new(deploy).reads(input))
}

fn eks_deploy(g: &mut Gen, here: Here) -> Option<Draft> {
    let from = g.readable(here, false);
    let input = g.some(&from, 1, 1);
    if input.is_empty() {
        return Some(Draft::new(kind!(Mock {})));
    }
    let files = |g: &mut Gen, choices: &[&str]| {
        (0..g.between(1, 3))
            .map(|_| g.pick(choices).to_owned().into())
            .collect::<Vec<Text>>()
    };
    let mut deploy = kind!(EksDeploy {
        cluster: g.name(b"Ab0-_", 100).into(),
        kubernetes_namespace: g.chance(0.5).then(|| g
            .pick(&["shop", "prod-web", "a1", "x-y-z0"])
            .to_owned()
            .into()),
        ..Default::default()
    });
    if g.chance(0.5) {
        deploy.manifest_files = files(g, &["k8s/deployment.yaml", "manifests/ü svc.yml"]);
    } else {
        deploy.helm_release = Some(g.pick(&["shop", "shop-web.v2", "a"]).to_owned().into());
        deploy.helm_chart = Some(
            g.pick(&["charts/shop", "./chart", "a b/ü"])
                .to_owned()
                .into(),
        );
        if g.chance(0.5) {
            deploy.helm_values_files = files(g, &["values-prod.yaml", "ü values.yml"]);
        }
    }
    if g.chance(0.3) {
        deploy.subnets = vec!["subnet-0123456789abcdef0".into(), "subnet-0fedcba9".into()];
        deploy.security_groups = vec!["sg-0123456789abcdef0".into()];
    }
    for i in 0..g.between(0, 3) {
        deploy
            .environment
            .insert(format!("VAR_{i}"), g.text_with_references(here, 200).into());
    }
    Some(Draft::new(deploy).reads(input))
}
