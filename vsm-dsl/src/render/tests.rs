//! Checks of the pictures on the hand-built workshop stream.

use super::*;
use crate::analysis::tests::{stage, step, workshop};
use crate::model::Stream;

/// A text element of the SVG: its estimated box and its content.
#[derive(Debug)]
struct Placed {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    content: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].to_owned())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every `<text>` of the SVG with the box the renderer's width estimate gives it.
fn texts(svg: &str) -> Vec<Placed> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        let open_end = start + rest[start..].find('>').unwrap();
        let close = open_end + rest[open_end..].find("</text>").unwrap();
        let tag = &rest[start..open_end];
        let content = unescape(&rest[open_end + 1..close]);
        let x: f64 = attr(tag, "x").unwrap().parse().unwrap();
        let y: f64 = attr(tag, "y").unwrap().parse().unwrap();
        let size: f64 = attr(tag, "font-size").unwrap().parse().unwrap();
        let bold = tag.contains("font-weight=\"bold\"");
        let w = svg::text_width(&content, size, bold);
        let (x0, x1) = match attr(tag, "text-anchor").as_deref() {
            Some("middle") => (x - w / 2.0, x + w / 2.0),
            Some("end") => (x - w, x),
            _ => (x, x + w),
        };
        out.push(Placed {
            x0,
            x1,
            y0: y - size * 0.8,
            y1: y + size * 0.22,
            content,
        });
        rest = &rest[close..];
    }
    out
}

fn assert_no_overlap(svg: &str) {
    let placed = texts(svg);
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            let overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
            assert!(!overlap, "text overlaps: {a:?} and {b:?}");
        }
    }
}

fn viewbox(svg: &str) -> (f64, f64) {
    let vb = attr(svg, "viewBox").unwrap();
    let v: Vec<f64> = vb.split(' ').map(|n| n.parse().unwrap()).collect();
    (v[2], v[3])
}

#[test]
fn mermaid_has_subgraphs_times_and_the_critical_path() {
    let out = mermaid(&workshop());
    assert!(out.starts_with("flowchart LR\n"));
    assert!(out.contains("subgraph s1[\"Test · LT 3h 55m\"]"), "{out}");
    // Test stage nodes in run order: Unit s1a0, Lint s1a1, Deploy s1a2, Smoke s1a3, Perf s1a4,
    // Security s1a5.
    assert!(
        out.contains("s1a0[\"Unit<br/>WT 10m · PT 20m<br/>%C#38;A 90%\"]:::critical"),
        "{out}"
    );
    assert!(
        out.contains("s1a1[\"Lint<br/>WT 5m · PT 10m<br/>%C#38;A 100%\"]:::step"),
        "{out}"
    );
    assert!(
        out.contains("s1a5[\"Security<br/>WT ? · PT ?<br/>%C#38;A ?\"]:::unmeasured"),
        "{out}"
    );
    // Edges: Checkout→{Unit,Lint} (0,1), {Unit,Lint}→Deploy (2,3), Deploy→{Smoke,Perf,Security}
    // (4,5,6), {Smoke,Perf,Security}→Approve (7,8,9). Critical: 0, 2, 4, 7.
    assert_eq!(out.matches(" --> ").count(), 10);
    assert!(
        out.contains("    linkStyle 0,2,4,7 stroke:#b03a2e,stroke-width:3px\n"),
        "{out}"
    );
}

#[test]
fn mermaid_escapes_syntax_in_names() {
    let mut s = Stream::new("x");
    s.stages.push(stage(
        "A \"B\" #1",
        vec![step("x<y>&[z]", 1, None, None, None)],
    ));
    let out = mermaid(&s);
    assert!(
        out.contains("subgraph s0[\"A #34;B#34; #35;1 · LT 0m\"]"),
        "{out}"
    );
    assert!(out.contains("s0a0[\"x#60;y#62;#38;#91;z#93;<br/>"), "{out}");
}

#[test]
fn dot_has_clusters_ranks_and_red_critical_edges() {
    let out = dot(&workshop());
    assert!(out.starts_with("digraph \"workshop\" {"));
    assert_eq!(out.matches("subgraph cluster_").count(), 3);
    assert!(out.contains("{ rank=same; s1a3; s1a4; s1a5; }"), "{out}");
    assert!(
        out.contains("s1a2 -> s1a3 [color=\"#b03a2e\", penwidth=2.5];"),
        "{out}"
    );
    assert!(out.contains("s1a2 -> s1a4;"), "{out}");
    assert_eq!(out.matches(" -> ").count(), 10);
    assert_eq!(out.matches('{').count(), out.matches('}').count());
}

