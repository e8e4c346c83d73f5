//! CP-NAME-14: a pipeline variable declared twice.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            variables: [
                Env = "prod",
                Env = "beta",
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
