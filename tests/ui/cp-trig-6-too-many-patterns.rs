//! CP-TRIG-6: nine branch patterns in one filter.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [App { push: { branches: ["a", "b", "c", "d", "e", "f", "g", "h", "i"] } }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
