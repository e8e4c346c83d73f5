//! CP-CONF-41: a Device Farm test of a web app with a mobile test type.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Test" {
            device_farm "Devices" { project: "eec4905f", app_type: Web, device_pool: "arn:aws:devicefarm:us-west-2::devicepool:top", test_type: BUILTIN_FUZZ, inputs: Src }
        }
    };
}
