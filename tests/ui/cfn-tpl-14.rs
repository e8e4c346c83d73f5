//! CFN-TPL-14: a template parameter the stream names is not the logical id of a resource the template creates.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", connection_parameter: "Pipeline", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
