//! Ctrl-C (SIGINT) during a deploy: stop, delete the change set the deploy made, and say so.
//!
//! tokio's signal handling is used (the runtime is already there): once a deploy has started,
//! the first Ctrl-C stops it and deletes its change set, with the stack that change set would
//! have created; a second Ctrl-C stops the deletion too. A change set that CloudFormation has
//! started to apply cannot be called back: the deploy then says so and leaves the stack to
//! CloudFormation.

use aws_sdk_cloudformation::types::ExecutionStatus;
use std::cell::RefCell;
use std::future::Future;

use super::change_set::ChangeSet;
use super::on_stack::discard_named;
use super::{say, Aws};
use crate::cli::{Failure, Result};

/// The exit code after Ctrl-C: 128 + SIGINT, as shells report it.
const INTERRUPTED: u8 = 130;

/// What a deploy has made so far.
#[derive(Debug, Default)]
pub(super) struct Made(RefCell<Stage>);

#[derive(Debug, Default)]
enum Stage {
    /// Nothing yet (or nothing left).
    #[default]
    Nothing,
    /// A change set was asked for; its answer has not come.
    Requested {
        stack: String,
        name: String,
        create: bool,
    },
    /// The change set exists and is not applied.
    Created(ChangeSet),
    /// CloudFormation was asked to apply the change set.
    Applying(ChangeSet),
}

impl Made {
    /// A change set of this name is being asked for.
    pub fn requested(&self, stack: &str, name: &str, create: bool) {
        *self.0.borrow_mut() = Stage::Requested {
            stack: stack.to_owned(),
            name: name.to_owned(),
            create,
        };
    }

    /// The change set exists.
    pub fn created(&self, change_set: &ChangeSet) {
        *self.0.borrow_mut() = Stage::Created(change_set.clone());
    }

    /// The change set is being applied.
    pub fn applying(&self, change_set: &ChangeSet) {
        *self.0.borrow_mut() = Stage::Applying(change_set.clone());
    }

    /// Nothing is left to clean up.
    pub fn nothing(&self) {
        *self.0.borrow_mut() = Stage::Nothing;
    }

    fn take(&self) -> Stage {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// Runs a deploy's steps; on Ctrl-C, drops them and deletes what they made.
pub(super) async fn guarded(
    aws: &Aws,
    made: &Made,
    steps: impl Future<Output = Result<u8>>,
) -> Result<u8> {
    // When the handler cannot be installed, `ctrl_c` fails at once; the pattern then does not
    // match and the steps run unguarded.
    let finished = tokio::select! {
        result = steps => Some(result),
        Ok(()) = tokio::signal::ctrl_c() => None,
    };
    match finished {
        Some(result) => result,
        None => Err(clean_up(aws, made.take()).await),
    }
}

/// Deletes what the interrupted deploy made; the error that ends the command.
async fn clean_up(aws: &Aws, stage: Stage) -> Failure {
    let what = match &stage {
        Stage::Nothing => String::new(),
        Stage::Requested { stack, name, .. } => format!(" change set {name} of stack {stack}"),
        Stage::Created(cs) | Stage::Applying(cs) => {
            format!(" change set {} of stack {}", cs.name, cs.stack)
        }
    };
    if !what.is_empty() {
        say(format!("Interrupted: deleting{what}…"));
    }
    let message = tokio::select! {
        message = undo(aws, stage) => message,
        Ok(()) = tokio::signal::ctrl_c() => format!(
            "interrupted twice: stopped deleting{what}; delete it with \
             `aws cloudformation delete-change-set` if it is still there"
        ),
    };
    Failure {
        message,
        code: INTERRUPTED,
    }
}

/// Deletes what a stage made; what happened, as the error message.
async fn undo(aws: &Aws, stage: Stage) -> String {
    match stage {
        Stage::Nothing => "interrupted: nothing was changed".to_owned(),
        Stage::Requested {
            stack,
            name,
            create,
        } => match discard_named(aws, &stack, &name, create).await {
            Ok(found) if found.is_empty() => "interrupted: nothing was changed".to_owned(),
            Ok(found) => deleted(&found[0]),
            Err(left) => format!("interrupted: the {left}"),
        },
        Stage::Created(cs) => match cs.discard(aws).await {
            Ok(()) => deleted(&cs),
            Err(left) => format!("interrupted: the {left}"),
        },
        Stage::Applying(cs) => match cs.execution(aws).await {
            Some(ExecutionStatus::Available) => match cs.discard(aws).await {
                Ok(()) => deleted(&cs),
                Err(left) => format!("interrupted: the {left}"),
            },
            _ => format!(
                "interrupted while change set {} was being applied: CloudFormation goes on \
                 {} stack {}; follow it with `status --stack {}`",
                cs.name,
                if cs.create { "creating" } else { "updating" },
                cs.stack,
                cs.stack
            ),
        },
    }
}

/// The message after a change set was deleted.
fn deleted(cs: &ChangeSet) -> String {
    format!(
        "interrupted: deleted change set {} of stack {}{}; nothing was applied",
        cs.name,
        cs.stack,
        if cs.create {
            ", and the empty stack it had created"
        } else {
            ""
        }
    )
}
