//! CP-ART-11: a Lambda deploy with no code and no published version to deploy.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            lambda_deploy "Function" { function: "checkout" }
        }
    };
}
