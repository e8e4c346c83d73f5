//! CP-CONF-23: stack set failure tolerance 0–100%, concurrency 1–100%.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "guardrails", template: "Src::baseline.yaml", targets: ["123456789012"], regions: ["eu-west-1"], failure_tolerance: 101 }
        }
    };
}
