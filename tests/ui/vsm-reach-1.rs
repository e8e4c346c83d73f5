//! VSM-REACH-1: an action runs in another account or Region only if its kind can (its resources are in the pipeline's template).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            account: "111111111111",
            region: "eu-west-1",
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step" { account: "222222222222" }
        }
    };
}
