//! `measure --pipeline`: a pipeline's execution history read live through the CodePipeline API,
//! with the SDK's paginators, throttling retried with backoff, a progress bar, and an on-disk
//! cache so that a re-run fetches only new executions.
//!
//! The cache of a pipeline is a directory holding the same files `measure --history` reads
//! (`list-pipeline-executions.json`, `list-action-executions.json`, `get-pipeline.json`, and
//! for a pipeline with stage conditions `list-rule-executions.json`) and `vsm-cache.json`,
//! which says from when the listing is complete.

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region};
use aws_sdk_codepipeline::primitives::DateTime;
use aws_sdk_codepipeline::types::{
    ActionExecutionDetail, ActionExecutionFilter, Condition, PipelineDeclaration,
    PipelineExecutionSummary, RuleExecutionDetail, RuleExecutionFilter,
};
use aws_sdk_codepipeline::Client;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::{aws_error, block_on};
use crate::cli::{Failure, Global, Result};
use crate::measure::{
    ActionExecution, ActionStatus, ExecutionStatus, History, Input, PipelineExecution,
    RuleExecution, RuleStatus, SourceRevision, Structure, Timestamp, ACTIONS_FILE, EXECUTIONS_FILE,
    PIPELINE_FILE, RULES_FILE,
};

/// The cache's own file: from when its listing of executions is complete.
const META_FILE: &str = "vsm-cache.json";
/// Executions per ListPipelineExecutions page (the API's maximum).
const PAGE: i32 = 100;

/// What to read.
pub(crate) struct HistoryRequest<'a> {
    /// Pipeline name.
    pub pipeline: &'a str,
    /// Executions that start before this are not needed.
    pub since: Option<Timestamp>,
    /// Cache root; the user's cache directory when `None`.
    pub cache: Option<&'a Path>,
    /// Also read the pipeline's structure (GetPipeline).
    pub need_structure: bool,
    /// Whether the pipeline has gates (stage conditions before entry or on success), whose
    /// rule executions are then read (ListRuleExecutions); `None`: as the structure read
    /// says.
    pub gates: Option<bool>,
    /// Attempts per request.
    pub max_attempts: u32,
}

/// Reads the history (and, when asked, the structure) of a pipeline, through the cache.
pub(crate) fn read_history(
    global: &Global,
    request: &HistoryRequest<'_>,
) -> Result<(History, Option<Structure>)> {
    block_on(async {
        let (client, region) = client(global, request.max_attempts).await?;
        let dir = cache_dir(request.cache, &region, request.pipeline)?;
        let cache = Cache::load(&dir);
        let structure = if request.need_structure || request.gates.is_none() {
            Some(structure(&client, request.pipeline, &dir).await?)
        } else {
            None
        };
        let gates = request
            .gates
            .or_else(|| structure.as_ref().map(Structure::has_gates))
            .unwrap_or(false);
        let listed = list_executions(&client, request, &cache).await?;
        let history = fetch_actions(&client, request, &cache, listed, gates).await?;
        let structure = structure.filter(|_| request.need_structure);
        cache.save(&dir, &history.history, history.complete_since)?;
        Ok((history.history, structure))
    })?
}

/// A CodePipeline client: region, profile and endpoint as for every command, and the standard
/// retry mode (exponential backoff with jitter on throttling and server errors) with
/// `max_attempts` attempts per request.
pub(crate) async fn client(global: &Global, max_attempts: u32) -> Result<(Client, String)> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(region) = &global.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(profile) = &global.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &global.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let config = loader.load().await;
    let region = config.region().map(|r| r.to_string()).ok_or_else(|| {
        Failure::trouble(
            "no AWS region: pass --region, set AWS_REGION, or give the profile a region",
        )
    })?;
    let conf = aws_sdk_codepipeline::config::Builder::from(&config)
        .retry_config(retry_config(max_attempts))
        .build();
    Ok((Client::from_conf(conf), region))
}

/// The retry configuration of every request.
pub(crate) fn retry_config(max_attempts: u32) -> RetryConfig {
    RetryConfig::standard().with_max_attempts(max_attempts.max(1))
}

/// The cache directory of a pipeline: `<root>/<region>/<pipeline>`.
fn cache_dir(root: Option<&Path>, region: &str, pipeline: &str) -> Result<PathBuf> {
    let root = match root {
        Some(root) => root.to_owned(),
        None => user_cache_dir()
            .ok_or_else(|| {
                Failure::trouble(
                    "no cache directory: set HOME or XDG_CACHE_HOME, or pass --cache DIR",
                )
            })?
            .join("vsm")
            .join("history"),
    };
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    Ok(root.join(safe(region)).join(safe(pipeline)))
}

