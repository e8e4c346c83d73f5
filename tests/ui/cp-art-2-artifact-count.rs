//! CP-ART-2: a CodeBuild action needs an input artifact.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codebuild "Compile" { outputs: App }
        }
    };
}
