//! CP-CONF-29: CodeBuild environment variables: names 1–128 of [A-Za-z0-9_], not CODEBUILD_*, each once.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            codebuild "Step" { environment: { CODEBUILD_X: "1" }, inputs: [Src] }
        }
    };
}
