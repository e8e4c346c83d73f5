//! `deploy`: create or update a stack through a change set, shown before it is applied.

use aws_sdk_cloudformation::types::{
    Capability, Change, ChangeSetStatus, ChangeSetType, Parameter, Stack, StackEvent, Tag,
};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::progress::Progress;
use super::{
    aws_error, block_on, connect, events_after, failures, find_stack, newest_event, one_line, say,
    status_of, Aws, STREAM_TAG,
};
use crate::cli::input::read_template;
use crate::cli::outputs::thousands;
use crate::cli::{DeployArgs, Failure, Global, Result, Streams};
use crate::rules::{check_template, INLINE_TEMPLATE_LIMIT, S3_TEMPLATE_LIMIT};

/// What is deployed: the template and the names that go with it.
struct Deployment {
    /// The template as a value (parameters, resource types).
    template: Value,
    /// Pretty JSON body.
    pretty: String,
    /// Compact JSON body.
    compact: String,
    /// The stream's name (the `vsm:stream` tag).
    stream: String,
    /// The pipeline's name, for the console URL when the stack has no such output.
    pipeline: Option<String>,
}

impl Deployment {
    fn from_args(streams: &Streams, args: &DeployArgs) -> Result<Self> {
        if let Some(path) = &args.template {
            let template = read_template(path)?;
            let pipeline = template["Resources"]
                .as_object()
                .into_iter()
                .flatten()
                .find(|(_, r)| r["Type"] == "AWS::CodePipeline::Pipeline")
                .and_then(|(_, r)| r["Properties"]["Name"].as_str())
                .map(str::to_owned);
            let pretty = serde_json::to_string_pretty(&template)
                .map_err(|e| Failure::trouble(format!("cannot write the template: {e}")))?
                + "\n";
            let compact = serde_json::to_string(&template)
                .map_err(|e| Failure::trouble(format!("cannot write the template: {e}")))?;
            return Ok(Self {
                stream: pipeline.clone().unwrap_or_else(|| args.stack.clone()),
                template,
                pretty,
                compact,
                pipeline,
            });
        }
        let stream = streams.stream()?;
        let typed = stream.to_cloudformation();
        let compact = typed.to_json_compact();
        let errors: Vec<String> = check_template(&typed, compact.len())
            .into_iter()
            .filter(|v| v.is_error())
            .map(|v| v.to_string())
            .collect();
        if !errors.is_empty() {
            return Err(Failure::no(format!(
                "the template cannot be deployed:\n{}",
                errors.join("\n")
            )));
        }
        Ok(Self {
            template: typed.to_value(),
            pretty: typed.to_json_pretty(),
            compact,
            stream: stream.name.clone(),
            pipeline: Some(stream.name.clone()),
        })
    }

    /// The body to send: pretty JSON when it fits the limit, compact otherwise.
    fn body(&self, limit: usize) -> &str {
        if self.pretty.len() <= limit {
            &self.pretty
        } else {
            &self.compact
        }
    }

