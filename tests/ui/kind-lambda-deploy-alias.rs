//! CP-CONF-31: traffic shifting without an alias to shift.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            lambda_deploy "Function" { function: "checkout", traffic: AllAtOnce, inputs: Src }
        }
    };
}
