//! Mermaid flowchart: stages as subgraphs, parallel groups side by side, the critical path in
//! red, each node labelled with its wait, process time and %C&A.

use std::fmt::Write as _;

use super::labels;
use crate::analysis::{StepMetrics, StreamMetrics};
use crate::model::duration::Human;

/// Escapes text for a quoted Mermaid label: characters Mermaid would read as syntax become
/// numeric entity codes (`#35;`), line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '#' | '"' | '&' | '<' | '>' | '`' | '|' | '[' | ']' | '{' | '}' | '(' | ')' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn node_label(step: &StepMetrics) -> String {
    let mut label = escape(&step.step.action);
    let _ = write!(
        label,
        "<br/>{} · {}<br/>{}",
        escape(&labels::wait(step)),
        escape(&labels::process(step)),
        escape(&labels::complete_accurate(step))
    );
    label
}

/// The Mermaid flowchart of a stream's figures.
///
/// Nodes are `s{stage}a{action}` (indices); each parallel group's members sit in one rank, so
/// they appear side by side. Edges join every member of a group to every member of the next.
/// Critical-path nodes use the `critical` class and critical edges are drawn thick and red;
/// nodes missing a time use the `unmeasured` class (dashed). A stage that rolls back or
/// retries on failure has a dotted edge from its last node back to its first: rework.
pub fn render(m: &StreamMetrics) -> String {
    let mut out = String::from("flowchart LR\n");
    let _ = writeln!(
        out,
        "%% {}: {}",
        m.name.replace(['\n', '\r'], " "),
        labels::summary(m, ", ")
    );
    out.push_str("    classDef step fill:#ffffff,stroke:#555555,stroke-width:1px,color:#111111\n");
    out.push_str(
        "    classDef critical fill:#fdecea,stroke:#b03a2e,stroke-width:3px,color:#111111\n",
    );
    out.push_str(
        "    classDef unmeasured fill:#f3f3f3,stroke:#777777,stroke-width:1px,stroke-dasharray:5 3,color:#111111\n",
    );

    // Node ids per group, in flow order, with the id of the critical member.
    let mut groups: Vec<(Vec<String>, Option<String>)> = Vec::new();
    // Rework loops: from a stage's last node back to its first, labelled.
    let mut loops: Vec<(String, String, &str)> = Vec::new();
    for (si, stage) in m.stages.iter().enumerate() {
        let _ = writeln!(
            out,
            "    subgraph s{si}[\"{} · LT {}\"]",
            escape(&stage.name),
            Human(stage.lead_time)
        );
        out.push_str("        direction LR\n");
        let mut ai = 0;
        for group in &stage.groups {
            let mut ids = Vec::new();
            let mut critical = None;
            for step in &group.steps {
                let id = format!("s{si}a{ai}");
                ai += 1;
                let class = if step.critical {
                    "critical"
                } else if !step.is_timed() {
                    "unmeasured"
                } else {
                    "step"
                };
                let _ = writeln!(out, "        {id}[\"{}\"]:::{class}", node_label(step));
                if step.critical {
                    critical = Some(id.clone());
                }
                ids.push(id);
            }
            groups.push((ids, critical));
        }
        out.push_str("    end\n");
        if let (Some(rework), Some(last)) = (labels::rework(stage), groups.last()) {
            let first = format!("s{si}a{}", rework.step);
            loops.push((last.0[0].clone(), first, rework.label));
        }
    }

    let mut edge = 0usize;
    let mut critical_edges = Vec::new();
    for pair in groups.windows(2) {
        let (from, from_critical) = &pair[0];
        let (to, to_critical) = &pair[1];
        for a in from {
            for b in to {
                let _ = writeln!(out, "    {a} --> {b}");
                if Some(a) == from_critical.as_ref() && Some(b) == to_critical.as_ref() {
                    critical_edges.push(edge.to_string());
                }
                edge += 1;
            }
        }
    }
    for (from, to, label) in &loops {
        let _ = writeln!(out, "    {from} -. \"{label}\" .-> {to}");
    }
    if !critical_edges.is_empty() {
        let _ = writeln!(
            out,
            "    linkStyle {} stroke:#b03a2e,stroke-width:3px",
            critical_edges.join(",")
        );
    }
    out
}
