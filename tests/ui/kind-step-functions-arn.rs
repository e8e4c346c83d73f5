//! CP-CONF-16: a state machine named, not given by ARN.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Release" {
            step_functions "Flow" { state_machine: "release" }
        }
    };
}
