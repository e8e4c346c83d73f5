//! CP-TRIG-4: two triggers on one source action.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            triggers: [
                App { push: { branches: ["main"] } },
                App { push: { tags: ["v*"] } },
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
