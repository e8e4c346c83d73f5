//! Charts drawn in Rust as SVG, each with a text alternative: a step's histogram, the
//! lead-time scatterplot with its percentile lines, and the weekly throughput.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::figures::{figure_as, human_minutes, Unit};
use crate::measure::{DeploymentSample, Timestamp};

const BINS: usize = 10;
const MICROS_A_WEEK: i64 = 7 * 86_400 * 1_000_000;

/// A small histogram of `seconds` (`what` names them), or a note that there are none.
pub(super) fn histogram(what: &str, seconds: &[f64]) -> String {
    let (Some(lo), Some(hi)) = (
        seconds.iter().copied().reduce(f64::min),
        seconds.iter().copied().reduce(f64::max),
    ) else {
        return format!("<span class=\"none\">{what}: no samples</span>");
    };
    let mut counts = [0usize; BINS];
    let width = (hi - lo) / BINS as f64;
    for &s in seconds {
        let bin = if width > 0.0 {
            (((s - lo) / width) as usize).min(BINS - 1)
        } else {
            0
        };
        counts[bin] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let label = format!(
        "{what} times: {} samples from {} to {}",
        seconds.len(),
        human_minutes(lo / 60.0),
        human_minutes(hi / 60.0)
    );
    let mut out = format!(
        "<svg class=\"hist\" viewBox=\"0 0 100 30\" width=\"100\" height=\"30\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>"
    );
    for (i, &c) in counts.iter().enumerate() {
        if c > 0 {
            let h = (c as f64 / top * 26.0).max(1.0);
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{:.1}\" width=\"9\" height=\"{h:.1}\"/>",
                i * 10,
                28.0 - h
            );
        }
    }
    out.push_str("<line x1=\"0\" y1=\"28.5\" x2=\"100\" y2=\"28.5\"/></svg>");
    out
}

const W: f64 = 760.0;
const H: f64 = 280.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// The chart's `<figure>` opening: an SVG labelled by its title and described by `desc`.
fn open_chart(out: &mut String, id: &str, title: &str, desc: &str, source: Option<&str>) {
    let source = source.map_or_else(String::new, |s| format!(" data-json=\"{s}\""));
    let _ = write!(
        out,
        "<figure class=\"chart\" id=\"{id}\"{source}><figcaption>{title}</figcaption><svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\"><title id=\"{id}-t\">{title}</title><desc id=\"{id}-d\">{desc}</desc>"
    );
}

/// Minutes as a duration in its two largest units (`16d 8h`, `2h 5m`, `4m 10s`), for an axis.
fn rounded_minutes(minutes: f64) -> String {
    let unit = if minutes >= 1440.0 {
        60.0
    } else if minutes >= 60.0 {
        1.0
    } else {
        1.0 / 60.0
    };
    human_minutes((minutes / unit).round() * unit)
}

/// Horizontal grid lines with their labels: `steps` + 1 ticks from zero to `max`.
fn grid(out: &mut String, steps: u32, max: f64, label: impl Fn(f64) -> String) {
    for i in 0..=steps {
        let share = f64::from(i) / f64::from(steps);
        let y = H - BOTTOM - (H - TOP - BOTTOM) * share;
        let _ = write!(
            out,
            "<line class=\"grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            y + 4.0,
            label(max * share)
        );
    }
}

/// The dates at both ends of the x axis, and the chart's end.
fn close_chart(out: &mut String, first: &str, last: &str) {
    let _ = write!(
        out,
        "<text x=\"{LEFT}\" y=\"{:.1}\">{first}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{last}</text></svg></figure>",
        H - 12.0,
        W - RIGHT,
        H - 12.0,
    );
}

