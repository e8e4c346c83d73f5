//! The pipeline name comes first.
use vsm::stream;

fn main() {
    let _stream = stream! {
        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }
        stage "Build" {
            mock "Unit"
        }
    };
}
