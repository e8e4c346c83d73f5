//! CFN-TPL-6: declared mappings: at most 200, each with 1–200 top-level keys mapping second-level keys to literal values.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline !FindInMap ["Sizes", !Ref "Env", "Image"] {
            parameters: [Env],
            mappings: [Sizes = { prod: { Image: !Ref "Env" } }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
