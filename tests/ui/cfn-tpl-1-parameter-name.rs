//! CFN-TPL-1: a connection parameter that is not a logical id.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" {
                provider: GitHub, repository: "acme/app", branch: "main",
                connection_parameter: "connection-arn", outputs: Src,
            }
        }

        stage "Build" {
            mock "Unit"
        }
    };
}
