//! CP-XREG-1: Regions (of actions, the pipeline and artifact stores) are Region codes of 4–30 characters.
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
            cloudformation "Step" { stack: "app", mode: CREATE_UPDATE, template: "Src::t.yaml", inputs: [Src], region: "Ireland" }
        }
    };
}
