//! The logic of the `stream!` macro, as an ordinary library so that tests, the fuzz harness
//! and the benchmark can call it (a proc-macro crate can export nothing but macros).
//! `vsm-macros` is the thin proc-macro shim over [`expand()`]; users reach it as `vsm::stream!`.
//!
//! One phase per module:
//! [`ast`] (tokens → syntax with spans) → [`lower`] (syntax → `vsm_dsl` model + span table) →
//! [`diag`] (the `vsm_dsl` rules → spanned errors) → [`mod@expand`] (model → Rust), with
//! [`fallback`] standing in when there is any error.
#![warn(missing_docs)]

pub mod ast;
pub mod diag;
pub mod expand;
pub mod fallback;
pub mod lower;

use proc_macro2::TokenStream;
use vsm_dsl::Violation;

/// Expands the input of `stream! { ... }`: the expression building the proven `ValueStream`,
/// or every compile error found plus a placeholder of the same type.
pub fn expand(input: TokenStream) -> TokenStream {
    match check(input) {
        Ok(lowered) => expand::stream(&lowered.stream),
        Err(error) => fallback::fallback(&error),
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
