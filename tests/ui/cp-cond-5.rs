//! CP-COND-5: a retry mode goes with RETRY on failure only.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            on_failure: { result: ROLLBACK, retry_mode: ALL_ACTIONS },
            mock "Step"
        }
    };
}
