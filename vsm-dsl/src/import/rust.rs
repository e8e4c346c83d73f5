//! An import written as a Rust stream binary: builder code or a `stream!` block.

use std::fmt::Write;

use super::Import;
use crate::code;

/// How the stream is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A `stream! { .. }` block, checked at compile time.
    Macro,
    /// Builder calls, checked when the program runs.
    Builder,
}

/// A Rust program whose `stream()` is the imported stream and whose `main` is vsm's command
/// line on it; `origin` says where the pipeline came from. The notes head the file as
/// comments, so what was replaced or is left to fill is read where it is fixed.
pub fn program(import: &Import, style: Style, origin: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! The value stream of {origin}, imported by `vsm import`."
    );
    if !import.notes.is_empty() || !import.unknown.is_empty() {
        out.push_str("//!\n//! Import notes:\n");
        for n in &import.notes {
            let _ = writeln!(out, "//! - {n}");
        }
        for u in import.unknown_lines() {
            let _ = writeln!(out, "//! - {u}");
        }
    }
    out.push('\n');
    match style {
        Style::Macro => {
            out.push_str("use vsm::{stream, ValueStream};\n\n");
            out.push_str(
                "/// The imported stream.\npub fn stream() -> ValueStream {\n    stream! {\n",
            );
            for line in code::stream_macro(&import.stream).lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "        {line}");
                }
            }
            out.push_str("    }\n}\n");
        }
        Style::Builder => {
            out.push_str(
                "#![allow(unused_imports)]\n\nuse vsm::builder::*;\nuse vsm::conditions;\nuse vsm::kinds::*;\nuse vsm::model::*;\nuse vsm::time::*;\nuse vsm::ValueStream;\n\n",
            );
            out.push_str("/// The imported stream.\npub fn stream() -> ValueStream {\n    ");
            let body = code::builder(&import.stream).to_string();
            out.push_str(&body.replace('\n', "\n    "));
            out.push_str(
                "\n        .build()\n        .expect(\"the imported stream is valid\")\n}\n",
            );
        }
    }
    out.push_str("\nfn main() -> std::process::ExitCode {\n    vsm::cli::run(stream())\n}\n");
    out
}
