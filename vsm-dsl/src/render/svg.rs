//! A standalone SVG value stream map in the classic layout.
//!
//! Left to right, one column per parallel group: a wait triangle (inventory) with the wait time,
//! then the process box with its name, PT, %C&A and whether it is on the critical path. The
//! members of a parallel group are stacked in one column. Stages are bands above their columns.
//! Underneath runs the timeline ladder: the critical member's wait on the upper rung, its process
//! time on the lower rung, ending in a totals box (lead time, process time, flow efficiency).
//! Below that: rolled %C&A, effort, the constraint, coverage and the unmeasured steps.
//!
//! The SVG is self-contained: no scripts, no external fonts or images (it names common system
//! fonts), all text XML-escaped. Box widths come from a conservative estimate of text width so
//! labels do not overlap.

use std::fmt::Write as _;
use std::time::Duration;

use super::labels::{self, REWORK};
use crate::analysis::{
    constraint_sentence, coverage_sentence, GroupMetrics, StepMetrics, StreamMetrics,
};
use crate::model::duration::Human;

const FONT: &str = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif";
const MARGIN: f64 = 24.0;
const BOX_H: f64 = 76.0;
const BOX_GAP: f64 = 18.0;
const BAND_H: f64 = 28.0;
const MIN_GAP_W: f64 = 76.0;
const MIN_BOX_W: f64 = 116.0;
const MAX_NAME_CHARS: usize = 34;
/// Where the legend's rework entry starts, and its text.
const LEGEND_REWORK_X: f64 = MARGIN + 630.0;
const LEGEND_REWORK: &str = "rework: retry or rollback on failure";
/// The room under the boxes that rework loops take.
const REWORK_ROOM: f64 = 30.0;

const RED: &str = "#b03a2e";
const INK: &str = "#1d1d1d";
const GREY: &str = "#666666";
/// Colour of the banner that marks a map of measured figures.
const MEASURED: &str = "#1f5f8b";

/// Escapes text for XML content and attribute values; drops characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Estimated width in pixels of `text` at `size` px; errs on the wide side so boxes fit the
/// text in any of the fonts named.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.34,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '/' | '-' => 0.42,
            'm' | 'w' => 0.92,
            'M' | 'W' | '%' | '@' => 1.0,
            c if c.is_ascii_uppercase() => 0.76,
            c if c.is_ascii_digit() => 0.66,
            c if c.is_ascii_lowercase() => 0.62,
            c if c.is_ascii() => 0.66,
            _ => 1.0,
        })
        .sum();
    em * size * if bold { 1.1 } else { 1.0 }
}

/// Cuts names longer than [`MAX_NAME_CHARS`] with an ellipsis (the full name is kept in the
/// element's tooltip).
fn short(name: &str) -> String {
    if name.chars().count() > MAX_NAME_CHARS {
        let mut s: String = name.chars().take(MAX_NAME_CHARS - 1).collect();
        s.push('…');
        s
    } else {
        name.to_owned()
    }
}

/// A `<text>` element.
struct Text<'a> {
    x: f64,
    y: f64,
    size: f64,
    bold: bool,
    anchor: &'a str,
    fill: &'a str,
    /// `data-metric` and `data-value` of the figure it shows (the page's contract).
    metric: Option<String>,
}

impl Text<'_> {
    fn write(&self, out: &mut String, content: &str) {
        let weight = if self.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let metric = self.metric.as_deref().unwrap_or_default();
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{}\"{weight}{metric} text-anchor=\"{}\" fill=\"{}\">{}</text>",
            self.x,
            self.y,
            self.size,
            self.anchor,
            self.fill,
            escape(content)
        );
    }
}

fn text(x: f64, y: f64, size: f64, anchor: &str) -> Text<'_> {
    Text {
        x,
        y,
        size,
        bold: false,
        anchor,
        fill: INK,
        metric: None,
    }
}

/// The `data-metric` and `data-value` attributes of the figure at `key` of `report --json`,
/// whose value is `value`, written as the JSON writes it (no `data-value` when it is not
/// given).
fn metric(key: String, value: Option<f64>) -> String {
    match value.and_then(serde_json::Number::from_f64) {
        Some(v) => format!(" data-metric=\"{}\" data-value=\"{v}\"", escape(&key)),
        None => format!(" data-metric=\"{}\"", escape(&key)),
    }
}

