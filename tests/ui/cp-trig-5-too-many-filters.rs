//! CP-TRIG-5: four push filters in one trigger.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [
                App {
                    push: { branches: ["a"] },
                    push: { branches: ["b"] },
                    push: { branches: ["c"] },
                    push: { branches: ["d"] },
                },
            ],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
