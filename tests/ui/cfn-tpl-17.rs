//! CFN-TPL-17: a parameter that feeds a checked value keeps to the value's rule: its bounds leave a value the rule accepts, its default and allowed values pass the rule (the rule becomes the parameter's constraints).
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline !Ref "Env" {
            parameters: [Env { min_length: 101 }],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
