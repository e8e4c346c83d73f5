//! CP-NAME-6: a pipeline variable name with a space.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            variable: "deploy target" = "prod",
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", out: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
