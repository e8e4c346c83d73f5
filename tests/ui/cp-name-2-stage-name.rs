//! CP-NAME-2: a stage name has a character CodePipeline refuses.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build/Test" {
            mock "Unit"
        }
    };
}
