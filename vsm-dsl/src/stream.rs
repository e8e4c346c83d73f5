//! [`ValueStream`]: a [`Stream`] that passed every rule.

use serde::{Deserialize, Serialize, Serializer};
use std::ops::Deref;

use crate::builder::{NeedsSource, StreamBuilder};
use crate::diagnostic::{ValidationErrors, Violation};
use crate::model::Stream;
use crate::rules;

/// A value stream that passed every rule: the only thing that turns into a template.
///
/// Get one from the typed builder ([`ValueStream::builder`]), the `stream!` macro,
/// [`ValueStream::new`] on a hand-made [`Stream`], or by deserializing the JSON form (which
/// validates too): there is no other way. It dereferences to the [`Stream`] it holds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "Stream")]
pub struct ValueStream {
    stream: Stream,
    warnings: Vec<Violation>,
}

impl ValueStream {
    /// Starts a typed builder for a pipeline of this name.
    pub fn builder(name: impl Into<String>) -> StreamBuilder<NeedsSource> {
        StreamBuilder::new(name)
    }

    /// Checks a stream against every rule; every violation comes back at once.
    pub fn new(stream: Stream) -> Result<Self, ValidationErrors> {
        let violations = rules::check(&stream);
        if violations.iter().any(Violation::is_error) {
            return Err(ValidationErrors::new(violations));
        }
        Ok(Self {
            stream,
            warnings: violations,
        })
    }

    /// Wraps a stream the `stream!` macro proved at compile time with the same rules: the
    /// rules are pure, so only their warnings need computing again.
    pub(crate) fn proven(stream: Stream) -> Self {
        let warnings = rules::check(&stream);
        Self { stream, warnings }
    }

    /// Warnings found while checking (the stream is valid, but look at these).
    pub fn warnings(&self) -> &[Violation] {
        &self.warnings
    }

    /// The stream itself.
    pub fn into_inner(self) -> Stream {
        self.stream
    }
}

impl Deref for ValueStream {
    type Target = Stream;
    fn deref(&self) -> &Stream {
        &self.stream
    }
}

impl TryFrom<Stream> for ValueStream {
    type Error = ValidationErrors;
    fn try_from(stream: Stream) -> Result<Self, Self::Error> {
        Self::new(stream)
    }
}

impl Serialize for ValueStream {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.stream.serialize(s)
    }
}
