//! Progress while a stack changes: a spinner with a count of settled resources on a terminal,
//! and in every case one line per stack event.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

use aws_sdk_cloudformation::types::StackEvent;

use super::{event_line, say};

/// Live event lines, and a spinner when standard error is a terminal.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Starts showing progress of `what` (such as `creating stack x`) over `total` resource
    /// changes.
    pub fn start(what: &str, total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {msg} [{pos}/{len} resources settled, {elapsed}]",
                )
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(what.to_owned());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        if bar.is_none() {
            say(format!("{what}…"));
        }
        Self { bar }
    }

    /// Prints an event line; counts a resource that settled.
    pub fn event(&self, event: &StackEvent) {
        let line = event_line(event);
        match &self.bar {
            Some(bar) => {
                bar.println(&line);
                let settled = event.resource_type() != Some("AWS::CloudFormation::Stack")
                    && event.resource_status().is_some_and(|s| {
                        let s = s.as_str();
                        s.ends_with("_COMPLETE") || s.ends_with("_FAILED")
                    });
                if settled {
                    bar.inc(1);
                }
            }
            None => say(line),
        }
    }

    /// Stops the spinner.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
