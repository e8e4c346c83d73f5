//! CP-CONF-10: an ECS deploy timeout over an hour.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            ecs "Service" { cluster: "shop", service: "web", inputs: Src, timeout: 2h }
        }
    };
}
