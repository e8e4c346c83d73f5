//! CP-CONF-40: stack instances without the targets to deploy to.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            stack_instances "Accounts" { stack_set: "baseline", regions: ["eu-west-1"] }
        }
    };
}
