//! CP-COND-1: a before-entry or on-success condition has rules.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            before_entry: FAIL,
            mock "Step"
        }
    };
}
