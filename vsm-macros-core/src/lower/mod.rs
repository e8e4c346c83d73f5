//! Phase 2, lowering: the syntax tree becomes a `vsm_dsl` [`Stream`], plus a side table that
//! maps every model index back to the tokens it came from.
//!
//! Lowering decides what each property means (`process: 30m` is a duration, `ca: 95%` a
//! percentage) and reports what it cannot understand. A kind's properties are read through its
//! declaration in `vsm_dsl::kinds` (key, type, required), so no kind is known here by name. It
//! checks no CodePipeline rule: the stream it builds goes to `vsm_dsl::rules`, the same
//! functions `build()` runs.

mod action;
mod condition;
mod settings;
pub(crate) mod values;

pub use condition::{ConditionSpans, RuleSpans};

use vsm_dsl::model::{Settings, Stage, Stream, Text};

use crate::ast::{ActionAst, Errors, PipelineAst, Prop, Sp, StageAst, StreamAst};

/// Where the pipeline's own syntax is.
#[derive(Debug, Clone)]
pub struct PipelineSpans {
    /// The pipeline name (also used for the pipeline as a whole).
    pub name: Sp,
    /// Each setting written, in order.
    pub settings: Vec<SettingSpans>,
    /// A setting could not be understood: pipeline-level rule findings are not reported, they
    /// could follow from that mistake.
    pub tainted: bool,
}

/// Where one setting is written.
#[derive(Debug, Clone)]
pub struct SettingSpans {
    /// Its key.
    pub key: &'static str,
    /// Its value.
    pub value: Sp,
    /// Each item of a list value, in order.
    pub items: Vec<Sp>,
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
    /// Its conditions, as written.
    pub conditions: Vec<ConditionSpans>,
    /// `when: ...` or `unless: ...`, the first written.
    pub when: Option<Sp>,
    /// A setting could not be understood: the stage's own rule findings are not reported.
    pub tainted: bool,
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
    /// `account: ...`.
    pub account: Option<Sp>,
    /// `region: ...`.
    pub region: Option<Sp>,
    /// `action_role: ...`.
    pub action_role: Option<Sp>,
    /// `when: ...` or `unless: ...`, the first written.
    pub when: Option<Sp>,
    /// The kind's properties, by key (`template`, `branch`, ...).
    pub props: Vec<(&'static str, Sp)>,
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

impl PipelineSpans {
    fn new(name: Sp) -> Self {
        Self {
            name,
            settings: Vec::new(),
            tainted: false,
        }
    }
}

impl ActionSpans {
    fn new(a: &ActionAst) -> Self {
        Self {
            kind: a.kind.sp,
            name: a.name.sp,
            run_order: None,
            inputs: Vec::new(),
            outputs: Vec::new(),
            namespace: None,
            account: None,
            region: None,
            action_role: None,
            when: None,
            props: Vec::new(),
            process: None,
            wait: None,
            ca: None,
            tainted: false,
        }
    }
}

/// The pipeline's name: the literal, or the template expression that computes it.
fn pipeline_name(header: &PipelineAst, errors: &mut Errors) -> Text {
    match &header.computed {
        None => header.name.value.clone().into(),
        Some(v) => match values::expression(v) {
            Ok(e) => Text::Expr(e),
            Err(e) => {
                errors.push(e);
                Text::default()
            }
        },
    }
}

/// Lowers a parsed stream, reporting what it cannot understand. Always returns a stream;
/// without a `pipeline` header its name is empty and pipeline-level findings are muted.
pub fn lower(ast: &StreamAst, errors: &mut Errors) -> Lowered {
    let (name, settings, pipeline_spans) = match &ast.pipeline {
        Some(header) => {
            let (settings, spans) = settings::pipeline(header, errors);
            (pipeline_name(header, errors), settings, spans)
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
                tainted: true,
                ..PipelineSpans::new(sp)
            };
            (Text::default(), Settings::default(), spans)
        }
    };
    let mut stream = Stream::new(name);
    stream.settings = settings;
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

fn stage(block: &StageAst, errors: &mut Errors) -> (Stage, StageSpans) {
    let mut stage = Stage::new(block.name.value.clone());
    let mut when = None;
    let (conditions, tainted) = condition::settings(&block.props, &mut stage, &mut when, errors);
    let mut spans = StageSpans {
        keyword: block.keyword,
        name: block.name.sp,
        actions: Vec::new(),
        conditions,
        when,
        tainted,
    };
    // Like the builder's `then()`: the next step runs after everything so far.
    let mut run_order: u32 = 1;
    for (i, step) in block.steps.iter().enumerate() {
        if i > 0 {
            run_order = stage.next_run_order(run_order);
        }
        for a in step {
            let (action, s) = action::action(a, run_order, errors);
            stage.actions.push(action);
            spans.actions.push(s);
        }
    }
    (stage, spans)
}

/// The keys of a stage's or an action's presence.
const PRESENCE_KEYS: [&str; 2] = ["when", "unless"];

/// `when: Cond` or `unless: [A, B]`: the template conditions a stage or an action is present
/// under; `span` keeps where the first was written.
fn presence(
    p: &Prop,
    (when, unless): (&mut Vec<String>, &mut Vec<String>),
    span: &mut Option<Sp>,
) -> Result<(), syn::Error> {
    let list = if p.key.value == "when" { when } else { unless };
    let names = values::names(&p.value, "template condition")?;
    list.extend(names.into_iter().map(|n| n.value));
    span.get_or_insert(p.value.sp());
    Ok(())
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
