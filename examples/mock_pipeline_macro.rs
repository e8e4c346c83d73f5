//! The mock-pipeline stream written with the `stream!` macro: the same stream as
//! `examples/mock_pipeline.rs` (which uses the builder), checked at compile time, and the same
//! template bytes.
//!
//! `cargo run --example mock_pipeline_macro > template.json`

#[path = "streams/macro_streams.rs"]
mod macro_streams;

fn main() -> Result<(), vsm::ValidationErrors> {
    let template = macro_streams::mock_pipeline().to_cloudformation()?;
    print!("{}", template.to_json_pretty());
    Ok(())
}