/// The user's cache directory: XDG_CACHE_HOME, ~/Library/Caches on macOS, LOCALAPPDATA on
/// Windows, else ~/.cache.
fn user_cache_dir() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = var("XDG_CACHE_HOME") {
        return Some(dir);
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA");
    }
    let home = var("HOME")?;
    Some(if cfg!(target_os = "macos") {
        home.join("Library").join("Caches")
    } else {
        home.join(".cache")
    })
}

/// What a previous run left.
struct Cache {
    history: History,
    /// Known: `Some(since)` when the listing was complete from `since` on (`Some(None)`:
    /// complete from the first execution); `None` when there is no usable cache.
    complete_since: Option<Option<Timestamp>>,
}

impl Cache {
    fn load(dir: &Path) -> Self {
        let empty = Self {
            history: History::default(),
            complete_since: None,
        };
        let Ok(meta) = std::fs::read_to_string(dir.join(META_FILE)) else {
            return empty;
        };
        let since =
            serde_json::from_str::<Value>(&meta)
                .ok()
                .and_then(|v| match &v["complete_since"] {
                    Value::Null => Some(None),
                    Value::String(s) => Timestamp::parse(s).ok().map(Some),
                    _ => None,
                });
        match (since, History::read_dir(dir)) {
            (Some(since), Ok(history)) => Self {
                history,
                complete_since: Some(since),
            },
            (_, Err(e)) => {
                eprintln!(
                    "note: the cache in {} is not readable and is read again from AWS: {e}",
                    dir.display()
                );
                empty
            }
            _ => empty,
        }
    }

    /// True when the listing can stop at executions already known: the cache's listing covers
    /// everything from `since` on.
    fn covers(&self, since: Option<Timestamp>) -> bool {
        match self.complete_since {
            Some(None) => true,
            Some(Some(from)) => since.is_some_and(|s| s >= from),
            None => false,
        }
    }

    fn save(&self, dir: &Path, history: &History, complete_since: Option<Timestamp>) -> Result<()> {
        let meta = json!({ "complete_since": complete_since.map(|t| t.to_iso()) });
        let mut files = vec![
            (EXECUTIONS_FILE, history.executions_json()),
            (ACTIONS_FILE, history.actions_json()),
        ];
        if !history.rules.is_empty() {
            files.push((RULES_FILE, history.rules_json()));
        }
        // The listing's mark last: a run cut short leaves no mark over files it did not write.
        files.push((META_FILE, format!("{meta:#}\n")));
        std::fs::create_dir_all(dir).map_err(|e| cache_error(dir, &e))?;
        for (name, text) in files {
            write_atomically(&dir.join(name), &text)?;
        }
        Ok(())
    }
}

fn cache_error(path: &Path, e: &std::io::Error) -> Failure {
    Failure::trouble(format!(
        "cannot write the cache {}: {} (pass --cache DIR to put it elsewhere)",
        path.display(),
        crate::cli::input::lower(e)
    ))
}

/// Writes a file through a temporary one, so that a run cut short leaves the old file whole.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).map_err(|e| cache_error(&tmp, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| cache_error(path, &e))
}

/// The executions listed, newest first, and whether the listing stopped at known ones.
struct Listed {
    executions: Vec<PipelineExecution>,
    stopped_at_known: bool,
}

/// Lists executions, newest first, until one starts before `since`, or (when the cache covers
/// the window) until one is already cached as it is now, final, and no cached execution that
/// was still running started before it.
async fn list_executions(
    client: &Client,
    request: &HistoryRequest<'_>,
    cache: &Cache,
) -> Result<Listed> {
    let cached: HashMap<&str, &PipelineExecution> = cache
        .history
        .executions
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let oldest_running = cache
        .history
        .executions
        .iter()
        .filter(|e| !e.status.is_final())
        .map(|e| e.start)
        .min();
    let may_stop = cache.covers(request.since);
    let bar = Bar::spinner("listing executions");
    let mut pages = client
        .list_pipeline_executions()
        .pipeline_name(request.pipeline)
        .max_results(PAGE)
        .into_paginator()
        .send();
    let mut out = Listed {
        executions: Vec::new(),
        stopped_at_known: false,
    };
    'pages: while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            aws_error(
                &format!("cannot list the executions of {}", request.pipeline),
                e,
            )
        })?;
        for summary in page.pipeline_execution_summaries() {
            let Some(e) = execution(summary) else {
                continue;
            };
            if request.since.is_some_and(|s| e.start < s) {
                break 'pages;
            }
            let known = cached.get(e.id.as_str()).is_some_and(|c| **c == e);
            if may_stop
                && known
                && e.status.is_final()
                && oldest_running.is_none_or(|r| e.start < r)
            {
                out.stopped_at_known = true;
                break 'pages;
            }
            out.executions.push(e);
        }
        bar.set(out.executions.len());
    }
    bar.finish();
    Ok(out)
}

