//! The one shared mock function that every mock step invokes.

use serde_json::json;

use super::storage::{checkov_skip, Store};
use super::Emitter;
use crate::cfn::{Expr, Function, LogGroup, Policy, PolicyDocument, Resource, Role, Statement};
use crate::rules::MOCK_RUNTIME;

/// Reports success to CodePipeline at once: the step exists on the map, not in reality.
const CODE: &str = "import boto3\n\ncodepipeline = boto3.client(\"codepipeline\")\n\n\ndef handler(event, context):\n    codepipeline.put_job_success_result(jobId=event[\"CodePipeline.job\"][\"id\"])\n";

/// Log retention of the mock function and CodeBuild projects.
pub(crate) const LOG_DAYS: u32 = 365;

/// Adds the mock function, its role and log group if not there yet; returns the function's id.
pub(crate) fn mock_function(e: &mut Emitter<'_>, store: &Store) -> String {
    if let Some(id) = &e.mock {
        return id.clone();
    }
    let logs = e.resource(
        "MockStepLogs",
        Resource::new(LogGroup {
            kms_key_id: Some(store.key_arn.clone()),
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
                Statement::allow(
                    [
                        "codepipeline:PutJobFailureResult",
                        "codepipeline:PutJobSuccessResult",
                    ],
                    vec![Expr::str("*")],
                )
                .sid("ReportJobResult"),
            ]),
        }],
    };
    let role_id = e.resource("MockStepRole", Resource::new(role));
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
    let id = e.resource(
        "MockStep",
        Resource::new(function).with_metadata(checkov_skip(&[
            ("CKV_AWS_115", "reserving concurrency would take it from the account's other functions; pipeline steps run rarely"),
            ("CKV_AWS_116", "CodePipeline invokes the function synchronously, so a dead-letter queue never receives anything"),
            ("CKV_AWS_117", "the function only calls the CodePipeline API; a VPC would add NAT cost and no protection"),
        ])),
    );
    e.grants.allow(
        "InvokeFunctions",
        &["lambda:InvokeFunction"],
        Expr::get_att(&id, "Arn"),
    );
    e.mock = Some(id.clone());
    id
}
