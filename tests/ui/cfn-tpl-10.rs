//! CFN-TPL-10: every Ref, GetAtt, Sub variable, Condition, Fn::If and FindInMap names a parameter, resource, condition or mapping that exists.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline !Ref "Env"

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
