//! CP-NAME-11: two actions produce the same artifact.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
        }

        stage "Build" {
            codebuild "Compile" { in: Src, out: App }
            codebuild "Package" { in: Src, out: App }
        }
    };
}
