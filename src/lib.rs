//! `vsm`: value stream maps written as typed Rust, checked by the compiler, compiled to a
//! CloudFormation template that deploys an AWS CodePipeline.
//!
//! This crate re-exports [`vsm_dsl`] and the [`stream!`] macro; see the README for a tour.
pub use vsm_dsl::*;

#[doc = include_str!("../docs/stream-macro.md")]
#[macro_export]
macro_rules! stream {
    ($($tokens:tt)*) => {
        $crate::__private::stream_impl! { [$crate] $($tokens)* }
    };
}

/// What the `stream!` macro's expansion calls; not for direct use.
#[doc(hidden)]
pub mod __private {
    pub use vsm_dsl::__private::*;
    pub use vsm_macros::stream_impl;
}

/// The command line: see [`cli::run`].
#[cfg(feature = "cli")]
pub mod cli;
