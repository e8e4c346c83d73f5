//! Current versus future state of mock-pipeline: the manual QA approval replaced by automated
//! exploratory checks, capacity tests run in parallel with acceptance, production deploys started
//! soon after a green build. Prints every figure side by side and the steps that changed.
//!
//! ```text
//! cargo run --example future_state            # text   (report, compared with the future state)
//! cargo run --example future_state -- --json  # JSON   (report --json)
//! cargo run --example future_state -- --svg   # SVG map of the future state
//! ```

#[path = "future/mod.rs"]
mod future;
#[path = "streams/mod.rs"]
mod streams;

use std::ffi::OsString;
use vsm::cli::Cli;

fn main() -> std::process::ExitCode {
    let current = streams::mock_pipeline();
    let future = future::mock_pipeline_future(&current);
    let mut args: Vec<OsString> = std::env::args_os().collect();
    match args.get(1).and_then(|a| a.to_str()) {
        Some("--svg") => {
            let me = args.swap_remove(0);
            return Cli::new(future).run_with([
                me,
                "render".into(),
                "--format".into(),
                "svg".into(),
            ]);
        }
        Some("--text") => args[1] = "report".into(),
        Some("--json") => args
            .splice(1..2, ["report".into(), "--json".into()])
            .for_each(drop),
        _ => {}
    }
    Cli::new(current)
        .future(future)
        .default_args(["report"])
        .run_with(args)
}
