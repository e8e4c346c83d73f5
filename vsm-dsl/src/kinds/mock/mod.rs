//! `mock`: a step that is on the map but not (yet) automated. It invokes the template's one
//! shared function, which reports success to CodePipeline at once; in a simulated stream it
//! waits its modelled time instead ([`simulate`]).

pub mod simulate;

use serde_json::json;

use super::lambda::LAMBDA_ARTIFACTS;
use super::step_functions::StepFunctions;
use crate::catalogue::CP_ART_2;
use crate::cfn::{Expr, Function, LogGroup, Policy, PolicyDocument, Resource, Role, Statement};
use crate::diagnostic::{Field, Violation};
use crate::kit::{
    checkov_skip, emitted, kind, required, unscoped, ActionEmit, Artifacts, At, ConfigCx,
    ConfigKeySpec, Entry, Generated, Kind, ReadBack, LOG_DAYS,
};
use crate::model::{ActionType, Category, Stream};

/// Runtime of the template's mock function (checked against the Lambda runtime lifecycle,
/// LMB-1 to LMB-4, when the template is emitted).
pub const MOCK_RUNTIME: &str = "python3.13";

/// Logical id (before the prefix) of the shared mock function.
const MOCK_STEP: &str = "MockStep";
/// Logical id of its role.
const MOCK_STEP_ROLE: &str = "MockStepRole";
/// Logical id of its log group.
const MOCK_STEP_LOGS: &str = "MockStepLogs";

/// Reports success to CodePipeline at once: the step exists on the map, not in reality.
const CODE: &str = "import boto3\n\ncodepipeline = boto3.client(\"codepipeline\")\n\n\ndef handler(event, context):\n    codepipeline.put_job_success_result(jobId=event[\"CodePipeline.job\"][\"id\"])\n";

kind! {
    /// A mock step: invokes the template's shared function, which reports success at once,
    /// so the step shows on the map in the console before it is automated.
    #[kind(mock, step)]
    pub struct Mock {}
}

impl Kind for Mock {
    const TYPES: &'static [ActionType<'static>] = &[ActionType::aws(Category::Invoke, "Lambda")];
    const ARTIFACTS: Option<Artifacts> = Some(LAMBDA_ARTIFACTS);
    // Its resource (the project, the shared function) is in the pipeline's template.
    const REACH: crate::kit::Reach = crate::kit::Reach::HOME;
    const CONFIG_KEYS: &'static [ConfigKeySpec] = &[required("FunctionName")];

    fn emitted_type(&self, stream: &Stream) -> ActionType<'_> {
        match stream.settings.simulate {
            Some(_) => <StepFunctions as Kind>::TYPES[0],
            None => Kind::action_type(self),
        }
    }

    fn configuration<'a>(&'a self, cx: &ConfigCx<'a>) -> Vec<Entry<'a>> {
        match &cx.stream.settings.simulate {
            Some(scale) => simulate::configuration(cx.action, scale),
            None => vec![Entry::generated("FunctionName", |cx| {
                Expr::reference(mock_function(cx))
            })],
        }
    }

    /// CP-ART-2 for a simulated stream: each mock step runs as a Step Functions invoke
    /// ([`simulate`]), which takes fewer artifacts than a Lambda invoke.
    fn check(&self, at: &At<'_>, stream: &Stream, out: &mut Vec<Violation>) {
        let Some(bounds) = <StepFunctions as Kind>::ARTIFACTS else {
            return;
        };
        let inputs = at.action.all_inputs().len();
        let outputs = at.action.outputs.len();
        if stream.settings.simulate.is_some()
            && (inputs > bounds.inputs.1 || outputs > bounds.outputs.1)
        {
            out.push(Violation::error(
                CP_ART_2,
                at.loc(Field::Kind),
                format!(
                    "with `simulate`, a mock step runs as a Step Functions invoke, which takes at most {} input and {} output artifact(s), not {inputs} and {outputs} ({})",
                    bounds.inputs.1, bounds.outputs.1, bounds.row
                ),
                "give this step at most one input and one output artifact, or leave `simulate` unset",
            ));
        }
    }

    fn resource_ids(&self, cx: &ConfigCx<'_>) -> Vec<(String, String)> {
        let mut ids = vec![
            (MOCK_STEP_LOGS, "the mock-step function's log group"),
            (MOCK_STEP_ROLE, "the mock-step function's role"),
            (MOCK_STEP, "the mock-step function"),
        ];
        if cx.stream.settings.simulate.is_some() {
            ids.extend(simulate::RESOURCES);
        }
        ids.into_iter()
            .map(|(id, what)| (id.to_owned(), what.to_owned()))
            .collect()
    }

    fn grant(&self, cx: &mut ActionEmit<'_, '_>, config: &[(String, Expr)]) {
        if let Some(Expr::Ref(id)) = emitted(config, "FunctionName") {
            cx.grants().allow(
                "InvokeFunctions",
                &["lambda:InvokeFunction"],
                Expr::get_att(id, "Arn"),
            );
        }
        if let Some(Expr::Ref(machine)) = emitted(config, "StateMachineArn") {
            simulate::grant(cx, &machine);
        }
    }

    /// The function a `FunctionName` names: vsm's own mock function, or any function whose
    /// code only reports success (a stand-in step).
    fn read_generated(&self, g: &Generated<'_>) -> Option<ReadBack> {
        Some(ReadBack {
            what: "function",
            ours: g.id.is_some_and(|id| id.ends_with(MOCK_STEP))
                || g.resource.is_some_and(stand_in),
            props: Vec::new(),
        })
    }
}

