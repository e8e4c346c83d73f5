//! CP-ORDER-4: an input no action produces.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codebuild "Compile" { inputs: Source }
        }
    };
}
