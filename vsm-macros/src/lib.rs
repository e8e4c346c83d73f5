//! The proc-macro entry point of `vsm::stream!`: a value stream written as a compact block
//! that the compiler checks.
//!
//! Use it through the `vsm` crate (`vsm::stream!`), whose documentation has the grammar and a
//! complete example. That macro passes its own crate path in, so the expansion works however
//! the dependency is named in Cargo.toml.
//!
//! # Crates
//!
//! This crate is the proc-macro entry point only. The phases (`ast`, `lower`, `diag`,
//! `expand`, `fallback`) live in `vsm-macros-core`, an ordinary library, so that tests, the
//! fuzz harness and the benchmark can call `vsm_macros_core::expand` directly.

#![warn(missing_docs)]

extern crate proc_macro;

use proc_macro::TokenStream;

/// Expands `vsm::stream!`; takes the facade's crate path first, in brackets.
#[doc(hidden)]
#[proc_macro]
pub fn stream_impl(input: TokenStream) -> TokenStream {
    vsm_macros_core::expand(input.into()).into()
}
