//! The change sets on a stack: this run's (found by name when an answer was lost) and other
//! deploys' (which make the stack busy).

use aws_sdk_cloudformation::error::ProvideErrorMetadata;
use aws_sdk_cloudformation::types::{ChangeSetStatus, ChangeSetSummary, ExecutionStatus};

use super::change_set::{ChangeSet, PREFIX};
use super::{aws_error, Aws};
use crate::cli::{Failure, Result};

/// Every change set of the stack (none when there is no such stack).
pub(super) async fn list(aws: &Aws, stack: &str) -> Result<Vec<ChangeSetSummary>> {
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let page = aws
            .cfn
            .list_change_sets()
            .stack_name(stack)
            .set_next_token(token)
            .send()
            .await;
        let page = match page {
            Ok(page) => page,
            Err(e) if e.message().is_some_and(|m| m.contains("does not exist")) => break,
            Err(e) => {
                return Err(aws_error(
                    &format!("cannot list the change sets of stack {stack}"),
                    e,
                ))
            }
        };
        // Some endpoints list the change sets of every stack: keep this stack's.
        out.extend(
            page.summaries()
                .iter()
                .filter(|s| s.stack_name() == Some(stack))
                .cloned(),
        );
        token = page.next_token().map(str::to_owned);
        if token.is_none() {
            return Ok(out);
        }
    }
    Ok(out)
}

/// The change sets of the stack that have this run's name.
pub(super) async fn named(
    aws: &Aws,
    stack: &str,
    name: &str,
    create: bool,
) -> Result<Vec<ChangeSet>> {
    let all = list(aws, stack).await?;
    Ok(all
        .iter()
        .filter(|s| s.change_set_name() == Some(name))
        .map(|s| ChangeSet::from_summary(s, create))
        .collect())
}

/// Deletes every change set of this run's name on the stack (with the stacks they would have
/// created); the names of those deleted, or what is left.
pub(super) async fn discard_named(
    aws: &Aws,
    stack: &str,
    name: &str,
    create: bool,
) -> Result<Vec<ChangeSet>, String> {
    let found = named(aws, stack, name, create).await.map_err(|f| {
        format!(
            "cannot tell whether change set {name} of stack {stack} was made ({}): look with \
             `aws cloudformation list-change-sets --stack-name {stack}`",
            f.message
        )
    })?;
    for change_set in &found {
        change_set.discard(aws).await?;
    }
    Ok(found)
}

/// A pending change set of another vsm deploy on the stack, if any.
pub(super) async fn pending_other(
    aws: &Aws,
    stack: &str,
    stack_id: &str,
) -> Result<Option<ChangeSetSummary>> {
    let all = list(aws, stack).await?;
    Ok(all
        .into_iter()
        .filter(|s| s.stack_id() == Some(stack_id) && is_pending(s))
        .min_by_key(order))
}

/// True for a vsm change set that waits to be applied or is being made.
pub(super) fn is_pending(s: &ChangeSetSummary) -> bool {
    let made_by_vsm = s.change_set_name().is_some_and(|n| n.starts_with(PREFIX));
    let status = matches!(
        s.status(),
        Some(
            ChangeSetStatus::CreatePending
                | ChangeSetStatus::CreateInProgress
                | ChangeSetStatus::CreateComplete
        )
    );
    let execution = matches!(
        s.execution_status(),
        None | Some(ExecutionStatus::Available | ExecutionStatus::Unavailable)
    );
    made_by_vsm && status && execution
}

/// The order in which deploys came: creation time, then name.
pub(super) fn order(s: &ChangeSetSummary) -> (i64, u32, String) {
    let (secs, nanos) = s
        .creation_time()
        .map(|t| (t.secs(), t.subsec_nanos()))
        .unwrap_or((i64::MAX, 0));
    (
        secs,
        nanos,
        s.change_set_name().unwrap_or_default().to_owned(),
    )
}

/// The error for a stack another deploy is changing.
pub(super) fn busy(stack: &str, other: &ChangeSetSummary) -> Failure {
    let name = other.change_set_name().unwrap_or("?");
    Failure::trouble(format!(
        "stack {stack} is busy: change set {name} of another deploy waits to be applied; deploy \
         again once it is applied or deleted (if no deploy is running, delete it with \
         `aws cloudformation delete-change-set --stack-name {stack} --change-set-name {name}`)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_is_a_vsm_change_set_not_yet_applied() {
        let summary = |name: &str, status, execution| {
            ChangeSetSummary::builder()
                .change_set_name(name)
                .status(status)
                .execution_status(execution)
                .build()
        };
        assert!(is_pending(&summary(
            "vsm-1-2",
            ChangeSetStatus::CreateComplete,
            ExecutionStatus::Available
        )));
        assert!(!is_pending(&summary(
            "vsm-1-2",
            ChangeSetStatus::CreateComplete,
            ExecutionStatus::ExecuteComplete
        )));
        assert!(!is_pending(&summary(
            "vsm-1-2",
            ChangeSetStatus::Failed,
            ExecutionStatus::Unavailable
        )));
        assert!(!is_pending(&summary(
            "by-hand",
            ChangeSetStatus::CreateComplete,
            ExecutionStatus::Available
        )));
    }
}
