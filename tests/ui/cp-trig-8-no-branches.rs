//! CP-TRIG-8: a pull-request filter without branches.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [App { pull_request: { events: [OPEN] } }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
