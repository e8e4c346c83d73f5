//! CP-CONF-28: CodeBuild combines artifacts only in a batch build.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            codebuild "Step" { combine_artifacts: true, inputs: [Src] }
        }
    };
}
