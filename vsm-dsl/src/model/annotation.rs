use serde::{Deserialize, Serialize};
use std::time::Duration;

use super::duration;

/// Value-stream annotations of one step. All optional: a step without them is reported as
/// unmeasured, never counted as zero. The JSON form and the `stream!` macro call them
/// `process`, `wait` and `ca`, like the builder's setters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    /// Hands-on time to do the work of the step (PT).
    #[serde(
        rename = "process",
        default,
        with = "duration::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub process_time: Option<Duration>,
    /// Time the work waits before the step starts (WT).
    #[serde(
        rename = "wait",
        default,
        with = "duration::serde_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub wait_time: Option<Duration>,
    /// Percent complete and accurate: share of the output the next step uses as-is (0–100).
    #[serde(rename = "ca", default, skip_serializing_if = "Option::is_none")]
    pub complete_accurate: Option<f64>,
}

impl Annotations {
    /// True when no annotation is set.
    pub fn is_empty(&self) -> bool {
        self.process_time.is_none() && self.wait_time.is_none() && self.complete_accurate.is_none()
    }
}
