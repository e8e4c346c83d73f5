//! CP-V2-4: a trigger on a V1 pipeline.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p" {
            pipeline_type: V1,
            triggers: [App { push: { branches: ["main"] } }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
