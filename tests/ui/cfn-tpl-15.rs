//! CFN-TPL-15: one template parameter name takes one kind of value (a connection ARN or a role ARN).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", connection_parameter: "DeployDeployRoleArn", outputs: [Src] }
        }

        stage "Deploy" {
            cloudformation "Deploy" { stack: "app", mode: CREATE_UPDATE, template: "Src::t.yaml", inputs: [Src] }
        }
    };
}
