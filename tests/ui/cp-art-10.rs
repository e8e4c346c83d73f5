//! CP-ART-10: Step Functions FilePath input reads exactly one input artifact.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            step_functions "Step" { state_machine: "arn:aws:states:eu-west-1:123456789012:stateMachine:release", input_type: FilePath, input: "in.json" }
        }
    };
}
