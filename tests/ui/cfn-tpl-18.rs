//! CFN-TPL-18: every parameter, condition and mapping the stream declares is used.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            parameters: [Env],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
