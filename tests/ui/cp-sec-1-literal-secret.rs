//! CP-SEC-1: a literal secret in a configuration.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Invoke" {
            custom "Hook" {
                category: Invoke, owner: Custom, provider: "Webhook",
                config: { SecretToken: "hunter2" },
            }
        }
    };
}
