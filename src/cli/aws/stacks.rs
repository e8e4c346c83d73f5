//! `status`, `list` and `destroy`.

use aws_sdk_cloudformation::types::Stack;
use serde_json::Value;
use std::time::Duration;

use super::progress::Progress;
use super::{
    aws_error, block_on, check_stack_name, confirm, connect, event_line, events_after,
    existing_stack, failures, find_stack, newest_event, one_line, say, status_of, table, Aws,
    STREAM_TAG,
};
use crate::cli::{DestroyArgs, Failure, Global, Result, StackArgs};

fn time(t: Option<&aws_sdk_cloudformation::primitives::DateTime>) -> String {
    t.and_then(|t| {
        t.fmt(aws_sdk_cloudformation::primitives::DateTimeFormat::DateTime)
            .ok()
    })
    .map(|t| t.replace('T', " ").chars().take(19).collect())
    .unwrap_or_else(|| "-".to_owned())
}

fn stream_tag(stack: &Stack) -> Option<&str> {
    stack
        .tags()
        .iter()
        .find(|t| t.key() == Some(STREAM_TAG))
        .and_then(|t| t.value())
}

pub(crate) fn status(global: &Global, args: &StackArgs) -> Result<u8> {
    check_stack_name(&args.stack, true)?;
    block_on(async {
        let aws = connect(global).await?;
        let stack = existing_stack(&aws, &args.stack).await?;
        let mut out = format!("Stack {}\n", args.stack);
        let mut row = |k: &str, v: &str| out.push_str(&format!("  {k:<9} {v}\n"));
        row("status", &status_of(&stack));
        if let Some(reason) = stack.stack_status_reason() {
            row("reason", &one_line(reason));
        }
        row(
            "stream",
            stream_tag(&stack).unwrap_or("(not deployed by vsm)"),
        );
        row("created", &time(stack.creation_time()));
        row("updated", &time(stack.last_updated_time()));
        row("id", stack.stack_id().unwrap_or("?"));
        if !stack.outputs().is_empty() {
            out.push_str("Outputs:\n");
            for o in stack.outputs() {
                out.push_str(&format!(
                    "  {:<24} {}\n",
                    o.output_key().unwrap_or("?"),
                    o.output_value().unwrap_or("")
                ));
            }
        }
        let id = stack.stack_id().unwrap_or(&args.stack).to_owned();
        let events = events_after(&aws, &id, None, 10).await?;
        if !events.is_empty() {
            out.push_str("Latest events:\n");
            for e in &events {
                out.push_str(&format!("  {}\n", event_line(e)));
            }
        }
        say(out.trim_end());
        Ok(0)
    })?
}

pub(crate) fn list(global: &Global) -> Result<u8> {
    block_on(async {
        let aws = connect(global).await?;
        let mut rows: Vec<[String; 4]> = Vec::new();
        let mut token = None;
        loop {
            let page = aws
                .cfn
                .describe_stacks()
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| aws_error("cannot list the stacks", e))?;
            for stack in page.stacks() {
                if let Some(stream) = stream_tag(stack) {
                    rows.push([
                        stack.stack_name().unwrap_or("?").to_owned(),
                        stream.to_owned(),
                        status_of(stack),
                        time(stack.last_updated_time().or(stack.creation_time())),
                    ]);
                }
            }
            token = page.next_token().map(str::to_owned);
            if token.is_none() {
                break;
            }
        }
        if rows.is_empty() {
            say(format!("No stacks deployed by vsm in {}.", aws.region));
            return Ok(0);
        }
        rows.sort();
        rows.insert(
            0,
            ["Stack", "Stream", "Status", "Updated"].map(str::to_owned),
        );
        for line in table(&rows) {
            say(line);
        }
        Ok(0)
    })?
}

/// Resources the template keeps when the stack is deleted: logical id, type, physical id.
async fn retained(aws: &Aws, stack: &str) -> Vec<(String, String, String)> {
    let Ok(template) = aws.cfn.get_template().stack_name(stack).send().await else {
        return Vec::new();
    };
    let body = template.template_body().unwrap_or_default();
    let parsed: Option<Value> = serde_json::from_str(body)
        .ok()
        .or_else(|| serde_saphyr::from_str(body).ok());
    let Some(template) = parsed else {
        return Vec::new();
    };
    let physical = aws
        .cfn
        .describe_stack_resources()
        .stack_name(stack)
        .send()
        .await
        .map(|r| r.stack_resources().to_vec())
        .unwrap_or_default();
    template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, r)| r["DeletionPolicy"] == "Retain")
        .map(|(id, r)| {
            let name = physical
                .iter()
                .find(|p| p.logical_resource_id() == Some(id.as_str()))
                .and_then(|p| p.physical_resource_id())
                .unwrap_or("not created")
                .to_owned();
            (
                id.clone(),
                r["Type"].as_str().unwrap_or("?").to_owned(),
                name,
            )
        })
        .collect()
}

