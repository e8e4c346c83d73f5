//! A template read from JSON or YAML text, with the positions of its values.

use super::source::{self, Format, Node, Position};
use super::{ReadError, ReadErrors, Template};

/// A template read from text, with the source tree that says where each value was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The template.
    pub template: Template,
    /// The values as written, with their positions.
    pub source: Node,
    /// JSON or YAML.
    pub format: Format,
}

impl Document {
    /// Reads a template written in JSON or YAML (short-form tags included).
    ///
    /// ```
    /// use vsm_dsl::cfn::{Document, Expr};
    ///
    /// let doc = Document::parse("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\nOutputs:\n  Arn:\n    Value: !Ref Topic\n").unwrap();
    /// assert_eq!(doc.template.outputs["Arn"].value, Expr::reference("Topic"));
    /// assert_eq!(doc.position("Outputs/Arn/Value").unwrap().to_string(), "6:12");
    /// ```
    pub fn parse(text: &str) -> Result<Self, ReadErrors> {
        let (source, format) = source::parse(text).map_err(|e| {
            ReadErrors(vec![ReadError {
                path: String::new(),
                position: Some(e.position),
                message: e.message,
            }])
        })?;
        let template = Template::from_node(&source)?;
        Ok(Self {
            template,
            source,
            format,
        })
    }

    /// Where the value at `path` was written (see [`Node::get`]).
    pub fn position(&self, path: &str) -> Option<Position> {
        self.source.position_of(path)
    }
}

impl std::str::FromStr for Template {
    type Err = ReadErrors;

    /// Reads a template written in JSON or YAML.
    fn from_str(text: &str) -> Result<Self, ReadErrors> {
        Document::parse(text).map(|d| d.template)
    }
}
