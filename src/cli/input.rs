//! Reading streams and templates from files, with one-line errors.
//!
//! No input is read whole when it is larger than [`INPUT_LIMIT`]: a file's size is checked
//! before it is read, and anything else (a pipe, a device) is read no further than the limit.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::outputs::thousands;
use super::{Failure, Result};
use crate::cfn::{Document, ReadErrors};
use crate::diagnostic::shorten;
use crate::model::Stream;
use crate::{ValidationErrors, ValueStream};

/// The largest input vsm reads, in bytes (100 MB): larger files are refused unread.
pub(crate) const INPUT_LIMIT: u64 = 100_000_000;

/// A path as messages show it: cut when very long.
pub(crate) fn shown(path: &Path) -> String {
    shorten(&path.display().to_string()).into_owned()
}

/// A file's text, or a one-line error naming it; refuses input over [`INPUT_LIMIT`].
pub(crate) fn read_text(path: &Path) -> Result<String> {
    read_limited(path, INPUT_LIMIT)
}

fn read_limited(path: &Path, limit: u64) -> Result<String> {
    let cannot =
        |e: std::io::Error| Failure::trouble(format!("cannot read {}: {}", shown(path), lower(&e)));
    let limit_text = thousands(limit as usize);
    let file = File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if metadata.is_file() && metadata.len() > limit {
        return Err(Failure::trouble(format!(
            "{} is {} bytes, over the {limit_text} bytes vsm reads: give a smaller input",
            shown(path),
            thousands(metadata.len() as usize)
        )));
    }
    // A pipe or a device has no size to check: read one byte past the limit at most.
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(Failure::trouble(format!(
            "{} gives more than the {limit_text} bytes vsm reads: give a smaller input",
            shown(path)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        Failure::trouble(format!(
            "cannot read {}: it is not UTF-8 text (byte {} is not)",
            shown(path),
            thousands(e.utf8_error().valid_up_to() + 1)
        ))
    })
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
            shown(path)
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
            shown(path),
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
                .map(|p| format!("{}:{}:{}", shown(path), p.line, p.column))
                .unwrap_or_else(|| shown(path));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stop_at_the_limit() {
        let dir = std::env::temp_dir().join(format!("vsm-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("ten.txt");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_limited(&path, 10).unwrap(), "0123456789");
        let err = read_limited(&path, 9).unwrap_err();
        assert!(
            err.message
                .ends_with("ten.txt is 10 bytes, over the 9 bytes vsm reads: give a smaller input"),
            "{}",
            err.message
        );
        // /dev/zero has no size: the read stops one byte past the limit.
        let err = read_limited(Path::new("/dev/zero"), 1000).unwrap_err();
        assert_eq!(
            err.message,
            "/dev/zero gives more than the 1,000 bytes vsm reads: give a smaller input"
        );
        std::fs::write(&path, b"ok\xff").unwrap();
        let err = read_limited(&path, 10).unwrap_err();
        assert!(
            err.message
                .ends_with("ten.txt: it is not UTF-8 text (byte 3 is not)"),
            "{}",
            err.message
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
