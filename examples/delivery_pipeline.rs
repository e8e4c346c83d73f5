//! A real delivery pipeline: connection source → CodeBuild build → unit tests ‖ lint →
//! manual approval → CloudFormation deploy.
//!
//! `cargo run --example delivery_pipeline > template.json`

#[path = "streams/mod.rs"]
mod streams;

fn main() {
    print!(
        "{}",
        streams::delivery_pipeline()
            .to_cloudformation()
            .to_json_pretty()
    );
}