/// A Lambda function whose inline code reports success and never failure: a stand-in step.
#[cfg_attr(not(feature = "import"), allow(dead_code))]
pub(crate) fn stand_in(resource: &Resource) -> bool {
    let code = resource
        .properties
        .to_value()
        .and_then(|p| p.get("Code")?.get("ZipFile")?.as_str().map(str::to_owned));
    resource.type_name() == "AWS::Lambda::Function"
        && code.is_some_and(|c| {
            c.contains("putJobSuccessResult") && !c.contains("putJobFailureResult")
        })
}

/// The shared function, its role and log group, made on first use; returns its logical id.
fn mock_function(cx: &mut ActionEmit<'_, '_>) -> String {
    if let Some(id) = cx.shared(MOCK_STEP) {
        return id;
    }
    let key_arn = cx.store().key_arn.clone();
    let logs = cx.resource(
        MOCK_STEP_LOGS,
        Resource::new(LogGroup {
            kms_key_id: Some(key_arn),
            retention_in_days: LOG_DAYS,
        })
        .retained(),
    );
    let mut assume = Statement::allow(["sts:AssumeRole"], Vec::new());
    assume.principal = Some(json!({"Service": "lambda.amazonaws.com"}));
    let role = Role {
        assume_role_policy_document: PolicyDocument::new(vec![assume]),
        description: "Lets the mock step function log and report success to CodePipeline"
            .to_owned(),
        policies: vec![Policy {
            policy_name: "MockStep".to_owned(),
            policy_document: PolicyDocument::new(vec![
                Statement::allow(
                    ["logs:CreateLogStream", "logs:PutLogEvents"],
                    vec![Expr::get_att(&logs, "Arn")],
                )
                .sid("WriteLogs"),
                unscoped(
                    "ReportJobResult",
                    &[
                        "codepipeline:PutJobFailureResult",
                        "codepipeline:PutJobSuccessResult",
                    ],
                ),
            ]),
        }],
        role_name: None,
    };
    let role_id = cx.resource(MOCK_STEP_ROLE, Resource::new(role));
    let function = Function {
        code: json!({"ZipFile": CODE}),
        description: "Mock value-stream step: reports success to CodePipeline at once".to_owned(),
        handler: "index.handler".to_owned(),
        logging_config: json!({"LogGroup": Expr::reference(&logs)}),
        memory_size: 128,
        role: Expr::get_att(&role_id, "Arn"),
        runtime: MOCK_RUNTIME.to_owned(),
        timeout: 20,
    };
    let id = cx.resource(
        MOCK_STEP,
        Resource::new(function).with_metadata(checkov_skip(&[
            ("CKV_AWS_115", "reserving concurrency would take it from the account's other functions; pipeline steps run rarely"),
            ("CKV_AWS_116", "CodePipeline invokes the function synchronously, so a dead-letter queue never receives anything"),
            ("CKV_AWS_117", "the function only calls the CodePipeline API; a VPC would add NAT cost and no protection"),
        ])),
    );
    cx.uses_runtime(MOCK_RUNTIME);
    cx.remember(MOCK_STEP, &id);
    id
}
