//! CP-ART-1: an artifact listed twice in one action.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codebuild "Compile" { inputs: [Src, Src], primary_source: Src }
        }
    };
}
