//! CP-ART-6: a CloudFormation template path is `Artifact::path` (the artifact becomes an input).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            cloudformation "Deploy" { stack: "app", mode: CREATE_UPDATE, template: "t.yaml" }
        }
    };
}
