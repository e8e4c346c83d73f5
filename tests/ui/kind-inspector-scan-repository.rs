//! CP-CONF-34: an ECR image scan that names no repository.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Scan" {
            inspector_scan "Scan" { mode: ECRImageScan, outputs: Sbom }
        }
    };
}
