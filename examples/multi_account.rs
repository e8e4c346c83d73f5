//! A commit-to-production stream across three accounts and two Regions: build in the tools
//! account, deploy to a test account in two Regions, a release gate, then production in its
//! own account: inside a deployment window, watched by an alarm there that rolls it back.
//!
//! `cargo run --example multi_account -- synth --all -o templates/` writes every template the
//! pipeline needs (the roles in the test and production accounts, the artifact store in the
//! second Region, the pipeline) and `manifest.json`, the order to deploy them in.

#[path = "streams/mod.rs"]
mod streams;

fn main() -> std::process::ExitCode {
    vsm::cli::run(streams::multi_account())
}
