//! CP-NAME-12: a namespace used twice.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit" { namespace: Tests }
            mock "Lint" { namespace: Tests }
        }
    };
}
