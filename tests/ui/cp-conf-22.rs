//! CP-CONF-22: stack set targets: account ids (self-managed) or OU/root ids; Regions as codes.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            stackset "Step" { stack_set: "guardrails", template: "Src::baseline.yaml", targets: ["1234"], regions: ["eu-west-1"] }
        }
    };
}
