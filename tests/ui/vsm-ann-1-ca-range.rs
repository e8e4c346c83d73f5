//! VSM-ANN-1: %C&A over 100.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit" { process: 10m, ca: 150% }
        }
    };
}
