//! CP-CONF-21: stack set targets without Regions.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Accounts" {
            stackset "Baseline" {
                stack_set: "guardrails", template: "Src::baseline.yaml",
                targets: ["111111111111", "222222222222"],
            }
        }
    };
}
