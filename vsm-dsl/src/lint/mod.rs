//! `vsm lint`: checks any CloudFormation template, JSON or YAML, and says where each problem is
//! written (`file:line:column`).
//!
//! - [`references`](self#references): `Ref`, `Fn::GetAtt`, `Fn::Sub`'s `${..}`, `DependsOn`,
//!   `Condition`, `Fn::If` and `Fn::FindInMap` naming a parameter, resource, condition or
//!   mapping that does not exist (CFN-TPL-10, CFN-TPL-11). A name computed by an intrinsic
//!   function is unknown, not wrong: it is never reported.
//! - every `AWS::CodePipeline::Pipeline`: the catalogue rules through [`check_pipeline`].
//!
//! Findings render as text, JSON or SARIF 2.1.0 ([`report`]).
//!
//! ```
//! use vsm_dsl::cfn::Document;
//! use vsm_dsl::lint::lint;
//!
//! let doc = Document::parse("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Queue\n").unwrap();
//! let findings = lint(&doc);
//! assert_eq!(findings[0].rule, "CFN-TPL-11");
//! assert_eq!(findings[0].to_string(), "4:16: CFN-TPL-11 DependsOn Queue: no resource Queue (name a resource of this template)");
//! ```

mod pipeline;
mod references;
pub mod report;

pub use pipeline::{check_pipeline, location_path, on_a_template};

use std::fmt;

use crate::cfn::{Document, Position, ReadErrors};
use crate::diagnostic::{RuleId, Severity};

/// The CloudFormation type of a pipeline.
const PIPELINE_TYPE: &str = "AWS::CodePipeline::Pipeline";

/// One problem found in a template, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule, such as `CFN-TPL-10`.
    pub rule: RuleId,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Where in the template, such as `Resources/Pipeline/Properties/Stages/1/Name`.
    pub path: String,
    /// Where in the source text.
    pub position: Option<Position>,
}

impl Finding {
    /// An error.
    pub fn error(
        rule: RuleId,
        path: String,
        position: Option<Position>,
        message: String,
        hint: String,
    ) -> Self {
        Self {
            rule,
            severity: Severity::Error,
            message,
            hint,
            path,
            position,
        }
    }

    /// `line:column`, or `1:1` when the place is not known.
    pub fn line_column(&self) -> (u32, u32) {
        self.position.map_or((1, 1), |p| (p.line, p.column))
    }
}

/// `line:column: RULE message (hint)`.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (line, column) = self.line_column();
        write!(f, "{line}:{column}: {} {}", self.rule, self.message)?;
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

/// Every finding of a template, in source order.
pub fn lint(doc: &Document) -> Vec<Finding> {
    let mut out = references::check(doc);
    for (id, resource) in &doc.template.resources {
        if resource.type_name() == PIPELINE_TYPE {
            out.extend(pipeline::findings(doc, id, resource));
        }
    }
    out.sort_by(|a, b| {
        (a.line_column(), a.rule.id(), &a.message).cmp(&(b.line_column(), b.rule.id(), &b.message))
    });
    out
}

/// Reads a template (JSON or YAML) and lints it.
pub fn lint_text(text: &str) -> Result<Vec<Finding>, ReadErrors> {
    Document::parse(text).map(|doc| lint(&doc))
}

#[cfg(test)]
mod tests;