/// The history after this run, and from when its listing is complete.
struct Fetched {
    history: History,
    complete_since: Option<Timestamp>,
}

/// Fetches the action executions (and, with `gates`, the rule executions) of every listed
/// execution that is new or changed (or was still running when cached), and merges them into
/// the cache's history.
async fn fetch_actions(
    client: &Client,
    request: &HistoryRequest<'_>,
    cache: &Cache,
    listed: Listed,
    gates: bool,
) -> Result<Fetched> {
    let cached: HashMap<&str, &PipelineExecution> = cache
        .history
        .executions
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect();
    let stale: Vec<&PipelineExecution> = listed
        .executions
        .iter()
        .filter(|e| {
            cached
                .get(e.id.as_str())
                .is_none_or(|c| *c != *e || !c.status.is_final())
        })
        .collect();
    let bar = Bar::counter("reading action executions", stale.len());
    let mut fresh: Vec<ActionExecution> = Vec::new();
    let mut fresh_rules: Vec<RuleExecution> = Vec::new();
    for e in &stale {
        fresh.extend(actions_of(client, request.pipeline, &e.id).await?);
        if gates {
            fresh_rules.extend(rules_of(client, request.pipeline, &e.id).await?);
        }
        bar.inc();
    }
    bar.finish();
    let refreshed: HashSet<&str> = stale.iter().map(|e| e.id.as_str()).collect();
    let kept: Vec<ActionExecution> = cache
        .history
        .actions
        .iter()
        .filter(|a| !refreshed.contains(a.pipeline_execution_id.as_str()))
        .cloned()
        .collect();
    let complete_since = match (listed.stopped_at_known, cache.complete_since) {
        (true, Some(since)) => since,
        _ => request.since,
    };
    let kept_rules: Vec<RuleExecution> = cache
        .history
        .rules
        .iter()
        .filter(|r| !refreshed.contains(r.pipeline_execution_id.as_str()))
        .cloned()
        .collect();
    let history = History::new(cache.history.executions.clone(), kept)
        .with_rules(kept_rules)
        .merge(History::new(listed.executions, fresh).with_rules(fresh_rules));
    Ok(Fetched {
        history,
        complete_since,
    })
}

/// Every action execution of one pipeline execution, page by page.
async fn actions_of(
    client: &Client,
    pipeline: &str,
    execution: &str,
) -> Result<Vec<ActionExecution>> {
    let mut pages = client
        .list_action_executions()
        .pipeline_name(pipeline)
        .filter(
            ActionExecutionFilter::builder()
                .pipeline_execution_id(execution)
                .build(),
        )
        .max_results(PAGE)
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            aws_error(
                &format!("cannot list the action executions of execution {execution}"),
                e,
            )
        })?;
        out.extend(page.action_execution_details().iter().filter_map(action));
    }
    Ok(out)
}

/// Every rule execution of one pipeline execution, page by page (ListRuleExecutions).
async fn rules_of(client: &Client, pipeline: &str, execution: &str) -> Result<Vec<RuleExecution>> {
    let mut pages = client
        .list_rule_executions()
        .pipeline_name(pipeline)
        .filter(
            RuleExecutionFilter::builder()
                .pipeline_execution_id(execution)
                .build(),
        )
        .max_results(PAGE)
        .into_paginator()
        .send();
    let mut out = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| {
            aws_error(
                &format!("cannot list the rule executions of execution {execution}"),
                e,
            )
        })?;
        out.extend(page.rule_execution_details().iter().filter_map(rule));
    }
    Ok(out)
}

