//! CP-ART-9: a stack set template is `Artifact::path` (the artifact becomes an input).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "guardrails", template: "baseline.yaml", targets: ["123456789012"], regions: ["eu-west-1"], inputs: [Src] }
        }
    };
}
