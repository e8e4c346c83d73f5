//! The value stream report of mock-pipeline: lead time, flow efficiency, rolled %C&A, the
//! constraint, and a table of every stage and step.
//!
//! ```text
//! cargo run --example vsm_report              # text report
//! cargo run --example vsm_report -- --json    # JSON report
//! cargo run --example vsm_report -- --mermaid # Mermaid flowchart
//! cargo run --example vsm_report -- --dot     # Graphviz DOT
//! cargo run --example vsm_report -- --svg > mock-pipeline.svg && scripts/render-svg.sh mock-pipeline.svg
//! ```

#[path = "streams/mod.rs"]
mod streams;

use vsm::analysis::{analyze, text_report, StreamJson};
use vsm::render;

fn main() {
    let stream = streams::mock_pipeline();
    let format = std::env::args().nth(1).unwrap_or_default();
    let out = match format.as_str() {
        "" | "--text" => text_report(&analyze(&stream)),
        "--json" => StreamJson::new(&analyze(&stream)).to_string_pretty() + "\n",
        "--mermaid" => render::mermaid(&stream),
        "--dot" => render::dot(&stream),
        "--svg" => render::svg(&stream),
        other => {
            eprintln!("unknown option {other}: use --text, --json, --mermaid, --dot or --svg");
            std::process::exit(2);
        }
    };
    print!("{out}");
}