    /// Template parameters: name and whether it has a default.
    fn parameters(&self) -> Vec<(String, bool)> {
        self.template["Parameters"]
            .as_object()
            .map(|ps| {
                ps.iter()
                    .map(|(k, v)| (k.clone(), v.get("Default").is_some()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Capabilities the template needs acknowledged.
    fn capabilities(&self) -> Vec<Capability> {
        let types: BTreeSet<&str> = self.template["Resources"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, r)| r["Type"].as_str())
            .collect();
        let mut out = Vec::new();
        if types.iter().any(|t| t.starts_with("AWS::IAM::")) {
            out.push(Capability::CapabilityIam);
            out.push(Capability::CapabilityNamedIam);
        }
        if self.template.get("Transform").is_some() {
            out.push(Capability::CapabilityAutoExpand);
        }
        out
    }
}

/// How a parameter is set.
enum ParameterValue {
    Given(String),
    Previous,
}

pub(crate) fn deploy(streams: &Streams, global: &Global, args: &DeployArgs) -> Result<u8> {
    let deployment = Deployment::from_args(streams, args)?;
    let known: Vec<(String, bool)> = deployment.parameters();
    for (key, _) in &args.parameters {
        if !known.iter().any(|(k, _)| k == key) {
            let names: Vec<&str> = known.iter().map(|(k, _)| k.as_str()).collect();
            return Err(Failure::trouble(format!(
                "the template has no parameter {key} (it has: {})",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            )));
        }
    }
    if deployment.compact.len() > S3_TEMPLATE_LIMIT {
        return Err(Failure::no(format!(
            "the template is {} bytes even as compact JSON; CloudFormation accepts at most {}: split the stream",
            thousands(deployment.compact.len()),
            thousands(S3_TEMPLATE_LIMIT)
        )));
    }
    if args.s3_bucket.is_none() && deployment.compact.len() > INLINE_TEMPLATE_LIMIT {
        return Err(Failure::trouble(format!(
            "the template is {} bytes as compact JSON, over the {} bytes CloudFormation takes inline: \
             pass --s3-bucket BUCKET to upload it first",
            thousands(deployment.compact.len()),
            thousands(INLINE_TEMPLATE_LIMIT)
        )));
    }
    block_on(run(deployment, known, global, args))?
}

async fn run(
    deployment: Deployment,
    known: Vec<(String, bool)>,
    global: &Global,
    args: &DeployArgs,
) -> Result<u8> {
    let aws = connect(global).await?;
    let stack = args.stack.as_str();
    let existing = find_stack(&aws, stack).await?;
    let create = match &existing {
        None => true,
        Some(s) => {
            let status = status_of(s);
            match status.as_str() {
                "REVIEW_IN_PROGRESS" => true,
                "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED" => {
                    return Err(Failure::trouble(format!(
                        "stack {stack} is {status}: its creation failed and it cannot be updated; \
                         run `destroy --stack {stack}`, then deploy again"
                    )))
                }
                s if s.ends_with("_IN_PROGRESS") => {
                    return Err(Failure::trouble(format!(
                        "stack {stack} is busy ({s}); deploy again once it has settled (`status --stack {stack}`)"
                    )))
                }
                _ => false,
            }
        }
    };

    // Parameters: given, previous value on update, default, or missing.
    let previous: BTreeSet<String> = existing
        .as_ref()
        .filter(|_| !create)
        .map(|s| {
            s.parameters()
                .iter()
                .filter_map(|p| p.parameter_key().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut values = Vec::new();
    let mut missing = Vec::new();
    for (key, has_default) in &known {
        match args.parameters.iter().rev().find(|(k, _)| k == key) {
            Some((_, v)) => values.push((key.clone(), ParameterValue::Given(v.clone()))),
            None if previous.contains(key) => values.push((key.clone(), ParameterValue::Previous)),
            None if *has_default => {}
            None => missing.push(key.clone()),
        }
    }
    if !missing.is_empty() {
        let example: Vec<String> = missing
            .iter()
            .map(|k| format!("--parameter {k}=..."))
            .collect();
        return Err(Failure::trouble(format!(
            "{} need{} a value: pass {}",
            missing.join(", "),
            if missing.len() == 1 { "s" } else { "" },
            example.join(" ")
        )));
    }
    let parameters: Vec<Parameter> = values
        .iter()
        .map(|(k, v)| match v {
            ParameterValue::Given(value) => Parameter::builder()
                .parameter_key(k)
                .parameter_value(value)
                .build(),
            ParameterValue::Previous => Parameter::builder()
                .parameter_key(k)
                .use_previous_value(true)
                .build(),
        })
        .collect();

    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let mut request = aws
        .cfn
        .create_change_set()
        .stack_name(stack)
        .change_set_name(format!("vsm-{stamp}"))
        .change_set_type(if create {
            ChangeSetType::Create
        } else {
            ChangeSetType::Update
        })
        .description(format!("vsm deploy of stream {}", deployment.stream))
        .set_parameters(Some(parameters))
        .set_capabilities(Some(deployment.capabilities()))
        .tags(
            Tag::builder()
                .key(STREAM_TAG)
                .value(&deployment.stream)
                .build(),
        );
    match &args.s3_bucket {
        Some(bucket) => {
            let body = deployment.body(S3_TEMPLATE_LIMIT);
            let key = format!("{}{stack}/{stamp}.json", args.s3_prefix);
            aws.s3
                .put_object()
                .bucket(bucket)
                .key(&key)
                .content_type("application/json")
                .body(body.as_bytes().to_vec().into())
                .send()
                .await
                .map_err(|e| {
                    aws_error(
                        &format!("cannot upload the template to s3://{bucket}/{key}"),
                        e,
                    )
                })?;
            say(format!(
                "Uploaded the template ({} bytes) to s3://{bucket}/{key}",
                thousands(body.len())
            ));
            request = request.template_url(template_url(bucket, &aws.region, &key));
        }
        None => request = request.template_body(deployment.body(INLINE_TEMPLATE_LIMIT)),
    }
    let created = match request.send().await {
        Ok(out) => out,
        Err(e) => {
            let failure = aws_error(&format!("cannot create a change set for stack {stack}"), e);
            if is_no_change(&failure.message) {
                return Ok(up_to_date(&aws, stack, &deployment).await);
            }
            return Err(failure);
        }
    };
    let change_set = ChangeSet {
        id: created.id().unwrap_or_default().to_owned(),
        stack: stack.to_owned(),
        stack_id: created.stack_id().unwrap_or(stack).to_owned(),
        create,
    };

    let changes = match change_set.wait(&aws).await {
        Ok(Some(changes)) => changes,
        Ok(None) => {
            change_set.discard(&aws).await;
            return Ok(up_to_date(&aws, stack, &deployment).await);
        }
        Err(failure) => {
            change_set.discard(&aws).await;
            return Err(failure);
        }
    };
    say(describe_change_set(&change_set, &changes, &values));

    if args.preview {
        change_set.discard(&aws).await;
        say("Preview only: the change set was deleted, nothing was applied.");
        return Ok(0);
    }
    if !args.yes {
        let answer = super::confirm(
            &format!("Apply this change set to stack {stack}?"),
            "not applied: standard input is not a terminal, so vsm cannot ask; \
             pass --yes to apply the change set (or --preview to only show it)",
        );
        match answer {
            Ok(true) => {}
            Ok(false) => {
                change_set.discard(&aws).await;
                say("Not applied: the change set was deleted.");
                return Ok(1);
            }
            Err(failure) => {
                change_set.discard(&aws).await;
                return Err(failure);
            }
        }
    }
    change_set
        .execute(&aws, &deployment, changes.len(), args.poll_interval)
        .await
}

/// A change set vsm created, and how to get rid of it.
struct ChangeSet {
    id: String,
    stack: String,
    stack_id: String,
    /// True when it creates the stack (so discarding it deletes the empty stack too).
    create: bool,
}

impl ChangeSet {
    /// Waits until the change set is ready: its changes, or `None` when there are none.
    async fn wait(&self, aws: &Aws) -> Result<Option<Vec<Change>>> {
        loop {
            let mut changes = Vec::new();
            let mut token = None;
            let mut status;
            let mut reason;
            loop {
                let out = aws
                    .cfn
                    .describe_change_set()
                    .change_set_name(&self.id)
                    .stack_name(&self.stack_id)
                    .set_next_token(token)
                    .send()
                    .await
                    .map_err(|e| aws_error("cannot read the change set", e))?;
                status = out.status().cloned();
                reason = out.status_reason().unwrap_or_default().to_owned();
                changes.extend(out.changes().iter().cloned());
                token = out.next_token().map(str::to_owned);
                if token.is_none() {
                    break;
                }
            }
            match status {
                Some(ChangeSetStatus::CreateComplete) => return Ok(Some(changes)),
                Some(ChangeSetStatus::Failed) if is_no_change(&reason) => return Ok(None),
                Some(ChangeSetStatus::Failed) => {
                    return Err(Failure::no(format!(
                        "CloudFormation refused the change set for stack {}: {}",
                        self.stack,
                        one_line(&reason)
                    )))
                }
                _ => tokio::time::sleep(Duration::from_secs(2)).await,
            }
        }
    }

    /// Deletes the change set, and the stack it would have created.
    async fn discard(&self, aws: &Aws) {
        let _ = aws
            .cfn
            .delete_change_set()
            .change_set_name(&self.id)
            .stack_name(&self.stack_id)
            .send()
            .await;
        if self.create {
            let _ = aws
                .cfn
                .delete_stack()
                .stack_name(&self.stack_id)
                .send()
                .await;
        }
    }

    /// Applies the change set and follows the stack until it settles.
    async fn execute(
        &self,
        aws: &Aws,
        deployment: &Deployment,
        total: usize,
        poll: u64,
    ) -> Result<u8> {
        let marker = newest_event(aws, &self.stack_id).await?;
        let progress = Progress::start(
            &format!(
                "{} stack {}",
                if self.create { "Creating" } else { "Updating" },
                self.stack
            ),
            total,
        );
        let mut seen = marker.clone();
        let mut events: Vec<StackEvent> = Vec::new();
        let executed = aws
            .cfn
            .execute_change_set()
            .change_set_name(&self.id)
            .stack_name(&self.stack_id)
            .send()
            .await;
        let mut stack: Option<Stack> = None;
        if executed.is_ok() {
            loop {
                let new = events_after(aws, &self.stack_id, seen.as_deref(), 10_000).await?;
                for event in &new {
                    progress.event(event);
                }
                if let Some(last) = new.last().and_then(|e| e.event_id()) {
                    seen = Some(last.to_owned());
                }
                events.extend(new);
                let current = find_stack(aws, &self.stack_id).await?;
                let settled = current
                    .as_ref()
                    .is_none_or(|s| !status_of(s).ends_with("_IN_PROGRESS"));
                stack = current;
                if settled {
                    break;
                }
                tokio::time::sleep(Duration::from_secs(poll.max(1))).await;
            }
        } else {
            // Show what happened before the error, if anything.
            let new = events_after(aws, &self.stack_id, marker.as_deref(), 10_000)
                .await
                .unwrap_or_default();
            for event in &new {
                progress.event(event);
            }
            events.extend(new);
        }
        progress.finish();

        let status = stack.as_ref().map(status_of).unwrap_or_default();
        if executed.is_ok() && matches!(status.as_str(), "CREATE_COMPLETE" | "UPDATE_COMPLETE") {
            let stack = stack.expect("a settled stack");
            say(format!("Stack {}: {status}", self.stack));
            let outputs = stack.outputs();
            if !outputs.is_empty() {
                say("Outputs:");
                for o in outputs {
                    say(format!(
                        "  {:<24} {}",
                        o.output_key().unwrap_or("?"),
                        o.output_value().unwrap_or("")
                    ));
                }
            }
            say(format!(
                "Pipeline console: {}",
                console_url(&stack, &aws.region, deployment)
            ));
            return Ok(0);
        }

        let mut message = match executed {
            Err(e) => aws_error("applying the change set failed", e).message,
            Ok(_) => format!(
                "the deployment failed: stack {} is {}{}",
                self.stack,
                if status.is_empty() { "gone" } else { &status },
                stack
                    .as_ref()
                    .and_then(|s| s.stack_status_reason())
                    .map(|r| format!(" ({})", one_line(r)))
                    .unwrap_or_default()
            ),
        };
        let failed = failures(&events);
        if failed.is_empty() {
            say("No resource reported a failure reason.");
        } else {
            say("Failed resources:");
            for line in &failed {
                say(format!("  {line}"));
            }
        }
        if self.create {
            // The stack was made by this deploy and holds nothing usable: remove it rather than
            // leave a stack that can only be deleted.
            let deleted = aws
                .cfn
                .delete_stack()
                .stack_name(&self.stack_id)
                .send()
                .await;
            if deleted.is_ok() {
                message.push_str(&format!(
                    "; deleted stack {}, which this deploy had created",
                    self.stack
                ));
            }
        } else if !status.is_empty() {
            message.push_str(&format!("; the stack is now {status}"));
        }
        Err(Failure::no(message))
    }
}

/// True for CloudFormation's ways of saying that a change set would change nothing.
fn is_no_change(reason: &str) -> bool {
    reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")
}

/// Says that the stack is up to date; exit code 0.
async fn up_to_date(aws: &Aws, stack: &str, deployment: &Deployment) -> u8 {
    say(format!(
        "No changes: stack {stack} already matches the template and parameters."
    ));
    if let Ok(Some(s)) = find_stack(aws, stack).await {
        say(format!(
            "Pipeline console: {}",
            console_url(&s, &aws.region, deployment)
        ));
    }
    0
}

/// The pipeline's console URL: the stack's output, or built from the pipeline's name.
fn console_url(stack: &Stack, region: &str, deployment: &Deployment) -> String {
    if let Some(url) = stack.outputs().iter().find_map(|o| {
        o.output_key()
            .filter(|k| k.ends_with("PipelineConsoleUrl"))
            .and(o.output_value())
    }) {
        return url.to_owned();
    }
    let name = deployment
        .pipeline
        .clone()
        .unwrap_or_else(|| stack.stack_name().unwrap_or("?").to_owned());
    format!(
        "https://{region}.console.aws.amazon.com/codesuite/codepipeline/pipelines/{name}/view?region={region}"
    )
}

/// The HTTPS URL CloudFormation reads an uploaded template from.
fn template_url(bucket: &str, region: &str, key: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    if bucket.contains('.') {
        format!("https://s3.{region}.{suffix}/{bucket}/{key}")
    } else {
        format!("https://{bucket}.s3.{region}.{suffix}/{key}")
    }
}

/// The change set as a table: action, logical id, type, replacement, what changes.
fn describe_change_set(
    change_set: &ChangeSet,
    changes: &[Change],
    parameters: &[(String, ParameterValue)],
) -> String {
    let mut rows: Vec<[String; 5]> = vec![[
        "Action".into(),
        "Logical ID".into(),
        "Type".into(),
        "Replacement".into(),
        "Changes".into(),
    ]];
    for change in changes {
        let Some(rc) = change.resource_change() else {
            continue;
        };
        let action = rc.action().map(|a| a.as_str()).unwrap_or("?");
        let replacement = match rc.replacement().map(|r| r.as_str()) {
            Some("True") => "Yes".to_owned(),
            Some("Conditional") => "Conditional".to_owned(),
            Some("False") => "No".to_owned(),
            Some(other) => other.to_owned(),
            None => "-".to_owned(),
        };
        let mut targets: Vec<String> = rc
            .details()
            .iter()
            .filter_map(|d| d.target())
            .map(|t| {
                let attribute = t.attribute().map(|a| a.as_str()).unwrap_or("?");
                match t.name() {
                    Some(name) => format!("{attribute}.{name}"),
                    None => attribute.to_owned(),
                }
            })
            .collect();
        targets.dedup();
        if targets.is_empty() {
            targets = rc.scope().iter().map(|s| s.as_str().to_owned()).collect();
        }
        rows.push([
            action.to_owned(),
            rc.logical_resource_id().unwrap_or("?").to_owned(),
            rc.resource_type().unwrap_or("?").to_owned(),
            replacement,
            targets.join(", "),
        ]);
    }
    let mut widths = [0usize; 5];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let count = rows.len() - 1;
    let mut out = format!(
        "Change set to {} stack {}: {count} resource change{}\n",
        if change_set.create {
            "create"
        } else {
            "update"
        },
        change_set.stack,
        if count == 1 { "" } else { "s" }
    );
    for row in &rows {
        let line: Vec<String> = row
            .iter()
            .zip(widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(&format!("  {}\n", line.join("  ").trim_end()));
    }
    if !parameters.is_empty() {
        out.push_str("Parameters:\n");
        for (key, value) in parameters {
            match value {
                ParameterValue::Given(v) => out.push_str(&format!("  {key} = {v}\n")),
                ParameterValue::Previous => {
                    out.push_str(&format!("  {key} (previous value kept)\n"))
                }
            }
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_urls() {
        assert_eq!(
            template_url("my-templates", "eu-west-1", "vsm/x/1.json"),
            "https://my-templates.s3.eu-west-1.amazonaws.com/vsm/x/1.json"
        );
        assert_eq!(
            template_url("my.templates", "cn-north-1", "k"),
            "https://s3.cn-north-1.amazonaws.com.cn/my.templates/k"
        );
    }

    #[test]
    fn no_change_reasons() {
        assert!(is_no_change("The submitted information didn't contain changes. Submit different information to create a change set."));
        assert!(is_no_change(
            "ValidationError: No updates are to be performed."
        ));
        assert!(!is_no_change("Template format error"));
    }
}
