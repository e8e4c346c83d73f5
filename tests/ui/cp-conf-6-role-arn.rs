//! CP-CONF-6: a role ARN that is not an IAM role ARN.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            cloudformation "Stack" {
                stack: "app", template: "Src::stack.yaml",
                role_arn: "arn:aws:iam::123:user/deployer",
            }
        }
    };
}
