//! CP-STRUCT-8: a second source block.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }

        source "More" {
            ecr "Image" { repository: "base", outputs: Image }
        }
    };
}
