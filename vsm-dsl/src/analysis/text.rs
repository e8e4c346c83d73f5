//! Text reports for a terminal: aligned tables, durations in human units (`2d 4h`).

use std::fmt::Write as _;
use std::time::Duration;

use super::compare::{Comparison, MetricChange, MetricKind, StepChange};
use super::metrics::{StepMetrics, StreamMetrics};
use crate::model::duration::Human;
use crate::model::ConditionResult;

/// Column alignment.
#[derive(Clone, Copy, PartialEq)]
enum Align {
    Left,
    Right,
}

/// A table whose columns are padded to their widest cell.
struct Table {
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(align: &[Align]) -> Self {
        Self {
            align: align.to_vec(),
            rows: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn render(&self, out: &mut String, indent: &str) {
        let columns = self.align.len();
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        for row in &self.rows {
            let mut line = String::from(indent);
            for (i, cell) in row.iter().enumerate().take(columns) {
                if i > 0 {
                    line.push_str("  ");
                }
                let pad = widths[i] - cell.chars().count();
                match self.align[i] {
                    Align::Left => {
                        line.push_str(cell);
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                    Align::Right => {
                        line.extend(std::iter::repeat_n(' ', pad));
                        line.push_str(cell);
                    }
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

/// `12.3%`, or `n/a` when undefined.
pub(crate) fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%"))
}

/// A duration in human units, or `?` when not given.
pub(crate) fn opt_duration(d: Option<Duration>) -> String {
    d.map_or_else(|| "?".to_owned(), |d| Human(d).to_string())
}

/// Minutes (possibly negative) as a signed human duration: `+1h 30m`, `-2d`, `0m`.
fn signed_minutes(m: f64) -> String {
    let secs = (m.abs() * 60.0).round();
    let secs = if secs.is_finite() {
        secs.min(u64::MAX as f64) as u64
    } else {
        0
    };
    let sign = match secs {
        0 => "",
        _ if m < 0.0 => "-",
        _ => "+",
    };
    format!("{sign}{}", Human(Duration::from_secs(secs)))
}

fn minutes_as_duration(m: f64) -> String {
    let secs = (m * 60.0).round();
    let secs = if secs.is_finite() && secs > 0.0 {
        secs.min(u64::MAX as f64) as u64
    } else {
        0
    };
    Human(Duration::from_secs(secs)).to_string()
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn step_row(step: &StepMetrics) -> Vec<String> {
    vec![
        if step.gate.is_some() {
            format!("  [{}]", step.step.action)
        } else {
            format!("  {}", step.step.action)
        },
        step.run_order.to_string(),
        if step.wait_modelled {
            format!("{} (window)", opt_duration(step.wait_time))
        } else {
            opt_duration(step.wait_time)
        },
        opt_duration(step.process_time),
        Human(step.lead_time).to_string(),
        step.complete_accurate
            .map_or_else(|| "?".to_owned(), |c| format!("{c:.1}%")),
        if step.critical {
            "*".to_owned()
        } else {
            format!("slack {}", Human(step.slack))
        },
    ]
}

/// The constraint sentence, shared by the text report and the pictures.
pub(crate) fn constraint_sentence(m: &StreamMetrics) -> String {
    match &m.constraint {
        Some(c) => format!(
            "{} waits {}; removing that wait cuts lead time by {}",
            c.step,
            Human(c.wait_time),
            Human(c.lead_time_saving)
        ),
        None if m.coverage.steps == 0 => "none: the stream has no steps".to_owned(),
        None => "none: removing any single wait on the critical path leaves lead time as it is"
            .to_owned(),
    }
}

/// The coverage sentence: `18 of 20 steps timed (90.0%), 19 of 20 with %C&A (95.0%)`.
pub(crate) fn coverage_sentence(m: &StreamMetrics) -> String {
    let c = &m.coverage;
    format!(
        "{} of {} timed ({}), {} of {} with %C&A ({})",
        c.timed,
        plural(c.steps, "step"),
        percent(c.timed_percent()),
        c.complete_accurate,
        c.steps,
        percent(c.complete_accurate_percent())
    )
}

/// The lead time as a person should read it: `≥ 2d 4h` when some step lacks a time.
pub(crate) fn lead_time_text(m: &StreamMetrics) -> String {
    if m.lead_time_is_lower_bound() {
        format!("at least {}", Human(m.lead_time))
    } else {
        Human(m.lead_time).to_string()
    }
}

/// The text report of one stream: headline figures, warnings about unmeasured steps, a table of
/// stages and steps, the critical path and the steps whose improvement would not help.
pub fn text_report(m: &StreamMetrics) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Value stream: {}", m.name);
    out.push('\n');
    headline(&mut out, m);
    coverage_warnings(&mut out, m);
    step_table(&mut out, m);
    paths(&mut out, m);
    out
}

/// The headline figures, then the constraint and coverage sentences.
fn headline(out: &mut String, m: &StreamMetrics) {
    let mut head = Table::new(&[Align::Left, Align::Left, Align::Left]);
    let fe = match m.flow_efficiency {
        Some(_) => percent(m.flow_efficiency),
        None => "undefined (lead time is zero)".to_owned(),
    };
    let rolled = match m.rolled_complete_accurate {
        Some(_) if m.rolled_complete_accurate_is_upper_bound() => {
            format!("at most {}", percent(m.rolled_complete_accurate))
        }
        Some(_) => percent(m.rolled_complete_accurate),
        None => "unknown (no step gives a %C&A)".to_owned(),
    };
    let rows = [
        (
            "Lead time",
            lead_time_text(m),
            "WT + PT along the critical path",
        ),
        (
            "Process time",
            Human(m.process_time).to_string(),
            "PT along the critical path",
        ),
        (
            "Wait time",
            Human(m.wait_time).to_string(),
            "WT along the critical path",
        ),
        (
            "Total effort",
            Human(m.effort).to_string(),
            "PT of every step, parallel ones included",
        ),
        (
            "Flow efficiency",
            fe,
            "process time / lead time (25%+ good, 40%+ excellent)",
        ),
        ("Rolled %C&A", rolled, "product of every step's %C&A"),
    ];
    for (label, value, note) in &rows {
        head.row(vec![(*label).to_owned(), value.clone(), (*note).to_owned()]);
    }
    head.render(out, "  ");
    // Long sentences go below the table so that they do not push the notes to the right.
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let _ = writeln!(
        out,
        "  {:<width$}  {}",
        "Constraint",
        constraint_sentence(m)
    );
    let _ = writeln!(out, "  {:<width$}  {}", "Coverage", coverage_sentence(m));
}

/// Warnings about steps without times or %C&A.
fn coverage_warnings(out: &mut String, m: &StreamMetrics) {
    let untimed = m.coverage.steps - m.coverage.timed;
    let no_ca = m.coverage.steps - m.coverage.complete_accurate;
    if untimed > 0 || no_ca > 0 {
        out.push('\n');
    }
    if untimed > 0 {
        let _ = writeln!(
            out,
            "  ! {} without process or wait time: counted as 0, so lead time is a lower bound.",
            plural(untimed, "step")
        );
    }
    if no_ca > 0 {
        let _ = writeln!(
            out,
            "  ! {} without %C&A: left out of the rolled %C&A, which is an upper bound.",
            plural(no_ca, "step")
        );
    }
}

/// The table of stages and steps, with totals.
fn step_table(out: &mut String, m: &StreamMetrics) {
    out.push('\n');
    let mut table = Table::new(&[
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Left,
    ]);
    table.row(
        [
            "Stage / action",
            "Run",
            "Wait",
            "Process",
            "Lead time",
            "%C&A",
            "Path",
        ]
        .map(str::to_owned)
        .to_vec(),
    );
    for stage in &m.stages {
        table.row(vec![
            stage.name.clone(),
            String::new(),
            Human(stage.wait_time).to_string(),
            Human(stage.process_time).to_string(),
            Human(stage.lead_time).to_string(),
            percent(stage.rolled_complete_accurate),
            match stage.rework {
                Some(ConditionResult::Retry) => "on failure: retry".to_owned(),
                Some(_) => "on failure: rollback".to_owned(),
                None => String::new(),
            },
        ]);
        for step in stage.steps() {
            table.row(step_row(step));
        }
    }
    table.row(vec![
        "Total".to_owned(),
        String::new(),
        Human(m.wait_time).to_string(),
        Human(m.process_time).to_string(),
        Human(m.lead_time).to_string(),
        percent(m.rolled_complete_accurate),
        String::new(),
    ]);
    table.render(out, "");
    out.push_str(
        "\n(stage rows: wait and process along the critical path; * = on the critical path;\n",
    );
    out.push_str(" ? = not given, counted as 0)\n");
    if m.steps().any(|s| s.gate.is_some()) {
        out.push_str(
            "([gate] = a stage condition every change passes through; (window) = the expected\n \
             wait for a deployment window, modelled from its schedule)\n",
        );
    }
}

/// The critical path, the steps off it, and the unmeasured steps.
fn paths(out: &mut String, m: &StreamMetrics) {
    if !m.critical_path.is_empty() {
        out.push_str("\nCritical path:\n");
        for step in &m.critical_path {
            let _ = writeln!(out, "  {step}");
        }
    }

    let off: Vec<&StepMetrics> = m.off_critical_path().collect();
    if !off.is_empty() {
        out.push_str("\nOff the critical path (making these faster does not shorten lead time):\n");
        let mut t = Table::new(&[Align::Left, Align::Left]);
        for s in off {
            t.row(vec![
                s.step.to_string(),
                format!("slack {}", Human(s.slack)),
            ]);
        }
        t.render(out, "  ");
    }

    if !m.unmeasured.is_empty() {
        out.push_str("\nUnmeasured:\n");
        let mut t = Table::new(&[Align::Left, Align::Left]);
        for u in &m.unmeasured {
            let missing: Vec<&str> = u.missing.iter().map(|f| f.label()).collect();
            t.row(vec![
                u.step.to_string(),
                format!("no {}", missing.join(", no ")),
            ]);
        }
        t.render(out, "  ");
    }
}

fn value_text(change: &MetricChange, value: Option<f64>) -> String {
    match (change.kind, value) {
        (_, None) => "n/a".to_owned(),
        (MetricKind::Duration, Some(v)) => minutes_as_duration(v),
        (MetricKind::Percent, Some(v)) => format!("{v:.1}%"),
        (MetricKind::Count, Some(v)) => format!("{v}"),
    }
}

fn absolute_text(change: &MetricChange) -> String {
    match (change.kind, change.absolute()) {
        (_, None) => "n/a".to_owned(),
        (MetricKind::Duration, Some(v)) => signed_minutes(v),
        (MetricKind::Percent, Some(v)) => format!("{v:+.1} pts"),
        (MetricKind::Count, Some(v)) => format!("{v:+}"),
    }
}

fn relative_text(change: &MetricChange) -> String {
    change
        .relative_percent()
        .map_or_else(|| "n/a".to_owned(), |r| format!("{r:+.1}%"))
}

fn change_row(label: &str, change: &MetricChange) -> Vec<String> {
    vec![
        label.to_owned(),
        value_text(change, change.current),
        value_text(change, change.future),
        absolute_text(change),
        relative_text(change),
    ]
}

/// The text report of a comparison: every figure side by side with its absolute and relative
/// change, stage lead times, the constraint before and after, and the steps that changed.
pub fn comparison_text(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Current state: {}", c.current.name);
    let _ = writeln!(out, "Future state:  {}", c.future.name);
    out.push('\n');

    let aligns = [
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    let mut t = Table::new(&aligns);
    t.row(
        ["Figure", "Current", "Future", "Change", "Change %"]
            .map(str::to_owned)
            .to_vec(),
    );
    for m in &c.metrics {
        t.row(change_row(&m.label, m));
    }
    t.render(&mut out, "");
    for (state, m) in [("current", &c.current), ("future", &c.future)] {
        if m.lead_time_is_lower_bound() {
            let _ = writeln!(
                out,
                "  ! the {state} state has unmeasured steps: its lead time is a lower bound."
            );
        }
    }

    stage_lead_times(&mut out, c, &aligns);
    out.push_str("\nConstraint:\n");
    let _ = writeln!(out, "  current: {}", constraint_sentence(&c.current));
    let _ = writeln!(out, "  future:  {}", constraint_sentence(&c.future));
    step_changes(&mut out, c);
    out
}

/// Each stage's lead time in both states; new and removed stages say so.
fn stage_lead_times(out: &mut String, c: &Comparison, aligns: &[Align]) {
    out.push_str("\nStage lead times:\n");
    let mut t = Table::new(aligns);
    t.row(
        ["Stage", "Current", "Future", "Change", "Change %"]
            .map(str::to_owned)
            .to_vec(),
    );
    for s in &c.stages {
        let mut row = change_row(&s.name, &s.lead_time);
        match (s.lead_time.current, s.lead_time.future) {
            (None, Some(_)) => {
                row[1] = "-".to_owned();
                row[3] = "new stage".to_owned();
                row[4] = String::new();
            }
            (Some(_), None) => {
                row[2] = "-".to_owned();
                row[3] = "stage removed".to_owned();
                row[4] = String::new();
            }
            _ => {}
        }
        t.row(row);
    }
    t.render(out, "  ");
}

/// The steps added, removed or changed.
fn step_changes(out: &mut String, c: &Comparison) {
    out.push_str("\nSteps:\n");
    if c.steps.is_empty() {
        out.push_str("  no step added, removed or changed\n");
    }
    for d in &c.steps {
        match &d.change {
            StepChange::Added => {
                let _ = writeln!(out, "  added    {}", d.step);
            }
            StepChange::Removed => {
                let _ = writeln!(out, "  removed  {}", d.step);
            }
            StepChange::Changed(fields) => {
                let _ = writeln!(out, "  changed  {}", d.step);
                for (what, before, after) in fields {
                    let _ = writeln!(out, "             {what}: {before} -> {after}");
                }
            }
        }
    }
}
