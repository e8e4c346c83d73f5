//! What a text value must be, stated once: a [`Shape`] is checked on literal values, and
//! becomes the constraints (`MinLength`, `MaxLength`, `AllowedPattern`) of a template
//! parameter that feeds the value, so that CloudFormation refuses what the rule refuses.

use crate::catalogue::{RuleId, CP_CONF_1, CP_NAME_1, CP_NAME_16, CP_VAR_2};
use crate::cfn::{sub_variables, Expr, Intrinsic, PSEUDO_PARAMETERS};

/// A length range and, optionally, the characters allowed, under one rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    /// The rule.
    pub rule: RuleId,
    /// What the value is, for messages ("pipeline name").
    pub what: &'static str,
    /// Fewest characters.
    pub min: usize,
    /// Most characters.
    pub max: usize,
    /// The characters allowed, when the rule limits them.
    pub chars: Option<Chars>,
    /// The form of the whole value, when the rule asks more than characters and length.
    pub form: Option<Form>,
}

/// The form of a whole value: a regular expression for CloudFormation and the same test on
/// literals (the generated-stream proof holds the two to each other).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Form {
    /// The form as a regular expression, in the syntax CloudFormation's `AllowedPattern`
    /// and Rust's `regex` share, without anchors.
    pub pattern: &'static str,
    /// True for a value of the form.
    pub accepts: fn(&str) -> bool,
    /// True when only a computed value must have the form, which the rule does not ask of
    /// a literal (a literal KMS key id becomes an ARN; a computed key is named as it is):
    /// CFN-TPL-17 then checks a parameter's defaults and allowed values against it.
    pub computed_only: bool,
}

/// A set of characters: a test, the same set as a regular-expression class, and in words.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Chars {
    /// True for an allowed character.
    pub allowed: fn(char) -> bool,
    /// The class's contents, as a regular expression writes them between `[` and `]`.
    pub class: &'static str,
    /// The set in words ("letters, digits, '.', '@', '_' and '-'").
    pub words: &'static str,
}

impl Shape {
    /// What is wrong with a literal value, if anything.
    pub fn problem(&self, text: &str) -> Option<String> {
        let len = text.chars().count();
        if len < self.min {
            return Some(if len == 0 {
                "is empty".to_owned()
            } else {
                format!("is {len} characters long; the least is {}", self.min)
            });
        }
        if let Some(chars) = self.chars {
            let problem = super::name_problem(text, self.max, chars.allowed, chars.words);
            if let Some(problem) = problem.filter(|_| len > 0) {
                return Some(problem);
            }
        } else if len > self.max {
            return Some(format!(
                "is {len} characters long; the limit is {}",
                self.max
            ));
        }
        self.form
            .filter(|f| !(f.accepts)(text))
            .map(|_| format!("is not a {}", self.what))
    }

    /// The hint for a value that breaks the shape.
    pub fn hint(&self) -> String {
        match self.chars {
            Some(c) => format!("use {} to {} characters: {}", self.min, self.max, c.words),
            None => format!("use {} to {} characters", self.min, self.max),
        }
    }

    /// The constraint a parameter gets from feeding a value of this shape, wholly or as a
    /// part of it.
    pub fn constraint(&self, reach: Reach) -> Constraint {
        match reach {
            // The form says which characters go where: the class adds nothing.
            Reach::Whole => Constraint {
                min: self.min,
                max: self.max,
                class: self.chars.filter(|_| self.form.is_none()).map(|c| c.class),
                pattern: self.form.map(|f| f.pattern),
            },
            // A part can keep to the characters and the length; the form of the whole is
            // not a pattern of the part (CFN-TPL-17 warns).
            Reach::Part { literal } => Constraint {
                min: 0,
                max: self.max.saturating_sub(literal),
                class: self.chars.map(|c| c.class),
                pattern: None,
            },
        }
    }
}

