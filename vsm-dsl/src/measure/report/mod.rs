//! Reports of a measurement: text for a terminal, Markdown for a pull request, JSON for tools.
//! The text and Markdown reports end with [`DEFINITIONS`], which `docs/measure.md` states word
//! for word.

mod figures;
mod json;
mod markdown;
mod split;
mod table;
mod text;
mod trend;

pub use figures::{scalar_named, sparkline, Scalar, Unit, SCALARS};
pub use json::{ActionJson, DoraJson, GateJson, MeasureJson, StageJson};
pub use markdown::markdown_report;
pub use split::{differences_csv, split_markdown, split_text, BeforeAfterJson, DifferenceJson};
pub use text::text_report;

/// `text` wrapped to lines of at most `width` characters, each after `indent`.
pub fn wrap_text(text: &str, width: usize, indent: &str) -> String {
    table::wrap(text, width, indent)
}
pub use trend::{trend_csv, trend_text, PeriodJson, TrendJson};

use std::time::Duration;

use super::actions::ActionFigures;
use super::Measurement;
use crate::analysis::{MetricChange, MetricKind};
use crate::model::duration::Human;

/// Every figure of the reports, defined.
pub const DEFINITIONS: [(&str, &str); 23] = [
    (
        "Deployment",
        "a Succeeded pipeline execution that is not a rollback (trigger type ManualRollback or \
         AutomatedRollback, or execution type ROLLBACK).",
    ),
    (
        "Window",
        "from the earliest start to the latest last update of the executions read, or from \
         --since and to --until where given; an execution is read when it starts within the \
         window.",
    ),
    (
        "Deployment frequency",
        "deployments per day over the window.",
    ),
    (
        "Lead time",
        "per deployment, its last update − its start; median, 85th and 95th percentile. The \
         time from commit to the execution's start is not in the history: change lead time \
         counts it.",
    ),
    (
        "Change lead time",
        "with --git, per commit a deployment shipped, the deployment's last update − the \
         commit's committer time; median, 85th and 95th percentile. A deployment ships the \
         commits reachable from its source revision and from no earlier deployment's, \
         deployments taken in order of last update, so that a commit counts once, at the \
         first deployment that shipped it (when deployments end in the order they start and \
         never go back to an older revision, the earlier ones are reached through the \
         previous deployment's revision alone). Deployments before the window set the base of \
         the window's; a deployment with no earlier deployment, or without a revision, ships \
         none that are counted. The source revision is the one the execution names for the \
         source action: --source-action, by default the first source action.",
    ),
    (
        "Change failure",
        "a deployment followed by a rollback before the next deployment: a rollback execution \
         (of any status, manual or automated) that starts at or after the deployment's last \
         update and before the next deployment's; or a failed deployment. Change failure rate: \
         change failures / (deployments + failed deployments), in percent. Stage retries are \
         no change failures.",
    ),
    (
        "Failed deployment",
        "a Failed execution (not a rollback) that a rollback undid: when a rollback restores \
         the very deployment that had last ended when it started (rollbackMetadata's \
         rollbackTargetPipelineExecutionId; what CodePipeline's automated rollback does after a \
         stage failed), that deployment did not fail, and the failed change is the Failed \
         execution that started last after it and at or before the rollback. It is a change \
         failure, not a deployment.",
    ),
    (
        "Rework deployment",
        "a deployment that is unplanned work after an incident in production: the first \
         deployment to end after a change failure, a failed deployment's included (it brings the fix forward once the failed \
         change is rolled back), or, with --git, a deployment that ships a commit whose subject \
         starts with \"revert\" or \"hotfix\" (in any case) or whose message holds git's \
         \"This reverts commit\" line. A subject starting with \"fix\" does not count: a bug \
         fix is often planned work.",
    ),
    (
        "Deployment rework rate",
        "rework deployments / deployments, in percent: DORA's fifth metric, \"the ratio of \
         deployments that are unplanned but happen as a result of an incident in production\". \
         The 2024 table of levels does not place it, so it has no level.",
    ),
    (
        "Time to restore",
        "per change failure, from the last update of the deployment that failed (or of the \
         failed deployment) to the last update of the first Succeeded execution to end after it \
         (the rollback or a new deployment); median, 85th and 95th percentile.",
    ),
    (
        "Pipeline failure rate",
        "Failed / (Succeeded + Failed) executions, rollbacks included, in percent: defects \
         caught before production.",
    ),
    (
        "Time to green",
        "per run of consecutive Failed executions in order of last update (executions that \
         neither succeeded nor failed are passed over), from the first one's start to the last \
         update of the next Succeeded execution; median, 85th and 95th percentile.",
    ),
    (
        "Executions of an action",
        "its action executions in the executions read: every attempt, any status.",
    ),
    (
        "Process time",
        "last update − start of the action's Succeeded action executions; median and 85th \
         percentile. Unknown for approvals.",
    ),
    (
        "Wait time",
        "per action execution, its start − the latest last update, at or before that start, of \
         the action or rule executions of what it follows in the same pipeline execution: the \
         previous run-order group of its stage or its before-entry gate, else the on-success \
         gate or last group of the previous stage (a gate without rule executions in that \
         pipeline execution is passed over); for the first group of the first stage, the \
         pipeline execution's start. An approval's duration counts \
         as wait: its last update − that same point. Median.",
    ),
    (
        "First-pass yield",
        "percent of the pipeline executions in which the action succeeded or failed where it \
         succeeded at its only attempt (no Failed attempt, and not run again by a stage retry): \
         the measured counterpart of %C&A.",
    ),
    (
        "Stage retries",
        "per stage, the pipeline executions (not rollbacks) in which an action of the stage has \
         more than one action execution (RetryStageExecution, or an on-failure condition whose \
         result is RETRY): retried; and the attempts beyond the first, per execution the most \
         action executions of one action of the stage less one, summed: retries. Rework.",
    ),
    (
        "Stage rollbacks",
        "per stage, the rollback executions (trigger type ManualRollback or AutomatedRollback, \
         or execution type ROLLBACK) in which an action of the stage ran, and of those the \
         automated ones (trigger type AutomatedRollback); rolled back: the pipeline executions \
         whose pass through the stage a rollback undid, per rollback the execution (not a \
         rollback, nor the one the rollback restores) whose first action execution in the \
         stage started last at or before the rollback's start. Rework.",
    ),
    (
        "First-pass yield of a stage",
        "percent of the pipeline executions (not rollbacks) in which an action of the stage \
         succeeded or failed, or a rule of its on-success condition failed, whose pass needed \
         no rework: no action execution of the stage failed, no action of it ran twice, no rule \
         of its on-success condition failed, and no rollback undid the pass: the measured %C&A \
         of the stage.",
    ),
    (
        "Gate",
        "a stage condition every change passes through (before entry, on success), measured \
         from the rule executions of its rules (list-rule-executions; rules of an on-failure \
         condition are on no change's way and are left out). Per pipeline execution with rule \
         executions of its rules: wait from what it follows (as for an action's wait time) to \
         its first rule's start, or, with deployment windows, to the last update of its \
         DeploymentWindow rules (the time a window holds a change is wait); process time, \
         where it passed, from that point to its rules' last update (a gate of deployment \
         windows only does no work: zero); passed when the last evaluation of each rule \
         Succeeded, failed when one Failed and it did not pass; first-pass yield, the percent \
         of those that passed at one Succeeded evaluation of each rule. An action after a gate \
         waits from the gate's last update.",
    ),
    (
        "Percentiles",
        "linear interpolation between closest ranks: for n values sorted v(0) … v(n − 1), rank \
         r = p/100 × (n − 1), value v(⌊r⌋) + (r − ⌊r⌋) × (v(⌊r⌋ + 1) − v(⌊r⌋)); the median is \
         p = 50.",
    ),
    (
        "Before and after",
        "each figure measured on its own over the executions that start before --split DATE \
         and over those that start at or after it (or over two histories); change: (after − \
         before) / before, in percent. The difference is beyond noise when the 95% interval of \
         after − before leaves out zero: a bootstrap with a fixed seed (--seed) resamples each \
         side's units with replacement to its own size 2,000 times, computes the figure on \
         each, and takes the 2.5th and 97.5th percentiles of the differences; for a rate, one \
         unit of each kind is first added to each side (the Agresti–Caffo adjustment). Units: \
         deployments (lead time, change failure and rework rate; for change lead time a \
         deployment with all its commits), the window's 24-hour blocks (deployment frequency), \
         finished executions (pipeline failure rate), restored change failures and runs of \
         failures. Below 20 units on a side (40 for an 85th percentile, 14 days for deployment \
         frequency) it says not enough data rather than a verdict.",
    ),
    (
        "Levels",
        "deployment frequency, lead time, change lead time, change failure rate and time to \
         restore placed in the performance levels of the DORA 2024 report, as below.",
    ),
];

