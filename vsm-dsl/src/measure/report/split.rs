//! Before-and-after reports: each figure before and after, the change, the 95 % interval of
//! the difference, the sample sizes and the verdict, as text, Markdown, JSON and CSV.

use serde::Serialize;
use std::fmt::Write as _;

use super::count;
use super::figures::{written, Unit};
use super::json::{round, MeasureJson};
use super::table::{wrap, Table};
use crate::measure::{Difference, Measurement};

/// The JSON of a before-and-after comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeforeAfterJson {
    /// The report of the executions before.
    pub before: MeasureJson,
    /// The report of the executions after.
    pub after: MeasureJson,
    /// Bootstrap resamples per figure.
    pub resamples: usize,
    /// The seed of the resampling.
    pub seed: u64,
    /// Each figure compared.
    pub differences: Vec<DifferenceJson>,
}

/// One figure compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DifferenceJson {
    /// The figure's key in the report.
    pub metric: &'static str,
    /// Its value before.
    pub before: Option<f64>,
    /// Its value after.
    pub after: Option<f64>,
    /// (after − before) / before, in percent.
    pub change_percent: Option<f64>,
    /// Low end of the 95 % interval of after − before.
    pub ci95_low: Option<f64>,
    /// High end of that interval.
    pub ci95_high: Option<f64>,
    /// True when the interval leaves out zero; `null` without enough data.
    pub significant: Option<bool>,
    /// Units before.
    pub before_n: usize,
    /// Units after.
    pub after_n: usize,
    /// `better`, `worse`, `within noise` or `not enough data`.
    pub verdict: &'static str,
}

impl DifferenceJson {
    fn new(d: &Difference) -> Self {
        Self {
            metric: d.figure.key,
            before: d.before,
            after: d.after,
            change_percent: d.change_percent.map(round),
            ci95_low: d.ci95.map(|c| round(c.0)),
            ci95_high: d.ci95.map(|c| round(c.1)),
            significant: d.verdict.significant(),
            before_n: d.before_n,
            after_n: d.after_n,
            verdict: d.verdict.as_str(),
        }
    }
}

impl BeforeAfterJson {
    /// The JSON of `before`, `after` and their `differences`.
    pub fn new(
        before: &Measurement,
        after: &Measurement,
        differences: &[Difference],
        resamples: usize,
        seed: u64,
    ) -> Self {
        Self {
            before: MeasureJson::new(before),
            after: MeasureJson::new(after),
            resamples,
            seed,
            differences: differences.iter().map(DifferenceJson::new).collect(),
        }
    }

    /// Pretty-printed JSON text, ending in a newline.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// The differences as CSV, the keys of [`DifferenceJson`] as columns.
pub fn differences_csv(differences: &[Difference]) -> String {
    let mut out = String::from(
        "metric,before,after,change_percent,ci95_low,ci95_high,significant,before_n,after_n,verdict\n",
    );
    let cell = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    for d in differences.iter().map(DifferenceJson::new) {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            d.metric,
            cell(d.before),
            cell(d.after),
            cell(d.change_percent),
            cell(d.ci95_low),
            cell(d.ci95_high),
            d.significant.map(|s| s.to_string()).unwrap_or_default(),
            d.before_n,
            d.after_n,
            d.verdict
        );
    }
    out
}

/// The rows of the comparison: figure, before, after, change, interval, units, verdict.
fn rows(differences: &[Difference]) -> Vec<[String; 7]> {
    differences
        .iter()
        .map(|d| {
            let unit = d.figure.unit;
            let interval = d.ci95.map_or_else(
                || "n/a".to_owned(),
                |(low, high)| format!("{} to {}", signed(unit, low), signed(unit, high)),
            );
            [
                d.figure.label.to_owned(),
                written(unit, d.before),
                written(unit, d.after),
                d.change_percent
                    .map_or_else(|| "n/a".to_owned(), |c| format!("{c:+.1}%")),
                interval,
                format!("{} / {}", d.before_n, d.after_n),
                d.verdict.as_str().to_owned(),
            ]
        })
        .collect()
}

/// A difference with its sign, in its unit.
fn signed(unit: Unit, v: f64) -> String {
    let sign = if v < 0.0 { "-" } else { "+" };
    match unit {
        Unit::Percent => format!("{v:+.1} pts"),
        _ => format!("{sign}{}", written(unit, Some(v.abs()))),
    }
}

const HEADER: [&str; 7] = [
    "Figure",
    "Before",
    "After",
    "Change",
    "95% interval of after − before",
    "Units before / after",
    "Verdict",
];

/// The sentence on how the verdicts are reached.
fn method(resamples: usize, seed: u64) -> String {
    format!(
        "Beyond noise when the 95% interval of after − before leaves out zero: a bootstrap of \
         {} resamples per figure, seed {seed} (--seed); fewer than 20 units on a side (40 for \
         an 85th percentile, 14 days for deployment frequency) is not enough data.",
        count(resamples)
    )
}

/// The comparison as text: what each side read, then one row per figure.
pub fn split_text(
    sides: [(&str, &Measurement); 2],
    differences: &[Difference],
    resamples: usize,
    seed: u64,
) -> String {
    let mut out = format!("Before and after: {}\n", sides[1].1.pipeline);
    for (name, m) in sides {
        out.push_str(&wrap(&side_line(name, m), 96, ""));
    }
    out.push('\n');
    let mut t = Table::left(&HEADER);
    for row in rows(differences) {
        t.row(row);
    }
    t.render(&mut out, "");
    out.push_str(&wrap(&method(resamples, seed), 96, "  "));
    out
}

fn side_line(name: &str, m: &Measurement) -> String {
    let window = m.window.map_or_else(
        || "no execution read".to_owned(),
        |w| format!("{} to {}", w.start.to_minute(), w.end.to_minute()),
    );
    format!(
        "{name}: {window}, {} executions, {} deployments",
        m.delivery.executions, m.delivery.deployments
    )
}

/// The comparison as Markdown, for a pull request or a slide.
pub fn split_markdown(
    sides: [(&str, &Measurement); 2],
    differences: &[Difference],
    resamples: usize,
    seed: u64,
) -> String {
    let mut out = format!("### Before and after: {}\n\n", sides[1].1.pipeline);
    for (name, m) in sides {
        let _ = writeln!(out, "{}  ", side_line(name, m));
    }
    let _ = writeln!(out, "\n| {} |", HEADER.join(" | "));
    let _ = writeln!(out, "|:---|{}", "---:|".repeat(HEADER.len() - 1));
    for row in rows(differences) {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    let _ = writeln!(out, "\n_{}_", method(resamples, seed));
    out
}
