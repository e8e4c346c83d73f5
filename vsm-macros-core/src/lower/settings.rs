//! Lowering the pipeline header: its name and settings.

use vsm_dsl::model::{
    ExecutionMode, ParseTimeScaleError, PipelineType, PullRequestEvent, PullRequestFilter,
    PushFilter, Settings, Tag, Trigger, Variable,
};

use super::values::{items, name, string, strings, unknown, word};
use super::{PipelineSpans, Seen};
use crate::ast::{Errors, PipelineAst, Prop, Sp, Value};

const PIPELINE_KEYS: &[&str] = &[
    "pipeline_type",
    "execution_mode",
    "variables",
    "tags",
    "triggers",
    "dashboard",
    "simulate",
];

/// The settings of a `pipeline` header, and where each was written.
pub(super) fn pipeline(header: &PipelineAst, errors: &mut Errors) -> (Settings, PipelineSpans) {
    let mut settings = Settings::default();
    let mut spans = PipelineSpans::new(header.name.sp);
    let mut seen = Seen::default();
    for p in &header.props {
        let result = seen
            .once(p)
            .and_then(|()| setting(p, &mut settings, &mut spans));
        if let Err(e) = result {
            errors.push(e);
            spans.tainted = true;
        }
    }
    (settings, spans)
}

fn setting(p: &Prop, s: &mut Settings, spans: &mut PipelineSpans) -> Result<(), syn::Error> {
    let key = p.key.value.as_str();
    match key {
        "pipeline_type" => {
            spans.pipeline_type = Some(p.value.sp());
            let w = word(&p.value, key, &PipelineType::CHOICE)?;
            s.pipeline_type = PipelineType::from_word(w).unwrap_or_default();
        }
        "execution_mode" => {
            spans.execution_mode = Some(p.value.sp());
            let w = word(&p.value, key, &ExecutionMode::CHOICE)?;
            s.execution_mode = ExecutionMode::from_word(w);
        }
        "variables" => each(&p.value, &mut spans.variables, |v| {
            s.variables.push(variable(v)?);
            Ok(())
        })?,
        "tags" => each(&p.value, &mut spans.tags, |v| {
            s.tags.push(tag(v)?);
            Ok(())
        })?,
        "triggers" => each(&p.value, &mut spans.triggers, |v| {
            s.triggers.push(trigger(v)?);
            Ok(())
        })?,
        "dashboard" => {
            s.dashboard = match &p.value {
                Value::Ident(w, _) if w == "true" => true,
                Value::Ident(w, _) if w == "false" => false,
                other => {
                    return Err(other.sp().error(format!(
                        "`dashboard` takes `true` or `false`, found {}",
                        other.describe()
                    )))
                }
            }
        }
        "simulate" => {
            let text = string(&p.value, key)?;
            let scale = text
                .parse()
                .map_err(|e: ParseTimeScaleError| p.value.sp().error(e))?;
            s.simulate = Some(scale);
        }
        _ => return Err(unknown(&p.key, "pipeline setting", PIPELINE_KEYS)),
    }
    Ok(())
}

/// Reads each item of a list (or one item), recording its span.
fn each(
    v: &Value,
    spans: &mut Vec<Sp>,
    mut read: impl FnMut(&Value) -> Result<(), syn::Error>,
) -> Result<(), syn::Error> {
    for item in items(v) {
        read(item)?;
        spans.push(item.sp());
    }
    Ok(())
}

fn variable(v: &Value) -> Result<Variable, syn::Error> {
    match v {
        Value::Str(..) | Value::Ident(..) => Ok(Variable::new(name(v, "variable name")?.value)),
        Value::Assign(n, value, _) => {
            Ok(Variable::new(n.value.clone()).default_value(string(value, "default")?))
        }
        Value::Block(n, props, _) => {
            let mut var = Variable::new(n.value.clone());
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
            "expected a variable as `Name`, `Name = \"default\"` or `Name {{ default: \"...\", description: \"...\" }}`, found {}",
            other.describe()
        ))),
    }
}

fn tag(v: &Value) -> Result<Tag, syn::Error> {
    match v {
        Value::Assign(key, value, _) => {
            Ok(Tag::new(key.value.clone(), string(value, "tag value")?))
        }
        other => Err(other.sp().error(format!(
            "expected a tag as `key = \"value\"`, found {}",
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
                "expected a trigger as `SourceAction {{ push: [{{ branches: [\"main\"] }}] }}`, found {}",
                other.describe()
            )))
        }
    };
    let mut t = Trigger::new(source);
    for p in props {
        for filter in items(&p.value) {
            let Value::Map(entries, _) = filter else {
                return Err(filter.sp().error(format!(
                    "expected `{}: [{{ branches: [\"main\"], ... }}]`, found {}",
                    p.key.value,
                    filter.describe()
                )));
            };
            match p.key.value.as_str() {
                "push" => t.push.push(push(entries)?),
                "pull_request" => t.pull_request.push(pull_request(entries)?),
                _ => {
                    return Err(unknown(
                        &p.key,
                        "trigger property",
                        &["push", "pull_request"],
                    ))
                }
            }
        }
    }
    Ok(t)
}

fn push(entries: &[Prop]) -> Result<PushFilter, syn::Error> {
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
    Ok(f)
}

fn pull_request(entries: &[Prop]) -> Result<PullRequestFilter, syn::Error> {
    let mut f = PullRequestFilter::default();
    for e in entries {
        if e.key.value == "events" {
            for item in items(&e.value) {
                let w = word(item, "events", &PullRequestEvent::CHOICE)?;
                f.events.extend(PullRequestEvent::from_word(w));
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
    Ok(f)
}