/// Minutes, as `report --json` writes them.
fn json_minutes(d: Duration) -> f64 {
    d.as_secs_f64() / 60.0
}

/// A percentage, as `report --json` writes it (to four decimals).
fn json_percent(p: Option<f64>) -> Option<f64> {
    p.map(|p| (p * 10_000.0).round() / 10_000.0)
}

/// Lines of a step's process box.
struct BoxLines {
    name: String,
    process: String,
    ca: String,
    status: String,
}

impl BoxLines {
    fn of(step: &StepMetrics) -> Self {
        let process = if step.process_time.is_none() {
            "PT ? (unmeasured)".to_owned()
        } else {
            labels::process(step)
        };
        let mut status = if step.critical {
            "critical path".to_owned()
        } else {
            format!("slack {}", Human(step.slack))
        };
        for extra in [&step.runs_in, &step.present].into_iter().flatten() {
            status = format!("{status} · {extra}");
        }
        Self {
            name: short(&step.step.action),
            process,
            ca: labels::complete_accurate(step),
            status,
        }
    }

    fn width(&self) -> f64 {
        let name = text_width(&self.name, 13.0, true);
        let rest = [&self.process, &self.ca, &self.status]
            .iter()
            .map(|t| text_width(t, 11.5, false))
            .fold(0.0, f64::max);
        name.max(rest) + 24.0
    }
}

/// Text under a wait triangle: the wait, or `?`.
fn wait_text(step: &StepMetrics) -> String {
    step.wait_time
        .map_or_else(|| "?".to_owned(), |d| Human(d).to_string())
}

/// Text under the process rung: the critical member's process time, or `?`.
fn process_text(step: &StepMetrics) -> String {
    step.process_time
        .map_or_else(|| "?".to_owned(), |d| Human(d).to_string())
}

/// Horizontal extent of one column (one parallel group).
struct Column<'a> {
    group: &'a GroupMetrics,
    stage: usize,
    /// Left edge of the wait area.
    x: f64,
    gap_w: f64,
    box_w: f64,
}

impl Column<'_> {
    fn box_x(&self) -> f64 {
        self.x + self.gap_w
    }
    fn end(&self) -> f64 {
        self.x + self.gap_w + self.box_w
    }
}

/// Splits `text` into lines no wider than `width` px (words longer than that stay whole).
fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size, false) > width {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// How a map is marked: a map of the stream as written, or of figures measured from a
/// pipeline's execution history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marking<'a> {
    /// `Some(note)` for a map of measured figures: the title says so, a banner under it gives
    /// the note (where the figures come from), the totals and the legend say `measured`.
    pub measured: Option<&'a str>,
    /// `Some(prefix)` (with [`render_interactive`]): each figure of a step and each stage's
    /// lead time is keyed to its place in `report --json` (`data-metric`, under `prefix`, such
    /// as `future/`) with its value there (`data-value`).
    pub keys: Option<&'a str>,
}

/// The SVG value stream map of a stream's figures.
pub fn render(m: &StreamMetrics) -> String {
    render_marked(m, Marking::default())
}

/// The SVG value stream map of figures measured from a pipeline's history (a stream whose
/// annotations are measured medians), marked as measured on its face: `note` says where the
/// figures come from, such as `medians of 412 executions, 2025-01-01 to 2025-03-31`.
pub fn render_measured(m: &StreamMetrics, note: &str) -> String {
    render_marked(
        m,
        Marking {
            measured: Some(note),
            keys: None,
        },
    )
}

/// The SVG value stream map of a stream's figures, marked as `marking` says.
pub fn render_marked(m: &StreamMetrics, marking: Marking<'_>) -> String {
    draw(m, marking, false)
}

/// The map of [`render_marked`] for a page that scripts it: the picture is a group of steps,
/// and each step's wait triangle and process box sit in a focusable group
/// (`<g class="step" data-step="STAGE/ACTION" tabindex="0">`) labelled with its figures.
pub fn render_interactive(m: &StreamMetrics, marking: Marking<'_>) -> String {
    draw(m, marking, true)
}

