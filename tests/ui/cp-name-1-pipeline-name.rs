//! CP-NAME-1: the pipeline name has a space.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "my pipeline"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
