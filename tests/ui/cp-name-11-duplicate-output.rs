//! CP-NAME-11: two actions produce the same artifact.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codebuild "Compile" { inputs: Src, outputs: App }
            codebuild "Package" { inputs: Src, outputs: App }
        }
    };
}
