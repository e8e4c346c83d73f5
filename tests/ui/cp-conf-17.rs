//! CP-CONF-17: Step Functions execution name prefix: 1–43 characters an execution name may hold.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            step_functions "Step" { state_machine: "arn:aws:states:eu-west-1:123456789012:stateMachine:release", execution_name_prefix: "my release" }
        }
    };
}