/// Letters, digits, `.`, `@`, `_`, `-`: pipeline, stage and action names.
pub(crate) const NAME_CHARS: Chars = Chars {
    allowed: super::name_char,
    class: "A-Za-z0-9.@_-",
    words: "letters, digits, '.', '@', '_' and '-'",
};

/// The pipeline's name (CP-NAME-1).
pub(crate) const PIPELINE_NAME: Shape = Shape {
    rule: CP_NAME_1,
    what: "pipeline name",
    min: 1,
    max: 100,
    chars: Some(NAME_CHARS),
    form: None,
};

/// A tag's value (CP-NAME-16).
pub(crate) const TAG_VALUE: Shape = Shape {
    rule: CP_NAME_16,
    what: "tag value",
    min: 0,
    max: 256,
    chars: None,
    form: None,
};

/// A pipeline variable's default value (CP-VAR-2).
pub(crate) const VARIABLE_DEFAULT: Shape = Shape {
    rule: CP_VAR_2,
    what: "variable default value",
    min: 1,
    max: 1000,
    chars: None,
    form: None,
};

/// An IAM role ARN, as [`super::is_role_arn`] reads one, under `rule` (CP-CONF-6, CP-CONF-26).
pub(crate) const fn role_arn(rule: RuleId) -> Shape {
    Shape {
        rule,
        what: "role ARN",
        min: 1,
        max: 1024,
        chars: None,
        form: Some(Form {
            pattern: r"arn:aws[^:]*:iam::[0-9]{12}:role/[\s\S]+",
            accepts: super::is_role_arn,
            computed_only: false,
        }),
    }
}

/// Any action configuration value (CP-CONF-1).
pub(crate) const CONFIG_VALUE: Shape = Shape {
    rule: CP_CONF_1,
    what: "configuration value",
    min: 1,
    max: 1000,
    chars: None,
    form: None,
};

/// What a parameter's values must satisfy for one value it feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Constraint {
    /// Fewest characters.
    pub min: usize,
    /// Most characters.
    pub max: usize,
    /// The characters allowed, as a regular-expression class's contents.
    pub class: Option<&'static str>,
    /// The form of the whole value, as a regular expression.
    pub pattern: Option<&'static str>,
}

/// How a parameter reaches a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The value is the parameter (`!Ref P`, or one side of an `!If`).
    Whole,
    /// The parameter is a piece of the value, among `literal` characters of fixed text
    /// (`!Sub "${P}-app"`, `!Join`).
    Part {
        /// Characters of fixed text in the value.
        literal: usize,
    },
}

/// The parameters (not pseudo parameters) a value's text is made of, with how each reaches
/// it. Parameters only read to compute the value (keys of `!FindInMap`, the name of an
/// `!ImportValue`, ...) feed nothing: the value is not theirs.
pub(crate) fn feeds(e: &Expr) -> Vec<(String, Reach)> {
    let mut out = Vec::new();
    collect(e, Reach::Whole, &mut out);
    out
}

