//! Phase 4, code generation: a proven [`Stream`] becomes the builder calls that make it,
//! `$crate::__private::proven($crate::ValueStream::builder(..)...)`.
//!
//! The calls are `vsm_dsl::code::builder`'s, the same ones `vsm import --to builder` prints,
//! generated from the lowered model rather than the syntax, so what runs is exactly what the
//! rules checked; each property goes through the builder setter of the same name.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream};
use quote::{quote, ToTokens, TokenStreamExt};
use vsm_dsl::code::{builder_with, Code, Required};
use vsm_dsl::model::Stream;

/// The expression for a stream that passed every compile-time rule; `krate` is the path of
/// the facade crate (`$crate` when called through `vsm::stream!`).
pub fn stream(s: &Stream, krate: &TokenStream) -> TokenStream {
    let calls = tokens(&builder_with(s, Required::ByName), krate);
    quote! {
        #krate::__private::proven(#calls)
    }
}

/// Rust tokens of a code tree.
pub fn tokens(code: &Code, krate: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    write(code, krate, &mut out);
    out
}

fn write(code: &Code, krate: &TokenStream, out: &mut TokenStream) {
    match code {
        Code::Str(s) => out.append(Literal::string(s)),
        Code::Int(n) => out.append(Literal::u64_unsuffixed(*n)),
        Code::Float(v) => float(*v, out),
        Code::Bool(b) => out.append(Ident::new(
            if *b { "true" } else { "false" },
            Span::call_site(),
        )),
        Code::Duration(d) => {
            let secs = Literal::u64_suffixed(d.as_secs());
            let nanos = Literal::u32_suffixed(d.subsec_nanos());
            out.extend(quote!(::core::time::Duration::new(#secs, #nanos)));
        }
        Code::Path { segments, .. } => {
            out.extend(krate.clone());
            for seg in segments {
                out.extend(quote!(::));
                out.append(Ident::new(seg, Span::call_site()));
            }
        }
        Code::Call(callee, args) => {
            write(callee, krate, out);
            out.append(group(Delimiter::Parenthesis, list(args, krate)));
        }
        Code::Method(recv, name, args) => {
            write(recv, krate, out);
            out.append(Punct::new('.', Spacing::Alone));
            out.append(Ident::new(name, Span::call_site()));
            out.append(group(Delimiter::Parenthesis, list(args, krate)));
        }
        Code::Array(items) => out.append(group(Delimiter::Bracket, list(items, krate))),
        Code::Tuple(items) => {
            let mut inner = list(items, krate);
            if items.len() == 1 {
                inner.append(Punct::new(',', Spacing::Alone));
            }
            out.append(group(Delimiter::Parenthesis, inner));
        }
        Code::Closure(param, body) => {
            let param = Ident::new(param, Span::call_site());
            let body = tokens(body, krate);
            out.extend(quote!(|#param| #body));
        }
        Code::Var(name) => out.append(Ident::new(name, Span::call_site())),
        Code::Struct(path, fields) | Code::Exact(path, fields) => {
            write(path, krate, out);
            let mut inner = TokenStream::new();
            for (k, v) in fields {
                let k = Ident::new(k, Span::call_site());
                let v = tokens(v, krate);
                inner.extend(quote!(#k: #v,));
            }
            if matches!(code, Code::Struct(..)) {
                inner.extend(quote!(..::core::default::Default::default()));
            }
            out.append(group(Delimiter::Brace, inner));
        }
        Code::Parse(path, text) => {
            let path = tokens(path, krate);
            let lit = Literal::string(text);
            out.extend(quote!(
                #lit.parse::<#path>().expect("checked when the stream was expanded")
            ));
        }
        Code::Vec(items) => {
            let items = list(items, krate);
            out.extend(quote!(::std::vec![#items]));
        }
        Code::Owned(s) => {
            let lit = Literal::string(s);
            out.extend(quote!(::core::convert::Into::into(#lit)));
        }
        Code::Some(inner) => {
            let inner = tokens(inner, krate);
            out.extend(quote!(::core::option::Option::Some(#inner)));
        }
    }
}

fn list(items: &[Code], krate: &TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.append(Punct::new(',', Spacing::Alone));
        }
        write(item, krate, &mut out);
    }
    out
}

fn group(delimiter: Delimiter, inner: TokenStream) -> Group {
    Group::new(delimiter, inner)
}

fn float(v: f64, out: &mut TokenStream) {
    if !v.is_finite() {
        out.extend(quote!(0.0f64));
        return;
    }
    let lit = Literal::f64_suffixed(v.abs());
    if v.is_sign_negative() {
        out.extend(quote!(-#lit));
    } else {
        lit.to_tokens(out);
    }
}
