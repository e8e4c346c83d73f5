//! CP-STRUCT-8: a source action outside the source stage.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            codecommit "Tools" { repository: "tools", branch: "main", outputs: Tools }
        }
    };
}
