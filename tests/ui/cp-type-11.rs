//! CP-TYPE-11: at most 10 environment variables, values 1–1000 characters.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            commands "Step" { commands: ["env"], environment: { V0: "x", V1: "x", V10: "x", V2: "x", V3: "x", V4: "x", V5: "x", V6: "x", V7: "x", V8: "x", V9: "x" }, inputs: [Src] }
        }
    };
}