/// The pipeline's structure (GetPipeline), also written to the cache as get-pipeline.json.
async fn structure(client: &Client, pipeline: &str, dir: &Path) -> Result<Structure> {
    let out = client
        .get_pipeline()
        .name(pipeline)
        .send()
        .await
        .map_err(|e| aws_error(&format!("cannot read pipeline {pipeline}"), e))?;
    let declaration = out.pipeline().ok_or_else(|| {
        Failure::trouble(format!(
            "AWS returned no declaration of pipeline {pipeline}"
        ))
    })?;
    let text = format!("{:#}\n", get_pipeline_json(declaration));
    std::fs::create_dir_all(dir).map_err(|e| cache_error(dir, &e))?;
    write_atomically(&dir.join(PIPELINE_FILE), &text)?;
    Structure::from_get_pipeline(Input::new(PIPELINE_FILE, &text))
        .map_err(|e| Failure::trouble(format!("pipeline {pipeline} cannot be read:\n{e}")))
}

/// A declaration as `aws codepipeline get-pipeline` prints it (the fields vsm reads).
fn get_pipeline_json(p: &PipelineDeclaration) -> Value {
    let stages: Vec<Value> = p
        .stages()
        .iter()
        .map(|s| {
            let actions: Vec<Value> = s
                .actions()
                .iter()
                .map(|a| {
                    json!({
                        "name": a.name(),
                        "actionTypeId": {
                            "category": a.action_type_id().map(|t| t.category().as_str()),
                        },
                        "runOrder": a.run_order().unwrap_or(1),
                    })
                })
                .collect();
            let mut stage = json!({ "name": s.name(), "actions": actions });
            if let Some(c) = s.before_entry() {
                stage["beforeEntry"] = json!({ "conditions": conditions_json(c.conditions()) });
            }
            if let Some(c) = s.on_success() {
                stage["onSuccess"] = json!({ "conditions": conditions_json(c.conditions()) });
            }
            if let Some(c) = s.on_failure() {
                stage["onFailure"] = json!({
                    "result": c.result().map(|r| r.as_str()),
                    "conditions": conditions_json(c.conditions()),
                });
            }
            stage
        })
        .collect();
    json!({ "pipeline": { "name": p.name(), "stages": stages } })
}

/// Stage conditions as `aws codepipeline get-pipeline` prints them (the fields vsm reads).
fn conditions_json(conditions: &[Condition]) -> Value {
    conditions
        .iter()
        .map(|c| {
            let rules: Vec<Value> = c
                .rules()
                .iter()
                .map(|r| {
                    json!({
                        "name": r.name(),
                        "ruleTypeId": { "provider": r.rule_type_id().map(|t| t.provider()) },
                    })
                })
                .collect();
            json!({ "result": c.result().map(|r| r.as_str()), "rules": rules })
        })
        .collect()
}

fn timestamp(t: Option<&DateTime>) -> Option<Timestamp> {
    let t = t?;
    Timestamp::from_micros(t.secs().checked_mul(1_000_000)? + i64::from(t.subsec_nanos() / 1000))
}

/// A summary as vsm reads it; `None` (left out) when a field vsm needs is missing.
fn execution(s: &PipelineExecutionSummary) -> Option<PipelineExecution> {
    Some(PipelineExecution {
        id: s.pipeline_execution_id()?.to_owned(),
        status: ExecutionStatus::from_api(s.status()?.as_str())?,
        start: timestamp(s.start_time())?,
        last_update: timestamp(s.last_update_time())?,
        trigger_type: s
            .trigger()
            .and_then(|t| t.trigger_type())
            .map(|t| t.as_str().to_owned()),
        execution_type: s.execution_type().map(|t| t.as_str().to_owned()),
        source_revisions: s
            .source_revisions()
            .iter()
            .filter_map(|r| {
                Some(SourceRevision {
                    action: r.action_name().to_owned(),
                    revision: r.revision_id()?.to_owned(),
                })
            })
            .collect(),
        rollback_target: s
            .rollback_metadata()
            .and_then(|m| m.rollback_target_pipeline_execution_id())
            .map(str::to_owned),
    })
}

/// A rule execution as vsm reads it; `None` (left out) when a field vsm needs is missing.
fn rule(d: &RuleExecutionDetail) -> Option<RuleExecution> {
    Some(RuleExecution {
        pipeline_execution_id: d.pipeline_execution_id()?.to_owned(),
        id: d.rule_execution_id()?.to_owned(),
        stage: d.stage_name()?.to_owned(),
        rule: d.rule_name()?.to_owned(),
        status: RuleStatus::from_api(d.status()?.as_str())?,
        start: timestamp(d.start_time())?,
        last_update: timestamp(d.last_update_time())?,
        provider: d
            .input()
            .and_then(|i| i.rule_type_id())
            .map(|t| t.provider().to_owned()),
    })
}

