//! VSM-PROP-1: properties that exclude each other are not both set (`role_arn`/`role_parameter`, `buildspec`/`buildspec_inline`).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            codebuild "Build" { buildspec: "a.yml", buildspec_inline: "version: 0.2", inputs: [Src] }
        }
    };
}
