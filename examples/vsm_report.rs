//! The value stream report of mock-pipeline: lead time, flow efficiency, rolled %C&A, the
//! constraint, and a table of every stage and step. With no arguments it runs `report`; the
//! short flags below map onto the command line's `report` and `render`, and every other
//! subcommand works too.
//!
//! ```text
//! cargo run --example vsm_report              # text report       (report)
//! cargo run --example vsm_report -- --json    # JSON report       (report --json)
//! cargo run --example vsm_report -- --mermaid # Mermaid flowchart (render --format mermaid)
//! cargo run --example vsm_report -- --dot     # Graphviz DOT      (render --format dot)
//! cargo run --example vsm_report -- --svg > mock-pipeline.svg && scripts/render-svg.sh mock-pipeline.svg
//! ```

#[path = "streams/mod.rs"]
mod streams;

use std::ffi::OsString;

fn main() -> std::process::ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    let mapped: Option<&[&str]> = match args.get(1).and_then(|a| a.to_str()) {
        Some("--text") => Some(&["report"]),
        Some("--json") => Some(&["report", "--json"]),
        Some("--mermaid") => Some(&["render", "--format", "mermaid"]),
        Some("--dot") => Some(&["render", "--format", "dot"]),
        Some("--svg") => Some(&["render", "--format", "svg"]),
        _ => None,
    };
    if let Some(mapped) = mapped {
        args.splice(1..2, mapped.iter().map(OsString::from));
    }
    vsm::cli::Cli::new(streams::mock_pipeline())
        .default_args(["report"])
        .run_with(args)
}
