//! CP-COND-4: on failure: ROLLBACK, RETRY or FAIL.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            on_failure: SKIP,
            mock "Step"
        }
    };
}
