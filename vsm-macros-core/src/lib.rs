//! The logic of the `stream!` macro, as an ordinary library so that tests, the fuzz harness
//! and the benchmark can call it (a proc-macro crate can export nothing but macros).
//! `vsm-macros` is the thin proc-macro shim over [`expand()`]; users reach it as `vsm::stream!`.
//!
//! One phase per module: `ast` (tokens → syntax with spans) → `lower` (syntax → `vsm_dsl`
//! model + span table) → `diag` (the `vsm_dsl` rules → spanned errors) → `expand` (model →
//! Rust: the builder calls, with each kind's required properties by name), with `fallback`
//! standing in when there is any error. The phases are not API: [`expand()`], [`check`] and
//! [`rule_violations`] are.
#![warn(missing_docs)]

// The phases are public for the tests, the fuzz harness and the benchmark, not documented
// API: they change with the grammar.
#[doc(hidden)]
pub mod ast;
#[doc(hidden)]
pub mod diag;
#[doc(hidden)]
pub mod expand;
#[doc(hidden)]
pub mod fallback;
#[doc(hidden)]
pub mod lower;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::quote;
use vsm_dsl::Violation;

/// Expands the input of `stream! { ... }`: the expression building the proven `ValueStream`,
/// or every compile error found plus a placeholder of the same type.
///
/// `vsm::stream!` passes the facade crate's path first, in brackets (`[$crate] pipeline ...`),
/// so the expansion names the crate however the user's Cargo.toml calls it; without it the
/// expansion names `::vsm`.
pub fn expand(input: TokenStream) -> TokenStream {
    let (krate, input) = split_crate(input);
    match check(input) {
        Ok(lowered) => expand::stream(&lowered.stream, &krate),
        Err(error) => fallback::fallback(&error, &krate),
    }
}

/// The crate path in a leading `[...]` group, and the rest.
fn split_crate(input: TokenStream) -> (TokenStream, TokenStream) {
    let mut iter = input.clone().into_iter();
    match iter.next() {
        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
            (g.stream(), iter.collect())
        }
        _ => (quote!(::vsm), input),
    }
}

/// Parses, lowers and checks the input; every mistake comes back as one combined error.
pub fn check(input: TokenStream) -> Result<lower::Lowered, syn::Error> {
    let (ast, mut errors) = ast::parse(input);
    let syntax_ok = errors.is_empty();
    let lowered = lower::lower(&ast, &mut errors);
    // With syntax errors, the meaning of what could be read is still checked, but not the
    // rules: their findings on a half-read stream would mislead.
    if syntax_ok {
        let found = diag::violations(&lowered);
        diag::report(&found, &lowered.spans, &mut errors);
    }
    match errors.combined() {
        Some(e) => Err(e),
        None => Ok(lowered),
    }
}

/// The rule violations the macro reports for this input (rule errors only, without syntax
/// errors), or the syntax error when it cannot be read. Used by the builder/macro parity test.
pub fn rule_violations(input: TokenStream) -> Result<Vec<Violation>, syn::Error> {
    let (ast, mut errors) = ast::parse(input);
    let lowered = lower::lower(&ast, &mut errors);
    match errors.combined() {
        Some(e) => Err(e),
        None => Ok(diag::violations(&lowered)),
    }
}
