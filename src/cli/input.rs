//! Reading streams and templates from files, with one-line errors.

use std::path::Path;

use super::{Failure, Result};
use crate::cfn::{Document, ReadErrors};
use crate::model::Stream;
use crate::{ValidationErrors, ValueStream};

/// A file's text, or a one-line error naming it.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::trouble(format!("cannot read {}: {}", path.display(), lower(&e))))
}

/// An I/O error's text without the `(os error N)` tail.
pub(crate) fn lower(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// A stream in its JSON form, parsed; the rules not yet checked.
pub(crate) fn read_stream_unchecked(path: &Path) -> Result<Stream> {
    let text = read_text(path)?;
    serde_json::from_str::<Stream>(&text).map_err(|e| {
        Failure::trouble(format!(
            "{} is not a value stream in its JSON form: {e} (see docs/json-form.md)",
            path.display()
        ))
    })
}

/// A stream in its JSON form, parsed and checked: `Ok(Err(..))` when it breaks rules.
pub(crate) fn read_stream_checked(path: &Path) -> Result<Result<ValueStream, ValidationErrors>> {
    Ok(ValueStream::new(read_stream_unchecked(path)?))
}

/// A valid stream in its JSON form; rule violations are an error listing them all.
pub(crate) fn read_stream(path: &Path) -> Result<ValueStream> {
    read_stream_checked(path)?.map_err(|errors| {
        Failure::no(format!(
            "{}: {}",
            path.display(),
            errors.to_string().trim_end()
        ))
    })
}

/// A template file, JSON or YAML (short-form tags such as `!Ref` included); a template that
/// cannot be read is an error naming each problem as `file:line:column: path: message`.
pub(crate) fn read_document(path: &Path) -> Result<Document> {
    let text = read_text(path)?;
    Document::parse(&text).map_err(|errors| Failure::trouble(located(path, &errors)))
}

/// A template file as a JSON value (short forms written in their long form); see
/// [`read_document`].
#[cfg_attr(not(feature = "deploy"), allow(dead_code))]
pub(crate) fn read_template(path: &Path) -> Result<serde_json::Value> {
    read_document(path).map(|doc| doc.source.to_value())
}

/// Read errors as `file:line:column: path: message` lines.
pub(crate) fn located(path: &Path, errors: &ReadErrors) -> String {
    errors
        .0
        .iter()
        .map(|e| {
            let at = e
                .position
                .map(|p| format!("{}:{}:{}", path.display(), p.line, p.column))
                .unwrap_or_else(|| path.display().to_string());
            let what = if e.path.is_empty() {
                e.message.clone()
            } else {
                format!("{}: {}", e.path, e.message)
            };
            format!("{at}: {what}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
