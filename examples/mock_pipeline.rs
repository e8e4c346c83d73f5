//! The stream mock-pipeline models, as a deployable CodePipeline template.
//!
//! `cargo run --example mock_pipeline > template.json`

#[path = "streams/mod.rs"]
mod streams;

fn main() {
    print!(
        "{}",
        streams::mock_pipeline()
            .to_cloudformation()
            .to_json_pretty()
    );
}
