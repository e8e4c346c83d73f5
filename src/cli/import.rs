//! `import FILE | --pipeline NAME`: a pipeline as a stream, written as `stream!` source,
//! builder code or the JSON form.

use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::input::{read_document, read_text, shown};
use super::outputs::emit;
use super::{Failure, Global, Result};
use crate::import::{self, rust, Import};

/// `import` options.
#[derive(Debug, Clone, Args)]
pub(crate) struct ImportArgs {
    /// A CloudFormation template (JSON or YAML) or a mu.yml.
    #[arg(value_name = "FILE", required_unless_present = "pipeline")]
    pub file: Option<PathBuf>,
    /// The pipeline's logical id, when the template has several.
    #[arg(long, value_name = "ID")]
    pub resource: Option<String>,
    /// A deployed pipeline, read with GetPipeline (built with the `deploy` feature).
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub pipeline: Option<String>,
    /// What to write.
    #[arg(long, value_enum, default_value_t)]
    pub to: ImportFormat,
    /// Write to FILE instead of standard output; for a template with several pipelines and
    /// no `--resource`, a directory that receives one stream per pipeline, named after its
    /// logical id.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// What `import` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ImportFormat {
    /// A Rust program with the stream as a `stream!` block.
    #[default]
    Macro,
    /// A Rust program with the stream as builder calls.
    Builder,
    /// The stream's JSON form (docs/json-form.md).
    Json,
}

/// Imports the pipeline and writes it; the notes go to standard error.
pub(crate) fn run(global: &Global, args: &ImportArgs) -> Result<u8> {
    let (imported, origin) = match (&args.file, &args.pipeline) {
        (Some(path), _) => {
            if let Some(all) = several(path, args)? {
                return write_each(all, &shown(path), args);
            }
            (from_file(path, args.resource.as_deref())?, shown(path))
        }
        (None, Some(name)) => (live(global, name)?, format!("pipeline {name}")),
        (None, None) => return Err(Failure::trouble("give a FILE or --pipeline NAME")),
    };
    write_one(&imported, &origin, args.to, args.output.as_deref())
}

/// Every pipeline of a template with more than one, when no `--resource` picks one and
/// `-o` names a directory for them.
fn several(path: &Path, args: &ImportArgs) -> Result<Option<Vec<(String, Import)>>> {
    if args.resource.is_some() || args.output.is_none() {
        return Ok(None);
    }
    let Ok(doc) = read_document(path) else {
        return Ok(None);
    };
    let all = import::pipelines(&doc.template);
    Ok((all.len() > 1).then_some(all))
}

/// Writes each pipeline's stream to `DIR/<logical id>.<ext>`.
fn write_each(all: Vec<(String, Import)>, origin: &str, args: &ImportArgs) -> Result<u8> {
    let dir = args.output.as_deref().expect("checked by `several`");
    std::fs::create_dir_all(dir).map_err(|e| Failure::trouble(format!("{}: {e}", shown(dir))))?;
    let ext = match args.to {
        ImportFormat::Json => "json",
        ImportFormat::Macro | ImportFormat::Builder => "rs",
    };
    for (id, imported) in &all {
        let file = dir.join(format!("{id}.{ext}"));
        eprintln!("{id}: {}", shown(&file));
        write_one(imported, &format!("{origin} ({id})"), args.to, Some(&file))?;
    }
    Ok(0)
}

/// Writes one stream in the chosen form; the notes go to standard error.
fn write_one(
    imported: &Import,
    origin: &str,
    to: ImportFormat,
    output: Option<&Path>,
) -> Result<u8> {
    let body = match to {
        ImportFormat::Json => {
            serde_json::to_string_pretty(&imported.stream).expect("a stream always serializes")
                + "\n"
        }
        ImportFormat::Macro => formatted(rust::program(imported, rust::Style::Macro, origin)),
        ImportFormat::Builder => formatted(rust::program(imported, rust::Style::Builder, origin)),
    };
    emit(&body, output)?;
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    for u in &imported.unknown {
        eprintln!(
            "note: <{}> is computed when the stack deploys: fill it in",
            u.written
        );
    }
    Ok(0)
}

/// A template's pipeline, or a mu.yml's.
fn from_file(path: &Path, resource: Option<&str>) -> Result<Import> {
    let text = read_text(path)?;
    if let Ok((source, _)) = crate::cfn::source::parse(&text) {
        if import::mu::is_mu(&source) {
            return import::mu::import(&source)
                .map_err(|e| Failure::trouble(format!("{}: {e}", shown(path))));
        }
    }
    let doc = read_document(path)?;
    import::template(&doc.template, resource)
        .map_err(|e| Failure::trouble(format!("{}: {e}", shown(path))))
}

#[cfg(feature = "deploy")]
fn live(global: &Global, name: &str) -> Result<Import> {
    super::aws::import_pipeline(global, name)
}

#[cfg(not(feature = "deploy"))]
fn live(_global: &Global, _name: &str) -> Result<Import> {
    Err(Failure::trouble(
        "`import --pipeline` reads a deployed pipeline through AWS: build vsm with the `deploy` feature",
    ))
}

/// Rust code through `rustfmt` when it is on the PATH; as printed otherwise.
fn formatted(code: String) -> String {
    let child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return code };
    if let Some(mut stdin) = child.stdin.take() {
        if stdin.write_all(code.as_bytes()).is_err() {
            return code;
        }
    }
    match child.wait_with_output() {
        Ok(out) if out.status.success() && !out.stdout.is_empty() => {
            String::from_utf8(out.stdout).unwrap_or(code)
        }
        _ => code,
    }
}
