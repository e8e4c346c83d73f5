//! CP-NAME-13: `codepipeline` is a reserved namespace.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit" { namespace: codepipeline }
        }
    };
}