/// An action execution as vsm reads it; `None` (left out) when a field vsm needs is missing.
fn action(d: &ActionExecutionDetail) -> Option<ActionExecution> {
    Some(ActionExecution {
        pipeline_execution_id: d.pipeline_execution_id()?.to_owned(),
        id: d.action_execution_id()?.to_owned(),
        stage: d.stage_name()?.to_owned(),
        action: d.action_name()?.to_owned(),
        status: ActionStatus::from_api(d.status()?.as_str())?,
        start: timestamp(d.start_time())?,
        last_update: timestamp(d.last_update_time())?,
    })
}

/// Progress on standard error when it is a terminal; nothing otherwise.
struct Bar(Option<ProgressBar>);

impl Bar {
    fn spinner(what: &str) -> Self {
        Self::new(what, None, "{spinner} {msg}: {pos} [{elapsed}]")
    }

    fn counter(what: &str, total: usize) -> Self {
        Self::new(
            what,
            Some(total as u64),
            "{msg} [{bar:30}] {pos}/{len} executions, {eta} left",
        )
    }

    fn new(what: &str, total: Option<u64>, template: &str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Self(None);
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(what.to_owned());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Self(Some(bar))
    }

    fn set(&self, n: usize) {
        if let Some(bar) = &self.0 {
            bar.set_position(n as u64);
        }
    }

