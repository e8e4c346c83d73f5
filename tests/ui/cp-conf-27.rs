//! CP-CONF-27: managed compute in a VPC: a VPC id with its subnets and security groups, all given together.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            commands "Step" { commands: ["make"], vpc: "vpc-0123456789abcdef0", subnets: ["subnet-0123456789abcdef0"], inputs: [Src] }
        }
    };
}
