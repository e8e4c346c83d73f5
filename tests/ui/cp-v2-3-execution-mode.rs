//! CP-V2-3: QUEUED on a V1 pipeline.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" { pipeline_type: V1, execution_mode: QUEUED }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