    fn inc(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(self) {
        if let Some(bar) = self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_config::retry::RetryMode;

    #[test]
    fn requests_retry_with_backoff_up_to_the_attempts_asked() {
        let r = retry_config(7);
        assert_eq!(r.mode(), RetryMode::Standard);
        assert_eq!(r.max_attempts(), 7);
        assert!(r.initial_backoff() > std::time::Duration::ZERO);
        assert_eq!(retry_config(0).max_attempts(), 1);
    }

    #[test]
    fn the_cache_lives_under_region_and_pipeline() {
        let dir = cache_dir(Some(Path::new("/c")), "eu-west-1", "my/pipe").unwrap();
        assert_eq!(dir, Path::new("/c/eu-west-1/my_pipe"));
    }

    /// moto (5.2.5) has no ListRuleExecutions: the mapping from the SDK's types is tested on
    /// SDK values.
    #[test]
    fn rule_executions_read_from_sdk_values() {
        use aws_sdk_codepipeline::types::{
            RuleCategory, RuleExecutionInput, RuleExecutionStatus, RuleOwner, RuleTypeId,
        };
        let detail = |status: &str| {
            RuleExecutionDetail::builder()
                .pipeline_execution_id("g1")
                .rule_execution_id("r1")
                .stage_name("Deploy")
                .rule_name("Window")
                .status(RuleExecutionStatus::from(status))
                .start_time(DateTime::from_secs(1_740_992_580))
                .last_update_time(DateTime::from_secs(1_740_993_600))
                .input(
                    RuleExecutionInput::builder()
                        .rule_type_id(
                            RuleTypeId::builder()
                                .category(RuleCategory::Rule)
                                .owner(RuleOwner::Aws)
                                .provider("DeploymentWindow")
                                .version("1")
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
        };
        let r = rule(&detail("Succeeded").build()).unwrap();
        assert_eq!(
            r,
            RuleExecution {
                pipeline_execution_id: "g1".to_owned(),
                id: "r1".to_owned(),
                stage: "Deploy".to_owned(),
                rule: "Window".to_owned(),
                status: RuleStatus::Succeeded,
                start: Timestamp::parse("2025-03-03T09:03:00Z").unwrap(),
                last_update: Timestamp::parse("2025-03-03T09:20:00Z").unwrap(),
                provider: Some("DeploymentWindow".to_owned()),
            }
        );
        assert_eq!(
            rule(&detail("Failed").build()).unwrap().status,
            RuleStatus::Failed
        );
        // A status vsm does not know, or a missing field: left out, as for actions.
        assert_eq!(rule(&detail("Skipped").build()), None);
        assert_eq!(rule(&detail("Succeeded").set_rule_name(None).build()), None);
        // What the cache writes reads back the same.
        let history = History::default().with_rules(vec![r.clone()]);
        let back = History::default()
            .with_rules_json(Input::new(RULES_FILE, &history.rules_json()))
            .unwrap();
        assert_eq!(back.rules, vec![r]);
    }

    #[test]
    fn a_rollback_names_its_target_from_sdk_values() {
        use aws_sdk_codepipeline::types::{
            ExecutionTrigger, ExecutionType, PipelineExecutionStatus, PipelineRollbackMetadata,
            TriggerType,
        };
        let summary = PipelineExecutionSummary::builder()
            .pipeline_execution_id("r1")
            .status(PipelineExecutionStatus::Succeeded)
            .start_time(DateTime::from_secs(1_740_992_400))
            .last_update_time(DateTime::from_secs(1_740_993_000))
            .trigger(
                ExecutionTrigger::builder()
                    .trigger_type(TriggerType::AutomatedRollback)
                    .build(),
            )
            .execution_type(ExecutionType::Rollback)
            .rollback_metadata(
                PipelineRollbackMetadata::builder()
                    .rollback_target_pipeline_execution_id("g1")
                    .build(),
            )
            .build();
        let e = execution(&summary).unwrap();
        assert!(e.is_rollback() && e.is_automated_rollback());
        assert_eq!(e.rollback_target.as_deref(), Some("g1"));
    }

    #[test]
    fn the_cached_declaration_keeps_the_stage_conditions() {
        use aws_sdk_codepipeline::types::{
            ActionCategory, ActionDeclaration, ActionOwner, ActionTypeId, BeforeEntryConditions,
            FailureConditions, Result as ConditionResult, RuleCategory, RuleDeclaration, RuleOwner,
            RuleTypeId, StageDeclaration, SuccessConditions,
        };
        let rule = |name: &str, provider: &str| {
            RuleDeclaration::builder()
                .name(name)
                .rule_type_id(
                    RuleTypeId::builder()
                        .category(RuleCategory::Rule)
                        .owner(RuleOwner::Aws)
                        .provider(provider)
                        .version("1")
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap()
        };
        let condition = |result, r| Condition::builder().result(result).rules(r).build();
        let stage = StageDeclaration::builder()
            .name("Deploy")
            .actions(
                ActionDeclaration::builder()
                    .name("Ship")
                    .action_type_id(
                        ActionTypeId::builder()
                            .category(ActionCategory::Deploy)
                            .owner(ActionOwner::Aws)
                            .provider("CloudFormation")
                            .version("1")
                            .build()
                            .unwrap(),
                    )
                    .build()
                    .unwrap(),
            )
            .before_entry(
                BeforeEntryConditions::builder()
                    .conditions(condition(
                        ConditionResult::Fail,
                        rule("Window", "DeploymentWindow"),
                    ))
                    .build()
                    .unwrap(),
            )
            .on_success(
                SuccessConditions::builder()
                    .conditions(condition(
                        ConditionResult::Rollback,
                        rule("Alarm", "CloudWatchAlarm"),
                    ))
                    .build()
                    .unwrap(),
            )
            .on_failure(
                FailureConditions::builder()
                    .result(ConditionResult::Rollback)
                    .build(),
            )
            .build()
            .unwrap();
        let declaration = PipelineDeclaration::builder()
            .name("gated")
            .role_arn("arn:aws:iam::111111111111:role/gated")
            .stages(stage)
            .build()
            .unwrap();
        let text = get_pipeline_json(&declaration).to_string();
        let s = Structure::from_get_pipeline(Input::new(PIPELINE_FILE, &text)).unwrap();
        assert!(s.has_gates());
        // Place, result, and each rule with whether it holds the change.
        let places: Vec<String> = s.stages[0]
            .conditions
            .iter()
            .map(|c| {
                let rules: Vec<String> = c
                    .rules
                    .iter()
                    .map(|r| format!("{}{}", r.name, if r.holds { " (holds)" } else { "" }))
                    .collect();
                format!("{} {:?} {}", c.place.key(), c.result, rules.join(", "))
            })
            .collect();
        assert_eq!(
            places,
            [
                "before_entry Some(\"FAIL\") Window (holds)",
                "on_success Some(\"ROLLBACK\") Alarm",
                "on_failure Some(\"ROLLBACK\") ",
            ]
        );
    }

    #[test]
    fn sdk_times_keep_their_microseconds() {
        let t = DateTime::from_secs_and_nanos(1_740_817_800, 123_456_789);
        assert_eq!(
            timestamp(Some(&t)).unwrap().to_iso(),
            "2025-03-01T08:30:00.123456+00:00"
        );
    }
}
