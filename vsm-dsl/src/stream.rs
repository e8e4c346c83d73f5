//! [`ValueStream`]: a [`Stream`] that passed every rule, and the only way to a template.

use serde::{Deserialize, Serialize, Serializer};
use std::ops::Deref;

use crate::cfn::Template;
use crate::diagnostic::{ValidationErrors, Violation};
use crate::emit::{self, Emission, EmitOptions};
use crate::model::Stream;
use crate::rules::{self, check_runtime, check_template};
use crate::time::Date;

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

    /// The stand-alone template with default options, checked by the emission-time rules
    /// (template limits, the Lambda runtime lifecycle today): artifact bucket and key, roles,
    /// the mock function, CodeBuild projects and the pipeline. Deterministic: the same stream
    /// gives the same bytes.
    pub fn to_cloudformation(&self) -> Result<Template, ValidationErrors> {
        self.to_cloudformation_with(&EmitOptions::default())
    }

    /// The template with embedding options (existing bucket, key or role; logical-id prefix;
    /// the day the runtime rules run on), checked by the emission-time rules.
    pub fn to_cloudformation_with(
        &self,
        options: &EmitOptions,
    ) -> Result<Template, ValidationErrors> {
        self.emit(options).map(|e| e.template)
    }

    /// Emits the template and runs the rules about it: template limits and collisions
    /// (CFN-TPL) and the Lambda runtime lifecycle on `options.today` (LMB). Errors fail the
    /// emission; warnings come back with the template and the handles to what it made.
    pub fn emit(&self, options: &EmitOptions) -> Result<Emission, ValidationErrors> {
        let problems = options.check();
        if !problems.is_empty() {
            return Err(ValidationErrors::new(problems));
        }
        let emitted = emit::emit(&self.stream, options);
        let today = options.today.unwrap_or_else(Date::today);
        let template = emitted.template;
        let mut found = emitted.collisions;
        found.extend(check_template(&template, template.to_json_compact().len()));
        found.extend(
            emitted
                .runtimes
                .iter()
                .filter_map(|r| check_runtime(r, today)),
        );
        for c in &emitted.companions {
            found.extend(check_template(
                &c.template,
                c.template.to_json_compact().len(),
            ));
        }
        if found.iter().any(Violation::is_error) {
            return Err(ValidationErrors::new(found));
        }
        Ok(Emission {
            template,
            handles: emitted.handles,
            warnings: found,
            companions: emitted.companions,
        })
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
