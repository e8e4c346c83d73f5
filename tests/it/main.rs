//! The integration tests, in one crate: one module per area, one `support` module they share.
//!
//! The compile-fail cases (`tests/ui.rs`, trybuild) and the renamed-dependency check
//! (`tests/renamed`) stay apart: each compiles code of its own.

#![recursion_limit = "512"]

#[macro_use]
mod support;

mod accounts;
mod analysis;
mod bad_input;
mod cli;
mod coverage;
#[cfg(feature = "deploy")]
mod deploy;
mod docs;
mod embed;
mod emit;
mod html;
mod import;
mod kinds;
mod layers;
mod lint;
mod live_view;
mod macro_parity;
mod measure;
#[cfg(feature = "deploy")]
mod measure_live;
mod model;
mod parameters;
mod prove;
mod rules;
mod simulate;
mod template_read;
mod workflow;
