//! CP-STRUCT-7: the source block written after a stage.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        stage "Build" {
            codebuild "Compile" { inputs: Src }
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }
    };
}
