//! CP-NAME-4: artifact names allow no dot.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codebuild "Compile" { inputs: Src, outputs: "app.zip" }
        }
    };
}
