//! CP-TRIG-12: a filter pattern list holds each pattern once.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            triggers: [App { push: [{ branches: ["main", "release/*", "main"] }] }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
