//! `lambda_invoke`: the condition holds when a Lambda function says so.

use crate::kit::arn::{self, Part};
use crate::kit::{rule_type, Entry, Grants, RuleType};
use crate::model::{Stream, Text, Value};

rule_type! {
    /// A Lambda function check: the rule invokes an existing function, which decides whether
    /// the condition is met.
    #[rule(lambda_invoke)]
    pub struct LambdaInvoke {
        required {
            /// The function's name or ARN.
            function: Text,
        }
        optional {
            /// Text passed to the function as `UserParameters`.
            user_parameters: Option<Text>,
        }
    }
}

impl RuleType for LambdaInvoke {
    const PROVIDER: &'static str = "LambdaInvoke";
    const SKIPS: bool = true;

    fn configuration(&self) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::of("FunctionName", "function", &self.function)];
        out.extend(Entry::of_opt(
            "UserParameters",
            "user_parameters",
            &self.user_parameters,
        ));
        out
    }

    /// `lambda:InvokeFunction` on the function.
    fn grant(&self, grants: &mut Grants, _stream: &Stream, region: Option<&Text>) {
        let function = match (&self.function, region) {
            (Value::Lit(f), Some(r)) if !f.starts_with("arn:") => arn::regional_in(
                "lambda",
                Some(r),
                &[Part::Lit("function:"), Part::Val(&self.function)],
            ),
            _ => arn::lambda_function_of(&self.function),
        };
        grants.allow("InvokeGateFunctions", &["lambda:InvokeFunction"], function);
    }
}