/// The sentence every report gives about lead time.
pub(crate) fn lead_time_note(m: &Measurement) -> String {
    match &m.delivery.changes {
        None => "Lead time runs from an execution's start to its last update: the time from \
                 commit to that start is not in the history (--git REPO adds change lead time)."
            .to_owned(),
        Some(c) => format!(
            "Change lead time runs from each commit's committer time to the last update of the \
             deployment that shipped it ({} through source action {}); lead time from an \
             execution's start to its last update.",
            plural(c.commits, "commit"),
            c.source_action
        ),
    }
}

/// A duration in human units, to the second below an hour and to the minute above; `n/a`
/// for none.
pub(crate) fn duration(d: Option<Duration>) -> String {
    let Some(d) = d else {
        return "n/a".to_owned();
    };
    let secs = d.as_secs() + u64::from(d.subsec_millis() >= 500);
    // Seconds matter below an hour; above, they are noise.
    let secs = if secs >= 3600 {
        (secs + 30) / 60 * 60
    } else {
        secs
    };
    Human(Duration::from_secs(secs)).to_string()
}
/// `12.5%`, or `n/a`.
pub(crate) fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "n/a".to_owned(), |p| format!("{p:.1}%"))
}

/// `12,345`.
pub(crate) fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 run`, `10,000 runs`: a count and its noun.
pub fn plural_count(n: usize, word: &str) -> String {
    plural(n, word)
}

/// `1 deployment`, `2 deployments`.
pub(crate) fn plural(n: usize, word: &str) -> String {
    format!("{} {word}{}", count(n), if n == 1 { "" } else { "s" })
}

/// The rows of the key metrics: name, measured value, DORA 2024 level.
pub(crate) fn key_rows(m: &Measurement) -> Vec<[String; 3]> {
    let d = &m.delivery;
    let level = |l: Option<super::Level>| l.map_or("n/a", |l| l.as_str()).to_owned();
    let frequency = match d.deployment_frequency_per_day {
        Some(f) => format!("{f:.2} per day ({})", plural(d.deployments, "deployment")),
        None => format!("n/a ({})", plural(d.deployments, "deployment")),
    };
    let restored = d.time_to_restore.count;
    let mut restore = format!(
        "median {} ({} restored",
        duration(d.time_to_restore.median),
        count(restored)
    );
    if d.unrestored > 0 {
        restore.push_str(&format!(", {} not yet", count(d.unrestored)));
    }
    restore.push(')');
    let mut rows = vec![[
        "Deployment frequency".to_owned(),
        frequency,
        level(m.dora.deployment_frequency),
    ]];
    if let Some(c) = &d.changes {
        rows.push([
            "Change lead time".to_owned(),
            format!(
                "median {}, p85 {} ({})",
                duration(c.lead_time.median),
                duration(c.lead_time.p85),
                plural(c.commits, "commit")
            ),
            level(m.dora.change_lead_time),
        ]);
    }
    rows.extend([
        [
            "Lead time".to_owned(),
            format!(
                "median {}, p85 {}",
                duration(d.lead_time.median),
                duration(d.lead_time.p85)
            ),
            level(m.dora.lead_time),
        ],
        [
            "Change failure rate".to_owned(),
            if d.failed_deployments > 0 {
                format!(
                    "{} ({}, {} of them a failed deployment)",
                    percent(d.change_failure_rate_percent),
                    plural(d.change_failures, "change failure"),
                    count(d.failed_deployments)
                )
            } else {
                format!(
                    "{} ({})",
                    percent(d.change_failure_rate_percent),
                    plural(d.change_failures, "change failure")
                )
            },
            level(m.dora.change_failure_rate),
        ],
        [
            "Time to restore".to_owned(),
            restore,
            level(m.dora.time_to_restore),
        ],
        [
            "Deployment rework rate".to_owned(),
            format!(
                "{} ({})",
                percent(d.deployment_rework_rate_percent),
                plural(d.rework_deployments, "rework deployment")
            ),
            "no level".to_owned(),
        ],
    ]);
    rows
}

/// `1 run of failures`, `2 runs of failures`.
fn runs(n: usize) -> String {
    let word = if n == 1 { "run" } else { "runs" };
    format!("{} {word} of failures", count(n))
}

/// The rows of the pipeline's failure figures: name and value.
pub(crate) fn pipeline_rows(m: &Measurement) -> [[String; 2]; 2] {
    let d = &m.delivery;
    let mut green = format!(
        "median {} ({})",
        duration(d.time_to_green.median),
        runs(d.time_to_green.count)
    );
    if d.still_failing {
        green.push_str("; failing at the end of the window");
    }
    [
        [
            "Pipeline failure rate".to_owned(),
            format!(
                "{} ({} of {} finished executions failed)",
                percent(d.pipeline_failure_rate_percent),
                count(d.failed),
                count(d.succeeded + d.failed)
            ),
        ],
        ["Time to green".to_owned(), green],
    ]
}

/// The window and what was read, as one line each.
pub(crate) fn read_lines(m: &Measurement) -> [String; 2] {
    let action_executions: usize = m.actions.iter().map(|a| a.executions).sum();
    let window = match &m.window {
        Some(w) => format!(
            "{} to {} ({})",
            w.start.to_minute(),
            w.end.to_minute(),
            duration(Some(w.end.since(w.start)))
        ),
        None => "no execution read".to_owned(),
    };
    let d = &m.delivery;
    let other = d.executions - d.succeeded - d.failed;
    [
        format!("Window: {window}"),
        format!(
            "Read: {} ({} succeeded, {} failed, {} other; {}), {}",
            plural(d.executions, "execution"),
            count(d.succeeded),
            count(d.failed),
            count(other),
            plural(d.rollbacks, "rollback"),
            plural(action_executions, "action execution")
        ),
    ]
}

/// One action's row: step, executions, process median, process p85, wait median, first-pass
/// yield.
pub(crate) fn action_row(a: &ActionFigures) -> [String; 6] {
    let name = if a.approval {
        format!("{} / {} (approval)", a.stage, a.action)
    } else {
        format!("{} / {}", a.stage, a.action)
    };
    let process = |d| {
        if a.approval {
            "unknown".to_owned()
        } else {
            duration(d)
        }
    };
    [
        name,
        count(a.executions),
        process(a.process.median),
        process(a.process.p85),
        duration(a.wait.median),
        percent(a.first_pass_yield_percent),
    ]
}

/// The header of the stage table.
pub(crate) const STAGE_HEADER: [&str; 7] = [
    "Stage",
    "Executions",
    "Retried",
    "Retries",
    "Rollbacks",
    "Rolled back",
    "First-pass yield",
];

/// One stage's row: stage, executions, retried, retries, rollbacks (automated), rolled back,
/// first-pass yield.
pub(crate) fn stage_row(s: &super::StageFigures) -> [String; 7] {
    let rollbacks = if s.automated_rollbacks > 0 {
        format!(
            "{} ({} automated)",
            count(s.rollbacks),
            count(s.automated_rollbacks)
        )
    } else {
        count(s.rollbacks)
    };
    [
        s.stage.clone(),
        count(s.executions),
        count(s.retried),
        count(s.retries),
        rollbacks,
        count(s.rolled_back),
        percent(s.first_pass_yield_percent),
    ]
}

/// The header of the gate table.
pub(crate) const GATE_HEADER: [&str; 8] = [
    "Stage / gate",
    "Evaluations",
    "Passed",
    "Failed",
    "Process median",
    "Process p85",
    "Wait median",
    "First-pass yield",
];

/// One gate's row: stage and gate with its rules, rule executions, passed, failed, process
/// median and p85, wait median, first-pass yield.
pub(crate) fn gate_row(g: &super::GateFigures) -> [String; 8] {
    let kind = if g.holds { ", deployment windows" } else { "" };
    [
        format!("{} / {} ({}{kind})", g.stage, g.name(), g.rules.join(", ")),
        count(g.executions),
        count(g.passed),
        count(g.failed),
        duration(g.process.median),
        duration(g.process.p85),
        duration(g.wait.median),
        percent(g.first_pass_yield_percent),
    ]
}

/// Notes about what was left out: action and rule executions, rollbacks without a stage, and
/// commits not counted.
pub(crate) fn notes(m: &Measurement) -> Vec<String> {
    let mut out = commit_notes(m);
    if m.unplaced.outside > 0 {
        out.push(format!(
            "{} of pipeline executions not read (not listed, or outside the window) left out",
            plural(m.unplaced.outside, "action execution")
        ));
    }
    if !m.unplaced.unknown.is_empty() {
        let list: Vec<String> = m
            .unplaced
            .unknown
            .iter()
            .map(|((stage, action), n)| format!("{stage} / {action} ({})", count(*n)))
            .collect();
        out.push(format!(
            "action executions of actions the structure does not have left out: {}",
            list.join(", ")
        ));
    }
    let u = &m.unplaced;
    if u.rules_outside > 0 {
        out.push(format!(
            "{} of pipeline executions not read (not listed, or outside the window) left out",
            plural(u.rules_outside, "rule execution")
        ));
    }
    if !u.rules_unknown.is_empty() {
        let list: Vec<String> = u
            .rules_unknown
            .iter()
            .map(|((stage, rule), n)| format!("{stage} / {rule} ({})", count(*n)))
            .collect();
        out.push(format!(
            "rule executions of rules no gate of the structure has left out: {}",
            list.join(", ")
        ));
    }
    if u.rollbacks_without_stage > 0 {
        out.push(format!(
            "{} ran no action of the structure: no stage counts {}",
            plural(u.rollbacks_without_stage, "rollback"),
            if u.rollbacks_without_stage == 1 {
                "it"
            } else {
                "them"
            }
        ));
    }
    out
}

/// Notes about deployments whose commits are not counted.
fn commit_notes(m: &Measurement) -> Vec<String> {
    let Some(c) = &m.delivery.changes else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if c.without_base > 0 {
        out.push(format!(
            "{} with no earlier deployment in the history to set its base: its commits are \
             not counted",
            plural(c.without_base, "deployment")
        ));
    }
    if c.without_revision > 0 {
        out.push(format!(
            "{} without a revision of source action {}: their commits are not counted",
            plural(c.without_revision, "deployment"),
            c.source_action
        ));
    }
    if c.missing_parents > 0 {
        out.push(format!(
            "{} to commits not in the repository (a shallow clone?): older commits are not \
             counted",
            plural(c.missing_parents, "parent link")
        ));
    }
    out
}

/// A stream-wide figure of the comparison, in its unit.
pub(crate) fn metric_value(change: &MetricChange, value: Option<f64>) -> String {
    match (change.kind, value) {
        (_, None) => "n/a".to_owned(),
        (MetricKind::Duration, Some(v)) => duration(Some(super::stats::micros(v * 60.0))),
        (MetricKind::Percent, Some(v)) => format!("{v:.1}%"),
        (MetricKind::Count, Some(v)) => format!("{v}"),
    }
}

/// Figures of the comparison the reports show.
pub(crate) const COMPARED: [&str; 5] = [
    "lead_time",
    "process_time",
    "wait_time",
    "flow_efficiency",
    "rolled_complete_accurate",
];

/// A gap's values: modelled, measured, measured − modelled.
pub(crate) fn gap_values(g: &super::Gap) -> [String; 3] {
    let value = |v: Option<f64>| match (g.figure, v) {
        (_, None) => "n/a".to_owned(),
        (super::Figure::CompleteAccurate, Some(p)) => format!("{p:.1}%"),
        (_, Some(minutes)) => duration(Some(super::stats::micros(minutes * 60.0))),
    };
    let difference = match (g.figure, g.difference()) {
        (_, None) => "n/a".to_owned(),
        (super::Figure::CompleteAccurate, Some(p)) => format!("{p:+.1} pts"),
        (_, Some(minutes)) => {
            let sign = if minutes < 0.0 { "-" } else { "+" };
            format!(
                "{sign}{}",
                duration(Some(super::stats::micros(minutes.abs() * 60.0)))
            )
        }
    };
    [value(g.modelled), value(g.measured), difference]
}
