//! CP-CONF-14: an S3 deploy that keeps the zip needs its object key.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Publish" {
            s3_deploy "Site" { bucket: "acme-site", extract: false, inputs: Src }
        }
    };
}
