//! The stream mock-pipeline models, as a deployable CodePipeline template, with the whole
//! command line: synth, validate, diff, render, report, measure, forecast, lint, import (and
//! deploy, status, list, destroy with the `deploy` feature).
//!
//! ```text
//! cargo run --example mock_pipeline > template.json          # the template, as before
//! cargo run --example mock_pipeline -- synth --format yaml   # YAML
//! cargo run --example mock_pipeline -- render --format mermaid
//! cargo run --example mock_pipeline -- report
//! cargo run --example mock_pipeline -- diff old.json         # exit 1 when it changed
//! cargo run --example mock_pipeline --features deploy -- deploy --stack mock-pipeline
//! cargo run --example mock_pipeline -- --help
//! ```

#[path = "streams/mod.rs"]
mod streams;

fn main() -> std::process::ExitCode {
    vsm::cli::run(streams::mock_pipeline())
}
