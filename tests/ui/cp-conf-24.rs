//! CP-CONF-24: a stack set acknowledges CAPABILITY_IAM and CAPABILITY_NAMED_IAM only.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "guardrails", template: "Src::baseline.yaml", capabilities: [CAPABILITY_AUTO_EXPAND], targets: ["123456789012"], regions: ["eu-west-1"] }
        }
    };
}
