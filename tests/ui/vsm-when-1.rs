//! VSM-WHEN-1: a step is not both present and absent under one condition.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            parameters: [Env { default: "test", allowed_values: [test, prod] }],
            conditions: [IsProd = !Equals [!Ref Env, "prod"]],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Build" {
            mock "Step"
            mock "Gate" { when: IsProd, unless: IsProd }
        }
    };
}
