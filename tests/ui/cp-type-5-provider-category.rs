//! CP-TYPE-5: a known provider in the wrong category.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            custom "Build" { category: Deploy, owner: AWS, provider: "CodeBuild", inputs: Src }
        }
    };
}
