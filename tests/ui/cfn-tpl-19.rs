//! CFN-TPL-19: declared parameters: unique names, a known Type, Default and AllowedValues within 4,096 bytes and the parameter's own bounds, Description within 4,000 characters.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline !Sub "${Env}-app" {
            parameters: [Env { param_type: "Strin" }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
