//! `lambda`: an invoke of an existing Lambda function.

use crate::cfn::Expr;
use crate::kit::arn;
use crate::kit::{kind, optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::model::Text;
use crate::model::{ActionType, Category};

/// Artifact counts of a Lambda invoke (CP-TYPE-M-24), shared with `mock`.
pub(crate) const LAMBDA_ARTIFACTS: Artifacts = Artifacts {
    row: "CP-TYPE-M-24",
    inputs: (0, 5),
    outputs: (0, 5),
};

kind! {
    /// Invoke of an existing Lambda function, which reports its result to CodePipeline.
    #[kind(lambda, step)]
    pub struct Lambda {
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

impl Kind for Lambda {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Invoke, "Lambda")];
    const ARTIFACTS: Option<Artifacts> = Some(LAMBDA_ARTIFACTS);
    const CONFIG_KEYS: &'static [crate::kit::ConfigKeySpec] =
        &[required("FunctionName"), optional("UserParameters")];

    fn configuration<'a>(&'a self, _cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        let mut out = vec![Entry::of("FunctionName", "function", &self.function)];
        out.extend(Entry::of_opt(
            "UserParameters",
            "user_parameters",
            &self.user_parameters,
        ));
        out
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        cx.grants().allow(
            "InvokeFunctions",
            &["lambda:InvokeFunction"],
            arn::lambda_function_of(&self.function),
        );
    }
}
