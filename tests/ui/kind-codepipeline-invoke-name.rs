//! CP-CONF-35: a pipeline invoke whose pipeline name has a space.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Release" {
            codepipeline_invoke "Downstream" { pipeline: "shop deploy" }
        }
    };
}
