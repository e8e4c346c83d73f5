//! CP-NAME-8: environment variable names: 1–128 of [A-Za-z0-9_].
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            commands "Step" { commands: ["env"], environment: { "NODE-ENV": "x" }, inputs: [Src] }
        }
    };
}
