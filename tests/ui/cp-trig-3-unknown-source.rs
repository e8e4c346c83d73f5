//! CP-TRIG-3: a trigger on an action that is not in the source stage.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [Web { push: { branches: ["main"] } }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
