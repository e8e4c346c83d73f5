//! CP-CONF-20: stack set properties of the other permission model are not set.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "guardrails", template: "Src::baseline.yaml", targets: ["123456789012"], regions: ["eu-west-1"], call_as: DELEGATED_ADMIN }
        }
    };
}
