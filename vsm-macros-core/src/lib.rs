//! The logic of the `stream!` macro, as an ordinary library so that tests, the fuzz harness
//! and the benchmark can call it (a proc-macro crate can export nothing but macros).
//! `vsm-macros` is the thin proc-macro shim over [`expand()`]; users reach it as `vsm::stream!`.
//!
//! One phase per module:
//! [`ast`] (tokens → syntax with spans) → [`lower`] (syntax → `vsm_dsl` model + span table) →
//! [`diag`] (the `vsm_dsl` rules → spanned errors) → [`expand`] (model → Rust), with
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
    if !errors.is_empty() {
        // Syntax first, like rustc: rule findings on a half-read stream would mislead.
        return Err(errors
            .combined()
            .unwrap_or_else(|| diag::call_site().error("invalid input")));
    }
    let lowered = lower::lower(&ast, &mut errors);
    if let Some(l) = &lowered {
        let found = diag::violations(l);
        diag::report(&found, &l.spans, &mut errors);
    }
    match (errors.combined(), lowered) {
        (Some(e), _) => Err(e),
        (None, Some(l)) => Ok(l),
        (None, None) => Err(diag::call_site().error("invalid input")),
    }
}

/// The rule violations the macro reports for this input (rule errors only, without syntax
/// errors), or the syntax error when it cannot be read. Used by the builder/macro parity test.
pub fn rule_violations(input: TokenStream) -> Result<Vec<Violation>, syn::Error> {
    let (ast, errors) = ast::parse(input);
    if let Some(e) = errors.combined() {
        return Err(e);
    }
    let mut errors = ast::Errors::default();
    let lowered = lower::lower(&ast, &mut errors);
    match (errors.combined(), lowered) {
        (Some(e), _) => Err(e),
        (None, Some(l)) => Ok(diag::violations(&l)),
        (None, None) => Err(diag::call_site().error("invalid input")),
    }
}
