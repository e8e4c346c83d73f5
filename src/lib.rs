#![doc = include_str!("../docs/tour.md")]
//!
//! This crate re-exports [`vsm_dsl`] (the model, builder, rules and emitter) and the
//! [`stream!`] macro, and adds the command line.

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

/// The README's Rust examples, compiled and run as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
