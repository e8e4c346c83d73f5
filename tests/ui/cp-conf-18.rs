//! CP-CONF-18: Commands: Windows containers need more than the small compute type.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            commands "Step" { commands: ["dir"], environment_type: WINDOWS_SERVER_2022_CONTAINER, inputs: [Src] }
        }
    };
}
