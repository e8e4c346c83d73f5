//! CP-CONF-36: an EC2 deploy with neither scripts nor a deploy spec.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            ec2_deploy "Fleet" { tag_key: "app", instance_type: EC2, inputs: Src }
        }
    };
}
