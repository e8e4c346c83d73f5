//! Reading the JSON documents the AWS CLI prints: one object, several objects one after the
//! other (pages), or an array of them; and the raw values of their fields.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

use super::error::Problem;
use super::time::Timestamp;

/// A JSON document to read, and the name errors give it (usually its file name).
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Name used in errors.
    pub name: &'a str,
    /// The JSON text.
    pub text: &'a str,
}

impl<'a> Input<'a> {
    /// The document `text`, called `name` in errors.
    pub fn new(name: &'a str, text: &'a str) -> Self {
        Self { name, text }
    }
}

/// The pages of a document: a JSON object, objects one after the other, or an array of them.
pub(crate) fn pages<P: DeserializeOwned>(input: Input<'_>) -> Result<Vec<P>, Problem> {
    let trimmed = input.text.trim_start();
    if trimmed.is_empty() {
        return Err(Problem::file(input.name, "is empty"));
    }
    let syntax = |e: serde_json::Error| {
        Problem::file(
            input.name,
            format!("is not the JSON the AWS CLI prints: {e}"),
        )
    };
    if trimmed.starts_with('[') {
        return serde_json::from_str::<Vec<P>>(input.text).map_err(syntax);
    }
    serde_json::Deserializer::from_str(input.text)
        .into_iter::<P>()
        .collect::<Result<Vec<P>, _>>()
        .map_err(syntax)
}

/// Where record `index` of page `page` sits, for errors: `key[3]`, or `page 2, key[3]` when the
/// document has several pages.
pub(crate) fn place(pages: usize, page: usize, key: &str, index: usize) -> String {
    if pages > 1 {
        format!("page {}, {key}[{index}]", page + 1)
    } else {
        format!("{key}[{index}]")
    }
}

/// A time field as read: the instant, or why it is not one.
#[derive(Debug, Clone)]
pub(crate) struct RawTime(pub Result<Timestamp, String>);

impl<'de> Deserialize<'de> for RawTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl Visitor<'_> for TimeVisitor {
            type Value = RawTime;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 time with an offset, or epoch seconds")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawTime, E> {
                Ok(RawTime(Timestamp::from_epoch_seconds(v).ok_or_else(|| {
                    format!("{v} is out of range as epoch seconds")
                })))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawTime, E> {
                self.visit_f64(v as f64)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawTime, E> {
                self.visit_f64(v as f64)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTime, E> {
                Ok(RawTime(Timestamp::parse(v)))
            }
        }
        d.deserialize_any(TimeVisitor)
    }
}

/// Checks of one record's fields, collecting problems.
pub(crate) struct Fields<'a> {
    pub file: &'a str,
    pub place: String,
    pub problems: &'a mut Vec<Problem>,
}

impl Fields<'_> {
    /// A required field; a problem when it is missing.
    pub fn need<T>(&mut self, key: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.problems.push(Problem::at(
                self.file,
                format!("{}.{key}", self.place),
                "is missing",
            ));
        }
        value
    }

    /// A required time field.
    pub fn time(&mut self, key: &str, value: Option<RawTime>) -> Option<Timestamp> {
        match self.need(key, value)?.0 {
            Ok(t) => Some(t),
            Err(why) => {
                self.problems
                    .push(Problem::at(self.file, format!("{}.{key}", self.place), why));
                None
            }
        }
    }

    /// A required field whose text must be one of `known`.
    pub fn one_of<T: Copy>(
        &mut self,
        key: &str,
        value: Option<&str>,
        known: &[(&str, T)],
    ) -> Option<T> {
        let text = self.need(key, value)?;
        let found = known.iter().find(|(k, _)| *k == text).map(|(_, v)| *v);
        if found.is_none() {
            let names: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
            self.problems.push(Problem::at(
                self.file,
                format!("{}.{key}", self.place),
                format!("{text:?} is not one of {}", names.join(", ")),
            ));
        }
        found
    }

    /// A problem when `last` is before `start`.
    pub fn in_order(&mut self, start: Timestamp, last: Timestamp) -> bool {
        if last < start {
            self.problems.push(Problem::at(
                self.file,
                format!("{}.lastUpdateTime", self.place),
                format!("{last} is before startTime {start}"),
            ));
        }
        last >= start
    }
}
