//! CP-V2-7: the Commands action on a V1 pipeline.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" { pipeline_type: V1 }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            custom "Run" { category: Compute, owner: AWS, provider: "Commands", inputs: Src }
        }
    };
}
