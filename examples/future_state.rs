//! Current versus future state of mock-pipeline: the manual QA approval replaced by automated
//! exploratory checks, capacity tests run in parallel with acceptance, production deploys started
//! soon after a green build. Prints every figure side by side and the steps that changed.
//!
//! ```text
//! cargo run --example future_state            # text
//! cargo run --example future_state -- --json  # JSON
//! cargo run --example future_state -- --svg   # SVG map of the future state
//! ```

#[path = "future/mod.rs"]
mod future;
#[path = "streams/mod.rs"]
mod streams;

use vsm::analysis::{compare, comparison_text, ComparisonJson};

fn main() {
    let current = streams::mock_pipeline();
    let future = future::mock_pipeline_future(&current);
    let comparison = compare(&current, &future);
    match std::env::args().nth(1).as_deref() {
        Some("--json") => println!("{}", ComparisonJson::new(&comparison).to_string_pretty()),
        Some("--svg") => print!("{}", vsm::render::svg(&future)),
        None | Some("--text") => print!("{}", comparison_text(&comparison)),
        Some(other) => {
            eprintln!("unknown option {other}: use --text, --json or --svg");
            std::process::exit(2);
        }
    }
}
