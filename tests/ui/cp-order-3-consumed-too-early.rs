//! CP-ORDER-3: an artifact read by an action in parallel with its producer.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codebuild "Compile" { inputs: Src, outputs: App }
              | codebuild "Package" { inputs: App }
        }
    };
}
