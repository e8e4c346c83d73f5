//! CP-XREG-2: source actions and actions not owned by AWS run in the pipeline's Region.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            account: "111111111111",
            region: "eu-west-1",
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src], region: "us-east-1" }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