fn draw(m: &StreamMetrics, marking: Marking<'_>, interactive: bool) -> String {
    let columns = layout_columns(m);
    let mut layout = Layout::new(m, &columns, marking);
    layout.interactive = interactive;
    layout.keys = marking.keys.filter(|_| interactive).map(str::to_owned);
    let mut out = String::new();
    draw_header(&mut out, m, &layout);
    if columns.is_empty() {
        let mut t = text(MARGIN, layout.area_y + 30.0, 14.0, "start");
        t.fill = GREY;
        t.write(&mut out, "This stream has no steps.");
    }
    draw_bands(&mut out, m, &columns, &layout);
    draw_columns(&mut out, m, &columns, &layout);
    draw_rework(&mut out, m, &columns, &layout);
    draw_ladder(&mut out, &columns, &layout);
    draw_totals(&mut out, &layout);
    draw_footer(&mut out, &layout);
    draw_legend(&mut out, &layout);
    out.push_str("</svg>\n");
    out
}

/// One column per parallel group, sized to its text, then placed left to right.
fn layout_columns(m: &StreamMetrics) -> Vec<Column<'_>> {
    let mut columns: Vec<Column<'_>> = Vec::new();
    for (si, stage) in m.stages.iter().enumerate() {
        for group in &stage.groups {
            columns.push(column(m, si, group));
        }
    }
    widen_for_stage_labels(m, &mut columns);
    let mut x = MARGIN;
    for c in &mut columns {
        c.x = x;
        x = c.end();
    }
    columns
}

/// The column of one parallel group, not yet placed.
fn column<'a>(m: &StreamMetrics, stage: usize, group: &'a GroupMetrics) -> Column<'a> {
    let gap_w = group
        .steps
        .iter()
        .map(|s| text_width(&wait_text(s), 11.5, false) + 20.0)
        .fold(MIN_GAP_W, f64::max);
    let box_w = group
        .steps
        .iter()
        .map(|s| BoxLines::of(s).width())
        .fold(MIN_BOX_W, f64::max);
    // The constraint's label above its triangle must clear the flow bus on the left.
    let holds_constraint = group
        .steps
        .iter()
        .any(|s| m.constraint.as_ref().is_some_and(|c| c.step == s.step));
    let gap_w = if holds_constraint {
        gap_w.max(text_width("constraint", 10.5, true) + 40.0)
    } else {
        gap_w
    };
    Column {
        group,
        stage,
        x: 0.0,
        gap_w,
        box_w,
    }
}

/// The band label of a stage: its name and lead time.
fn stage_label(stage: &crate::analysis::StageMetrics) -> String {
    format!(
        "{} · lead time {}",
        short(&stage.name),
        Human(stage.lead_time)
    )
}

/// Widens a stage's boxes when its band label is wider than its columns.
fn widen_for_stage_labels(m: &StreamMetrics, columns: &mut [Column<'_>]) {
    for (si, stage) in m.stages.iter().enumerate() {
        let need = text_width(&stage_label(stage), 13.0, true) + 20.0;
        let cols: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].stage == si)
            .collect();
        let have: f64 = cols
            .iter()
            .map(|&i| columns[i].gap_w + columns[i].box_w)
            .sum();
        if !cols.is_empty() && have < need {
            let extra = (need - have) / cols.len() as f64;
            for &i in &cols {
                columns[i].box_w += extra;
            }
        }
    }
}

