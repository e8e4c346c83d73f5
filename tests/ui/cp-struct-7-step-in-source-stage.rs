//! CP-STRUCT-7: a non-source action in the source stage.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
          | mock "Prepare"
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
