//! A map that runs like the map (`simulate: "1h=1s"`): each mock step becomes a Step
//! Functions invoke of one shared state machine whose only work is a Wait state of the step's
//! modelled wait plus process time, scaled. Waiting costs nothing: no function runs idle.

use serde_json::json;

use crate::cfn::{Expr, Resource};
use crate::kit::{ActionEmit, Entry};
use crate::model::{Action, TimeScale};

/// Logical id (before the prefix) of the shared state machine.
pub(crate) const SIMULATED_STEP: &str = "SimulatedStep";
/// Logical id of its role.
pub(crate) const SIMULATED_STEP_ROLE: &str = "SimulatedStepRole";

/// The resources of a simulated stream, by logical id before the prefix, with what each is.
pub(crate) const RESOURCES: [(&str, &str); 2] = [
    (SIMULATED_STEP, "the simulated steps' state machine"),
    (
        SIMULATED_STEP_ROLE,
        "the simulated steps' state machine role",
    ),
];

/// The seconds a mock step runs at `scale`: its wait plus process time, scaled.
pub fn step_seconds(action: &Action, scale: &TimeScale) -> u64 {
    let a = &action.annotations;
    let modelled = a.wait_time.unwrap_or_default() + a.process_time.unwrap_or_default();
    scale.run_seconds(modelled)
}

/// The state machine's definition: wait the seconds the input gives, then succeed.
pub fn definition() -> serde_json::Value {
    json!({
        "Comment": "A simulated value-stream step: waits the step's modelled time, scaled",
        "StartAt": "Wait",
        "States": {
            "Wait": {"Type": "Wait", "SecondsPath": "$.seconds", "Next": "Done"},
            "Done": {"Type": "Succeed"}
        }
    })
}

/// The configuration of a simulated mock step: the shared state machine (made on first use)
/// and the step's seconds as its input.
pub(crate) fn configuration<'a>(action: &Action, scale: &TimeScale) -> Vec<Entry<'a>> {
    let seconds = step_seconds(action, scale);
    vec![
        Entry::generated("StateMachineArn", |cx| Expr::reference(state_machine(cx))),
        Entry::owned("Input", None, json!({"seconds": seconds}).to_string()),
    ]
}

/// The pipeline role's grants to start the state machine and watch its executions.
pub(crate) fn grant(cx: &mut ActionEmit<'_, '_>, machine: &str) {
    let executions = Expr::sub(format!(
        "arn:${{AWS::Partition}}:states:${{AWS::Region}}:${{AWS::AccountId}}:execution:${{{machine}.Name}}:*"
    ));
    let g = cx.grants();
    g.allow(
        "StartSimulatedSteps",
        &["states:DescribeStateMachine", "states:StartExecution"],
        Expr::reference(machine),
    );
    g.allow(
        "WatchSimulatedSteps",
        &["states:DescribeExecution"],
        executions,
    );
}

/// The shared state machine and its role (which needs no permission: the machine only
/// waits); returns the machine's logical id.
fn state_machine(cx: &mut ActionEmit<'_, '_>) -> String {
    if let Some(id) = cx.shared(SIMULATED_STEP) {
        return id;
    }
    let role = Resource::of_type(
        "AWS::IAM::Role",
        json!({
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "sts:AssumeRole",
                "Principal": {"Service": "states.amazonaws.com"}
            }]},
            "Description": "Runs the simulated steps' state machine, which only waits and calls nothing"
        }),
    );
    let role = cx.resource(SIMULATED_STEP_ROLE, role);
    let machine = Resource::of_type(
        "AWS::StepFunctions::StateMachine",
        json!({
            "Definition": definition(),
            "RoleArn": Expr::get_att(role, "Arn"),
            "StateMachineType": "STANDARD"
        }),
    );
    let id = cx.resource(SIMULATED_STEP, machine);
    cx.remember(SIMULATED_STEP, &id);
    id
}
