//! CP-VAR-2: an empty default value.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" { variables: Env = "" }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
