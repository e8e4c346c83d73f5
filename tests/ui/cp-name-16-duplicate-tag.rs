//! CP-NAME-16: a tag key used twice.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            tags: [
                team = "payments",
                team = "checkout",
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
