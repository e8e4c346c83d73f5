//! CP-NAME-10: two actions of one name must exclude each other, not merely both have conditions.
use vsm::stream;

fn main() {
    let _stream = stream! {
        pipeline "app" {
            parameters: [Env { default: "test", allowed_values: [test, prod, staging] }],
            conditions: [
                IsProd = !Equals [!Ref Env, "prod"],
                IsStaging = !Equals [!Ref Env, "staging"],
            ],
        }

        source "Source" {
            connection "App" { provider: GitHub, repository: "acme/app", branch: "main", outputs: [Src] }
        }

        stage "Deploy" {
            mock "Release" { when: IsProd }
          | mock "Release" { when: IsStaging }
          | mock "Always"
        }
    };
}
