//! CP-ART-3: output files: 1–10 patterns of 1–128 characters, on an output artifact.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            commands "Step" { commands: ["make"], files: ["dist/**/*"], inputs: [Src] }
        }
    };
}
