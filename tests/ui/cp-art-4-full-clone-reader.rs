//! CP-ART-4: a full clone read by something other than CodeBuild.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" {
                provider: GitHub, repository: "acme/app", branch: "main",
                full_clone: true, outputs: Src,
            }
        }

        stage "Build" {
            lambda "Scan" { function: "scan", inputs: Src }
        }
    };
}
