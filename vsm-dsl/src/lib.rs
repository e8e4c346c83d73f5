//! Value streams as typed Rust: model, typed builder, CodePipeline rules and a deterministic
//! CloudFormation emitter.
//!
//! - [`model`]: the stream as data (also its documented JSON form);
//! - [`kinds`]: the action kinds, one module each;
//! - [`conditions`]: the rule types of stage conditions, one module each;
//! - [`builder`]: the typed builder, reached through [`ValueStream::builder`];
//! - [`rules`]: every CodePipeline rule, callable on a [`model::Stream`] from any front end;
//! - [`ValueStream`]: a stream that passed the rules; `.to_cloudformation()` turns it into a
//!   [`cfn::Template`];
//! - [`analysis`] and [`render`]: metrics and pictures of the value stream;
//! - [`diff`]: a semantic diff of two templates, read as pipelines;
//! - [`lint`]: checks any template, with findings placed at `file:line:column`;
//! - [`import`]: pipelines and mu.yml files as streams;
//! - [`measure`]: the real value stream, measured from a pipeline's execution history;
//! - [`forecast`]: Monte Carlo forecasts of a stream from its measured distributions;
//! - [`page`]: the map as one self-contained HTML page, with its layers, figures and charts.
//!
//! # Layers
//!
//! The modules form layers; a module uses only modules of the layers below it, never one of
//! its own layer or above. `tests/it/layers.rs` reads every `crate::` path of the code and
//! fails on one that points up or sideways.
//!
//! ```text
//! 12  page                                          the HTML page
//! 11  lint     forecast                             findings on templates; forecasts
//! 10  import   render   measure                     readers and tools
//!  9  code     analysis diff                        a stream as Rust; figures; template diffs
//!  8  builder                                       the typed builder
//!  7  stream (ValueStream)                          a stream that passed, the way to a template
//!  6  rules                                         the rule engine and the shared rules
//!  5  emit                                          the emitter
//!  4  kinds  conditions (one file per kind or rule   what each kind and each rule type of a
//!     type, and their registries)                  stage condition is
//!  3  kit                                           what a kind is built from
//!  2  model (stream, settings, properties, kind interface)
//!  1  diagnostic  cfn                               violations; the typed template
//!  0  catalogue   time                              rule ids; durations and dates
//! ```
//!
//! The model holds a kind as an opaque [`model::ActionKind`] and names none; the registry
//! (`kinds`) is the only place that lists them, and it completes the model's JSON form
//! (it reads a kind's `type`). Rules about an action type read the action type, so a
//! finding never depends on which kind wrote the action.
//!
//! # Features
//!
//! Everything is on by default. Without default features the crate holds what writing,
//! checking and emitting a stream needs (layers 0 to 8, and `code`): what the `stream!`
//! macro compiles. `read` adds the template reader (`cfn::Document`, JSON and YAML with
//! positions); `import`, `lint`, `diff`, `analysis`, `render` and `measure` (with
//! `forecast`) add their modules, `html` the `page` module; `git` reads commits from a local clone for `measure`.
//!
//! # Stability
//!
//! The crate follows semver. Types that will grow (settings, kinds and their properties,
//! rule ids, fields of a violation's place, errors) are `#[non_exhaustive]` or opaque, so
//! new kinds, properties, settings and rules arrive in minor versions. Rule ids are typed
//! ([`catalogue::RuleId`]); only this crate declares them.
#![warn(missing_docs)]

extern crate self as vsm_dsl;

pub mod catalogue;
pub mod cfn;
pub mod diagnostic;
pub mod time;

pub mod model;

pub mod kit;

pub mod conditions;
pub mod kinds;

pub mod emit;
pub mod rules;

mod stream;

pub mod builder;

#[cfg(feature = "analysis")]
pub mod analysis;
pub mod code;
#[cfg(feature = "diff")]
pub mod diff;
#[cfg(feature = "measure")]
pub mod forecast;
#[cfg(feature = "import")]
pub mod import;
#[cfg(feature = "lint")]
pub mod lint;
#[cfg(feature = "measure")]
pub mod measure;
#[cfg(feature = "html")]
pub mod page;
#[cfg(feature = "render")]
pub mod render;

pub use diagnostic::{Field, Location, Severity, ValidationErrors, Violation};
pub use stream::ValueStream;

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

    /// The template of a stream as it is, without the stream rules or the emission-time
    /// rules: what other tools make of a broken stream's template (the cfn-lint
    /// differential of `scripts/prove`). It exists only in builds with
    /// `RUSTFLAGS="--cfg vsm_differential"`, never in a normal build.
    #[cfg(vsm_differential)]
    pub fn emit_unchecked(
        stream: &crate::model::Stream,
        options: &crate::emit::EmitOptions,
    ) -> crate::cfn::Template {
        crate::emit::emit(stream, options).template
    }
}
