//! CP-NAME-9: two stages with one name; the second is underlined.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }

        stage "Build" {
            mock "Lint"
        }
    };
}
