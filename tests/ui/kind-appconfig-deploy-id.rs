//! CP-CONF-38: an AppConfig deploy that names its application instead of giving its id.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "p"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: Src }
        }

        stage "Deploy" {
            appconfig_deploy "Flags" { application: "MyApp", environment: "9tm27yd", configuration_profile: "pvjrpu1", path: "flags.json", inputs: Src }
        }
    };
}
