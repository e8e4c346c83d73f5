//! Reading streams and templates from files, with one-line errors.

use serde_json::Value;
use std::path::Path;

use super::{Failure, Result};
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

/// A template file: JSON, or YAML with long-form intrinsic functions.
pub(crate) fn read_template(path: &Path) -> Result<Value> {
    let text = read_text(path)?;
    let trimmed = text.trim_start();
    let value: Value = if trimmed.starts_with('{') {
        serde_json::from_str(&text)
            .map_err(|e| Failure::trouble(format!("{} is not valid JSON: {e}", path.display())))?
    } else {
        if has_short_form_tag(&text) {
            return Err(Failure::trouble(format!(
                "{} uses short-form intrinsic functions (!Ref, !Sub, ...), which this diff does not read: \
                 give the JSON template, or write them as {{Ref: ..}}, {{Fn::Sub: ..}}",
                path.display()
            )));
        }
        serde_saphyr::from_str(&text).map_err(|e| {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or("").to_owned();
            Failure::trouble(format!(
                "{} is neither JSON nor YAML: {first}",
                path.display()
            ))
        })?
    };
    if !value.get("Resources").is_some_and(Value::is_object) {
        return Err(Failure::trouble(format!(
            "{} is not a CloudFormation template: it has no Resources",
            path.display()
        )));
    }
    Ok(value)
}

/// True when a YAML text has a tag such as `!Ref` in value position.
fn has_short_form_tag(text: &str) -> bool {
    text.lines().any(|line| {
        let t = line.trim_start().trim_start_matches("- ");
        t.starts_with('!') || t.contains(": !")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_form_tags_are_recognised() {
        assert!(has_short_form_tag("Value: !Ref Pipeline\n"));
        assert!(has_short_form_tag("Items:\n  - !GetAtt Role.Arn\n"));
        assert!(!has_short_form_tag("Value:\n  Ref: Pipeline\n"));
        assert!(!has_short_form_tag("Description: \"wow!\"\n"));
    }
}
