//! Graphviz DOT: stages as clusters, parallel groups in one rank, the critical path in red.

use std::fmt::Write as _;

use super::labels::{self, REWORK};
use crate::analysis::{StepMetrics, StreamMetrics};
use crate::model::duration::Human;

/// Escapes text for a double-quoted DOT string: `\` and `"` are backslashed, line breaks become
/// spaces (the labels use `\n` themselves).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn node(out: &mut String, id: &str, step: &StepMetrics) {
    let label = format!(
        "{}\\n{} · {}\\n{}",
        escape(&step.step.action),
        escape(&labels::wait(step)),
        escape(&labels::process(step)),
        escape(&labels::complete_accurate(step))
    );
    let style = if step.critical {
        "color=\"#b03a2e\", penwidth=2.5, fillcolor=\"#fdecea\""
    } else if !step.is_timed() {
        "style=\"rounded,filled,dashed\", color=\"#777777\", fillcolor=\"#f3f3f3\""
    } else {
        "color=\"#555555\""
    };
    let _ = writeln!(out, "    {id} [label=\"{label}\", {style}];");
}

/// The Graphviz DOT graph of a stream's figures: left to right, one cluster per stage, the
/// members of a parallel group in one rank, an edge from every member of a group to every member
/// of the next, critical nodes and edges red and thick, unmeasured nodes dashed, and a dashed
/// edge back to the first action of a stage that retries or rolls back on failure (rework).
pub fn render(m: &StreamMetrics) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", escape(&m.name));
    out.push_str("    rankdir=LR;\n    newrank=true;\n    labelloc=t;\n");
    let _ = writeln!(
        out,
        "    label=\"{}\\n{}\";",
        escape(&m.name),
        labels::summary(m, " · ")
    );
    out.push_str("    fontname=\"Helvetica\";\n");
    out.push_str(
        "    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n",
    );
    out.push_str("    edge [color=\"#777777\"];\n");

    let mut groups: Vec<(Vec<String>, Option<String>)> = Vec::new();
    // Rework loops: from a stage's last node back to its first action, labelled.
    let mut loops: Vec<(String, String, &str)> = Vec::new();
    for (si, stage) in m.stages.iter().enumerate() {
        let _ = writeln!(out, "    subgraph cluster_{si} {{");
        let _ = writeln!(
            out,
            "        label=\"{}\\nLT {}\";\n        style=rounded;\n        color=\"#999999\";",
            escape(&stage.name),
            Human(stage.lead_time)
        );
        let mut ai = 0;
        for group in &stage.groups {
            let mut ids = Vec::new();
            let mut critical = None;
            for step in &group.steps {
                let id = format!("s{si}a{ai}");
                ai += 1;
                out.push_str("    ");
                node(&mut out, &id, step);
                if step.critical {
                    critical = Some(id.clone());
                }
                ids.push(id);
            }
            if ids.len() > 1 {
                let _ = writeln!(out, "        {{ rank=same; {}; }}", ids.join("; "));
            }
            groups.push((ids, critical));
        }
        out.push_str("    }\n");
        if let (Some(rework), Some(last)) = (labels::rework(stage), groups.last()) {
            let first = format!("s{si}a{}", rework.step);
            loops.push((last.0[0].clone(), first, rework.label));
        }
    }
    for pair in groups.windows(2) {
        let (from, from_critical) = &pair[0];
        let (to, to_critical) = &pair[1];
        for a in from {
            for b in to {
                if Some(a) == from_critical.as_ref() && Some(b) == to_critical.as_ref() {
                    let _ = writeln!(out, "    {a} -> {b} [color=\"#b03a2e\", penwidth=2.5];");
                } else {
                    let _ = writeln!(out, "    {a} -> {b};");
                }
            }
        }
    }
    for (from, to, label) in &loops {
        let _ = writeln!(
            out,
            "    {from} -> {to} [style=dashed, constraint=false, color=\"{REWORK}\", fontcolor=\"{REWORK}\", fontsize=10, label=\"{label}\"];"
        );
    }
    out.push_str("}\n");
    out
}
