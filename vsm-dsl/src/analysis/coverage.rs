//! Which steps lack annotations, and how much of the stream is measured.

use serde::Serialize;

use super::metrics::{StepMetrics, StepRef};

/// An annotation a step can lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Process time (counted as zero in the sums).
    ProcessTime,
    /// Wait time (counted as zero in the sums).
    WaitTime,
    /// %C&A (left out of the rolled %C&A).
    CompleteAccurate,
}

impl Missing {
    /// The name a person reads: `process time`, `wait time`, `%C&A`.
    pub fn label(self) -> &'static str {
        match self {
            Self::ProcessTime => "process time",
            Self::WaitTime => "wait time",
            Self::CompleteAccurate => "%C&A",
        }
    }
}

/// A step lacking one or more annotations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unmeasured {
    /// The step.
    pub step: StepRef,
    /// What it lacks, in the order process time, wait time, %C&A.
    pub missing: Vec<Missing>,
}

impl Unmeasured {
    /// What `step` lacks; `None` when it is fully annotated.
    pub fn of(step: &StepMetrics) -> Option<Self> {
        let mut missing = Vec::new();
        if step.process_time.is_none() {
            missing.push(Missing::ProcessTime);
        }
        if step.wait_time.is_none() {
            missing.push(Missing::WaitTime);
        }
        if step.complete_accurate.is_none() {
            missing.push(Missing::CompleteAccurate);
        }
        (!missing.is_empty()).then(|| Self {
            step: step.step.clone(),
            missing,
        })
    }
}

/// How many steps carry annotations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Steps in the stream.
    pub steps: usize,
    /// Steps with both process time and wait time.
    pub timed: usize,
    /// Steps with a %C&A.
    pub complete_accurate: usize,
}

impl Coverage {
    /// Counts the annotations of `steps`.
    pub fn of<'a>(steps: impl Iterator<Item = &'a StepMetrics>) -> Self {
        steps.fold(Self::default(), |mut c, s| {
            c.steps += 1;
            c.timed += usize::from(s.is_timed());
            c.complete_accurate += usize::from(s.complete_accurate.is_some());
            c
        })
    }

    /// Share of steps with both times, as a percentage; `None` for a stream without steps.
    pub fn timed_percent(&self) -> Option<f64> {
        share(self.timed, self.steps)
    }

    /// Share of steps with a %C&A, as a percentage; `None` for a stream without steps.
    pub fn complete_accurate_percent(&self) -> Option<f64> {
        share(self.complete_accurate, self.steps)
    }

    /// True when every step carries all three annotations.
    pub fn is_complete(&self) -> bool {
        self.timed == self.steps && self.complete_accurate == self.steps
    }
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64 * 100.0)
}
