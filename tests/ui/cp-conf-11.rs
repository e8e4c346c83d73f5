//! CP-CONF-11: ECS cluster and service names: 1–255 of [A-Za-z0-9_-].
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            ecs "Step" { cluster: "my cluster", service: "web", inputs: [Src] }
        }
    };
}