/// Where everything but the columns goes, and the texts whose size decides it.
struct Layout {
    title_y: f64,
    subtitle_y: f64,
    /// The measured banner, for a map of measured figures.
    banner: Option<(f64, String)>,
    band_y: f64,
    area_y: f64,
    area_h: f64,
    rung_top: f64,
    rung_bottom: f64,
    totals: [(&'static str, String); 3],
    totals_x: f64,
    totals_y: f64,
    totals_w: f64,
    totals_h: f64,
    footer_y: f64,
    footer: Vec<(String, bool)>,
    legend_y: f64,
    measured: bool,
    /// Some stage loops back on failure: the legend explains the loop.
    rework: bool,
    /// Steps in focusable groups with `data-step` ([`render_interactive`]).
    interactive: bool,
    /// Figures keyed to `report --json` under this prefix ([`Marking::keys`]).
    keys: Option<String>,
    width: f64,
    height: f64,
    title: String,
    subtitle: String,
}

impl Layout {
    fn new(m: &StreamMetrics, columns: &[Column<'_>], marking: Marking<'_>) -> Self {
        let diagram_end = columns.last().map_or(MARGIN, Column::end);
        let title_y = MARGIN + 18.0;
        let subtitle_y = title_y + 22.0;
        let banner = marking.measured.map(|note| {
            (
                subtitle_y + 20.0,
                format!("Measured from the pipeline's history: {note}"),
            )
        });
        let band_y = subtitle_y + 22.0 + if banner.is_some() { 20.0 } else { 0.0 };
        let area_y = band_y + BAND_H + 22.0;
        let rows = columns
            .iter()
            .map(|c| c.group.steps.len())
            .max()
            .unwrap_or(0);
        let area_h = if rows == 0 {
            BOX_H
        } else {
            rows as f64 * BOX_H + (rows as f64 - 1.0) * BOX_GAP
        };
        // Room under the boxes for the rework loops' lines and labels.
        let loops = if m.stages.iter().any(|s| s.rework.is_some()) {
            REWORK_ROOM
        } else {
            0.0
        };
        let rung_top = area_y + area_h + 52.0 + loops;
        let totals = totals(m, marking.measured.is_some());
        let label_w = totals
            .iter()
            .map(|t| text_width(t.0, 12.5, false))
            .fold(0.0, f64::max);
        let value_w = totals
            .iter()
            .map(|t| text_width(&t.1, 12.5, true))
            .fold(0.0, f64::max);
        let totals_x = diagram_end + 24.0;
        let totals_w = label_w + value_w + 36.0;
        let totals_y = rung_top - 26.0;
        let totals_h = 82.0;
        let footer_y = totals_y + totals_h + 34.0;
        let content_w = (totals_x + totals_w - MARGIN).max(640.0);
        let footer = footer_lines(m, content_w);
        let legend_y = footer_y + footer.len() as f64 * 19.0 + 14.0;
        let (title, subtitle) = titles(m, marking.measured.is_some());
        // Words longer than a line (very long names) widen the picture rather than spill out.
        let widest_text = footer
            .iter()
            .map(|(line, _)| text_width(line, 12.5, false))
            .chain(banner.iter().map(|(_, b)| text_width(b, 13.0, true)))
            .chain([
                text_width(&title, 20.0, true),
                text_width(&subtitle, 13.0, false),
                if loops > 0.0 {
                    LEGEND_REWORK_X + 34.0 + text_width(LEGEND_REWORK, 12.0, false) - MARGIN
                } else {
                    0.0
                },
            ])
            .fold(content_w, f64::max);
        Self {
            title_y,
            subtitle_y,
            banner,
            band_y,
            area_y,
            area_h,
            rung_top,
            rung_bottom: rung_top + 36.0,
            totals,
            totals_x,
            totals_y,
            totals_w,
            totals_h,
            footer_y,
            footer,
            legend_y,
            measured: marking.measured.is_some(),
            rework: loops > 0.0,
            interactive: false,
            keys: None,
            width: MARGIN + widest_text + MARGIN,
            height: legend_y + 30.0 + MARGIN,
            title,
            subtitle,
        }
    }
}

/// The rows of the totals box at the end of the ladder.
fn totals(m: &StreamMetrics, measured: bool) -> [(&'static str, String); 3] {
    let labels = if measured {
        ["Measured lead time", "Process time", "Flow efficiency"]
    } else {
        ["Lead time", "Process time", "Flow efficiency"]
    };
    [
        (labels[0], labels::lead_time(m)),
        (labels[1], Human(m.process_time).to_string()),
        (labels[2], labels::flow_efficiency(m)),
    ]
}

/// The title and the subtitle with the stream's figures.
fn titles(m: &StreamMetrics, measured: bool) -> (String, String) {
    let title = if measured {
        format!("Measured value stream map: {}", m.name)
    } else {
        format!("Value stream map: {}", m.name)
    };
    let subtitle = format!(
        "Lead time {} · Process time {} · Flow efficiency {} · Rolled %C&A {} · {}",
        labels::lead_time(m),
        Human(m.process_time),
        labels::flow_efficiency(m),
        labels::rolled(m),
        labels::coverage(m)
    );
    (title, subtitle)
}

/// The lines below the ladder, wrapped to `content_w`; `true` marks the constraint's first line.
fn footer_lines(m: &StreamMetrics, content_w: f64) -> Vec<(String, bool)> {
    let mut footer: Vec<(String, bool)> = Vec::new();
    let mut add = |label: &str, text: String| {
        for (i, line) in wrap(&format!("{label}: {text}"), 12.5, content_w)
            .into_iter()
            .enumerate()
        {
            footer.push((line, i == 0 && label == "Constraint"));
        }
    };
    add(
        "Rolled %C&A",
        format!("{} · Total effort {}", labels::rolled(m), Human(m.effort)),
    );
    add("Constraint", constraint_sentence(m));
    add("Coverage", coverage_sentence(m));
    if m.unmeasured.is_empty() {
        add("Unmeasured", "none".to_owned());
    } else {
        let list: Vec<String> = m
            .unmeasured
            .iter()
            .map(|u| {
                let missing: Vec<&str> = u.missing.iter().map(|f| f.label()).collect();
                format!("{} (no {})", u.step, missing.join(", no "))
            })
            .collect();
        add(
            "Unmeasured",
            format!(
                "{}. Missing times count as 0, so lead time is a lower bound.",
                list.join("; ")
            ),
        );
    }
    if m.off_critical_path().next().is_some() {
        add(
            "Off the critical path",
            "steps with slack; making them faster does not shorten lead time.".to_owned(),
        );
    }
    footer
}

/// The `<svg>` element, title, arrow marker, background, title and subtitle texts.
fn draw_header(out: &mut String, m: &StreamMetrics, l: &Layout) {
    let kind = if l.measured {
        "Measured value stream map"
    } else {
        "Value stream map"
    };
    let role = if l.interactive {
        format!("group\" aria-label=\"{kind}: {}", escape(&m.name))
    } else {
        "img".to_owned()
    };
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"{FONT}\" role=\"{role}\">",
        w = l.width.ceil(),
        h = l.height.ceil()
    );
    let _ = writeln!(out, "<title>{kind}: {}</title>", escape(&m.name));
    out.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555555\"/></marker>");
    if l.rework {
        let _ = write!(
            out,
            "<marker id=\"rework-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{REWORK}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{:.0}\" height=\"{:.0}\" fill=\"#ffffff\"/>",
        l.width.ceil(),
        l.height.ceil()
    );
    let mut t = text(MARGIN, l.title_y, 20.0, "start");
    t.bold = true;
    t.write(out, &l.title);
    text(MARGIN, l.subtitle_y, 13.0, "start").write(out, &l.subtitle);
    if let Some((y, banner)) = &l.banner {
        let mut t = text(MARGIN, *y, 13.0, "start");
        t.bold = true;
        t.fill = MEASURED;
        t.write(out, banner);
    }
}

/// Stage bands above their columns, and faint separators between stages.
fn draw_bands(out: &mut String, m: &StreamMetrics, columns: &[Column<'_>], l: &Layout) {
    let band_y = l.band_y;
    for (si, stage) in m.stages.iter().enumerate() {
        let cols: Vec<&Column<'_>> = columns.iter().filter(|c| c.stage == si).collect();
        let (Some(first), Some(last)) = (cols.first(), cols.last()) else {
            continue;
        };
        let (x0, x1) = (first.x + 4.0, last.end() - 4.0);
        let _ = writeln!(
            out,
            "<rect x=\"{x0:.1}\" y=\"{band_y:.1}\" width=\"{:.1}\" height=\"{BAND_H}\" rx=\"4\" fill=\"#e8eef6\" stroke=\"#9fb3c8\"><title>{}</title></rect>",
            x1 - x0,
            escape(&stage.name)
        );
        let mut t = text((x0 + x1) / 2.0, band_y + 19.0, 13.0, "middle");
        t.bold = true;
        if let Some(prefix) = &l.keys {
            t.metric = Some(metric(
                format!("{prefix}stages/{si}/lead_time_minutes"),
                Some(json_minutes(stage.lead_time)),
            ));
        }
        t.write(out, &stage_label(stage));
        if si > 0 {
            let _ = writeln!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#c8d3df\" stroke-dasharray=\"4 4\"/>",
                band_y + BAND_H + 4.0,
                l.rung_bottom + 24.0,
                x = first.x
            );
        }
    }
}

/// Boxes, triangles and flow lines, column by column.
fn draw_columns(out: &mut String, m: &StreamMetrics, columns: &[Column<'_>], l: &Layout) {
    let constraint = m.constraint.as_ref().map(|c| &c.step);
    let mut previous_centres: Vec<(f64, f64)> = Vec::new(); // (right edge x, centre y)
                                                            // The index of the next step in its stage, as `report --json` lists a stage's actions.
    let (mut stage, mut next) = (usize::MAX, 0);
    for c in columns {
        if c.stage != stage {
            (stage, next) = (c.stage, 0);
        }
        let n = c.group.steps.len() as f64;
        let stack_h = n * BOX_H + (n - 1.0) * BOX_GAP;
        let top = l.area_y + (l.area_h - stack_h) / 2.0;
        let centres: Vec<f64> = (0..c.group.steps.len())
            .map(|r| top + r as f64 * (BOX_H + BOX_GAP) + BOX_H / 2.0)
            .collect();
        let line_start = draw_flow(out, c, &previous_centres, &centres);
        for (step, &cy) in c.group.steps.iter().zip(&centres) {
            if l.interactive {
                open_step(out, step);
            }
            let key = l
                .keys
                .as_deref()
                .map(|prefix| format!("{prefix}stages/{}/actions/{next}/", c.stage));
            next += 1;
            let _ = writeln!(
                out,
                "<line x1=\"{line_start:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\" stroke=\"#888888\" marker-end=\"url(#arrow)\"/>",
                c.box_x() - 1.0
            );
            draw_wait(
                out,
                (step, key.as_deref()),
                c.x + c.gap_w / 2.0,
                cy,
                constraint == Some(&step.step),
            );
            draw_box(out, (step, key.as_deref()), c, cy);
            if l.interactive {
                out.push_str("</g>\n");
            }
        }
        previous_centres = centres.iter().map(|&y| (c.end(), y)).collect();
    }
}

/// Opens a step's focusable group, labelled with its figures.
fn open_step(out: &mut String, step: &StepMetrics) {
    let label = format!(
        "{}: {}, {}, {}, {}",
        step.step,
        labels::wait(step),
        labels::process(step),
        labels::complete_accurate(step),
        if step.critical {
            "critical path".to_owned()
        } else {
            format!("slack {}", Human(step.slack))
        }
    );
    let _ = writeln!(
        out,
        "<g class=\"step\" data-step=\"{}/{}\" tabindex=\"0\" role=\"img\" aria-label=\"{}\">",
        escape(&step.step.stage),
        escape(&step.step.action),
        escape(&label)
    );
}

/// The flow from the previous column's boxes to this column's bus; where this column's arrows
/// start.
fn draw_flow(out: &mut String, c: &Column<'_>, previous: &[(f64, f64)], centres: &[f64]) -> f64 {
    let bus_x = c.x + 8.0;
    if previous.is_empty() {
        return c.x + 4.0;
    }
    let ys = previous.iter().map(|p| p.1).chain(centres.iter().copied());
    let (lo, hi) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), y| (lo.min(y), hi.max(y)));
    for (px, py) in previous {
        let _ = writeln!(out, "<line x1=\"{px:.1}\" y1=\"{py:.1}\" x2=\"{bus_x:.1}\" y2=\"{py:.1}\" stroke=\"#888888\"/>");
    }
    if hi > lo {
        let _ = writeln!(out, "<line x1=\"{bus_x:.1}\" y1=\"{lo:.1}\" x2=\"{bus_x:.1}\" y2=\"{hi:.1}\" stroke=\"#888888\"/>");
    }
    bus_x
}

/// A wait triangle (inventory) at `tri_x` with the wait under it.
fn draw_wait(
    out: &mut String,
    (step, key): (&StepMetrics, Option<&str>),
    tri_x: f64,
    cy: f64,
    is_constraint: bool,
) {
    let (fill, stroke) = if is_constraint {
        ("#f6c9c4", RED)
    } else {
        ("#fff3c4", "#a08a2c")
    };
    let _ = writeln!(
        out,
        "<path d=\"M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} z\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{}\"><title>{}</title></path>",
        tri_x,
        cy - 14.0,
        tri_x + 13.0,
        cy + 9.0,
        tri_x - 13.0,
        cy + 9.0,
        if is_constraint { 2 } else { 1 },
        escape(&format!("{}: wait {}", step.step, wait_text(step)))
    );
    let mut t = text(tri_x, cy + 4.0, 10.0, "middle");
    t.bold = true;
    // Darker than the outline, so that the letter passes WCAG AA on the triangle's fill.
    t.fill = if is_constraint { "#8c2a20" } else { "#6b5a12" };
    t.write(out, "I");
    let mut t = text(tri_x, cy + 25.0, 11.5, "middle");
    t.fill = if step.wait_time.is_none() { GREY } else { INK };
    t.bold = is_constraint;
    t.metric = key.map(|k| metric(format!("{k}wait_minutes"), step.wait_time.map(json_minutes)));
    t.write(out, &wait_text(step));
    if is_constraint {
        let mut t = text(tri_x, cy - 20.0, 10.5, "middle");
        t.bold = true;
        t.fill = RED;
        t.write(out, "constraint");
    }
}

/// A step's process box, centred on `cy` in column `c`.
fn draw_box(out: &mut String, (step, key): (&StepMetrics, Option<&str>), c: &Column<'_>, cy: f64) {
    let y = cy - BOX_H / 2.0;
    let lines = BoxLines::of(step);
    let (stroke, width, fill) = if step.critical {
        (RED, 2.5, "#fdf1ef")
    } else {
        ("#555555", 1.0, "#ffffff")
    };
    let dash = if step.is_timed() {
        ""
    } else {
        " stroke-dasharray=\"6 4\""
    };
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{BOX_H}\" rx=\"3\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{width}\"{dash}><title>{}</title></rect>",
        c.box_x(),
        c.box_w,
        escape(&step.step.to_string())
    );
    let mid = c.box_x() + c.box_w / 2.0;
    let mut t = text(mid, y + 20.0, 13.0, "middle");
    t.bold = true;
    t.write(out, &lines.name);
    let mut t = text(mid, y + 38.0, 11.5, "middle");
    if step.process_time.is_none() {
        t.fill = GREY;
    }
    t.metric = key.map(|k| {
        metric(
            format!("{k}process_minutes"),
            step.process_time.map(json_minutes),
        )
    });
    t.write(out, &lines.process);
    let mut t = text(mid, y + 54.0, 11.5, "middle");
    t.metric = key.map(|k| {
        metric(
            format!("{k}complete_accurate_percent"),
            json_percent(step.complete_accurate),
        )
    });
    t.write(out, &lines.ca);
    let mut t = text(mid, y + 69.0, 11.5, "middle");
    t.fill = if step.critical { RED } else { GREY };
    t.write(out, &lines.status);
}

/// The bottom of a column's stack of boxes (stacks are centred in the area).
fn stack_bottom(c: &Column<'_>, l: &Layout) -> f64 {
    let n = c.group.steps.len() as f64;
    let stack_h = n * BOX_H + (n - 1.0) * BOX_GAP;
    l.area_y + (l.area_h + stack_h) / 2.0
}

/// A dashed loop under each stage that retries or rolls back on failure: from its last
/// column back to its first action's, labelled (rework).
fn draw_rework(out: &mut String, m: &StreamMetrics, columns: &[Column<'_>], l: &Layout) {
    let y = l.area_y + l.area_h + 14.0;
    for (si, stage) in m.stages.iter().enumerate() {
        let Some(rework) = labels::rework(stage) else {
            continue;
        };
        let cols: Vec<&Column<'_>> = columns.iter().filter(|c| c.stage == si).collect();
        let (Some(to), Some(from)) = (cols.get(rework.group), cols.last()) else {
            continue;
        };
        // One column: out of its right side and back into its left.
        let (x0, x1) = if std::ptr::eq(*to, *from) {
            (to.box_x() + to.box_w * 0.75, to.box_x() + to.box_w * 0.25)
        } else {
            (from.box_x() + from.box_w / 2.0, to.box_x() + to.box_w / 2.0)
        };
        let (y0, y1) = (stack_bottom(from, l), stack_bottom(to, l));
        let _ = writeln!(
            out,
            "<g class=\"rework\" data-stage=\"{}\"><title>{}: {}</title>",
            escape(&stage.name),
            escape(&stage.name),
            rework.label
        );
        let _ = writeln!(
            out,
            "<path d=\"M{x0:.1},{y0:.1} V{y:.1} H{x1:.1} V{:.1}\" fill=\"none\" stroke=\"{REWORK}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" marker-end=\"url(#rework-arrow)\"/>",
            y1 + 1.0
        );
        let mut t = text((x0 + x1) / 2.0, y + 14.0, 10.5, "middle");
        t.fill = REWORK;
        t.write(out, rework.label);
        out.push_str("</g>\n");
    }
}

/// The timeline ladder: the critical member's wait on the upper rung, its process time on the
/// lower one.
fn draw_ladder(out: &mut String, columns: &[Column<'_>], l: &Layout) {
    let (rung_top, rung_bottom) = (l.rung_top, l.rung_bottom);
    let Some(first) = columns.first() else {
        return;
    };
    let mut d = format!("M{:.1},{rung_top:.1}", first.x);
    for (i, c) in columns.iter().enumerate() {
        let _ = write!(d, " H{:.1} V{rung_bottom:.1} H{:.1}", c.box_x(), c.end());
        if i + 1 < columns.len() {
            let _ = write!(d, " V{rung_top:.1}");
        }
    }
    let _ = writeln!(
        out,
        "<path d=\"{d}\" fill=\"none\" stroke=\"#333333\" stroke-width=\"2\"/>"
    );
    let mut t = text(MARGIN, rung_top - 30.0, 11.0, "start");
    t.fill = GREY;
    t.write(out, "Timeline (critical path): wait above, process below");
    for c in columns {
        let Some(step) = c.group.critical_step() else {
            continue;
        };
        let mut t = text(c.x + c.gap_w / 2.0, rung_top - 7.0, 11.5, "middle");
        t.fill = if step.wait_time.is_none() { GREY } else { INK };
        t.write(out, &wait_text(step));
        let mut t = text(
            c.box_x() + c.box_w / 2.0,
            rung_bottom + 17.0,
            11.5,
            "middle",
        );
        t.fill = if step.process_time.is_none() {
            GREY
        } else {
            INK
        };
        t.write(out, &process_text(step));
    }
}

/// The totals box at the end of the ladder.
fn draw_totals(out: &mut String, l: &Layout) {
    let (totals_x, totals_y, totals_w, totals_h) = (l.totals_x, l.totals_y, l.totals_w, l.totals_h);
    let _ = writeln!(
        out,
        "<rect x=\"{totals_x:.1}\" y=\"{totals_y:.1}\" width=\"{totals_w:.1}\" height=\"{totals_h}\" rx=\"4\" fill=\"#f4f6f8\" stroke=\"#333333\" stroke-width=\"1.5\"/>"
    );
    for (i, (label, value)) in l.totals.iter().enumerate() {
        let y = totals_y + 24.0 + i as f64 * 22.0;
        text(totals_x + 12.0, y, 12.5, "start").write(out, label);
        let mut t = text(totals_x + totals_w - 12.0, y, 12.5, "end");
        t.bold = true;
        t.write(out, value);
    }
}

/// The footer lines, the constraint's first line in red.
fn draw_footer(out: &mut String, l: &Layout) {
    for (i, (line, strong)) in l.footer.iter().enumerate() {
        let mut t = text(MARGIN, l.footer_y + i as f64 * 19.0, 12.5, "start");
        if *strong {
            t.fill = RED;
        }
        t.write(out, line);
    }
}

/// The legend: critical path, unmeasured, wait triangle.
fn draw_legend(out: &mut String, l: &Layout) {
    let ly = l.legend_y;
    let _ = writeln!(out, "<rect x=\"{MARGIN}\" y=\"{:.1}\" width=\"28\" height=\"16\" rx=\"2\" fill=\"#fdf1ef\" stroke=\"{RED}\" stroke-width=\"2.5\"/>", ly - 12.0);
    text(MARGIN + 36.0, ly, 12.0, "start").write(out, "critical path");
    let x2 = MARGIN + 150.0;
    let _ = writeln!(out, "<rect x=\"{x2}\" y=\"{:.1}\" width=\"28\" height=\"16\" rx=\"2\" fill=\"#ffffff\" stroke=\"#555555\" stroke-dasharray=\"6 4\"/>", ly - 12.0);
    let unmeasured = if l.measured {
        "not measured (?)"
    } else {
        "unmeasured (? = not given)"
    };
    text(x2 + 36.0, ly, 12.0, "start").write(out, unmeasured);
    let x3 = x2 + 250.0;
    let _ = writeln!(
        out,
        "<path d=\"M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} z\" fill=\"#fff3c4\" stroke=\"#a08a2c\"/>",
        x3 + 12.0,
        ly - 14.0,
        x3 + 24.0,
        ly + 4.0,
        x3,
        ly + 4.0
    );
    text(x3 + 34.0, ly, 12.0, "start").write(out, "wait (queue) before the step");
    if l.rework {
        let x4 = LEGEND_REWORK_X;
        let _ = writeln!(
            out,
            "<path d=\"M{x4:.1},{:.1} H{:.1}\" stroke=\"{REWORK}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\" marker-end=\"url(#rework-arrow)\"/>",
            ly - 4.0,
            x4 + 28.0
        );
        let mut t = text(x4 + 34.0, ly, 12.0, "start");
        t.fill = REWORK;
        t.write(out, LEGEND_REWORK);
    }
}
