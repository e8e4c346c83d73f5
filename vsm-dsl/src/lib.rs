//! Value streams as typed Rust: model, typed builder, CodePipeline rules and a deterministic
//! CloudFormation emitter.
#![warn(missing_docs)]

pub mod diagnostic;
pub mod model;

pub use diagnostic::{Field, Location, Severity, ValidationErrors, Violation};
pub mod analysis;
pub mod render;
