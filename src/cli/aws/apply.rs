//! Applying a change set, and following the stack until it settles.

use aws_sdk_cloudformation::config::http::HttpResponse;
use aws_sdk_cloudformation::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_cloudformation::types::{ExecutionStatus, Stack, StackEvent};
use std::time::Duration;

use super::change_set::ChangeSet;
use super::deploy::{console_url, Deployment};
use super::progress::Progress;
use super::{
    aws_error, events_after, failures, find_stack, newest_event, one_line, say, status_of, Aws,
};
use crate::cli::{Failure, Result};

impl ChangeSet {
    /// Applies the change set and follows the stack until it settles; on failure, deletes the
    /// stack when this deploy created it.
    pub async fn execute(
        &self,
        aws: &Aws,
        deployment: &Deployment,
        total: usize,
        poll: u64,
    ) -> Result<u8> {
        let marker = match newest_event(aws, &self.stack_id).await {
            Ok(marker) => marker,
            Err(failure) => return Err(self.fail(aws, failure).await),
        };
        let doing = if self.create { "Creating" } else { "Updating" };
        let progress = Progress::start(&format!("{doing} stack {}", self.stack), total);
        if let Err(failure) = self.start(aws).await {
            progress.finish();
            return Err(self.fail(aws, failure).await);
        }
        let followed = follow(aws, &self.stack_id, marker, &progress, poll).await;
        progress.finish();
        let (stack, events) = followed.map_err(|failure| self.lost_track(failure))?;
        let status = stack.as_ref().map(status_of).unwrap_or_default();
        match stack {
            Some(stack) if matches!(status.as_str(), "CREATE_COMPLETE" | "UPDATE_COMPLETE") => {
                Ok(self.succeeded(aws, &stack, deployment))
            }
            _ => Err(self.failed(aws, stack.as_ref(), &status, &events).await),
        }
    }

    /// Asks CloudFormation to apply the change set: `Ok` once it has started, even when the
    /// answer to the request was lost.
    async fn start(&self, aws: &Aws) -> Result<()> {
        let sent = aws
            .cfn
            .execute_change_set()
            .change_set_name(&self.id)
            .stack_name(&self.stack_id)
            // The same token on every try: a repeated request is the same request.
            .client_request_token(&self.name)
            .send()
            .await;
        let Err(e) = sent else { return Ok(()) };
        let refused = is_refusal(&e);
        let mut failure = aws_error("applying the change set failed", e);
        if refused {
            // CloudFormation answered, and the answer is no (a template it cannot apply).
            failure.code = 1;
        }
        match self.execution(aws).await {
            Some(
                ExecutionStatus::ExecuteInProgress
                | ExecutionStatus::ExecuteComplete
                | ExecutionStatus::ExecuteFailed,
            ) => Ok(()),
            _ => Err(failure),
        }
    }

    /// The error when the stack could no longer be read while it changed.
    fn lost_track(&self, failure: Failure) -> Failure {
        Failure::trouble(format!(
            "lost track of stack {} while it was being {}: {}; CloudFormation goes on: follow it \
             with `status --stack {}`",
            self.stack,
            if self.create { "created" } else { "updated" },
            failure.message,
            self.stack
        ))
    }

    /// Shows the settled stack's outputs and console URL; exit code 0.
    fn succeeded(&self, aws: &Aws, stack: &Stack, deployment: &Deployment) -> u8 {
        say(format!("Stack {}: {}", self.stack, status_of(stack)));
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
            console_url(stack, &aws.region, deployment)
        ));
        0
    }

    /// Shows why the stack failed; deletes it when this deploy created it.
    async fn failed(
        &self,
        aws: &Aws,
        stack: Option<&Stack>,
        status: &str,
        events: &[StackEvent],
    ) -> Failure {
        let mut message = format!(
            "the deployment failed: stack {} is {}{}",
            self.stack,
            if status.is_empty() { "gone" } else { status },
            stack
                .and_then(|s| s.stack_status_reason())
                .map(|r| format!(" ({})", one_line(r)))
                .unwrap_or_default()
        );
        let failed = failures(events);
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
            match deleted {
                Ok(_) => message.push_str(&format!(
                    "; deleted stack {}, which this deploy had created",
                    self.stack
                )),
                Err(e) => message.push_str(&format!(
                    "; stack {} could not be deleted ({}): delete it with `destroy --stack {}`",
                    self.stack,
                    super::aws_reason(e),
                    self.stack
                )),
            }
        } else if !status.is_empty() {
            message.push_str(&format!("; the stack is now {status}"));
        }
        Failure::no(message)
    }
}

/// Polls the stack's events and status until it is no longer in progress: the stack (`None`
/// when it is gone) and the events seen after `marker`.
async fn follow(
    aws: &Aws,
    stack_id: &str,
    marker: Option<String>,
    progress: &Progress,
    poll: u64,
) -> Result<(Option<Stack>, Vec<StackEvent>)> {
    let mut seen = marker;
    let mut events = Vec::new();
    loop {
        let new = events_after(aws, stack_id, seen.as_deref(), 10_000).await?;
        for event in &new {
            progress.event(event);
        }
        if let Some(last) = new.last().and_then(|e| e.event_id()) {
            seen = Some(last.to_owned());
        }
        events.extend(new);
        let current = find_stack(aws, stack_id).await?;
        let settled = current
            .as_ref()
            .is_none_or(|s| !status_of(s).ends_with("_IN_PROGRESS"));
        if settled {
            return Ok((current, events));
        }
        tokio::time::sleep(Duration::from_secs(poll.max(1))).await;
    }
}

/// True for a request CloudFormation answered and refused: a client error that is not
/// throttling (what is left of throttling or a server error after the retries is trouble, not a
/// refusal).
fn is_refusal<E: ProvideErrorMetadata>(err: &SdkError<E, HttpResponse>) -> bool {
    let SdkError::ServiceError(service) = err else {
        return false;
    };
    let code = service.err().code().unwrap_or_default();
    let throttled = code.contains("Throttl") || code == "RequestLimitExceeded";
    service.raw().status().is_client_error() && !throttled
}
