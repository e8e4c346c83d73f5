//! Value streams as typed Rust: model, typed builder, CodePipeline rules and a deterministic
//! CloudFormation emitter.
//!
//! - [`model`]: the stream as data (also its documented JSON form);
//! - [`builder`]: the typed builder, reached through [`ValueStream::builder`];
//! - [`rules`]: every CodePipeline rule, callable on a [`model::Stream`] from any front end;
//! - [`ValueStream`]: a stream that passed the rules; `.to_cloudformation()` turns it into a
//!   [`cfn::Template`];
//! - [`analysis`] and [`render`]: metrics and pictures of the value stream;
//! - [`diff`]: a semantic diff of two templates, read as pipelines;
//! - [`lint`]: checks any template, with findings placed at `file:line:column`.
#![warn(missing_docs)]

pub mod analysis;
pub mod builder;
pub mod diagnostic;
pub mod diff;
pub mod lint;
pub mod model;
pub mod render;
pub mod rules;
mod stream;
pub mod time;

pub use diagnostic::{Field, Location, Severity, ValidationErrors, Violation};
pub use stream::ValueStream;
pub mod cfn;
pub mod emit;
