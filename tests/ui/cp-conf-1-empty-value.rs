//! CP-CONF-1: an empty configuration value.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Invoke" {
            lambda "Notify" { function: "" }
        }
    };
}
