//! CFN-TPL-16: a declared condition is a condition function (Fn::Equals, Fn::And, Fn::Or, Fn::Not, Condition) that names no condition in a cycle.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline !If ["IsProd", "app", "app-test"] {
            parameters: [Env],
            conditions: [IsProd = !Ref "Env"],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
        }
    };
}
