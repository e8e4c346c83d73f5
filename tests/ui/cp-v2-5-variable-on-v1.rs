//! CP-V2-5: a pipeline variable on a V1 pipeline.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" { pipeline_type: V1, variables: Env = "prod" }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
