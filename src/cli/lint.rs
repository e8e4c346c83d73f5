//! `lint TEMPLATE...`: every finding in any CloudFormation template, as text, JSON or SARIF.

use clap::{Args, ValueEnum};
use std::path::PathBuf;

use super::input::read_document;
use super::outputs::emit;
use super::{Failure, Result};
use crate::lint::lint as lint_template;
use crate::lint::report::{self, FileReport};

/// `lint` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct LintArgs {
    /// The templates (JSON or YAML).
    #[arg(value_name = "TEMPLATE", required = true)]
    pub templates: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: LintFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Lint report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum LintFormat {
    /// `file:line:column: RULE message (hint)`, one line each.
    #[default]
    Text,
    /// JSON: the findings with file, line, column, rule, severity, message, hint and path.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// Lints every template; exit 0 when none has a finding, 1 when one has, 2 when one could not be
/// read (the others are still reported).
pub(crate) fn lint(args: &LintArgs) -> Result<u8> {
    let mut reports = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.templates {
        match read_document(path) {
            Ok(doc) => reports.push(FileReport {
                file: path.display().to_string(),
                findings: lint_template(&doc),
            }),
            Err(failure) => unreadable.push(failure.message),
        }
    }
    let pretty = |v: serde_json::Value| {
        serde_json::to_string_pretty(&v).expect("a report always serializes") + "\n"
    };
    let body = match args.format {
        LintFormat::Text => report::text(&reports),
        LintFormat::Json => pretty(report::json(&reports)),
        LintFormat::Sarif => pretty(report::sarif(&reports)),
    };
    emit(&body, args.output.as_deref())?;
    let found: usize = reports.iter().map(|r| r.findings.len()).sum();
    if args.format == LintFormat::Text {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let n = reports.len();
        eprintln!("{found} finding{} in {n} template{}", s(found), s(n));
    }
    if !unreadable.is_empty() {
        return Err(Failure::trouble(unreadable.join("\n")));
    }
    Ok(u8::from(found > 0))
}
