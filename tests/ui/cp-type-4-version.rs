//! CP-TYPE-4: a version with a dot.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Invoke" {
            custom "Flow" {
                category: Invoke, owner: AWS, provider: "StepFunctions", version: "1.0",
                config: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:flow" },
            }
        }
    };
}
