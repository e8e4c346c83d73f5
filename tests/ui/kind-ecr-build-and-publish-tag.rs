//! CP-CONF-33: an image tag that starts with '-'.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            ecr_build_and_publish "Image" { repository: "shop/web", tags: ["-latest"], inputs: Src }
        }
    };
}