/// Lead time of each deployment over time, with the p50, p85 and p95 lines of the report.
pub(super) fn lead_time_scatter(samples: &[DeploymentSample], json: &Value) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (
        samples.iter().map(|s| s.start).min(),
        samples.iter().map(|s| s.start).max(),
    ) else {
        return "<p class=\"note\">No deployment in the window: no lead-time chart.</p>".to_owned();
    };
    let lines: Vec<(&str, &str, f64)> = [
        ("p50", "lead_time_median_minutes"),
        ("p85", "lead_time_p85_minutes"),
        ("p95", "lead_time_p95_minutes"),
    ]
    .into_iter()
    .filter_map(|(label, key)| Some((label, key, json.get(key)?.as_f64()?)))
    .collect();
    let max = samples
        .iter()
        .map(|s| s.lead_time / 60.0)
        .chain(lines.iter().map(|l| l.2))
        .fold(1.0, f64::max)
        * 1.05;
    let desc = format!(
        "Lead time of each of {} deployments, from {} to {}; {}.",
        samples.len(),
        first.to_date(),
        last.to_date(),
        lines
            .iter()
            .map(|(l, _, v)| format!("{l} {}", human_minutes(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    open_chart(
        &mut out,
        "lead-time",
        "Lead time of each deployment",
        &desc,
        Some("measure"),
    );
    grid(&mut out, 4, max, rounded_minutes);
    let span = (last.micros() - first.micros()).max(1) as f64;
    let x = |t: Timestamp| LEFT + (W - LEFT - RIGHT) * (t.micros() - first.micros()) as f64 / span;
    let y = |minutes: f64| H - BOTTOM - (H - TOP - BOTTOM) * minutes / max;
    out.push_str("<g class=\"dots\">");
    for s in samples {
        let class = if s.change_failure {
            " class=\"failed\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<circle{class} cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"/>",
            x(s.start),
            y(s.lead_time / 60.0)
        );
    }
    out.push_str("</g>");
    // Labels at least a line apart, the highest on top.
    let mut label_y = f64::INFINITY;
    for (label, key, v) in &lines {
        label_y = (y(*v) + 4.0).min(label_y - 14.0);
        let _ = write!(
            out,
            "<line class=\"pct {label}\" x1=\"{LEFT}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\"/><text class=\"pct-label\" x=\"{:.1}\" y=\"{:.1}\">{label} {}</text>",
            W - RIGHT,
            W - RIGHT + 6.0,
            label_y,
            figure_as("tspan", json, key, Unit::Minutes),
            yy = y(*v)
        );
    }
    close_chart(&mut out, &first.to_date(), &last.to_date());
    out
}

/// Deployments per week (weeks from Monday, UTC, by the deployment's start).
pub(super) fn throughput(samples: &[DeploymentSample]) -> String {
    let mut weeks: BTreeMap<i64, usize> = BTreeMap::new();
    for s in samples {
        *weeks.entry(s.start.floor_week().micros()).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (weeks.keys().next(), weeks.keys().next_back()) else {
        return String::new();
    };
    let n = ((last - first) / MICROS_A_WEEK + 1).max(1);
    let counts: Vec<(Timestamp, usize)> = (0..n)
        .filter_map(|i| {
            let at = first + i * MICROS_A_WEEK;
            Some((
                Timestamp::from_micros(at)?,
                weeks.get(&at).copied().unwrap_or(0),
            ))
        })
        .collect();
    let top = counts.iter().map(|c| c.1).max().unwrap_or(1).max(1);
    let date = |c: Option<&(Timestamp, usize)>| c.map(|c| c.0.to_date()).unwrap_or_default();
    let desc = format!(
        "Deployments per week, {} weeks from the week of {}: {}.",
        counts.len(),
        date(counts.first()),
        counts
            .iter()
            .map(|c| c.1.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut out = String::new();
    open_chart(&mut out, "throughput", "Deployments per week", &desc, None);
    grid(&mut out, 2, top as f64, |v| format!("{v:.0}"));
    let slot = (W - LEFT - RIGHT) / counts.len() as f64;
    out.push_str("<g class=\"bars\">");
    for (i, (_, c)) in counts.iter().enumerate() {
        let h = (H - TOP - BOTTOM) * *c as f64 / top as f64;
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"/>",
            LEFT + i as f64 * slot + slot * 0.1,
            H - BOTTOM - h,
            slot * 0.8
        );
    }
    out.push_str("</g>");
    close_chart(&mut out, &date(counts.first()), &date(counts.last()));
    out
}
