//! CP-XREG-4: an action in another account uses artifact stores encrypted with a KMS key it can be granted.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            account: "111111111111",
            region: "eu-west-1",
            artifact_stores: [{ region: "us-east-1", bucket: "acme-artifacts-us" }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            cloudformation "Step" { stack: "app", mode: CREATE_UPDATE, template: "Src::t.yaml", inputs: [Src], account: "222222222222", region: "us-east-1" }
        }
    };
}