pub(crate) fn destroy(global: &Global, args: &DestroyArgs) -> Result<u8> {
    check_stack_name(&args.stack, true)?;
    block_on(async {
        let aws = connect(global).await?;
        let name = args.stack.as_str();
        let stack = existing_stack(&aws, name).await?;
        if stream_tag(&stack).is_none() && !args.force {
            return Err(Failure::trouble(format!(
                "stack {name} has no {STREAM_TAG} tag, so vsm did not deploy it; \
                 pass --force to delete it anyway"
            )));
        }
        let id = stack.stack_id().unwrap_or(name).to_owned();
        let kept = retained(&aws, &id).await;
        say(format!(
            "Stack {name} ({}) will be deleted.",
            status_of(&stack)
        ));
        if !kept.is_empty() {
            say("Retained after deletion (DeletionPolicy Retain), with the artifacts they hold:");
            for (logical, ty, physical) in &kept {
                say(format!("  {logical} ({ty}): {physical}"));
            }
        }
        if !args.yes {
            let ok = confirm(
                &format!("Delete stack {name}?"),
                "not deleted: standard input is not a terminal, so vsm cannot ask; pass --yes to delete",
            )
            .await?;
            if !ok {
                say("Not deleted.");
                return Ok(1);
            }
        }
        delete(&aws, name, &id, args.poll_interval).await?;
        say(format!("Stack {name} deleted."));
        if !kept.is_empty() {
            let names: Vec<String> = kept.iter().map(|(l, _, p)| format!("{l} {p}")).collect();
            say(format!(
                "Retained (DeletionPolicy Retain): {}. The artifact bucket keeps the pipeline's artifacts: \
                 empty and delete it, and schedule the key's deletion, once they are no longer needed.",
                names.join(", ")
            ));
        }
        Ok(0)
    })?
}

/// Deletes the stack and follows it until it is gone; an error when it is not.
async fn delete(aws: &Aws, name: &str, id: &str, poll: u64) -> Result<()> {
    let marker = newest_event(aws, id).await?;
    let size = stack_size(aws, id).await;
    aws.cfn
        .delete_stack()
        .stack_name(id)
        .send()
        .await
        .map_err(|e| aws_error(&format!("cannot delete stack {name}"), e))?;
    let progress = Progress::start(&format!("Deleting stack {name}"), size);
    let mut seen = marker;
    let mut events = Vec::new();
    let status = loop {
        let new = match events_after(aws, id, seen.as_deref(), 10_000).await {
            Ok(new) => new,
            Err(failure) => break Err(failure),
        };
        for e in &new {
            progress.event(e);
        }
        if let Some(last) = new.last().and_then(|e| e.event_id()) {
            seen = Some(last.to_owned());
        }
        events.extend(new);
        let status = match find_stack(aws, id).await {
            Ok(stack) => stack
                .map(|s| status_of(&s))
                .unwrap_or_else(|| "DELETE_COMPLETE".to_owned()),
            Err(failure) => break Err(failure),
        };
        if !status.ends_with("_IN_PROGRESS") {
            break Ok(status);
        }
        tokio::time::sleep(Duration::from_secs(poll.max(1))).await;
    };
    progress.finish();
    let status = status.map_err(|failure| {
        Failure::trouble(format!(
            "lost track of stack {name} while it was being deleted: {}; CloudFormation goes on: \
             follow it with `status --stack {name}`",
            failure.message
        ))
    })?;
    if status != "DELETE_COMPLETE" {
        say("Failed resources:");
        for line in failures(&events) {
            say(format!("  {line}"));
        }
        return Err(Failure::no(format!(
            "stack {name} was not deleted: it is {status}"
        )));
    }
    Ok(())
}

async fn stack_size(aws: &Aws, id: &str) -> usize {
    aws.cfn
        .describe_stack_resources()
        .stack_name(id)
        .send()
        .await
        .map(|r| r.stack_resources().len())
        .unwrap_or(0)
}