#[test]
fn dot_escapes_quotes_and_backslashes() {
    let mut s = Stream::new("a\"b\\c");
    s.stages.push(stage(
        "S",
        vec![step("q\"", 1, Some(1), Some(1), Some(50.0))],
    ));
    let out = dot(&s);
    assert!(out.starts_with("digraph \"a\\\"b\\\\c\" {"), "{out}");
    assert!(
        out.contains("label=\"q\\\"\\nWT 1m · PT 1m\\n%C&A 50%\""),
        "{out}"
    );
}

#[test]
fn svg_shows_every_step_wait_and_the_totals() {
    let out = svg(&workshop());
    assert!(out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(out.trim_end().ends_with("</svg>"));
    assert!(!out.contains("<script") && !out.contains("@import") && !out.contains("href=\"http"));
    let all: Vec<String> = texts(&out).into_iter().map(|t| t.content).collect();
    for name in [
        "Checkout", "Unit", "Lint", "Deploy", "Smoke", "Perf", "Security", "Approve",
    ] {
        assert!(all.iter().any(|t| t == name), "{name} missing");
    }
    // Wait triangles: one per step.
    assert_eq!(
        out.matches("fill=\"#fff3c4\"").count() + out.matches("fill=\"#f6c9c4\"").count(),
        8 + 1
    );
    // Totals: 1710m = 1d 4h 30m, lower bound because Security is unmeasured; 80m; 80/1710.
    assert!(all.iter().any(|t| t == "≥ 1d 4h 30m"), "{all:?}");
    assert!(all.iter().any(|t| t == "1h 20m"));
    assert!(all.iter().any(|t| t == "4.7%"));
    assert!(all.iter().any(|t| t == "constraint"));
    assert!(all.iter().any(|t| t == "PT ? (unmeasured)"));
    assert_no_overlap(&out);
}

#[test]
fn svg_stacks_parallel_members_in_one_column() {
    let out = svg(&workshop());
    let placed = texts(&out);
    let x_of = |name: &str| {
        placed
            .iter()
            .find(|t| t.content == name)
            .map(|t| (t.x0 + t.x1) / 2.0)
            .unwrap()
    };
    let y_of = |name: &str| {
        placed
            .iter()
            .find(|t| t.content == name)
            .map(|t| t.y0)
            .unwrap()
    };
    // Smoke, Perf and Security share run order 3: same column, different rows.
    assert!((x_of("Smoke") - x_of("Perf")).abs() < 0.01);
    assert!((x_of("Smoke") - x_of("Security")).abs() < 0.01);
    assert!(y_of("Smoke") < y_of("Perf") && y_of("Perf") < y_of("Security"));
    // Flow goes left to right.
    assert!(
        x_of("Checkout") < x_of("Unit")
            && x_of("Unit") < x_of("Deploy")
            && x_of("Deploy") < x_of("Smoke")
    );
    assert!(x_of("Smoke") < x_of("Approve"));
}

#[test]
fn svg_escapes_text_and_stays_inside_its_viewbox() {
    let mut s = Stream::new("<script>alert('x')</script> & co");
    s.stages.push(stage(
        "A very long stage name that is much wider than its one small box",
        vec![step("Tiny", 1, Some(0), Some(1), Some(100.0))],
    ));
    s.stages.push(stage(
        "S",
        vec![step(
            "AnActionNameThatGoesOnAndOnAndOnForeverAndEver",
            1,
            Some(100_000),
            Some(1),
            None,
        )],
    ));
    let out = svg(&s);
    assert!(!out.contains("<script>"));
    assert!(out.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; co"));
    assert!(out.contains("AnActionNameThatGoesOnAndOnAndOnF…"));
    assert_no_overlap(&out);
    let (w, h) = viewbox(&out);
    for t in texts(&out) {
        assert!(
            t.x0 >= 0.0 && t.x1 <= w && t.y0 >= 0.0 && t.y1 <= h,
            "{t:?} outside {w}x{h}"
        );
    }
}

#[test]
fn svg_of_an_empty_stream_says_so() {
    let out = svg(&Stream::new("empty"));
    assert!(out.contains("This stream has no steps."));
    assert!(out.contains("n/a (lead time 0)"));
    assert_no_overlap(&out);
}

#[test]
fn picture_snapshots() {
    let s = workshop();
    insta::assert_snapshot!("mermaid", mermaid(&s));
    insta::assert_snapshot!("dot", dot(&s));
    insta::assert_snapshot!("svg", svg(&s));
}

/// The shape of mock-pipeline (reference §4) with plausible annotations, one step unmeasured.
fn mock_like() -> Stream {
    let mut s = Stream::new("mock-pipeline");
    s.stages.push(stage(
        "Source",
        vec![step("Source", 1, Some(0), Some(1), Some(100.0))],
    ));
    s.stages.push(stage(
        "Build",
        vec![
            step("Artifact", 1, Some(5), Some(12), Some(95.0)),
            step("Image", 2, Some(2), Some(8), Some(98.0)),
        ],
    ));
    s.stages.push(stage(
        "AcceptanceTesting",
        vec![
            step("ProvisionEnvironment", 1, Some(30), Some(20), Some(97.0)),
            step("InfrastructureAnalysis", 1, Some(10), Some(5), Some(99.0)),
            step("ConfigureEnvironment", 2, Some(15), Some(10), Some(95.0)),
            step("AcceptanceTests", 3, Some(60), Some(45), Some(90.0)),
            step("IntegrationTests", 3, Some(20), Some(30), Some(92.0)),
            step("DeployApp", 4, Some(30), Some(10), Some(98.0)),
            step("DeploymentTest", 5, Some(5), Some(5), Some(99.0)),
        ],
    ));
    s.stages.push(stage(
        "Capacity",
        vec![
            step("PenTest", 1, Some(240), Some(120), Some(85.0)),
            step("PerformanceTest", 1, Some(60), Some(90), Some(90.0)),
            step("ImageTests", 1, Some(10), Some(15), Some(99.0)),
            step("ResiliencyTests", 1, None, None, None),
        ],
    ));
    s.stages.push(stage(
        "ExploratoryTesting",
        vec![step("QA", 1, Some(2880), Some(240), Some(80.0))],
    ));
    s.stages.push(stage(
        "Production",
        vec![
            step("BlueGreenDeployment", 1, Some(60), Some(20), Some(98.0)),
            step("OutofBandTests", 1, Some(30), Some(30), Some(95.0)),
            step("SecurityMetrics", 1, Some(10), Some(10), Some(99.0)),
            step("SwitchEndPoints", 2, Some(15), Some(5), Some(99.0)),
        ],
    ));
    s
}

#[test]
fn svg_of_a_mock_pipeline_sized_stream_has_no_overlapping_text() {
    let out = svg(&mock_like());
    assert_no_overlap(&out);
    let (w, h) = viewbox(&out);
    for t in texts(&out) {
        assert!(
            t.x0 >= 0.0 && t.x1 <= w && t.y0 >= 0.0 && t.y1 <= h,
            "{t:?} outside {w}x{h}"
        );
    }
    // For looking at it in a browser: VSM_SVG_OUT=/tmp/map.svg cargo test -p vsm-dsl render
    if let Some(path) = std::env::var_os("VSM_SVG_OUT") {
        std::fs::write(path, &out).unwrap();
    }
}

#[test]
fn pictures_survive_extreme_durations() {
    let mut a = crate::model::Action::new("A", crate::kinds::Mock {});
    a.annotations.wait_time = Some(std::time::Duration::MAX);
    a.annotations.process_time = Some(std::time::Duration::MAX);
    let mut s = Stream::new("huge");
    s.stages.push(stage("S", vec![a.clone(), a]));
    assert!(mermaid(&s).contains("subgraph"));
    assert!(dot(&s).contains("cluster_0"));
    let out = svg(&s);
    assert_no_overlap(&out);
}

fn arb_name() -> impl proptest::strategy::Strategy<Value = String> {
    "[A-Za-z0-9<>&\"' ]{1,60}"
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Whatever the names, times and shape, the SVG's text never overlaps and stays inside
    /// the picture.
    #[test]
    fn svg_text_never_overlaps(
        name in arb_name(),
        stages in proptest::collection::vec(
            (arb_name(), proptest::collection::vec(
                (arb_name(), 1u32..4, proptest::option::of(0u64..50_000), proptest::option::of(0u64..5_000)),
                0..6,
            )),
            0..5,
        ),
    ) {
        let mut s = Stream::new(name);
        for (stage_name, steps) in stages {
            let actions = steps
                .into_iter()
                .map(|(n, order, wait, process)| step(&n, order, wait, process, Some(90.0)))
                .collect();
            s.stages.push(stage(&stage_name, actions));
        }
        let out = svg(&s);
        assert_no_overlap(&out);
        let (w, h) = viewbox(&out);
        for t in texts(&out) {
            proptest::prop_assert!(t.x0 >= 0.0 && t.x1 <= w && t.y0 >= 0.0 && t.y1 <= h, "{:?} outside {}x{}", t, w, h);
        }
    }
}

#[test]
fn svg_of_measured_figures_says_so_on_its_face() {
    let m = crate::analysis::analyze(&mock_like());
    let out = svg::render_measured(&m, "medians of 412 executions");
    assert!(out.contains("<title>Measured value stream map: mock-pipeline</title>"));
    let all: Vec<String> = texts(&out).into_iter().map(|t| t.content).collect();
    assert!(all.contains(&"Measured value stream map: mock-pipeline".to_owned()));
    assert!(
        all.contains(&"Measured from the pipeline's history: medians of 412 executions".to_owned())
    );
    assert!(all.contains(&"Measured lead time".to_owned()));
    assert!(all.contains(&"not measured (?)".to_owned()));
    assert_no_overlap(&out);
    let (w, h) = viewbox(&out);
    for t in texts(&out) {
        assert!(
            t.x0 >= 0.0 && t.x1 <= w && t.y0 >= 0.0 && t.y1 <= h,
            "{t:?} outside {w}x{h}"
        );
    }
    // The plain map has none of it.
    let plain = svg::render(&m);
    assert!(!plain.contains("Measured") && !plain.contains("measured (?)"));
    assert_eq!(svg::render_marked(&m, svg::Marking::default()), plain);
}

/// Rework on failure is a dotted edge from the stage's last step back to its first; a gate is
/// a node of its own, its modelled window wait marked.
#[test]
fn mermaid_shows_rework_loops_and_gates() {
    use crate::builder::rule;
    use crate::model::StageCondition;

    let mut s = crate::analysis::tests::retrying();
    s.stages[1].settings.before_entry = Some(
        StageCondition::fail().rule(rule::deployment_window("Hours", "* * 9-16 ? * MON-FRI *")),
    );
    let out = mermaid(&s);
    // Deploy's nodes: the gate (s1a0), A (s1a1), B (s1a2); the loop runs from B back to A,
    // the first action: a retry does not pass the gate again.
    assert!(
        out.contains("s1a0[\"before entry<br/>WT 15h 14m 17s #40;window#41;"),
        "{out}"
    );
    assert!(
        out.contains("s1a2 -. \"on failure: retry\" .-> s1a1"),
        "{out}"
    );
    assert_eq!(out.matches(" -. ").count(), 1, "{out}");
}

/// DOT and SVG draw the same rework loop as Mermaid: from the stage's last step back to its
/// first action, past its gate, labelled, in the SVG without overlapping any text and with the
/// legend saying what the loop is.
#[test]
fn dot_and_svg_show_rework_loops() {
    use crate::builder::rule;
    use crate::model::StageCondition;

    let mut s = crate::analysis::tests::retrying();
    s.stages[1].settings.before_entry = Some(
        StageCondition::fail().rule(rule::deployment_window("Hours", "* * 9-16 ? * MON-FRI *")),
    );
    let m = crate::analysis::analyze(&s);
    let out = super::dot::render(&m);
    assert!(
        out.contains("s1a2 -> s1a1 [style=dashed, constraint=false,")
            && out.contains("label=\"on failure: retry\""),
        "{out}"
    );
    assert_eq!(out.matches("style=dashed").count(), 1, "{out}");

    let out = svg::render(&m);
    assert_eq!(out.matches("<g class=\"rework\"").count(), 1, "{out}");
    assert!(
        out.contains("<title>Deploy: on failure: retry</title>"),
        "{out}"
    );
    let all: Vec<String> = texts(&out).into_iter().map(|t| t.content).collect();
    assert!(all.contains(&"on failure: retry".to_owned()), "{all:?}");
    assert!(all.contains(&"rework: retry or rollback on failure".to_owned()));
    assert_no_overlap(&out);
    let (w, h) = viewbox(&out);
    for t in texts(&out) {
        assert!(
            t.x0 >= 0.0 && t.x1 <= w && t.y0 >= 0.0 && t.y1 <= h,
            "{t:?} outside {w}x{h}"
        );
    }
    // The loop runs from B's box (the stage's last column) back to A's, not to the gate's.
    let rework = &out[out.find("<g class=\"rework\"").unwrap()..];
    let d = attr(&rework[rework.find("<path").unwrap()..], "d").unwrap();
    let xs: Vec<f64> = d
        .split(|c: char| c.is_ascii_alphabetic() || c == ',' || c == ' ')
        .filter_map(|n| n.parse().ok())
        .collect();
    let (from, to) = (xs[0], xs[3]);
    assert!(to < from, "{d}");
    let centre = |name: &str| {
        let rect = out
            .split("<rect")
            .find(|r| r.contains(&format!("<title>Deploy / {name}</title>")))
            .unwrap_or_else(|| panic!("{name}'s box"));
        let x: f64 = attr(rect, "x").unwrap().parse().unwrap();
        let w: f64 = attr(rect, "width").unwrap().parse().unwrap();
        x + w / 2.0
    };
    assert!((from - centre("B")).abs() < 0.2, "{d}");
    assert!((to - centre("A")).abs() < 0.2, "{d}");
    // Without rework, no loop and no legend entry.
    let plain = svg::render(&crate::analysis::analyze(
        &crate::analysis::tests::workshop(),
    ));
    assert!(!plain.contains("rework"));
}
