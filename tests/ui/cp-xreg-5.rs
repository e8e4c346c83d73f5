//! CP-XREG-5: an action in another account with the role vsm creates there needs the pipeline's account and Region; in another Region without a given store, the pipeline's Region.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            cloudformation "Step" { stack: "app", mode: CREATE_UPDATE, template: "Src::t.yaml", inputs: [Src], account: "222222222222" }
        }
    };
}