fn collect(e: &Expr, reach: Reach, out: &mut Vec<(String, Reach)>) {
    match e {
        Expr::Ref(name) => push(name, reach, out),
        Expr::Sub(text) => sub(text, None, reach, out),
        Expr::Fn(call) => match call.as_ref() {
            Intrinsic::If(_, a, b) => {
                collect(a, reach, out);
                collect(b, reach, out);
            }
            Intrinsic::SubWith(text, vars) => sub(text, Some(vars), reach, out),
            Intrinsic::Join(separator, Expr::List(parts)) => {
                let fixed: usize = parts
                    .iter()
                    .map(|p| match p {
                        Expr::Str(s) => s.chars().count(),
                        _ => 0,
                    })
                    .sum::<usize>()
                    + separator.chars().count() * parts.len().saturating_sub(1);
                let literal = fixed + outer(reach);
                for p in parts {
                    collect(p, Reach::Part { literal }, out);
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// The fixed characters around a part already.
fn outer(reach: Reach) -> usize {
    match reach {
        Reach::Whole => 0,
        Reach::Part { literal } => literal,
    }
}

fn sub(
    text: &str,
    values: Option<&std::collections::BTreeMap<String, Expr>>,
    reach: Reach,
    out: &mut Vec<(String, Reach)>,
) {
    let vars = sub_variables(text);
    let mut fixed = text.replace("${!", "${").chars().count();
    for v in &vars {
        let written = match v.attribute {
            Some(a) => v.name.chars().count() + a.chars().count() + 4,
            None => v.name.chars().count() + 3,
        };
        fixed = fixed.saturating_sub(written);
    }
    let literal = fixed + outer(reach);
    for v in vars.iter().filter(|v| v.attribute.is_none()) {
        let part = Reach::Part { literal };
        match values.and_then(|m| m.get(v.name)) {
            Some(value) => collect(value, part, out),
            None => push(v.name, part, out),
        }
    }
}

fn push(name: &str, reach: Reach, out: &mut Vec<(String, Reach)>) {
    if !PSEUDO_PARAMETERS.contains(&name) {
        out.push((name.to_owned(), reach));
    }
}

/// The `AllowedPattern` of a parameter: its declared pattern, and every class and form its
/// values must keep to, as lookaheads (CloudFormation matches the pattern against the whole
/// value).
pub(crate) fn allowed_pattern(
    declared: Option<&str>,
    classes: &[&str],
    forms: &[&str],
) -> Option<String> {
    match (declared, classes, forms) {
        (None, [], []) => None,
        (Some(d), [], []) => Some(d.to_owned()),
        (None, [one], []) => Some(format!("^[{one}]*$")),
        (None, [], [one]) => Some(format!("^(?:{one})$")),
        (declared, classes, forms) => {
            let mut out = "^".to_owned();
            for c in classes {
                out.push_str(&format!("(?=[{c}]*$)"));
            }
            for f in forms {
                out.push_str(&format!("(?=(?:{f})$)"));
            }
            out.push_str(&format!("(?:{})$", declared.unwrap_or(".*")));
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cfn::Expr;

    fn of(json: serde_json::Value) -> Vec<(String, Reach)> {
        feeds(&Expr::from_value(&json))
    }

    #[test]
    fn a_ref_is_the_whole_value_and_sub_parts_count_the_fixed_text() {
        assert_eq!(
            of(serde_json::json!({"Ref": "Name"})),
            [("Name".to_owned(), Reach::Whole)]
        );
        assert_eq!(
            of(serde_json::json!({"Fn::Sub": "${Env}-app-${AWS::Region}"})),
            [("Env".to_owned(), Reach::Part { literal: 5 })]
        );
        assert_eq!(
            of(
                serde_json::json!({"Fn::If": ["Prod", {"Ref": "A"}, {"Fn::Join": ["-", ["x", {"Ref": "B"}]]}]})
            ),
            [
                ("A".to_owned(), Reach::Whole),
                ("B".to_owned(), Reach::Part { literal: 2 })
            ]
        );
        assert!(of(serde_json::json!({"Fn::ImportValue": {"Ref": "Export"}})).is_empty());
    }

    #[test]
    fn patterns_combine_as_lookaheads() {
        assert_eq!(allowed_pattern(None, &[], &[]), None);
        assert_eq!(
            allowed_pattern(None, &["a-z"], &[]).as_deref(),
            Some("^[a-z]*$")
        );
        assert_eq!(
            allowed_pattern(Some("prod|test"), &["a-z", "a-t"], &[]).as_deref(),
            Some("^(?=[a-z]*$)(?=[a-t]*$)(?:prod|test)$")
        );
        assert_eq!(
            allowed_pattern(None, &[], &["a/b"]).as_deref(),
            Some("^(?:a/b)$")
        );
        assert_eq!(
            allowed_pattern(None, &["a-z/"], &["a/b"]).as_deref(),
            Some("^(?=[a-z/]*$)(?=(?:a/b)$)(?:.*)$")
        );
    }
}
