//! CP-CONF-4: CREATE_UPDATE without a template.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            cloudformation "Stack" { stack: "app", mode: CREATE_UPDATE }
        }
    };
}
