//! Value streams as typed Rust: model, typed builder, CodePipeline rules and a deterministic
//! CloudFormation emitter.
//!
//! - [`model`]: the stream as data (also its documented JSON form);
//! - [`kinds`]: the action kinds, one module each;
//! - [`builder`]: the typed builder, reached through [`ValueStream::builder`];
//! - [`rules`]: every CodePipeline rule, callable on a [`model::Stream`] from any front end;
//! - [`ValueStream`]: a stream that passed the rules; `.to_cloudformation()` turns it into a
//!   [`cfn::Template`];
//! - [`analysis`] and [`render`]: metrics and pictures of the value stream;
//! - [`diff`]: a semantic diff of two templates, read as pipelines;
//! - [`lint`]: checks any template, with findings placed at `file:line:column`;
//! - [`measure`]: the real value stream, measured from a pipeline's execution history;
//! - [`forecast`]: Monte Carlo forecasts of a stream from its measured distributions.
#![warn(missing_docs)]

pub mod analysis;
pub mod builder;
pub mod code;
pub mod diagnostic;
pub mod diff;
pub mod import;
pub mod kinds;
pub mod lint;
pub mod measure;
pub mod model;
pub mod render;
pub mod rules;
mod stream;
pub mod time;

pub use diagnostic::{Field, Location, Severity, ValidationErrors, Violation};
pub use stream::ValueStream;
pub mod cfn;
pub mod emit;
pub mod forecast;

/// What the `stream!` macro's expansion calls; not for direct use.
#[doc(hidden)]
pub mod __private {
    use crate::builder::{Ready, StreamBuilder};
    use crate::ValueStream;

    /// The stream the macro's expansion built, which the macro proved at compile time.
    pub fn proven(builder: StreamBuilder<Ready>) -> ValueStream {
        ValueStream::proven(builder.into_stream())
    }

    /// Stands in for the stream when the macro reports errors (the crate does not compile).
    pub fn placeholder() -> ValueStream {
        ValueStream::proven(crate::model::Stream::new(""))
    }

    /// The template of a stream as it is, with these options, without the stream rules or
    /// the emission-time rules: for tests that show what other tools make of a broken
    /// stream's template.
    pub fn emit_unchecked(
        stream: crate::model::Stream,
        options: &crate::emit::EmitOptions,
    ) -> crate::cfn::Template {
        crate::emit::unchecked(&ValueStream::proven(stream), options)
    }
}
