//! CP-NAME-6: a pipeline variable name with a space.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            variables: ["deploy target" = "prod"],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
