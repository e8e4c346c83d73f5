//! The stream's targets ([`Targets`]) against what was measured: met, missed, or not
//! measurable in the window (no sample: no verdict).

use serde::Serialize;

use super::Measurement;
use crate::model::duration::format;
use crate::model::Targets;

/// Which side of its limit a figure must stay on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// The figure is at most the limit (times, failure rates).
    AtMost,
    /// The figure is at least the limit (frequency, first-pass yield).
    AtLeast,
}

impl Bound {
    fn holds(self, measured: f64, limit: f64) -> bool {
        match self {
            Self::AtMost => measured <= limit,
            Self::AtLeast => measured >= limit,
        }
    }

    fn words(self, plain: bool) -> &'static str {
        match (self, plain) {
            (Self::AtMost, true) => "at most",
            (Self::AtLeast, true) => "at least",
            (Self::AtMost, false) => "≤",
            (Self::AtLeast, false) => "≥",
        }
    }
}

/// One target and how the measured figure stands against it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetCheck {
    /// The target's key (`lead_time_p85`), or `first_pass_yield Stage/Action`.
    pub target: String,
    /// `at_most` or `at_least`.
    pub bound: Bound,
    /// The target, in `unit`.
    pub limit: f64,
    /// The measured figure, in `unit`; `None` when the window holds no sample for it.
    pub measured: Option<f64>,
    /// `minutes`, `per_day` or `percent`.
    pub unit: &'static str,
    /// `Some(true)` met, `Some(false)` missed, `None` not measured.
    pub met: Option<bool>,
}

impl TargetCheck {
    fn new(
        target: String,
        bound: Bound,
        limit: f64,
        measured: Option<f64>,
        unit: &'static str,
    ) -> Self {
        let met = measured.map(|v| bound.holds(v, limit));
        Self {
            target,
            bound,
            limit,
            measured,
            unit,
            met,
        }
    }

    /// True when the figure was measured and misses the target.
    pub fn missed(&self) -> bool {
        self.met == Some(false)
    }

    /// One line: `✗ lead_time_p85: 2h 30m, target at most 2h`.
    pub fn line(&self) -> String {
        let mark = match self.met {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "?",
        };
        let bound = self.bound.words(true);
        let measured = self
            .measured
            .map_or("not measured (no sample in the window)".to_owned(), |v| {
                self.show(v)
            });
        format!(
            "{mark} {}: {measured}, target {bound} {}",
            self.target,
            self.show(self.limit)
        )
    }

    fn show(&self, v: f64) -> String {
        match self.unit {
            "minutes" => format(std::time::Duration::from_secs_f64((v * 60.0).max(0.0))),
            "percent" => format!("{}%", round(v)),
            _ => format!("{} a day", round(v)),
        }
    }
}

fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn minutes(d: Option<std::time::Duration>) -> Option<f64> {
    d.map(|d| d.as_secs_f64() / 60.0)
}

/// Every target of `targets` against `m`, in declaration order.
pub fn check_targets(targets: &Targets, m: &Measurement) -> Vec<TargetCheck> {
    let d = &m.delivery;
    let mut out = Vec::new();
    let mut at_most = |key: &str, limit: Option<std::time::Duration>, measured| {
        if let Some(limit) = limit {
            out.push(TargetCheck::new(
                key.to_owned(),
                Bound::AtMost,
                limit.as_secs_f64() / 60.0,
                measured,
                "minutes",
            ));
        }
    };
    at_most(
        "lead_time_p85",
        targets.lead_time_p85,
        minutes(d.lead_time.p85),
    );
    at_most(
        "change_lead_time_p85",
        targets.change_lead_time_p85,
        d.changes.as_ref().and_then(|c| minutes(c.lead_time.p85)),
    );
    at_most(
        "time_to_restore_median",
        targets.time_to_restore_median,
        minutes(d.time_to_restore.median),
    );
    if let Some(q) = targets.deployment_frequency_per_day {
        out.push(TargetCheck::new(
            "deployment_frequency_per_day".to_owned(),
            Bound::AtLeast,
            q.value(),
            d.deployment_frequency_per_day,
            "per_day",
        ));
    }
    if let Some(q) = targets.change_failure_rate_percent {
        out.push(TargetCheck::new(
            "change_failure_rate_percent".to_owned(),
            Bound::AtMost,
            q.value(),
            d.change_failure_rate_percent,
            "percent",
        ));
    }
    for step in &targets.first_pass_yield {
        let Some(q) = step.percent else { continue };
        let measured = step
            .action
            .split_once('/')
            .and_then(|(s, a)| m.action(s, a))
            .and_then(|a| a.first_pass_yield_percent);
        out.push(TargetCheck::new(
            format!("first_pass_yield {}", step.action),
            Bound::AtLeast,
            q.value(),
            measured,
            "percent",
        ));
    }
    out
}

/// The checks as text: one line each, then the verdict.
pub fn targets_text(checks: &[TargetCheck]) -> String {
    let mut out = String::from("Targets\n");
    for c in checks {
        out.push_str(&format!("  {}\n", c.line()));
    }
    out.push_str(&verdict(checks));
    out.push('\n');
    out
}

/// The checks as a markdown block for a pull-request comment.
pub fn targets_markdown(checks: &[TargetCheck]) -> String {
    let mut out =
        String::from("### Targets\n\n| | target | measured | goal |\n|---|---|---|---|\n");
    for c in checks {
        let mark = match c.met {
            Some(true) => "✅",
            Some(false) => "❌",
            None => "❔",
        };
        let bound = c.bound.words(false);
        let measured = c.measured.map_or("not measured".to_owned(), |v| c.show(v));
        out.push_str(&format!(
            "| {mark} | `{}` | {measured} | {bound} {} |\n",
            c.target,
            c.show(c.limit)
        ));
    }
    out.push_str(&format!("\n{}\n", verdict(checks)));
    out
}

/// `2 of 5 targets missed: lead_time_p85, ...` or `all 5 targets met`.
pub fn verdict(checks: &[TargetCheck]) -> String {
    let missed: Vec<&str> = checks
        .iter()
        .filter(|c| c.missed())
        .map(|c| c.target.as_str())
        .collect();
    let unmeasured = checks.iter().filter(|c| c.met.is_none()).count();
    let mut text = if missed.is_empty() {
        format!(
            "{} of {} targets met",
            checks.len() - unmeasured,
            checks.len()
        )
    } else {
        format!(
            "{} of {} targets missed: {}",
            missed.len(),
            checks.len(),
            missed.join(", ")
        )
    };
    if unmeasured > 0 {
        text.push_str(&format!(
            "; {unmeasured} not measured (no sample in the window)"
        ));
    }
    text
}
