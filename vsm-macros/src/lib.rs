//! PLACEHOLDER
extern crate proc_macro;

use proc_macro::TokenStream;

/// PLACEHOLDER
#[proc_macro]
pub fn stream(input: TokenStream) -> TokenStream {
    vsm_macros_core::expand(input.into()).into()
}
