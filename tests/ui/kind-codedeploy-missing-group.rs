//! A CodeDeploy action without its deployment group.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            codedeploy "Fleet" { application: "shop", inputs: Src }
        }
    };
}
