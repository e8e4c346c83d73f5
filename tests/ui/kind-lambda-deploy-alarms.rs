//! CP-CONF-32: a Lambda deploy watching one alarm twice.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            lambda_deploy "Function" { function: "checkout", alarms: ["errors", "errors"], inputs: Src }
        }
    };
}
