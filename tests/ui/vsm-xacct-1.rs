//! VSM-XACCT-1: accounts are 12 digits; an action role is an IAM role ARN in the action's account.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            account: "111111111111",
            region: "eu-west-1",
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            cloudformation "Step" { stack: "app", mode: CREATE_UPDATE, template: "Src::t.yaml", inputs: [Src], account: "22222222222" }
        }
    };
}
