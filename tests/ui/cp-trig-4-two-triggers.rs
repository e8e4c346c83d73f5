//! CP-TRIG-4: two triggers on one source action.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            trigger: App { push: { branches: ["main"] } },
            trigger: App { push: { tags: ["v*"] } },
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
