//! CP-CONF-5: parameter overrides that are not a JSON object.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            cloudformation "Stack" {
                stack: "app", template: "Src::stack.yaml",
                parameter_overrides: "Stage=prod",
            }
        }
    };
}
