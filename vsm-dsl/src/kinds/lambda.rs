//! `lambda`: an invoke of an existing Lambda function.

use super::{optional, required, ActionEmit, Artifacts, ConfigCx, Entry, Kind};
use crate::builder::ActionBuilder;
use crate::cfn::Expr;
use crate::emit::arn;
use crate::model::{ActionType, Category};

/// Artifact counts of a Lambda invoke (CP-TYPE-M-24), shared with `mock`.
pub(crate) const LAMBDA_ARTIFACTS: Artifacts = Artifacts {
    row: "CP-TYPE-M-24",
    inputs: (0, 5),
    outputs: (0, 5),
};

kind! {
    /// Invoke of an existing Lambda function, which reports its result to CodePipeline.
    #[place(step)]
    pub struct Lambda {
        /// The function's name or ARN.
        function: String,
        /// Text passed to the function as `UserParameters`.
        user_parameters: Option<String>,
    }
}

/// An invoke of an existing Lambda function.
pub fn lambda(name: impl Into<String>, function: impl Into<String>) -> ActionBuilder<Lambda> {
    ActionBuilder::new(
        name,
        Lambda {
            function: function.into(),
            user_parameters: None,
        },
    )
}

impl Kind for Lambda {
    const KEYWORD: &'static str = "lambda";
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Invoke, "Lambda")];
    const ARTIFACTS: Option<Artifacts> = Some(LAMBDA_ARTIFACTS);
    const CONFIG_KEYS: &'static [super::ConfigKeySpec] =
        &[required("FunctionName"), optional("UserParameters")];

    fn configuration(&self, _cx: &ConfigCx<'_>) -> Vec<Entry<'_>> {
        let mut out = vec![Entry::text("FunctionName", "function", &self.function)];
        out.extend(Entry::opt("UserParameters", "user_parameters", &self.user_parameters));
        out
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, _config: &[(String, Expr)]) {
        cx.grants().allow(
            "InvokeFunctions",
            &["lambda:InvokeFunction"],
            arn::lambda_function(&self.function),
        );
    }
}
