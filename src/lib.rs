//! `vsm`: value stream maps written as typed Rust, checked by the compiler, compiled to a
//! CloudFormation template that deploys an AWS CodePipeline.
//!
//! This crate re-exports [`vsm_dsl`]; see the README for a tour.
pub use vsm_dsl::*;
pub use vsm_macros::stream;

/// The command line: see [`cli::run`].
#[cfg(feature = "cli")]
pub mod cli;
