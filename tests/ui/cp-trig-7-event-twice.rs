//! CP-TRIG-7: a pull-request event listed twice.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [App { pull_request: { events: [OPEN, OPEN], branches: ["main"] } }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
