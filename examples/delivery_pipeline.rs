//! A real delivery pipeline: connection source → CodeBuild build → unit tests ‖ lint →
//! manual approval → CloudFormation deploy, with the whole command line.
//!
//! `cargo run --example delivery_pipeline > template.json` (see `-- --help` for the rest)

#[path = "streams/mod.rs"]
mod streams;

fn main() -> std::process::ExitCode {
    vsm::cli::run(streams::delivery_pipeline())
}
