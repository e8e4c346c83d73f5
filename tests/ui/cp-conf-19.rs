//! CP-CONF-19: stack set name: a letter, then letters, digits and '-', at most 128.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "1-guardrails", template: "Src::baseline.yaml", targets: ["123456789012"], regions: ["eu-west-1"] }
        }
    };
}
