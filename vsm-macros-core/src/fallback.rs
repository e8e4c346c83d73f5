//! Phase 5, fallback: when the stream has mistakes, expand to the compile errors *and* a
//! placeholder of type `ValueStream`, so the code around the macro still type-checks and the
//! user sees the stream's mistakes, not a cascade of follow-on errors.

use proc_macro2::TokenStream;
use quote::quote;

/// The errors, then a `ValueStream` that is never built (the crate does not compile).
pub fn fallback(error: &syn::Error, krate: &TokenStream) -> TokenStream {
    let errors = error.to_compile_error();
    quote! {
        {
            #errors
            #krate::__private::placeholder()
        }
    }
}
