//! A stream as Rust: builder code and `stream!` source.
//!
//! [`builder`] turns a stream into the builder calls that make it, as a small Rust
//! expression tree ([`Code`]); the `stream!` macro's expansion is exactly that tree turned
//! into tokens, and `vsm import --to builder` prints it. [`stream_macro`] prints a stream as
//! `stream!` source. Both read each kind's properties from its declaration, so neither knows
//! any kind by name.

mod builder;
mod expr;
mod layout;
mod print;
mod source;

pub use builder::{builder, builder_with, Required};
pub use layout::{layout, Placed};
pub use source::stream_macro;

use std::time::Duration;

/// A Rust expression, as much of Rust as builder code needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Code {
    /// A string literal.
    Str(String),
    /// An integer literal.
    Int(u64),
    /// A float literal.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A duration (`mins(30)` in printed code, `Duration::new(..)` in the macro's expansion).
    Duration(Duration),
    /// A path below the crate root (`builder`, `codebuild`); `short` is how printed code
    /// names it after its `use` lines.
    Path {
        /// The segments below the crate root.
        segments: Vec<String>,
        /// How many trailing segments printed code keeps.
        short: usize,
    },
    /// `callee(args)`.
    Call(Box<Code>, Vec<Code>),
    /// `receiver.method(args)`.
    Method(Box<Code>, String, Vec<Code>),
    /// `[items]`.
    Array(Vec<Code>),
    /// `(items)`.
    Tuple(Vec<Code>),
    /// `|param| body`.
    Closure(String, Box<Code>),
    /// A local variable.
    Var(String),
    /// `Path { field: value, .., ..Default::default() }`.
    Struct(Box<Code>, Vec<(String, Code)>),
    /// `Path { field: value, .. }` with every field: a missing one does not compile.
    Exact(Box<Code>, Vec<(String, Code)>),
    /// `"text".parse::<Path>().expect(..)`: a value in a notation of its own.
    Parse(Box<Code>, String),
    /// `vec![items]` of owned values.
    Vec(Vec<Code>),
    /// `"text".into()`: an owned text, a `String` or a `Text` as the field needs.
    Owned(String),
    /// `Some(value)`.
    Some(Box<Code>),
}

impl Code {
    /// A path below the crate root, printed with its last `short` segments.
    pub fn path(segments: &[&str], short: usize) -> Self {
        Self::Path {
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            short,
        }
    }

    /// A method call on this expression.
    pub fn method(self, name: &str, args: Vec<Code>) -> Self {
        Self::Method(Box::new(self), name.to_owned(), args)
    }

    /// A call of this expression.
    pub fn call(self, args: Vec<Code>) -> Self {
        Self::Call(Box::new(self), args)
    }
}
