//! CP-CONF-26: stack set administration role ARN and execution role name formats.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "guardrails", template: "Src::baseline.yaml", administration_role_arn: "StackSetAdmin", targets: ["123456789012"], regions: ["eu-west-1"] }
        }
    };
}
