//! CP-ART-12: a source code scan without the code to scan.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Scan" {
            inspector_scan "Scan" { mode: SourceCodeScan, outputs: Sbom }
        }
    };
}
